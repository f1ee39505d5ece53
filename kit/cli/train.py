"""`chatkit train` and `chatkit merge` (registered on import; heavy imports stay inside the commands)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from kit.cli import app


def _summary(record: dict) -> str:
    val = record.get("val_loss") or {}
    parts = [
        f"steps {record['steps']}",
        f"epochs {record['epochs']:g}",
        f"{record['tokens_trained']:,} tokens",
        f"{record['wall_seconds']:.0f} s on {record['device']}",
    ]
    if val.get("base") is not None and val.get("last") is not None:
        parts.append(
            f"val loss {val['base']:.3f} -> {val['last']:.3f} ({record['val_loss_reduction']:.0%} lower)"
        )
    return " · ".join(parts)


@app.command()
def train(
    recipe: Annotated[str, typer.Argument(help="Recipe YAML, e.g. recipes/tiny-es/lora.yaml")],
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Override a key: --set train.max_steps=50")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only the pre-flight: token table and template checks.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="With --check: every token in the table, not just boundaries.")
    ] = False,
    out: Annotated[
        str | None, typer.Option("--out", help="Run folder (default: the recipe's train.output_dir).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue from the run folder's last checkpoint.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Start over in a folder that holds a run.")
    ] = False,
    device: Annotated[
        str | None, typer.Option("--device", help="auto, cpu or cuda (sets model.device).")
    ] = None,
    processes: Annotated[
        int | None,
        typer.Option(
            "--processes", min=1, help="Training processes via accelerate (sets train.launcher.processes)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print run.json on stdout.")] = False,
) -> None:
    """Fine-tune the recipe's base model by train.method (TRL SFT) on the prepared data, after a template pre-flight."""
    from kit.train.recipe import load_recipe

    overrides = list(set_ or [])
    if device is not None:
        overrides.append(f"model.device={device}")
    if processes is not None:
        overrides.append(f"train.launcher.processes={processes}")
    loaded = load_recipe(recipe, overrides)
    if loaded.data.context.share > 0:  # RAFT: the examples get passages from a TRAIN-only index first
        from pathlib import Path

        from kit.raft import with_context
        from kit.train.sft import prepare_run_dir

        run_dir = Path(out or loaded.train.output_dir)
        if not check:
            prepare_run_dir(run_dir, resume, overwrite, clean=False)
        loaded = with_context(loaded, run_dir / "raft_data")
    if check:
        from kit.train.sft import check as preflight

        preflight(loaded, full=full)
        return
    from kit.train.launch import in_worker, launch

    if loaded.train.launcher.processes > 1 and not in_worker():
        run_dir = launch(loaded, loaded.train.launcher.processes, out, resume, overwrite)
        record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    else:
        from kit.train.sft import train as run_training

        result = run_training(loaded, out=out, resume=resume, overwrite=overwrite)
        record, run_dir = result.record or {}, result.run_dir
    if as_json:
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        typer.echo(f"{run_dir}: {_summary(record)}")


@app.command()
def merge(
    run: Annotated[str, typer.Argument(help="A finished run folder (chatkit train --out RUN).")],
    out: Annotated[str, typer.Option("--out", help="Folder for the merged standalone model.")],
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace --out if it exists.")] = False,
    device: Annotated[str, typer.Option("--device", help="cpu, cuda or auto: where to merge.")] = "cpu",
) -> None:
    """Merge a run's trained weights into its base model (lora, dora, qlora, ia3, freeze): a folder plain transformers loads."""
    from kit.train.merge import merge as merge_run

    typer.echo(str(merge_run(run, out, overwrite=overwrite, device=device)))
