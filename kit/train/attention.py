"""Per-document causal attention for packed training rows on CPU.

Packed rows hold several conversations; position_ids restart at 0 for each. transformers turns that
into a block-diagonal 4D mask and sdpa then scores every pair of the row (a 512-token row costs
512 x 512 scores, half of them masked out). Here each document is attended on its own with
`is_causal=True`: the same result, with only the diagonal blocks computed, and the causal kernel
skips the upper triangle. That is what makes packing pay on a CPU (eval/bench/bench_train.py).

Used only while training (query and key of equal length, position_ids given); generation and
evaluation with a KV cache or a padding mask go through transformers' sdpa unchanged. For a forward
pass that trains (gradients on, no cache, no 2D padding mask) the mask builder returns no mask at
all: transformers would otherwise build the block-diagonal (time x time) mask from the position_ids
on every forward (4M booleans for a padding-free packed batch), which the per-document path never reads.
"""

from __future__ import annotations

from typing import Any

NAME = "chatkit_docs"


def document_spans(position_ids) -> list[list[tuple[int, int]]]:
    """Per row, the (start, end) spans of its documents: a new one wherever the position restarts.

    Consecutive one-token spans (the right padding, whose positions are all 0) are merged into one
    span: their outputs carry no loss, and one call beats hundreds of one-token calls.
    """
    import torch

    time = position_ids.shape[1]
    restarts = torch.ones(position_ids.shape, dtype=torch.bool)
    restarts[:, 1:] = position_ids[:, 1:] != position_ids[:, :-1] + 1
    rows = []
    for starts in restarts.nonzero()[:, 1].split(restarts.sum(1).tolist()):
        bounds = starts.tolist()
        spans: list[tuple[int, int]] = []
        padding_run = False  # the last span is made of one-token spans only
        for start, end in zip(bounds, [*bounds[1:], time], strict=True):
            if end - start == 1 and padding_run:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
                padding_run = end - start == 1
        rows.append(spans)
    return rows


_last: tuple[Any, list[int]] | None = None  # every layer of a forward pass gets the same position_ids


def _document_lengths(position_ids) -> list[int]:
    """The lengths of document_spans over the flattened rows, computed once per forward pass."""
    global _last
    if _last is None or _last[0] is not position_ids:  # holding the tensor keeps the identity check sound
        _last = (position_ids, [e - s for spans in document_spans(position_ids) for s, e in spans])
    return _last[1]


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
    trains = module.training or torch.is_grad_enabled()  # the mask builder below skipped the mask
    if position_ids is None or not trains or query.shape[2] != key.shape[2]:
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    batch, heads, time, dim = query.shape
    lengths = _document_lengths(position_ids)
    if position_ids.shape[0] != batch:  # one row of positions for the whole batch
        lengths = lengths * batch
    groups = heads // key.shape[1]
    # One split and one cat per layer over the flattened (batch x time) tokens: slicing each span out of
    # the 4D tensors instead made every slice's backward allocate and fill a full-size gradient (15% of
    # a packed CPU step went there).

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


def training_mask(batch_size: int, q_length: int, kv_length: int, q_offset: int = 0, kv_offset: int = 0, **kwargs: Any):
    """sdpa's mask builder, except for a training forward pass, which gets no mask (see the module doc)."""
    import torch
    from transformers.masking_utils import sdpa_mask

    if (
        torch.is_grad_enabled()
        and q_length == kv_length
        and q_offset == 0
        and kv_offset == 0
        and kwargs.get("attention_mask") is None
    ):
        return None
    return sdpa_mask(batch_size, q_length, kv_length, q_offset=q_offset, kv_offset=kv_offset, **kwargs)


def register() -> str:
    """Register the function and its mask builder under NAME; returns NAME."""
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface

    AttentionInterface.register(NAME, document_attention)
    AttentionMaskInterface.register(NAME, training_mask)
    return NAME
