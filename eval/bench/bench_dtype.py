"""Gemma 3 270M LoRA steps with the base in bf16 against fp32: what `model.dtype: bfloat16` buys the demo's LoRA.

The real-model demo's LoRA recipe (recipes/gemma-3-270m/lora.yaml: rank 16 on every linear layer, the two turn
markers' rows trained, 2 packed rows of 1,024 tokens, the CPU fast path) on the shop's prepared data, built twice:
model.dtype=float32 and model.dtype=bfloat16 (the adapter and the token rows stay fp32 in both). The two trainers
take turns, step by step on the same batches, so both are timed over the same minutes of this machine. Speed =
fp32's mean step time / bf16's. The loss of each on the first batch, at the same (initial) weights, is compared
too. Needs `chatkit models install gemma-3-270m --accept-license`; without it the bench says so and measures nothing.

    python -m eval.bench dtype [--quick]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from eval.bench.train_setup import ROOT, data_folder, gemma_missing, recipe_trainer

RECIPE = ROOT / "recipes" / "gemma-3-270m" / "lora.yaml"
DTYPES = ("float32", "bfloat16")


def run(quick: bool = False) -> dict:
    import torch

    from kit.train.finish import weight_dtypes

    if missing := gemma_missing():
        return missing
    pairs = 2 if quick else 4
    with tempfile.TemporaryDirectory() as tmp:
        data = data_folder(Path(tmp))
        trainers, batches = {}, None
        for dtype in DTYPES:
            recipe, trainer = recipe_trainer(RECIPE, data, Path(tmp) / f"run-{dtype}", (f"model.dtype={dtype}",))
            trainers[dtype] = trainer
            if batches is None:  # one data order for both: the first trainer's (same seed, same rows)
                batches = list(_take(trainer.get_train_dataloader(), pairs + 1))

        def step(dtype: str, batch: dict) -> tuple[float, float]:
            trainer = trainers[dtype]
            trainer.model.zero_grad(set_to_none=True)
            t = time.perf_counter()
            loss = trainer.training_step(trainer.model, dict(batch), None)
            return time.perf_counter() - t, float(loss)

        first_loss = {dtype: step(dtype, batches[0])[1] for dtype in DTYPES}  # also the warm-up of both
        times: dict[str, list[float]] = {dtype: [] for dtype in DTYPES}
        for batch in batches[1:]:
            for dtype in DTYPES:
                times[dtype].append(round(step(dtype, batch)[0], 2))
        kept = {dtype: weight_dtypes(trainers[dtype].model) for dtype in DTYPES}
    mean = {k: sum(v) / len(v) for k, v in times.items()}
    return {
        "recipe": str(RECIPE.relative_to(ROOT)),
        "torch_threads": torch.get_num_threads(),
        "tokens_per_step": recipe.train.batch_size * recipe.train.max_length,
        "weights": kept,
        "step_s": times,
        "fp32_over_bf16": round(mean["float32"] / mean["bfloat16"], 2),
        "first_batch_loss": first_loss,
        "loss_rel_diff": abs(first_loss["bfloat16"] - first_loss["float32"]) / abs(first_loss["float32"]),
    }


def _take(loader, n: int) -> list:
    out = []
    for batch in loader:
        out.append(batch)
        if len(out) == n:
            break
    return out
