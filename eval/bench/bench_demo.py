"""`chatkit demo` end to end on this machine: seconds per stage against the budget (10 min; goal 5 min).

The tiny-es base ships with chatkit (kit/tiny_es/shipped), so no run builds it unless the builder changed
(its stage time says so). The figures are ratios against the budget, measured in the same run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from eval.bench.machine import peak_rss_mb

ROOT = Path(__file__).resolve().parents[2]
LIMIT_S, GOAL_S = 600.0, 300.0


def run(quick: bool = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.chdir(ROOT)  # the demo reads the shipped corpus, recipe and suite relative to the repo
    from kit.demo.flow import run_demo

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        report = run_demo(Path(tmp) / "demo", limit=60 if quick else None, timings=timings)
        size = report.stat().st_size
    total = timings.pop("total")
    return {
        "stages_s": {k: round(v, 1) for k, v in timings.items()},
        "total_s": round(total, 1),
        "limit_s": LIMIT_S,
        "goal_s": GOAL_S,
        "total_over_limit": round(total / LIMIT_S, 3),
        "total_over_goal": round(total / GOAL_S, 3),
        "report_html_bytes": size,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load_average": os.getloadavg(),
    }
