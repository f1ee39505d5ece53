"""`chatkit base build | info | check`: the offline tiny-es base model (registered on import; imports stay light)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kit.cli import app

base_app = typer.Typer(
    help="The offline tiny Spanish base model (tiny-es): build it, show how it was built, check it reads.",
    no_args_is_help=True,
)
app.add_typer(base_app, name="base")


def _summary(record: dict) -> str:
    return (
        f"{record['parameters'] / 1e6:.2f}M parameters · vocab {record['vocab_size']} · "
        f"{record['config']['steps']} steps · {record['tokens_seen']:,} tokens · "
        f"loss {record['first_loss']:.2f} -> {record['final_loss']:.2f} · {record['seconds']['total']:.0f} s"
    )


@base_app.command()
def build(
    out: Annotated[
        Path, typer.Option("--out", help="New folder for the model (must not exist or be empty).")
    ],
    seed: Annotated[
        int, typer.Option("--seed", help="Seed for data order and weights: same seed, same model.")
    ] = 0,
    steps: Annotated[
        int | None, typer.Option("--steps", min=1, help="Pretraining steps (default: the shipped build's).")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Override a build setting: --set hidden_size=128")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print build.json on stdout.")] = False,
) -> None:
    """Build tiny-es: BPE tokenizer + ChatML template, a small Llama pretrained on operator and bank chats
    and reading exercises (never the shop). A few minutes on a laptop CPU."""
    from kit.console import info
    from kit.tiny_es.arch import tiny_config
    from kit.tiny_es.build import build_tiny_es, read_build

    folder = build_tiny_es(out, seed=seed, steps=steps, config=tiny_config(set_))
    record = read_build(folder)
    if as_json:
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
    info(f"tiny-es written to {folder}: {_summary(record)}")


@base_app.command("info")
def info_(
    folder: Annotated[Path, typer.Argument(help="A folder written by `chatkit base build`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print build.json on stdout.")] = False,
) -> None:
    """Show how a tiny-es folder was built (build.json): size, data, steps, losses, time, versions."""
    from kit.console import out
    from kit.tiny_es.build import read_build

    record = read_build(folder)
    if as_json:
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"tiny-es · {folder}", show_header=False)
    for key in (
        "version",
        "seed",
        "corpus_seed",
        "parameters",
        "vocab_size",
        "tokens_seen",
        "tokens_trained",
        "first_loss",
        "final_loss",
        "tokens_per_second",
    ):
        table.add_row(key, str(record.get(key)))
    table.add_row("examples", ", ".join(f"{k} {v}" for k, v in record.get("examples", {}).items()))
    table.add_row("seconds", ", ".join(f"{k} {v}" for k, v in record.get("seconds", {}).items()))
    table.add_row("versions", ", ".join(f"{k} {v}" for k, v in record.get("versions", {}).items()))
    out.print(table)


@base_app.command()
def check(
    folder: Annotated[
        Path, typer.Argument(help="A model folder (tiny-es or any chat model with a template).")
    ],
    n: Annotated[int, typer.Option("-n", min=1, help="How many held-out eval items to answer.")] = 50,
    company: Annotated[
        str, typer.Option("--company", help="Whose eval items: shop, operator or bank.")
    ] = "shop",
    show: Annotated[int, typer.Option("--show", min=0, help="Print this many answers.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print every answer as JSON on stdout.")] = False,
) -> None:
    """Answer held-out questions greedily with the right KB passage and without: share holding every fact."""
    from kit.console import info, out
    from kit.errors import ChatkitError
    from kit.tiny_es.check import reading_check

    if not (folder / "config.json").is_file():
        raise ChatkitError(
            f"{folder} is not a model folder (no config.json)", "build one: chatkit base build --out DIR"
        )
    result = reading_check(folder, company=company, n=n)
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for row in result["rows"][:show]:
        out.print(
            f"{row['question']}\n  facts: {', '.join(row['required_facts'])}\n"
            f"  with passage: {row['with_passage']}\n  without: {row['without_passage']}\n",
            markup=False,
        )
    info(
        f"{result['items']} {company} items · all facts with the right passage {result['facts_with_passage']:.0%}"
        f" · without a passage {result['facts_without_passage']:.0%}"
        f" · answers ending with <|im_end|> {result['ended_with_im_end']:.0%}"
    )
