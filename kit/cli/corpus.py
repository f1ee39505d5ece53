"""`chatkit corpus generate` and `chatkit corpus stats`: the synthetic Spanish support corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kit.cli import app

corpus_app = typer.Typer(help="Generate and inspect the synthetic Spanish support corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("generate")
def generate(
    out: Annotated[Path, typer.Option("--out", help="Folder to write <company>/ into, e.g. conversations")],
    company: Annotated[str, typer.Option("--company", help="shop, operator, bank or all")] = "all",
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same seed gives the same bytes")] = 7,
    n: Annotated[
        int | None, typer.Option("--n", help="Conversations per company (default: shop 2000, others 1000)")
    ] = None,
) -> None:
    """Generate conversations, KB (v1 and v2), eval sets and labels for one company or all three."""
    from kit.console import err
    from kit.corpus.export import export, write_index
    from kit.corpus.generate import COMPANIES, generate, load_company
    from kit.errors import ChatkitError

    keys = list(COMPANIES) if company == "all" else [company]
    for key in keys:  # fail before writing anything if a company is unknown or missing
        load_company(key)
    if n is not None and n < 1:
        raise ChatkitError(f"--n must be >= 1 (got {n})")
    if out.exists() and not out.is_dir():
        raise ChatkitError(f"--out {out}: is a file, not a folder")
    outputs = []
    for key in keys:
        output = generate(key, seed, n)
        folder = export(output, out, seed)
        outputs.append(output)
        err.print(f"{key}: {len(output.conversations)} conversations, {len(output.eval_items)} eval items, "
                  f"{len(output.update_items)} update items -> {folder}", soft_wrap=True, markup=False)
    if company == "all":
        write_index(out, outputs, seed)


@corpus_app.command("stats")
def stats(
    path: Annotated[Path, typer.Argument(help="A generated corpus folder (e.g. conversations) or one company in it")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Per company: conversations, turns, intents, planted personal data by type, share of distinct phrasings."""
    from kit.corpus.stats import corpus_stats

    report = corpus_stats(path)
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    from kit.console import out

    names = list(report)
    table = Table(title=f"corpus {path}")
    table.add_column("")
    for name in names:
        table.add_column(name, justify="right")
    rows = [
        ("conversations", lambda s: s["conversations"]),
        ("turns", lambda s: s["turns"]),
        ("turns per conversation", lambda s: "{mean} ({min}-{max})".format(**s["turns_per_conversation"])),
        ("intents", lambda s: s["intents"]),
        ("distinct customer phrasings", lambda s: f"{s['distinct_customer_share']:.1%}"),
        ("eval / update items", lambda s: f"{s['eval_items']} / {s['update_items']}"),
        ("KB pages", lambda s: s["kb_pages"]),
        ("personal data planted", lambda s: s["personal_data_total"]),
    ]
    for label, get in rows:
        table.add_row(label, *(str(get(report[n])) for n in names))
    kinds = sorted({k for n in names for k in report[n]["personal_data"]})
    for kind in kinds:
        table.add_row(f"  {kind}", *(str(report[n]["personal_data"].get(kind, 0)) for n in names))
    others = sorted({k for n in names for k in report[n]["lookalikes"]})
    table.add_row("look-alikes (not personal)", *(str(sum(report[n]["lookalikes"].values())) for n in names))
    for kind in others:
        table.add_row(f"  {kind}", *(str(report[n]["lookalikes"].get(kind, 0)) for n in names))
    out.print(table)
