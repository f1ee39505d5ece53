"""Training memory counted from the tensors (weights, gradients, optimizer state, saved activations).

Used by `train.count_memory` (run.json `tensor_memory_mb`, the methods table) and by eval/bench. Unlike the
process's RSS, which the allocator blurs, the same run always gives the same figures.
"""

from __future__ import annotations

from typing import Any


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


def memory_callback(memory: TensorMemory) -> Any:
    """A TrainerCallback that starts the count at the first step and closes it at the end of training
    (wrap trainer.train() in `memory.hooks()` so saved activations are counted)."""
    from transformers import TrainerCallback

    class CountMemory(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            memory.start(model)

        def on_train_end(self, args, state, control, model=None, optimizer=None, **kwargs):
            memory.finish(model, optimizer)

    return CountMemory()
