"""`chatkit demo --base gemma-3-270m` (`make demo-real`) end to end: seconds per stage against the 30-minute
budget of a 2-core CPU, and the real-model demo's headline figures (copied from its report.json, test split).

Needs Gemma 3 270M installed (`chatkit models install gemma-3-270m --accept-license`, its terms accepted);
without it the section says so and measures nothing. About 30 minutes on a 2-core CPU. The run folder is
temporary; CHATKIT_BENCH_KEEP=DIR copies its compare report (report.json, .md, .html) to DIR first.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from eval.bench.bench_demo import headline
from eval.bench.machine import peak_rss_mb

ROOT = Path(__file__).resolve().parents[2]
BASE = "gemma-3-270m"
LIMIT_S = 1800.0  # issue #21: at most 30 minutes on the 2-core CPU


def run(quick: bool = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.chdir(ROOT)
    from kit.errors import ChatkitError
    from kit.models.load import resolve_model

    try:
        resolve_model(BASE)
    except ChatkitError as e:
        return {"skipped": f"{BASE} is not installed ({e.message}); `chatkit models install {BASE} --accept-license`"}
    from kit.demo.flow import REAL_FRESHNESS, REAL_ITEMS, run_demo

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-demo-real-") as tmp:
        report = run_demo(Path(tmp) / "demo", base=BASE, limit=12 if quick else None, timings=timings)
        data = json.loads(report.with_name("report.json").read_text(encoding="utf-8"))
        if keep := os.environ.get("CHATKIT_BENCH_KEEP"):
            shutil.copytree(report.parent, Path(keep), dirs_exist_ok=True)
        runs = {name: json.loads((Path(tmp) / "demo" / "runs" / f"{BASE}-{name}" / "run.json").read_text(encoding="utf-8"))
                for name in ("lora", "raft")}
    total = timings.pop("total")
    return {
        "base": BASE,
        "stages_s": {k: round(v, 1) for k, v in timings.items()},
        "total_s": round(total, 1),
        "limit_s": LIMIT_S,
        "total_over_limit": round(total / LIMIT_S, 3),
        "sample": {"test_items": REAL_ITEMS, "freshness_items": REAL_FRESHNESS},
        "training": {name: {"steps": r["steps"], "tokens": r["tokens_trained"], "wall_s": r["wall_seconds"],
                            "tokens_per_s": r["tokens_per_second"], "val_loss": r["val_loss"]}
                     for name, r in runs.items()},
        "fact_tests": {f"{t['a']} vs {t['b']}": {"diff": round(t["diff"], 4), "p_holm": float(f"{t['p_holm']:.3g}"),
                                                 "significant": t["significant"]}
                       for t in data["summary"]["comparisons"] if t["metric"] == "fact_accuracy"},
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load_average": os.getloadavg(),
        **headline(data),
    }
