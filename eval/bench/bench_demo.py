"""`chatkit demo` end to end on this machine: seconds per stage against the budget (10 min; goal 5 min).

The tiny-es base ships with chatkit (kit/tiny_es/shipped), so no run builds it unless the builder changed
(its stage time says so). The times are ratios against the budget, measured in the same run; the report's
headline figures (test split: fact accuracy per arm with its 95% CI, the decision, freshness) are copied from
its report.json so the README's demo figures trace to this section.
"""

from __future__ import annotations

import json
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
        figures = headline(json.loads(report.with_name("report.json").read_text(encoding="utf-8")))
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
        **figures,
    }


def headline(report: dict) -> dict:
    """The figures a reader of the demo's report sees first, rounded as the report prints them."""

    def pct(stat: dict) -> str:
        return f"{100 * stat['mean']:.1f}% [{100 * stat['low']:.1f}-{100 * stat['high']:.1f}]"

    arms = report["summary"]["arms"]
    fresh = (report.get("freshness") or {}).get("arms", {})
    out: dict = {"split": report["meta"]["split"], "items": report["meta"]["n_items"],
                 "facts": {arm: pct(s["quality"]["fact_accuracy"]) for arm, s in arms.items()},
                 "ship": report["recommendation"]["arm"]}
    leaks = {arm: pct(s["quality"]["placeholders"]) for arm, s in arms.items() if "placeholders" in s["quality"]}
    if leaks:  # answers holding a redaction placeholder (reports from before the metric have none)
        out["placeholders"] = leaks
    if fresh:
        out["after_update_new_fact"] = {arm: pct(f["new_fact"]) for arm, f in fresh.items()}
        out["after_update_stale_fact"] = {arm: pct(f["stale_fact"]) for arm, f in fresh.items()}
    return out
