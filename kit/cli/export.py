"""`chatkit export openai` (registered on import; heavy imports stay inside the command)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from kit.cli import app

export_app = typer.Typer(help="Prepared data in another platform's format.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("openai")
def export_openai(
    data_dir: Annotated[str, typer.Argument(help="Folder written by `chatkit prepare --out DIR` (train.jsonl, val.jsonl).")],
    out: Annotated[str, typer.Option("--out", help="Folder for train.jsonl, validation.jsonl, export_report.json.")],
    model: Annotated[str, typer.Option("--model", help="Base model to fine-tune (its encoding, context and prices).")] = "gpt-4o-mini",
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="Epochs, for the training cost estimate.")] = 3,
    prices: Annotated[str, typer.Option("--prices", help="Price table (training price per 1M tokens).")] = "eval/prices.yaml",
    max_tokens: Annotated[int | None, typer.Option("--max-tokens", min=16, help="Tokens allowed per example (default: the model's).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any invalid example instead of leaving it out.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")] = False,
) -> None:
    """OpenAI chat fine-tuning files from prepared data: validated, tokens counted, training cost estimated."""
    from kit.console import info, warn
    from kit.export.openai import export_openai as run

    report = run(data_dir, out, model=model, epochs=epochs, prices=prices, max_tokens=max_tokens, strict=strict)
    for p in report["problems"][:10]:
        warn(f"left out {p['where']}: {p['reason']}")
    if len(report["problems"]) > 10:
        warn(f"... {len(report['problems']) - 10} more in export_report.json")
    for name, f in report["files"].items():
        info(f"{name}: {f['examples']} examples, {f['tokens']:,} tokens -> {f['path']}")
    info(f"training cost estimate: {report['training_cost']:.2f} {report['currency']} ({report['basis']})")
    if as_json:
        typer.echo(json.dumps(report, indent=1, ensure_ascii=False))
