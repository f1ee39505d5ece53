"""`chatkit demo` (registered on import; heavy imports stay inside the command)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kit.cli import app


@app.command()
def demo(
    out: Annotated[str, typer.Option("--out", help="Folder for everything the demo writes.")] = "out/demo",
    company: Annotated[str, typer.Option("--company", help="Shipped corpus under conversations/.")] = "shop",
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or es.")] = "en",
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N eval items (a quicker demo).")] = None,
    reuse: Annotated[bool, typer.Option("--reuse", help="Reuse stage outputs already in --out (re-run compare only).")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Smoke run: 20 training steps, 40 eval items.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="Base model folder or hub id instead of tiny-es.")] = None,
) -> None:
    """The whole flow, offline on a CPU: corpus -> prepare -> tiny-es base -> LoRA -> index -> compare -> report."""
    from kit.demo.flow import run_demo

    typer.echo(str(run_demo(Path(out), company=company, lang=lang, limit=limit, fresh=not reuse, quick=quick, model=model)))
