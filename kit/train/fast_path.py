"""The CPU fast path, behind one recipe switch (`train.cpu_fast_path`, on by default; nothing here runs on CUDA).

Five parts, each giving the loss and gradients of the plain TRL/PEFT/transformers path (tests/test_train.py
and tests/test_fast_path.py check it):
  - per-document attention (kit/train/attention.py) with padding-free packed batches: only the diagonal
    blocks of a packed row are scored;
  - the LM head over trained positions only, with the model's own cross-entropy (cpu_trainer_class);
  - the fused LoRA layer (kit/train/fused_lora.py): each LoRA linear one autograd node;
  - trainable tokens (`lora.trainable_tokens`) without rebuilding the embedding table and the tied head on
    each forward (kit/train/sparse_tokens.py);
  - glibc keeping freed memory in the process (kit/train/allocator.py).
`--set train.cpu_fast_path=false` runs the reference path: TRL's SFTTrainer, transformers' attention from
the position_ids (a block-diagonal mask), PEFT's LoRA and trainable-tokens forwards, glibc's default thresholds.
Methods whose virtual tokens change the sequence (prefix, prompt) keep only the allocator part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.models.template import IGNORE
from kit.train.method_config import VIRTUAL_TOKENS


@dataclass(frozen=True)
class FastPath:
    """Which parts of the CPU fast path a run uses."""

    allocator: bool = False
    per_document: bool = False  # per-document attention + padding-free packed batches
    trained_positions: bool = False  # LM head and loss over the trained positions only
    fused_lora: bool = False
    sparse_tokens: bool = False

    @property
    def parts(self) -> list[str]:
        return [name for name, on in vars(self).items() if on]


def fast_path(recipe: Any, device: str) -> FastPath:
    """The parts of the fast path this recipe uses on this device (none on CUDA, none when switched off)."""
    if device != "cpu" or not recipe.train.cpu_fast_path:
        return FastPath()
    method = recipe.train.method
    sequence_intact = method not in VIRTUAL_TOKENS
    return FastPath(
        allocator=True,
        per_document=sequence_intact and not recipe.model.attn_implementation,
        trained_positions=sequence_intact,
        fused_lora=method in ("lora", "qlora"),
        sparse_tokens=method in ("lora", "dora", "qlora") and bool(recipe.lora.trainable_tokens),
    )


def cpu_trainer_class() -> type:
    """SFTTrainer whose loss is the model's own cross-entropy, over the trained positions only, for CPU training.

    TRL projects the LM head in tiles through a fused kernel (and computes entropy and top-1 accuracy for its
    logs); without Triton that kernel runs as a chain of elementwise torch ops over every tile, a large share
    of a packed step of the tiny-es LoRA (eval/bench/bench_train.py measures it). On a CPU, log_softmax + NLL
    is one fused ATen kernel each way; and only the positions whose next token is trained (the assistant
    turns) go through the LM head at all (`logits_to_keep`, a boolean mask): the prompt and padding positions'
    logits were computed and then ignored by the loss. Same loss, same gradients, same gradient-accumulation
    normalisation (num_items_in_batch).
    """
    from transformers import Trainer
    from trl import SFTTrainer

    class CpuSFTTrainer(SFTTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            inputs["use_cache"] = False
            labels = inputs.get("labels")
            if labels is not None:  # evaluation too: prediction_loss_only, its logits are not kept
                inputs.update(trained_positions(labels))
            return Trainer.compute_loss(
                self, model, inputs, return_outputs=return_outputs, num_items_in_batch=num_items_in_batch
            )

    return CpuSFTTrainer


def trained_positions(labels: Any) -> dict[str, Any]:
    """Model inputs that compute logits only where the next token is trained.

    Position t predicts labels[t + 1] (the causal shift of transformers' loss, the last position predicting
    nothing); `logits_to_keep` keeps the positions whose target is trained, and `shift_labels` gives the
    loss those targets, already shifted, in the same (flattened) order.
    """
    import torch

    shifted = torch.full_like(labels, IGNORE)
    shifted[:, :-1] = labels[:, 1:]
    keep = shifted != IGNORE
    return {"logits_to_keep": keep, "shift_labels": shifted[keep]}
