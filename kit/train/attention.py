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
    batch, heads, time, dim = query.shape
    groups = heads // key.shape[1]
    # One split and one cat per layer over the flattened (batch x time) tokens: slicing each span out of
    # the 4D tensors instead made every slice's backward allocate and fill a full-size gradient (15% of
    # a packed CPU step went there).
    lengths = [e - s for spans in document_spans(position_ids) for s, e in spans]

    def pieces(x):
        flat = x.transpose(1, 2).reshape(batch * time, x.shape[1], dim)  # (tokens, heads, dim)
        return [part.transpose(0, 1).unsqueeze(0) for part in flat.split(lengths)]  # (1, heads, len, dim)

    outs = [
        torch.nn.functional.scaled_dot_product_attention(
            q, k, v, dropout_p=dropout, scale=scaling, is_causal=True, enable_gqa=groups > 1
        )[0].transpose(0, 1)  # (len, heads, dim)
        for q, k, v in zip(pieces(query), pieces(key), pieces(value), strict=True)
    ]
    return torch.cat(outs).view(batch, time, heads, dim), None


def register() -> str:
    """Register the function (and sdpa's mask builder for its fallback) under NAME; returns NAME."""
    from transformers import AttentionInterface
    from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, AttentionMaskInterface

    AttentionInterface.register(NAME, document_attention)
    AttentionMaskInterface.register(NAME, ALL_MASK_ATTENTION_FUNCTIONS["sdpa"])
    return NAME
