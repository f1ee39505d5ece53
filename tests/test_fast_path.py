"""train.cpu_fast_path: the CPU fast path and the plain TRL/PEFT/transformers path train the same run."""

from __future__ import annotations

import pytest
from test_train import tiny_recipe, write_prepared


@pytest.mark.slow
@pytest.mark.parametrize("tokens", [[], ["<|im_start|>", "<|im_end|>"]], ids=["lora", "lora+trainable_tokens"])
def test_fast_and_plain_paths_give_the_same_losses_and_weights(tokens, tiny_model_dir, tmp_path):
    """Six packed LoRA steps each way, a loss logged every step; with trainable tokens, their rows too.

    Tolerance rtol 1e-4 on every loss (about 6e-4 on a loss of ~6) and atol 1e-4 on the adapter: the two
    paths compute the same function in a different float32 order (per-document vs block-diagonal masked
    attention, one fused GEMM vs PEFT's five ops, the loss over trained positions vs over all logits), so
    they differ by rounding, ~1e-6 relative per step, growing a little with each optimizer step; measured
    equal to 5 decimals here. One step's real progress is ~1e-2 relative, so a wrong loss, mask or
    gradient on either path fails by two orders of magnitude.
    """
    import torch
    from safetensors.torch import load_file
    from transformers import TrainerCallback

    from kit.train.sft import train

    class Losses(TrainerCallback):
        def __init__(self):
            self.seen = {}

        def on_log(self, args, state, control, logs=None, **kwargs):
            for key in ("loss", "eval_loss"):
                if logs and key in logs:
                    self.seen[(key, state.global_step)] = logs[key]

    data = write_prepared(tmp_path / "data", n_train=48, n_val=8)
    runs = {}
    for fast in (True, False):
        losses = Losses()
        recipe = tiny_recipe(tiny_model_dir, data, tmp_path / f"run-{fast}", max_steps=6, logging_steps=1,
                             eval_steps=3, cpu_fast_path=fast)
        recipe = recipe.model_copy(update={"lora": recipe.lora.model_copy(update={"trainable_tokens": tokens})})
        record = train(recipe, callbacks=(losses,), quiet_check=True).record
        runs[fast] = (losses.seen, record, load_file(str(tmp_path / f"run-{fast}" / "adapter_model.safetensors")))
    (fast_losses, fast_record, fast_weights), (plain_losses, plain_record, plain_weights) = runs[True], runs[False]
    parts = ["allocator", "per_document", "trained_positions", "fused_lora"] + (["sparse_tokens"] if tokens else [])
    assert fast_record["cpu_fast_path"] == parts
    assert plain_record["cpu_fast_path"] == []
    assert fast_losses.keys() == plain_losses.keys() and len([k for k in fast_losses if k[0] == "loss"]) == 6
    for key, value in plain_losses.items():
        assert fast_losses[key] == pytest.approx(value, rel=1e-4), key
    assert fast_weights.keys() == plain_weights.keys()
    assert any("trainable_tokens" in name for name in fast_weights) == bool(tokens)
    for name, tensor in plain_weights.items():
        torch.testing.assert_close(fast_weights[name], tensor, atol=1e-4, rtol=1e-3, msg=name)
    first = plain_losses[("loss", 1)]
    assert abs(plain_losses[("loss", 6)] - first) > 1e-2 * first  # the runs trained: a real change to tell apart
