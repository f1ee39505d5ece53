"""`chatkit prepare` throughput and memory over generated conversations, PII on.

Targets (issue 3): >= 2,000 conversations/s end to end on the 2-core machine, and peak RSS at 100k at
most 1.5x the peak at 10k (it streams). Each size runs in a fresh subprocess so its peak RSS is its own
(VmHWM, Linux); worker processes count too (the larger of the main and the biggest worker peak). The
baseline, measured in the same run, is a read-only pass that JSON-parses the same file: prepare's cost
is reported against it. Wall-clock rates depend on what else runs on the machine, so the load average
and the CPU seconds (main + workers) are recorded beside them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_MEASURE = r"""
import json, os, resource, sys, time
from kit.data.config import DataConfig
from kit.data.prepare import PrepareConfig, prepare
src, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if mode == "read":
    with open(src, encoding="utf-8") as f:
        records = sum(1 for line in f if json.loads(line))
    result = {"records": records}
else:
    report = prepare(PrepareConfig(inputs=[src], out=out, data=DataConfig(), system_prompt="Eres el asistente de soporte."))
    result = {"records": report.records_in, "kept": report.kept, "merged": report.merged, "rejected": report.rejected,
              "balanced": report.balanced, "workers": report.workers, "pii": sum(report.pii_by_type.values()),
              "near_duplicate_groups": report.near_duplicate_groups}
seconds = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
# VmHWM restarts at exec; ru_maxrss would carry the bench parent's peak over.
main_mb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
worker_mb = kids.ru_maxrss / 1024  # forked workers: their own peak, shared pages included
result.update(seconds=round(seconds, 2), peak_rss_mb=round(max(main_mb, worker_mb), 1),
              main_peak_rss_mb=round(main_mb, 1), worker_peak_rss_mb=round(worker_mb, 1),
              cpu_seconds=round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 2))
print(json.dumps(result))
"""


def _measure(src: Path, out: Path, mode: str) -> dict:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    res = subprocess.run([sys.executable, "-c", _MEASURE, str(src), str(out), mode], cwd=root, env=env,
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"bench subprocess failed: {res.stderr.strip().splitlines()[-1:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _write_corpus(folder: Path, sizes: list[int], seed: int = 11) -> dict[int, Path]:
    from kit.corpus.generate import generate

    convs = generate("shop", seed, n=max(sizes)).conversations
    paths = {}
    for n in sizes:
        paths[n] = folder / f"shop-{n}.jsonl"
        with open(paths[n], "w", encoding="utf-8") as f:
            f.writelines(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in convs[:n])
    return paths


def run(quick: bool = False) -> dict:
    sizes = [1_000, 10_000] if quick else [10_000, 100_000]
    with tempfile.TemporaryDirectory(prefix="bench-prepare-") as tmp:
        folder = Path(tmp)
        paths = _write_corpus(folder, sizes)
        load_before = os.getloadavg()
        baseline = _measure(paths[sizes[-1]], folder / "unused", "read")
        runs = {n: _measure(paths[n], folder / f"out-{n}", "prepare") for n in sizes}
        load_after = os.getloadavg()
    small, big = runs[sizes[0]], runs[sizes[-1]]
    rate = big["records"] / big["seconds"]
    read_rate = baseline["records"] / baseline["seconds"]
    return {
        "sizes": sizes,
        "runs": {str(n): r for n, r in runs.items()},
        "baseline_read_only": baseline,
        "conversations_per_s": round(rate, 1),
        "conversations_per_cpu_s": round(big["records"] / big["cpu_seconds"], 1),
        "slowdown_vs_read_only": round(read_rate / rate, 2),
        "rss_ratio_big_over_small": round(big["peak_rss_mb"] / small["peak_rss_mb"], 3),
        "targets": {"conversations_per_s>=2000": rate >= 2000,
                    "rss_ratio<=1.5": big["peak_rss_mb"] <= 1.5 * small["peak_rss_mb"]},
        "load_average_before_after": [round(x, 2) for x in (*load_before[:1], *load_after[:1])],
    }
