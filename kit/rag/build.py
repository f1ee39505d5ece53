"""`chatkit index`: build an index folder from kb.jsonl, or update one in place of a full rebuild."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit import __version__
from kit.console import info, warn
from kit.errors import ChatkitError
from kit.rag import expand, lexical, store, vectors
from kit.rag.config import RagConfig
from kit.rag.embed import Embedder
from kit.rag.index import adopt_embedder, check_embedder, with_manifest_prefixes
from kit.runfolder import sha256_file

if TYPE_CHECKING:
    import numpy as np

    from kit.data.schema import Passage


@dataclass
class BuildReport:
    out: str
    count: int
    index_type: str
    params: dict[str, int]
    embedder: str
    dim: int
    seconds: float
    embed_seconds: float
    bytes: int
    expanded: int  # KB chunks that got customers' questions attached

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class UpdateReport:
    out: str
    count: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # text changed: re-embedded
    reexpanded: list[str] = field(default_factory=list)  # same text, new expansion questions: re-embedded
    retouched: list[str] = field(default_factory=list)  # only source/meta changed: vectors kept
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _encode(
    embedder: Embedder, passages: Sequence[Passage], expansions: dict[str, list[str]], progress: bool
):
    """Vectors and keys of passages plus their expansion questions (keyed to their chunk), in one batch run."""
    import numpy as np

    questions = [(p.id, q) for p in passages for q in expansions.get(p.id, [])]
    # Questions are compared with questions: the query prefix keeps that symmetric for e5-style models.
    texts = [embedder.passage_prefix + p.text for p in passages] + [
        embedder.query_prefix + q for _, q in questions
    ]
    matrix = embedder.encode(texts, progress=progress)
    keys = np.concatenate(
        [
            vectors.passage_keys([p.id for p in passages]),
            vectors.passage_keys([pid for pid, _ in questions], unique=False),
        ]
    )
    return matrix, keys


def _expansions(passages: Sequence[Passage], cfg: RagConfig, retired: Sequence[Passage] = ()) -> dict[str, list[str]]:
    if not cfg.expand:
        return {}
    return expand.link_questions(
        [*passages, *retired], cfg.expand_ratio, cfg.expand_max, lexical.synonym_map(cfg.synonyms)
    )


def split_retired(passages: Sequence[Passage]) -> tuple[list[Passage], list[Passage]]:
    """(passages to index, retired Q->A pairs): a mined pair marked `meta.retired: true` records an outdated
    answer, so it is not indexed, but its question is still how customers ask for the chunk that now
    answers it: it still links to that chunk as an expansion question (else a policy update would take
    away exactly the updated chunks' questions)."""
    keep, retired = [], []
    for p in passages:
        (retired if p.meta.get("retired") is True and expand.qa_parts(p) else keep).append(p)
    return keep, retired


def split_indexed(passages: Sequence[Passage], cfg: RagConfig) -> tuple[list[Passage], list[Passage]]:
    """(passages to index, passages that only expand): retired Q->A pairs (split_retired) and, with
    `rag.mined: false`, every mined pair; their questions still link to the chunks that answer them."""
    keep, expanders = split_retired(passages)
    if not cfg.mined:
        expanders += [p for p in keep if not expand.is_kb(p)]
        keep = [p for p in keep if expand.is_kb(p)]
    return keep, expanders


def build_index(
    kb: str | Path | Sequence[Passage],
    out: str | Path,
    cfg: RagConfig | None = None,
    embeddings: np.ndarray | None = None,
) -> BuildReport:
    """Embed every passage, build FAISS + BM25 and write `out` atomically (the old index stays until the swap).

    Args:
        embeddings: precomputed passage vectors (benches); they must come from cfg.embedder, normalised.
    """
    cfg = cfg or RagConfig()
    start = time.perf_counter()
    passages, retired = split_indexed(store.read_passages(kb) if isinstance(kb, (str, Path)) else list(kb), cfg)
    if not passages:
        raise ChatkitError(
            "no passages to index (the KB is empty" + (", and rag.mined is false: no KB chunk)" if not cfg.mined else ")")
        )
    vectors.passage_keys([p.id for p in passages])  # fail early on a hash collision
    store.check_replaceable(Path(out))
    embedder = Embedder(cfg)
    kind = vectors.choose_type(len(passages), cfg)
    expansions = _expansions(passages, cfg, retired) if embeddings is None else {}
    info(f"indexing {len(passages)} passages with {embedder.id} (dim {embedder.dim}), {kind} index")
    t = time.perf_counter()
    if embeddings is None:
        matrix, keys = _encode(embedder, passages, expansions, progress=True)
    elif embeddings.shape != (len(passages), embedder.dim):
        raise ChatkitError(
            f"embeddings of shape {embeddings.shape} for {len(passages)} passages of dim {embedder.dim}"
        )
    else:
        matrix, keys = embeddings, vectors.passage_keys([p.id for p in passages])
    embed_seconds = time.perf_counter() - t
    index, params = vectors.build(matrix, keys, kind, cfg)
    del matrix
    manifest = _manifest(cfg, embedder, kind, params, passages, expansions, index.ntotal, created=_now())
    size = _write(Path(out), passages, expansions, index, cfg, manifest, retired)
    return BuildReport(
        out=str(out),
        count=len(passages),
        index_type=kind,
        params=params,
        embedder=embedder.id,
        dim=embedder.dim,
        seconds=round(time.perf_counter() - start, 3),
        embed_seconds=round(embed_seconds, 3),
        bytes=size,
        expanded=len(expansions),
    )


def update_index(
    kb: str | Path | Sequence[Passage], out: str | Path, cfg: RagConfig | None = None
) -> UpdateReport:
    """Make the index at `out` hold exactly the passages of `kb`: upsert by id, delete the missing ids.

    Only new or re-worded passages (and chunks whose expansion questions changed) are embedded; FAISS
    vectors are removed/added in place, the rest is kept as is; BM25 is rebuilt (cheap). The folder is
    swapped atomically like a build.
    """
    start = time.perf_counter()
    folder = store.resolve_folder(out)
    manifest = store.read_manifest(folder)
    cfg = adopt_embedder(cfg, manifest)
    cfg = cfg.model_copy(update={"mined": manifest.get("mined", True)})  # the index's own: see RagConfig.mined
    new, retired = split_indexed(store.read_passages(kb) if isinstance(kb, (str, Path)) else list(kb), cfg)
    if not new:
        raise ChatkitError(
            "no passages in the update (the KB is empty)", "an update file is the whole new KB"
        )
    vectors.passage_keys([p.id for p in new])  # hash-collision check over the new id set
    old = {p.id: p for p in store.load_passages(folder)}
    old_expansions = store.load_expansions(folder)
    expansions = _expansions(new, cfg, retired)
    report = UpdateReport(out=str(out), count=len(new))
    for p in new:
        before = old.get(p.id)
        if before is None:
            report.added.append(p.id)
        elif before.text != p.text:
            report.changed.append(p.id)
        elif expansions.get(p.id, []) != old_expansions.get(p.id, []):
            report.reexpanded.append(p.id)
        elif before.meta != p.meta or before.source != p.source:
            report.retouched.append(p.id)
        else:
            report.unchanged += 1
    ids = {p.id for p in new}
    report.removed = [pid for pid in old if pid not in ids]
    if not (report.added or report.changed or report.reexpanded or report.retouched or report.removed):
        report.seconds = round(time.perf_counter() - start, 3)
        return report
    kind, params = manifest["index_type"], manifest.get("params") or {}
    index = vectors.load(folder / store.VECTORS, kind, params)
    # the index's own prefixes and dtype: new vectors must sit with the old ones
    embedder = Embedder(with_manifest_prefixes(cfg.model_copy(update={"dtype": None}), manifest))
    check_embedder(folder, manifest, embedder)
    stale = report.changed + report.reexpanded + report.removed
    index = vectors.remove(index, kind, vectors.passage_keys(stale), params)
    fresh = set(report.added) | set(report.changed) | set(report.reexpanded)
    to_embed = [p for p in new if p.id in fresh]
    if to_embed:
        matrix, keys = _encode(embedder, to_embed, expansions, progress=True)
        vectors.add(index, matrix, keys)
    expected = len(new) + sum(len(q) for q in expansions.values())
    if index.ntotal != expected:
        raise ChatkitError(
            f"{folder}: {index.ntotal} vectors after the update, expected {expected}", store.REBUILD
        )
    updated = _manifest(
        cfg, embedder, kind, params, new, expansions, index.ntotal, manifest.get("created", _now())
    )
    _write(Path(out), new, expansions, index, cfg, updated, retired)
    if vectors.choose_type(len(new), cfg) != kind:
        report.note = (
            f"{len(new)} passages now suit a '{vectors.choose_type(len(new), cfg)}' index; rebuild with --kb"
        )
        warn(report.note)
    report.seconds = round(time.perf_counter() - start, 3)
    return report


def _manifest(
    cfg: RagConfig,
    embedder: Embedder,
    kind: str,
    params: dict,
    passages: Sequence[Passage],
    expansions: dict[str, list[str]],
    total_vectors: int,
    created: str,
) -> dict:
    return {
        "chatkit": __version__,
        "created": created,
        "updated": _now(),
        "embedder": {
            "id": embedder.id,
            "dim": embedder.dim,
            "query_prefix": embedder.query_prefix,
            "passage_prefix": embedder.passage_prefix,
            "fingerprint": embedder.fingerprint(),
            "dtype": embedder.dtype,
            "normalized": True,
        },
        "metric": "inner_product",  # on L2-normalised vectors: cosine similarity
        "count": len(passages),
        "mined": cfg.mined,  # mined Q->A pairs indexed as passages (false: they only expand KB chunks)
        "vectors": total_vectors,  # passages + expansion questions (keyed to their chunk)
        "index_type": kind,
        "params": params,
        "bm25": {
            "library": "bm25s",
            "k1": cfg.bm25_k1,
            "b": cfg.bm25_b,
            "ngrams": cfg.bm25_ngrams,
            "analysis": lexical.ANALYSIS,
        },
        "expansion": {
            "chunks": len(expansions),
            "questions": sum(len(q) for q in expansions.values()),
            "ratio": cfg.expand_ratio,
            "max": cfg.expand_max,
        },
    }


def _write(
    out: Path,
    passages: Sequence[Passage],
    expansions: dict[str, list[str]],
    index: Any,
    cfg: RagConfig,
    manifest: dict,
    expanders: Sequence[Passage] = (),
) -> int:
    """Write the folder atomically; returns its size in bytes. With rag.mined false the mined pairs that only
    expand (`expanders`) are kept beside the passages, so an update built from KB pages alone (compare's
    freshness) still has their questions."""
    bm25 = lexical.Lexical.build(
        [" ".join([p.text, *expansions.get(p.id, [])]) for p in passages],
        cfg.bm25_k1,
        cfg.bm25_b,
        lexical.synonym_map(cfg.synonyms),
        cfg.bm25_ngrams,
    )

    def fill(tmp: Path) -> None:
        store.write_jsonl(tmp / store.PASSAGES, (p.to_json() for p in passages))
        store.write_expansions(tmp, expansions)
        if not cfg.mined:
            store.write_jsonl(tmp / store.EXPANDERS, (p.to_json() for p in expanders))
        vectors.save(index, tmp / store.VECTORS)
        bm25.save(tmp)
        manifest["data_hash"] = sha256_file(tmp / store.PASSAGES)
        written.update(store.write_manifest(tmp, manifest)["files"])

    written: dict[str, dict] = {}
    store.write_folder(out, fill)
    return sum(f["bytes"] for f in written.values())
