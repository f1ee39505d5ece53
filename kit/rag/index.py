"""Hybrid retrieval over an index folder: dense (FAISS) + BM25, fused by reciprocal rank.

Library API (used by compare and chat):
    index = load_index("out/shop/index", cfg)        # cfg: RagConfig | None (None: the manifest's embedder)
    hits = index.search("¿cuánto tarda el envío?", k=5)          # mode from cfg, hybrid by default
    many = index.search_many(["...", "..."], k=5, mode="bm25")
Building and updating live in kit/rag/build.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import ChatkitError
from kit.rag import lexical, store, vectors
from kit.rag.config import RagConfig
from kit.rag.embed import Embedder, embedder_id

if TYPE_CHECKING:
    import numpy as np

    from kit.data.schema import Passage

MODES = ("dense", "bm25", "hybrid")


@dataclass
class Hit:
    """One retrieved passage. score: cosine (dense), BM25 (bm25) or fused RRF score (hybrid); rank from 1."""

    id: str
    score: float
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    rank: int = 1

    @property
    def page_id(self) -> str:
        """The KB page a chunk came from: meta.kb_id (what `chatkit prepare` writes), else the id before '#'."""
        return str(self.meta.get("kb_id") or self.meta.get("page_id") or self.id.split("#", 1)[0])

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 6),
            "text": self.text,
            "rank": self.rank,
            "meta": self.meta,
        }


class Index:
    """A loaded index folder. Build one with kit.rag.build.build_index; load it with load_index."""

    def __init__(self, folder: Path, manifest: dict[str, Any], passages: list[Passage], cfg: RagConfig):
        import numpy as np

        self.folder = folder
        self.manifest = manifest
        self.passages = passages
        self.cfg = cfg
        self.kind = manifest["index_type"]
        self.params = dict(manifest.get("params") or {})
        if self.kind == "ivf" and cfg.ivf_nprobe:
            self.params["nprobe"] = cfg.ivf_nprobe
        if self.kind == "hnsw":
            self.params["efSearch"] = cfg.hnsw_ef_search
        self.vectors = vectors.load(folder / store.VECTORS, self.kind, self.params)
        self.lexical = lexical.Lexical.load(folder)
        keys = vectors.passage_keys([p.id for p in passages])
        expected = manifest.get("vectors", len(passages))
        if self.vectors.ntotal != expected or self.lexical.count != len(passages):
            raise ChatkitError(f"{folder}: vectors, BM25 and passages disagree on the count", store.REBUILD)
        # Expansion questions share their chunk's key: a dense search must look past repeats.
        self._repeats = expected - len(passages)
        self._per_chunk = int((manifest.get("expansion") or {}).get("max", 0))
        self._order = np.argsort(keys)
        self._sorted_keys = keys[self._order]
        self._embedder: Embedder | None = None

    def __len__(self) -> int:
        return len(self.passages)

    @property
    def embedder(self) -> Embedder:
        """The query embedder, loaded on first use and checked against the manifest's dimension."""
        if self._embedder is None:
            embedder = Embedder(self.cfg)
            check_embedder(self.folder, self.manifest, embedder)
            self._embedder = embedder
        return self._embedder

    def search(self, query: str, k: int, mode: str | None = None) -> list[Hit]:
        """The k best passages for one query."""
        return self.search_many([query], k, mode)[0]

    def search_many(self, queries: Sequence[str], k: int, mode: str | None = None) -> list[list[Hit]]:
        """The k best passages for each query (queries embedded in one batch)."""
        mode = mode or self.cfg.mode
        if mode not in MODES:
            raise ChatkitError(f"unknown retrieval mode '{mode}'", f"use one of {', '.join(MODES)}")
        if k < 1:
            raise ChatkitError(f"-k must be >= 1 (got {k})")
        if not queries:
            return []
        depth = k if mode != "hybrid" else max(k, self.cfg.candidates)
        dense = (
            self.dense_rows(self.embedder.encode_queries(list(queries)), depth) if mode != "bm25" else None
        )
        sparse = self.lexical.search_many(queries, depth) if mode != "dense" else None
        results = []
        for qi in range(len(queries)):
            if mode == "dense":
                ranked = _ranked(*dense, qi)
            elif mode == "bm25":
                ranked = _ranked(*sparse, qi)
            else:
                ranked = fuse(
                    [_ranked(*dense, qi), _ranked(*sparse, qi)],
                    self.cfg.rrf_k,
                    (self.cfg.dense_weight, self.cfg.bm25_weight),
                )
            results.append([self._hit(row, score, rank) for rank, (row, score) in enumerate(ranked[:k], 1)])
        return results

    def dense_rows(self, query_vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the k nearest passages per query vector; missing results are -1."""
        k = min(k, len(self.passages))
        total = self.vectors.ntotal
        # Expansion questions share their chunk's key, so look past repeats (deeper until k distinct).
        fetch = k if not self._repeats else min(total, 2 * k + self._per_chunk)
        while True:
            keys, scores = vectors.search(self.vectors, query_vectors, fetch)
            rows = self._rows(keys)
            if not self._repeats:
                return rows, scores
            rows, scores, distinct = _first_per_row(rows, scores, k)
            if distinct >= k or fetch >= total:
                return rows, scores
            fetch = min(total, fetch * 4)

    def _rows(self, keys: np.ndarray) -> np.ndarray:
        import numpy as np

        pos = np.clip(np.searchsorted(self._sorted_keys, keys), 0, len(self._sorted_keys) - 1)
        found = (keys >= 0) & (self._sorted_keys[pos] == keys)
        return np.where(found, self._order[pos], -1)

    def _hit(self, row: int, score: float, rank: int) -> Hit:
        p = self.passages[row]
        return Hit(id=p.id, score=float(score), text=p.text, meta={**p.meta, "source": p.source}, rank=rank)


def _first_per_row(rows: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Each passage once per query, at its best score (max-similarity); also the fewest distinct found."""
    import numpy as np

    out_rows = np.full((len(rows), k), -1, dtype=np.int64)
    out_scores = np.zeros((len(rows), k), dtype=np.float32)
    fewest = k
    for qi in range(len(rows)):
        _, first = np.unique(rows[qi], return_index=True)
        first = np.sort(first[rows[qi][first] >= 0])[:k]
        out_rows[qi, : len(first)] = rows[qi][first]
        out_scores[qi, : len(first)] = scores[qi][first]
        fewest = min(fewest, len(first))
    return out_rows, out_scores, fewest


def _ranked(rows: np.ndarray, scores: np.ndarray, qi: int) -> list[tuple[int, float]]:
    return [(int(r), float(s)) for r, s in zip(rows[qi], scores[qi], strict=True) if r >= 0]


def fuse(
    rankings: Sequence[list[tuple[int, float]]], rrf_k: int, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion (Cormack et al., 2009): score(d) = sum over rankings of w / (rrf_k + rank(d)).

    Ties go to the document with the better best rank, so the result is deterministic.
    """
    fused: dict[int, float] = {}
    best: dict[int, int] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, (row, _score) in enumerate(ranking, 1):
            fused[row] = fused.get(row, 0.0) + weight / (rrf_k + rank)
            best[row] = min(best.get(row, rank), rank)
    return sorted(fused.items(), key=lambda item: (-item[1], best[item[0]], item[0]))


def check_embedder(folder: Path, manifest: dict[str, Any], embedder: Embedder) -> None:
    """Refuse an embedder whose vectors are not those of the index (dimension or probe fingerprint)."""
    built = manifest["embedder"]
    same_dim = embedder.dim == built["dim"]
    if same_dim and (embedder.id == built["id"] or embedder.fingerprint() == built.get("fingerprint")):
        return
    raise ChatkitError(
        f"{folder} was built with embedder '{built['id']}' (dim {built['dim']}); "
        f"the configured embedder is '{embedder.id}' (dim {embedder.dim})",
        f"set rag.embedder to '{built['id']}', or rebuild with `chatkit index --kb KB.jsonl --out {folder}`",
    )


def adopt_embedder(cfg: RagConfig | None, manifest: dict[str, Any]) -> RagConfig:
    """cfg, with the index's embedder when cfg never set one (a default is not a choice to check)."""
    if cfg is None:
        return RagConfig(embedder=manifest["embedder"]["id"])
    if "embedder" not in cfg.model_fields_set:
        return cfg.model_copy(update={"embedder": manifest["embedder"]["id"]})
    return cfg


def with_manifest_prefixes(cfg: RagConfig, manifest: dict[str, Any]) -> RagConfig:
    """cfg with the query/passage prefixes and the dtype the index was built with, unless cfg sets its own
    (an index from before rag.dtype was built in float32)."""
    built = manifest["embedder"]
    updates = {}
    if cfg.dtype is None:
        updates["dtype"] = built.get("dtype", "float32")
    if cfg.query_prefix is None:
        updates["query_prefix"] = built.get("query_prefix", "")
    if cfg.passage_prefix is None:
        updates["passage_prefix"] = built.get("passage_prefix", "")
    return cfg.model_copy(update=updates)


def load_index(folder: str | Path, cfg: RagConfig | None = None) -> Index:
    """Load an index folder; refuse it when cfg sets an embedder other than the one it was built with.

    A cfg that leaves `embedder` at its default adopts the index's embedder (other settings apply).

    Raises:
        ChatkitError: missing/corrupted files, or an embedder mismatch (one line, with the fix).
    """
    path = store.resolve_folder(folder)
    manifest = store.read_manifest(path)
    built = manifest["embedder"]
    cfg = with_manifest_prefixes(adopt_embedder(cfg, manifest), manifest)
    index = Index(path, manifest, store.load_passages(path), cfg)
    if embedder_id(cfg.embedder) != built["id"]:
        # A different name may still be the same model (a moved folder): the probe fingerprint decides.
        index.embedder  # noqa: B018 - loads and checks, raising on a mismatch
    return index
