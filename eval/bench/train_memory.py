"""Training memory counted from the tensors (weights, gradients, optimizer state, saved activations), one
training run per process so its peak RSS belongs to it alone."""

from __future__ import annotations

import os

from eval.bench.train_setup import bench_trainer
from kit.train.memory import TensorMemory


def memory_child(mode: str, data: str, conversations: int, steps: int, model: str | None = None) -> dict:
    """Peak memory of a few steps of LoRA ('lora') or full fine-tuning ('full'), in a fresh process: the
    tensors' own count (TensorMemory) and the process's peak RSS above the loaded model."""
    import torch
    from transformers import TrainerCallback

    from eval.bench.machine import peak_rss_mb

    torch.set_num_threads(os.cpu_count() or 1)
    tensors = TensorMemory()

    class Loaded(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            self.rss0 = peak_rss_mb()
            tensors.start(model)

        def on_train_end(self, args, state, control, model=None, optimizer=None, **kwargs):
            tensors.finish(model, optimizer)

    loaded = Loaded()
    trainer, _ = bench_trainer(mode, data, conversations, steps, (loaded,), model)
    with tensors.hooks():
        trainer.train()
    return {
        "mode": mode,
        "steps": trainer.state.global_step,
        "tensor_mb": {k: round(v / 2**20, 2) for k, v in tensors.figures.items()},
        "trainable_params": sum(p.numel() for p in trainer.model.parameters() if p.requires_grad),
        "rss_loaded_mb": round(loaded.rss0, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "train_memory_mb": round(peak_rss_mb() - loaded.rss0, 1),
    }


