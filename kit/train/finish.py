"""After the last step: the trained weights, tokenizer, resolved config, run.json and loss curve into the run folder."""

from __future__ import annotations

import os
import platform
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kit.config import to_yaml
from kit.runfolder import CHECKPOINTS, versions, write_atomic, write_run_json
from kit.train.recipe import Recipe
from kit.train.record import loss_summary, plot_losses, split_history


def device_facts() -> dict[str, Any]:
    """Device kind, its name and how many GPUs this run used (world size on CUDA, 0 on CPU)."""
    import torch

    world = int(os.environ.get("WORLD_SIZE", "1"))
    if torch.cuda.is_available():
        return {
            "device": "cuda",
            "device_name": torch.cuda.get_device_name(0),
            "gpus": world,
            "processes": world,
            "torch_threads": torch.get_num_threads(),
        }
    return {
        "device": "cpu",
        "device_name": platform.processor() or platform.machine(),
        "gpus": 0,
        "processes": world,
        "torch_threads": torch.get_num_threads(),  # fixed by train.threads: the summation order, hence the weights
    }


def weight_dtypes(model: Any) -> dict[str, str | None]:
    """The dtype the frozen weights computed in and the one the trained weights (and their optimizer state) kept:
    with model.dtype=bfloat16 a LoRA run is {"frozen": "bfloat16", "trained": "float32"} (PEFT keeps adapters fp32)."""
    frozen: dict[str, int] = {}
    trained: dict[str, int] = {}
    for param in model.parameters():
        if param.is_floating_point():
            side = trained if param.requires_grad else frozen
            name = str(param.dtype).removeprefix("torch.")
            side[name] = side.get(name, 0) + param.numel()
    return {"frozen": max(frozen, key=frozen.__getitem__) if frozen else None,
            "trained": max(trained, key=trained.__getitem__) if trained else None}


def fast_path_parts(recipe: Recipe) -> list[str]:
    """The CPU fast path's parts this run used (kit/train/fast_path.py); [] on CUDA or when switched off."""
    from kit.models.load import pick_device
    from kit.train.fast_path import fast_path

    return fast_path(recipe, pick_device(recipe.model.device)).parts


def finish_run(
    recipe: Recipe,
    run_dir: Path,
    trainer: Any,
    checked: Any,
    rows: list[dict[str, Any]],
    memory: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Write everything a finished run keeps; drop the resume checkpoints. Returns the run.json record."""
    from kit.train.callbacks import WallClockCallback
    from kit.train.methods import parameter_counts, save_weights

    weights_bytes = save_weights(trainer.model, checked.tokenizer, run_dir, recipe)
    resolved = recipe.model_copy(deep=True)
    resolved.train.output_dir = str(run_dir)
    write_atomic(run_dir / "resolved_config.yaml", to_yaml(resolved))

    state = trainer.state
    train_curve, val_curve = split_history(state.log_history)
    val_losses = [v for _, v in val_curve]
    wall = next(
        (c.seconds for c in trainer.callback_handler.callbacks if isinstance(c, WallClockCallback)), 0.0
    )
    facts = device_facts()
    trainable, total = parameter_counts(trainer.model, recipe)
    base_val = val_losses[0] if val_curve and val_curve[0][0] == 0 else None
    final_val = val_losses[-1] if val_losses else None
    report = checked.report
    record: dict[str, Any] = {
        "name": recipe.name,
        "base_model": recipe.model.name,
        "base_model_path": checked.model_path,
        "method": recipe.train.method,
        **facts,
        "dtypes": weight_dtypes(trainer.model),
        "wall_seconds": round(wall, 2),
        "gpu_hours": round(wall * facts["gpus"] / 3600, 6),
        # one CPU machine counts as one device; on CUDA, one per GPU
        "device_hours": round(wall * max(1, facts["gpus"]) / 3600, 6),
        "tokens_trained": int(state.num_input_tokens_seen),
        "loss_tokens_per_epoch": sum(sum(label != -100 for label in r["labels"]) for r in rows),
        "epochs": round(float(state.epoch or 0.0), 4),
        "steps": int(state.global_step),
        "max_steps": int(state.max_steps),
        "seed": recipe.train.seed,
        "stopped_early": state.global_step < state.max_steps,
        "train_loss": loss_summary([v for _, v in train_curve]),
        "val_loss": {**loss_summary(val_losses), "base": base_val},
        "val_loss_reduction": round(1 - final_val / base_val, 4)
        if base_val and final_val is not None
        else None,
        "trainable_params": int(trainable),
        "total_params": int(total),
        "weights_bytes": weights_bytes,  # the trained weights' files: the adapter's size on disk
        "tokens_per_second": round(state.num_input_tokens_seen / wall, 1) if wall else None,
        # train.count_memory: the training tensors (kit/train/memory.py), else None
        "tensor_memory_mb": {k: round(v / 2**20, 2) for k, v in memory.items()} if memory else None,
        "cpu_fast_path": fast_path_parts(recipe),
        "data": {
            "folder": str(checked.data.folder),
            "hash": checked.data.data_hash,
            "train_conversations": len(checked.data.train),
            "val_conversations": len(checked.data.val),
            "val_rows_scored": len(trainer.eval_dataset) if trainer.eval_dataset is not None else 0,  # train.val_examples
            "train_rows": len(rows),
            "truncated_share": round(report.truncated_share, 4),
            "dropped_without_assistant_tokens": report.empty_after_truncation,
            "packing": recipe.train.packing,
        },
        "mask": report.strategy,
        "versions": versions(),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    plot_losses(run_dir, train_curve, val_curve, f"{recipe.name} · {recipe.model.name}")
    write_run_json(run_dir, record)  # last: its presence marks a finished run
    shutil.rmtree(run_dir / CHECKPOINTS, ignore_errors=True)
    return record

