"""PEFT's trainable tokens without rebuilding the whole table, for CPU training.

`lora.trainable_tokens` trains a few rows of the embedding (and of the tied LM head) through PEFT's
`TrainableTokensLayer`. On every forward that layer writes the trained rows into a copy of the whole table
(`index_copy`) and looks up or projects through the copy. On Gemma 3 (262,144 x 640) that is a 168M-element
copy for the embedding and another for the head, and because the copy requires grad, the backward of the
head computes the gradient of the whole 262,144 x 640 matrix (a GEMM as large as the head's forward) only to
read two of its rows.

Here the embedding looks up the frozen base table and puts the trained rows where the input holds a trained
token; the head projects through the frozen base table and overwrites the trained tokens' logit columns
with `x @ delta.T`. Same function, same gradients (tests/test_train.py checks both against PEFT).

`sparse_tokens(model)` swaps the forward of every `TrainableTokensLayer` it can compute this way (an
nn.Embedding without max_norm or scale_grad_by_freq, or a bias-free nn.Linear, over a frozen base); each
call still falls back to PEFT's forward when the adapter is disabled or merged, more than one adapter is
active, or a trained token is the padding id (whose embedding gradient PEFT's lookup zeroes).
"""

from __future__ import annotations

from typing import Any


def _sparse_forward(self: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
    import torch
    import torch.nn.functional as F
    from peft.tuners.trainable_tokens.layer import TrainableTokensLayer

    names = self.active_adapters
    if args or kwargs or self.disable_adapters or self.merged or len(names) != 1:
        return TrainableTokensLayer.forward(self, x, *args, **kwargs)
    base, name = self.base_layer, names[0]
    if name not in self.trainable_tokens_delta:
        return TrainableTokensLayer.forward(self, x, *args, **kwargs)
    tokens = self.token_indices[name]
    delta = self.trainable_tokens_delta[name].to(base.weight)
    index = torch.tensor(tokens, device=base.weight.device)
    if isinstance(base, torch.nn.Embedding):
        if base.padding_idx is not None and base.padding_idx in tokens:
            return TrainableTokensLayer.forward(self, x, *args, **kwargs)
        result = F.embedding(x, base.weight, padding_idx=base.padding_idx)
        match = x.unsqueeze(-1) == index  # (..., trained tokens)
        rows = F.embedding(match.to(torch.uint8).argmax(-1), delta)  # the trained row of each position's token
        result = torch.where(match.any(-1, keepdim=True), rows, result)
        embed_scale = self._get_embed_scale()
        if embed_scale is not None:
            result = result * embed_scale.to(result.dtype)
        return result
    logits = F.linear(x, base.weight)
    return logits.index_copy(-1, index, F.linear(x, delta))


def sparse_able(module: Any) -> bool:
    """A PEFT TrainableTokensLayer over a frozen table whose forward `_sparse_forward` computes exactly."""
    import torch
    from peft.tuners.trainable_tokens.layer import TrainableTokensLayer

    if not isinstance(module, TrainableTokensLayer) or module.base_layer.weight.requires_grad:
        return False
    base = module.base_layer
    if isinstance(base, torch.nn.Embedding):
        return base.max_norm is None and not base.scale_grad_by_freq
    return isinstance(base, torch.nn.Linear) and base.bias is None


def sparse_tokens(model: Any) -> int:
    """Give every such trainable-tokens layer of `model` the sparse forward; returns how many were changed."""
    from kit.train.fused_lora import swap_forward

    return swap_forward(model, sparse_able, _sparse_forward)
