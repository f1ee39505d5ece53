"""Training memory counted from the tensors (weights, gradients, optimizer state, saved activations), one
training run per process so its peak RSS belongs to it alone."""

from __future__ import annotations

import os

from eval.bench.train_setup import bench_trainer


class TensorMemory:
    """The training state counted from the tensors themselves, in bytes: unlike RSS (which the allocator and
    the OS blur by tens of MB on a model this small), the same run always gives the same figures.

    weights: every parameter; gradients: the trainable ones; optimizer: every tensor in the optimizer's
    state; saved_activations: the tensors autograd keeps from one forward pass for its backward (unique
    storages, parameters left out: they are weights), the largest over the steps. A lower bound of the
    activation peak (the backward's own temporaries are not counted), the same rule in every mode.
    """

    def __init__(self):
        self.current: dict[int, int] = {}
        self.saved_peak, self.params = 0, set()
        self.figures: dict[str, int] = {}

    def hooks(self):
        import torch

        def pack(t):
            storage = t.untyped_storage()
            if storage.data_ptr() not in self.params:
                self.current[storage.data_ptr()] = storage.nbytes()
            return t

        return torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t)

    def start(self, model) -> None:
        """Before every forward pass (a pre-hook on the model): close the last pass's count."""
        self.params = {p.untyped_storage().data_ptr() for p in model.parameters()}

        def close(*_):
            self.saved_peak = max(self.saved_peak, sum(self.current.values()))
            self.current = {}

        self.close = close
        model.register_forward_pre_hook(close)

    def finish(self, model, optimizer) -> dict[str, int]:
        import torch

        self.close()
        trainable = [p for p in model.parameters() if p.requires_grad]
        state = [t for s in optimizer.state.values() for t in s.values() if torch.is_tensor(t)]
        self.figures = {
            "weights": sum(p.nbytes for p in model.parameters()),
            "gradients": sum(p.nbytes for p in trainable),
            "optimizer": sum(t.nbytes for t in state),
            "saved_activations": self.saved_peak,
        }
        self.figures["total"] = sum(self.figures.values())
        return self.figures


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


