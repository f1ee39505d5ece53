"""`chatkit demo` (registered on import; heavy imports stay inside the command)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kit.cli import app


@app.command()
def demo(
    out: Annotated[
        str | None, typer.Option("--out", help="Folder for everything the demo writes (out/demo, or out/demo-real with --base).")
    ] = None,
    company: Annotated[str, typer.Option("--company", help="Shipped corpus under conversations/.")] = "shop",
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or es.")] = "en",
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N eval items (a quicker demo).")] = None,
    reuse: Annotated[bool, typer.Option("--reuse", help="Reuse stage outputs already in --out (re-run compare only).")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Smoke run: 20 training steps, 40 eval items.")] = False,
    model: Annotated[str | None, typer.Option("--model", help="Base model folder or hub id instead of tiny-es.")] = None,
    base: Annotated[
        str,
        typer.Option("--base", help="Named base with demo recipes: tiny-es (quick) or gemma-3-270m (real model, ~30 min on a 2-core CPU)."),
    ] = "tiny-es",
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a key of every recipe the demo trains: --set train.max_length=1024"),
    ] = None,
    raft: Annotated[
        bool, typer.Option("--raft", help="Also train recipes/BASE/raft.yaml and compare raft+rag (on with a real --base).")
    ] = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="With a real --base: compare on every test and policy-update item, not a sample (for a GPU: add --set model.device=auto)."),
    ] = False,
    methods: Annotated[
        str | None,
        typer.Option("--methods", help="Train these methods (all, or e.g. full,lora,prefix) and compare them: the methods table."),
    ] = None,
) -> None:
    """The whole flow, offline on a CPU: corpus -> prepare -> tiny-es base -> LoRA -> index -> compare -> report."""
    from kit.demo.flow import run_demo

    chosen = None
    if methods:
        from kit.errors import ChatkitError
        from kit.train.config import METHODS

        cpu = [m for m in METHODS if m != "qlora"]  # the demo's base runs on CPU; qlora needs CUDA
        chosen = cpu if methods == "all" else [m.strip() for m in methods.split(",") if m.strip()]
        unknown = next((m for m in chosen if m not in cpu), None)
        if unknown:
            raise ChatkitError(f"--methods: unknown or non-CPU method '{unknown}'", f"use all, or some of {', '.join(cpu)}")
    out = out or ("out/demo" if base == "tiny-es" else "out/demo-real")
    typer.echo(str(run_demo(Path(out), company=company, lang=lang, limit=limit, fresh=not reuse, quick=quick, model=model,
                            methods=chosen, base=base, raft=raft, recipe_sets=set_ or [], full=full)))
