"""Latency as a user sees it, and throughput as a server sees it, measured apart and labelled apart.

A user sends one question and waits: per-request time to first token and end to end are measured with
requests answered one at a time (retrieval, prompt assembly and generation inside the timed span), on a
seeded sample of items per arm. Answering a batch of 64 together is how a server keeps its hardware
busy; that gives the batch throughput (items/s, output tokens/s), which prices self-hosting, and never
a per-item latency: no user waits in a batch.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import Any

# A request answers one item and returns (seconds to the first token, seconds to the end, output tokens,
# seconds its retrieval took or None), measured from the moment the question arrived.
Request = Callable[[Any], tuple[float, float, int, float | None]]


def sample_indices(n_items: int, size: int, seed: int) -> list[int]:
    """Indices of the items timed one at a time: all when there are at most `size`, else a seeded sample."""
    if n_items <= size:
        return list(range(n_items))
    return sorted(random.Random(seed).sample(range(n_items), size))


def one_at_a_time(items: Sequence[Any], sample: Sequence[int], warmup: int, request: Request) -> dict[str, dict]:
    """Time `request` on each sampled item in turn (after `warmup` untimed requests); item id -> timings."""
    for i in list(sample)[:warmup]:
        request(items[i])
    out: dict[str, dict[str, float | None]] = {}
    for i in sample:
        ttft, total, tokens, searched = request(items[i])
        decode = total - ttft
        out[items[i].id] = {
            "ttft_s": ttft,
            "total_s": total,
            "tokens_per_s": (tokens - 1) / decode if tokens > 1 and decode > 0 else None,
            "retrieval_s": searched,
        }
    return out


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """(fn(), seconds it took)."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def apply(rows: list[dict[str, Any]], measured: dict[str, dict]) -> None:
    """Per-request timings on the sampled rows; None elsewhere (no row gets a batch's time)."""
    for row in rows:
        m = measured.get(row["item"])
        row["latency_sampled"] = m is not None
        row.update(m or {"ttft_s": None, "total_s": None, "tokens_per_s": None, "retrieval_s": None})


def throughput(rows: list[dict[str, Any]], wall_s: float, batch_size: int) -> dict[str, Any]:
    """Batch throughput of one arm: items and output tokens per second over its timed batched pass."""
    tokens = sum(r.get("completion_tokens") or 0 for r in rows)
    return {
        "batch_size": batch_size,
        "wall_s": wall_s,
        "items": len(rows),
        "items_per_s": len(rows) / wall_s if wall_s > 0 else None,
        "output_tokens_per_s": tokens / wall_s if wall_s > 0 else None,
        "machine_s_per_query": wall_s / len(rows) if rows else 0.0,
    }
