"""Gemma 3 270M LoRA steps with `lora.trainable_tokens`: PEFT's forward against kit.train.sparse_tokens.

The real-model demo's LoRA recipe (recipes/gemma-3-270m/lora.yaml: rank 16 on every linear layer, the two turn
markers' rows trained, 2 packed rows of 1,024 tokens, the CPU fast path) on the shop's prepared data. One
trainer, one model; its two trainable-tokens layers (the embedding and the tied head) take turns between
PEFT's own forward (the whole 262,144 x 640 table rebuilt each forward, and the head's gradient over all of
it) and the sparse one, step by step on the same batches, so both are timed over the same minutes of this
machine. Speed = PEFT's mean step time / the sparse path's. The loss of each path on the first batch, at the
same weights, is compared too. Needs `chatkit models install gemma-3-270m --accept-license`; without it the
bench says so and measures nothing.

    python -m eval.bench tokens [--quick]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from eval.bench.train_setup import ROOT, data_folder, gemma_missing, recipe_trainer

RECIPE = ROOT / "recipes" / "gemma-3-270m" / "lora.yaml"


def run(quick: bool = False) -> dict:
    import torch

    from kit.train.sparse_tokens import sparse_able, sparse_tokens

    if missing := gemma_missing():
        return missing
    pairs = 2 if quick else 4
    with tempfile.TemporaryDirectory() as tmp:
        data = data_folder(Path(tmp))
        recipe, trainer = recipe_trainer(RECIPE, data, Path(tmp) / "run")
        model = trainer.model
        layers = [m for m in model.modules() if sparse_able(m)]
        assert len(layers) == 2 and all("forward" in vars(m) for m in layers), "the fast path set both"
        batches = iter(trainer.get_train_dataloader())

        def use(sparse: bool) -> None:
            if sparse:
                sparse_tokens(model)
            else:
                for m in layers:
                    vars(m).pop("forward", None)  # back to the class's (PEFT's) forward

        def step(batch: dict, sparse: bool) -> tuple[float, float]:
            use(sparse)
            model.zero_grad(set_to_none=True)
            t = time.perf_counter()
            loss = trainer.training_step(model, batch, None)
            return time.perf_counter() - t, float(loss)

        first = next(batches)
        _, loss_sparse = step(first, True)  # also the warm-up of both paths
        _, loss_peft = step(first, False)
        times: dict[str, list[float]] = {"sparse": [], "peft": []}
        for _ in range(pairs):
            batch = next(batches)
            for sparse in (True, False):
                times["sparse" if sparse else "peft"].append(round(step(batch, sparse)[0], 2))
    mean = {k: sum(v) / len(v) for k, v in times.items()}
    return {
        "recipe": str(RECIPE.relative_to(ROOT)),
        "torch_threads": torch.get_num_threads(),
        "tokens_per_step": recipe.train.batch_size * recipe.train.max_length,
        "trained_tokens": recipe.lora.trainable_tokens,
        "step_s": times,
        "peft_over_sparse": round(mean["peft"] / mean["sparse"], 2),
        "first_batch_loss": {"sparse": loss_sparse, "peft": loss_peft},
        "loss_rel_diff": abs(loss_sparse - loss_peft) / abs(loss_peft),
    }
