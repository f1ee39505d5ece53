"""What the training benches share: the recipe, the data folder, and a trainer for one mode or method.

Modes: 'packed' / 'unpacked' (the speed run: one epoch), 'lora' / 'full' (the memory run: a few steps), or
'method:NAME' (recipes/tiny-es/NAME.yaml, a few steps: the methods bench).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "recipes" / "tiny-es" / "lora.yaml"
WARMUP_STEPS = 2  # steps before the clock starts, in every mode


def data_folder(tmp: Path) -> Path:
    prepared = ROOT / "out" / "demo" / "data"
    if (prepared / "train.jsonl").is_file():
        return prepared
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kit",
            "prepare",
            "--company",
            "shop",
            "--recipe",
            str(RECIPE),
            "--out",
            str(tmp / "data"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return tmp / "data"


def bench_trainer(
    mode: str, data: str, conversations: int, steps: int, callbacks: tuple, model: str | None = None
) -> tuple[Any, dict]:
    """A trainer of the recipe for one mode over the first `conversations` examples (0: all), and its batch
    counts; `model` replaces the recipe's base (a folder)."""
    from kit.train.data import pack_rows, to_rows
    from kit.train.recipe import load_recipe
    from kit.train.sft import check
    from kit.train.trainer import build_trainer

    method = mode.split(":", 1)[1] if mode.startswith("method:") else None
    overrides = [f"data.prepared={data}", "train.eval_steps=0"] + ([f"model.name={model}"] if model else [])
    if method is None:
        overrides.append(f"train.packing={mode != 'unpacked'}")
    recipe = load_recipe(RECIPE.with_name(f"{method}.yaml") if method else RECIPE, overrides)
    checked = check(recipe, quiet=True)
    rows = to_rows(checked.encoded[: conversations or None], recipe.train.max_length)
    train_rows = pack_rows(rows, recipe.train.max_length) if recipe.train.packing else rows
    # speed runs: one epoch over the same examples in both modes (not the recipe's max_steps, which
    # would make the packed run cover ~3.5x the data); memory runs: a few steps
    recipe.train.max_steps = steps if steps > 0 else -1  # speed runs pass 0: one epoch (max_steps=0 is one step)
    recipe.train.epochs, recipe.train.save_steps, recipe.train.logging_steps = 1, 10_000, 10_000
    if mode == "full":
        recipe.train.method = "full"
    if recipe.train.method == "freeze":  # a few steps: measure every block the recipe trains, not the first phase
        recipe.freeze.unfreeze_every = 0
    out = tempfile.mkdtemp(prefix=f"bench-train-{mode}-")
    # build_trainer takes the resolved base folder, as train() passes it (prompt tuning's init text loads the
    # tokenizer from it: 'tiny-es' would be a hub id)
    recipe = recipe.model_copy(update={"model": recipe.model.model_copy(update={"name": checked.model_path})})
    trainer = build_trainer(
        recipe, Path(out), checked.tokenizer, train_rows, [], None, callbacks, time.perf_counter()
    )
    pad_id, counted = checked.tokenizer.pad_token_id, {"rows": len(train_rows), "batch": 0, "real": 0}
    collate = trainer.data_collator

    def counting(examples):  # padded vs real tokens of every batch the trainer draws
        batch = collate(examples)
        counted["batch"] += batch["input_ids"].numel()
        counted["real"] += int((batch["input_ids"] != pad_id).sum())
        return batch

    trainer.data_collator = counting
    return trainer, counted


def recipe_trainer(recipe_path: Path, data: Path, run_dir: Path, overrides: tuple[str, ...] = ()) -> tuple[Any, Any]:
    """(recipe, trainer) of a recipe on `data` without evaluation, its base resolved and its rows packed, ready for
    `trainer.training_step` one batch at a time (the Gemma step benches)."""
    from kit.train.data import pack_rows, to_rows
    from kit.train.recipe import load_recipe
    from kit.train.sft import check
    from kit.train.trainer import build_trainer

    recipe = load_recipe(recipe_path, [f"data.prepared={data}", "train.eval_steps=0", *overrides])
    checked = check(recipe, quiet=True)
    rows = pack_rows(to_rows(checked.encoded, recipe.train.max_length), recipe.train.max_length)
    recipe = recipe.model_copy(update={"model": recipe.model.model_copy(update={"name": checked.model_path})})
    trainer = build_trainer(recipe, run_dir, checked.tokenizer, rows, [], None, (), time.perf_counter())
    trainer.current_gradient_accumulation_steps = 1  # what the training loop sets before its first step
    trainer.model.train()
    return recipe, trainer


def gemma_missing() -> dict | None:
    """The Gemma benches' result when gemma-3-270m is not installed (they then measure nothing), else None."""
    from kit.models.offline import prepared_folder

    if prepared_folder("gemma-3-270m") is None:
        return {"skipped": "gemma-3-270m is not installed: chatkit models install gemma-3-270m --accept-license"}
    return None
