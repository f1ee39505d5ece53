"""Self-hosted seconds per query from the throughput `chatkit serve` sustained (eval/bench/bench_serve.py).

A deployment answers many users at once, so its cost per query is the machine's hour over the answers it
serves in that hour at a realistic concurrency, not over one request's latency. The serve bench writes
answers/s per concurrency level; compare uses the level `cost.serve_concurrency` when the bench ran the
suite's model on the same kind of device, and says so in report.json (arms[].self_hosted_basis).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def served_seconds(suite: Any, device: str) -> tuple[float, str] | None:
    """(seconds per answer, basis) from the serve bench result, or None when it does not apply."""
    path = Path(suite.cost.serve_bench) if suite.cost.serve_bench else None
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    kind = "cuda" if device.startswith("cuda") else "cpu"
    if data.get("model_name") != suite.model.name or data.get("device", "cpu") != kind:
        return None
    level = next((lv for lv in data.get("levels", []) if lv.get("concurrency") == suite.cost.serve_concurrency), None)
    if not level or not level.get("answers_per_s"):
        return None
    rate = float(level["answers_per_s"])
    return 1.0 / rate, f"{path}: {rate:.2f} answers/s served at concurrency {level['concurrency']}"
