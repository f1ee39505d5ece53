"""`chatkit index`, `chatkit search`, `chatkit eval-retrieval`: hybrid retrieval (imports stay light)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kit.cli import app
from kit.errors import ChatkitError
from kit.runfolder import write_json

if TYPE_CHECKING:
    from kit.rag.config import RagConfig
    from kit.train.recipe import Recipe

RecipeOpt = Annotated[str | None, typer.Option("--recipe", help="Recipe YAML (its rag: and data: sections).")]
SetOpt = Annotated[list[str] | None, typer.Option("--set", help="Override a key: --set rag.rrf_k=30")]
IndexOpt = Annotated[
    str | None, typer.Option("--index", help="Index folder (default: the recipe's rag.index).")
]
ModeOpt = Annotated[
    str | None, typer.Option("--mode", help="dense | bm25 | hybrid (default: rag.mode, hybrid).")
]


def _recipe(recipe: str | None, sets: list[str] | None, **rag: Any) -> Recipe:
    """The recipe (or defaults) with --set overrides, then the command's own rag flags on top."""
    from kit.config import apply_overrides, validate
    from kit.train.recipe import Recipe, load_recipe

    flags = [f"rag.{key}={value}" for key, value in rag.items() if value is not None]
    overrides = list(sets or []) + flags
    return (
        load_recipe(recipe, overrides)
        if recipe
        else validate(Recipe, apply_overrides({}, overrides), "--set")
    )


def _load(folder: str, cfg: RagConfig):
    from kit.rag.index import load_index

    return load_index(folder, cfg)


@app.command("index")
def index_cmd(
    kb: Annotated[
        str | None, typer.Option("--kb", help="kb.jsonl to index (default: DATA/kb.jsonl of the recipe).")
    ] = None,
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="Index folder (default: the recipe's rag.index).")
    ] = None,
    update: Annotated[
        str | None,
        typer.Option(
            "--update",
            help="New kb.jsonl for an existing index (upsert by id, delete missing ids), or a folder of the new KB "
            "pages: the index's mined Q->A pairs are brought up to date (see --outdated-qa).",
        ),
    ] = None,
    outdated_qa: Annotated[
        str,
        typer.Option(
            "--outdated-qa",
            help="With --update DIR, mined Q->A pairs that state a changed policy: revise (quotes of a changed "
            "sentence get the new wording, the rest are retired), retire (all retired) or keep.",
        ),
    ] = "revise",
    embedder: Annotated[
        str | None, typer.Option("--embedder", help="sentence-transformers id or path.")
    ] = None,
    index_type: Annotated[str | None, typer.Option("--index-type", help="auto | flat | ivf | hnsw.")] = None,
    recipe: RecipeOpt = None,
    set_: SetOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the build/update report as JSON on stdout.")
    ] = False,
) -> None:
    """Build a retrieval index (sentence-transformers -> FAISS, + BM25) from kb.jsonl, or update one in place."""
    from kit.console import info
    from kit.rag.build import build_index, update_index

    rec = _recipe(recipe, set_, embedder=embedder, index_type=index_type)
    folder = out or rec.rag.index
    if update and kb:
        raise ChatkitError("give --kb (a new index) or --update (an existing one), not both")
    if outdated_qa not in ("revise", "retire", "keep"):
        raise ChatkitError(f"--outdated-qa {outdated_qa}: not one of revise, retire, keep", "use --outdated-qa revise")
    extra: dict[str, int] = {}
    if update and Path(update).is_dir():
        import tempfile

        from kit.rag.policy_update import whole_new_kb

        with tempfile.TemporaryDirectory(prefix="chatkit-update-") as tmp:
            kb_update = whole_new_kb(Path(update), folder, Path(tmp), retire=outdated_qa != "keep",
                                     chunk_chars=rec.data.kb_chunk_chars, revise=outdated_qa == "revise")
            info(f"{update}: outdated Q->A pairs {kb_update.revised} revised, {kb_update.retired} retired")
            report = update_index(kb_update.path, folder, rec.rag)
        extra = {"revised_qa": kb_update.revised, "retired_qa": kb_update.retired}
    elif update:
        report = update_index(update, folder, rec.rag)
    if update:
        info(
            f"updated {folder}: {len(report.added)} added, {len(report.changed)} changed, "
            f"{len(report.retouched)} metadata-only, {len(report.removed)} removed, {report.unchanged} unchanged "
            f"-> {report.count} passages in {report.seconds:.1f} s"
        )
    else:
        report = build_index(kb or str(Path(rec.data.prepared) / "kb.jsonl"), folder, rec.rag)
        info(
            f"indexed {report.count} passages -> {folder} ({_kind(report.index_type, report.params)}, "
            f"{report.expanded} chunks expanded, {report.bytes / 1e6:.1f} MB) in {report.seconds:.1f} s"
        )
    if as_json:
        typer.echo(json.dumps({**report.to_json(), **extra}, indent=2, ensure_ascii=False))


