"""A LoRA linear layer in one autograd node, for CPU training.

PEFT computes `base(x) + lora_B(lora_A(x)) * scaling` as five ops; on a CPU each of the scaling
multiply, the sum, their backward and the sum of the two input gradients is a pass over a
(tokens x features) tensor, and at the tiny-es sizes (hidden 128, rank 32) those passes cost about
as much as the matrix products they sit between. Here the adapter's product accumulates into the
base's output inside the GEMM (`addmm_`, alpha = scaling), the scaling is applied to the (tokens x
rank) factor instead, and the backward writes both input-gradient products into one buffer. Same
function, same gradients (checked against PEFT in tests/test_train.py).

`fuse_lora(model)` swaps the forward of every PEFT `lora.Linear` that is plain LoRA (one active
adapter, no dropout, no DoRA or other variant, an nn.Linear base); each call still falls back to
PEFT's own forward when the adapter is disabled or merged, or the input is not what the fused path
expects.
"""

from __future__ import annotations

import types
from typing import Any


def _function() -> Any:
    import torch

    class LoraLinearFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, weight, bias, lora_a, lora_b, scaling):
            h = x.mm(lora_a.t())  # (tokens, rank)
            out = torch.addmm(bias, x, weight.t()) if bias is not None else x.mm(weight.t())
            out.addmm_(h, lora_b.t(), alpha=scaling)
            ctx.save_for_backward(x, weight, lora_a, lora_b, h)
            ctx.scaling = scaling
            return out

        @staticmethod
        def backward(ctx, grad):
            x, weight, lora_a, lora_b, h = ctx.saved_tensors
            need_x, need_w, need_bias, need_a, need_b, _ = ctx.needs_input_grad
            grad = grad.contiguous()
            grad_h = grad.mm(lora_b).mul_(ctx.scaling)  # (tokens, rank): the scaling costs r, not out, per token
            grad_x = grad_w = grad_bias = grad_a = grad_b = None
            if need_x:
                grad_x = grad.mm(weight).addmm_(grad_h, lora_a)
            if need_w:
                grad_w = grad.t().mm(x)
            if need_bias:
                grad_bias = grad.sum(0)
            if need_a:
                grad_a = grad_h.t().mm(x)
            if need_b:
                grad_b = grad.t().mm(h).mul_(ctx.scaling)
            return grad_x, grad_w, grad_bias, grad_a, grad_b, None

    return LoraLinearFunction


_FUNCTION: Any = None


def _fused_forward(self: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
    from peft.tuners.lora.layer import Linear

    names = self.active_adapters
    if args or kwargs or self.disable_adapters or self.merged or len(names) != 1 or names[0] not in self.lora_A:
        return Linear.forward(self, x, *args, **kwargs)
    base, name = self.base_layer, names[0]
    lora_a, lora_b = self.lora_A[name].weight, self.lora_B[name].weight
    if not (x.dtype == base.weight.dtype == lora_a.dtype == lora_b.dtype) or x.device.type != "cpu":
        return Linear.forward(self, x, *args, **kwargs)
    flat = x.reshape(-1, x.shape[-1])
    out = _FUNCTION.apply(flat, base.weight, base.bias, lora_a, lora_b, float(self.scaling[name]))
    return out.view(*x.shape[:-1], out.shape[-1])


def fusable(module: Any) -> bool:
    """A PEFT lora.Linear that is plain LoRA over an nn.Linear: what the fused forward computes exactly."""
    import torch
    from peft.tuners.lora.layer import Linear

    if not isinstance(module, Linear) or not isinstance(module.base_layer, torch.nn.Linear):
        return False
    if module.lora_variant or any(getattr(module, "lora_bias", {}).values()):
        return False
    return all(isinstance(d, torch.nn.Identity) or d.p == 0 for d in module.lora_dropout.values())


def swap_forward(model: Any, eligible: Any, forward: Any) -> int:
    """Bind `forward` as the forward of every module of `model` that `eligible` accepts; how many were changed."""
    count = 0
    for module in model.modules():
        if eligible(module):
            module.forward = types.MethodType(forward, module)
            count += 1
    return count


def fuse_lora(model: Any) -> int:
    """Give every fusable LoRA layer of `model` the one-node forward; returns how many were changed."""
    global _FUNCTION
    if _FUNCTION is None:
        _FUNCTION = _function()
    return swap_forward(model, fusable, _fused_forward)
