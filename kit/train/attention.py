"""Per-document causal attention for packed training rows on CPU.

Packed rows hold several conversations; position_ids restart at 0 for each. transformers turns that
into a block-diagonal 4D mask and sdpa then scores every pair of the row (a 512-token row costs
512 x 512 scores, half of them masked out). Here each document is attended on its own with
`is_causal=True`: the same result, with only the diagonal blocks computed, and the causal kernel
skips the upper triangle. That is what makes packing pay on a CPU (eval/bench/bench_train.py).

Used only while training (query and key of equal length, position_ids given); generation and
evaluation with a KV cache or a padding mask go through transformers' sdpa unchanged.
"""

from __future__ import annotations

from typing import Any

NAME = "chatkit_docs"


def document_spans(position_ids) -> list[list[tuple[int, int]]]:
    """Per row, the (start, end) spans of its documents: a new one wherever the position restarts.

    Consecutive one-token spans (the right padding, whose positions are all 0) are merged into one
    span: their outputs carry no loss, and one call beats hundreds of one-token calls.
    """
    rows = []
    for pos in position_ids.tolist():
        spans: list[tuple[int, int]] = []
        padding_run = False  # the last span is made of one-token spans only
        start = 0
        for t in range(1, len(pos) + 1):
            if t < len(pos) and pos[t] == pos[t - 1] + 1:
                continue
            if t - start == 1 and padding_run:
                spans[-1] = (spans[-1][0], t)
            else:
                spans.append((start, t))
                padding_run = t - start == 1
            start = t
        rows.append(spans)
    return rows


def document_attention(
    module: Any,
    query,
    key,
    value,
    attention_mask,
    dropout: float = 0.0,
    scaling: float | None = None,
    **kwargs: Any,
):
    """transformers attention-interface function: (batch, heads, time, dim) in, (batch, time, heads, dim) out."""
    import torch
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    position_ids = kwargs.get("position_ids")
    if position_ids is None or not module.training or query.shape[2] != key.shape[2]:
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    if position_ids.shape[0] != query.shape[0]:
        position_ids = position_ids.expand(query.shape[0], -1)
    groups = query.shape[1] // key.shape[1]
    out = torch.empty_like(query)
    for r, spans in enumerate(document_spans(position_ids)):
        for s, e in spans:
            out[r : r + 1, :, s:e] = torch.nn.functional.scaled_dot_product_attention(
                query[r : r + 1, :, s:e],
                key[r : r + 1, :, s:e],
                value[r : r + 1, :, s:e],
                dropout_p=dropout,
                scale=scaling,
                is_causal=True,
                enable_gqa=groups > 1,
            )
    return out.transpose(1, 2).contiguous(), None


def register() -> str:
    """Register the function (and sdpa's mask builder for its fallback) under NAME; returns NAME."""
    from transformers import AttentionInterface
    from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, AttentionMaskInterface

    AttentionInterface.register(NAME, document_attention)
    AttentionMaskInterface.register(NAME, ALL_MASK_ATTENTION_FUNCTIONS["sdpa"])
    return NAME