@app.command("search")
def search_cmd(
    query: Annotated[str | None, typer.Argument(help='The question, e.g. "¿cuánto tarda el envío?"')] = None,
    index: IndexOpt = None,
    k: Annotated[int, typer.Option("-k", "--top-k", help="Passages to return.")] = 5,
    mode: ModeOpt = None,
    queries: Annotated[
        str | None,
        typer.Option("--queries", help="JSONL of {id, query}; prints one {id, hits} line per query."),
    ] = None,
    recipe: RecipeOpt = None,
    set_: SetOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Search an index: the k best passages for a question (or for every line of --queries)."""
    from kit.rag.evaluate import read_queries

    if (query is None) == (queries is None):
        raise ChatkitError("give a question or --queries FILE.jsonl (one of the two)")
    if k < 1:
        raise ChatkitError(f"-k must be >= 1 (got {k})")
    if mode is not None and mode not in ("dense", "bm25", "hybrid"):
        raise ChatkitError(f"--mode: unknown mode '{mode}'", "use dense, bm25 or hybrid")
    rec = _recipe(recipe, set_, mode=mode)
    idx = _load(index or rec.rag.index, rec.rag)
    if queries:
        items, _ = read_queries(queries, need_relevant=False)
        for item, hits in zip(items, idx.search_many([q.text for q in items], k), strict=True):
            row = {
                "id": item.id,
                "hits": [{"id": h.id, "score": round(h.score, 6), "text": h.text} for h in hits],
            }
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    hits = idx.search(query, k)
    if as_json:
        body = {"query": query, "mode": rec.rag.mode, "hits": [h.to_json() for h in hits]}
        typer.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    from kit.console import out

    table = Table(title=f"{rec.rag.mode} · {len(idx)} passages", title_justify="left")
    for col in ("rank", "id", "score", "text"):
        table.add_column(col, justify="right" if col in ("rank", "score") else "left")
    for h in hits:
        snippet = " ".join(h.text.split())
        table.add_row(
            str(h.rank), h.id, f"{h.score:.4f}", snippet[:160] + ("…" if len(snippet) > 160 else "")
        )
    out.print(table)


@app.command("eval-retrieval")
def eval_retrieval_cmd(
    index: IndexOpt = None,
    queries: Annotated[
        str | None,
        typer.Option(
            "--queries", help="JSONL of {query, relevant_ids} or a prepared eval.jsonl (uses kb_ids)."
        ),
    ] = None,
    modes: Annotated[
        str, typer.Option("--modes", help="Comma-separated modes to compare.")
    ] = "dense,bm25,hybrid",
    report: Annotated[
        str | None, typer.Option("--out", help="Write the full report (per-query JSON) here.")
    ] = None,
    recipe: RecipeOpt = None,
    set_: SetOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON on stdout.")] = False,
) -> None:
    """Recall@1/5/10, MRR@10 and nDCG@10 (binary gain) for dense, BM25 and hybrid retrieval side by side."""
    from kit.rag.evaluate import CUTOFFS, evaluate, read_queries
    from kit.rag.index import MODES

    rec = _recipe(recipe, set_)
    chosen = [m.strip() for m in modes.split(",") if m.strip()]
    bad = [m for m in chosen if m not in MODES]
    if bad or not chosen:
        raise ChatkitError(f"--modes: unknown mode '{bad[0] if bad else modes}'", f"use {', '.join(MODES)}")
    path = queries or str(Path(rec.data.prepared) / "eval.jsonl")
    items, skipped = read_queries(path, need_relevant=True)
    idx = _load(index or rec.rag.index, rec.rag)
    result = {
        "index": index or rec.rag.index,
        "queries_file": path,
        "skipped": skipped,
        **evaluate(idx, items, chosen),
    }
    if report:
        write_json(Path(report), result)
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    from kit.console import info, out

    keys = [f"recall@{c}" for c in CUTOFFS] + ["mrr@10", "ndcg@10"]
    table = Table(
        title=f"retrieval on {len(items)} queries · {len(idx)} passages (gain: binary)", title_justify="left"
    )
    table.add_column("mode")
    for key in keys:
        table.add_column(key, justify="right")
    for mode, values in result["metrics"].items():
        table.add_row(mode, *(f"{values[key]:.3f}" for key in keys))
    out.print(table)
    if skipped:
        info(f"skipped {len(skipped)} item(s) without relevant ids (e.g. {skipped[0]})")


def _kind(index_type: str, params: dict) -> str:
    return " ".join([index_type, *(f"{k}={v}" for k, v in params.items())])

