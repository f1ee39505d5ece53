"""eval/bench/RESULTS.md: the committed record of every bench's latest figures (machine, date, commit).

Each bench owns one section between `<!-- bench:NAME -->` markers; a run replaces its own sections and keeps
the others, so the README's figures can always be traced to a line of this file (the per-run JSON under
eval/bench/results/ stays out of git).
"""

from __future__ import annotations

import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HEADER = (
    "# Benchmark results\n\n"
    "Written by `make bench` (`python -m eval.bench [NAME ...]`): one section a bench, replaced when that bench "
    "runs again. Speeds are ratios against a baseline run in the same invocation; absolute timings describe only "
    "the machine named in the section.\n"
)


def git_commit(root: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + ("+uncommitted" if dirty else "") if out.returncode == 0 else "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def flatten(obj: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Scalar leaves as (dotted.path, value); lists of scalars kept whole, long lists summarised by length."""
    if isinstance(obj, dict):
        return [kv for k, v in obj.items() for kv in flatten(v, f"{prefix}.{k}" if prefix else str(k))]
    if isinstance(obj, list):
        if all(not isinstance(v, dict | list) for v in obj) and len(obj) <= 8:
            return [(prefix, ", ".join(_fmt(v) for v in obj))]
        if len(obj) <= 8:
            return [kv for i, v in enumerate(obj) for kv in flatten(v, f"{prefix}[{i}]")]
        return [(prefix, f"({len(obj)} entries; see the JSON)")]
    return [(prefix, obj)]


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v).replace("|", "\\|").replace("\n", " ")


def section(result: dict[str, Any], commit: str, when: datetime) -> str:
    machine = result.get("machine", {})
    box = ", ".join(
        str(x) for x in (machine.get("cpu_model"), f"{machine.get('cpu_count')} cores",
                         f"{machine.get('mem_total_gb')} GB", f"torch {machine.get('torch')}",
                         f"CUDA: {machine.get('cuda') or 'none'}") if x
    )
    rows = [(k, v) for k, v in flatten({k: v for k, v in result.items() if k not in ("machine", "bench")})]
    lines = [
        f"## {result['bench']}{' (quick)' if result.get('quick') else ''}",
        "",
        f"- when: {when.strftime('%Y-%m-%d %H:%M UTC')}, commit {commit}",
        f"- machine: {box}",
        f"- command: `python -m eval.bench {result['bench']}{' --quick' if result.get('quick') else ''}`",
        "",
        "| figure | value |",
        "| --- | --- |",
        *(f"| {k} | {_fmt(v)} |" for k, v in rows),
    ]
    return "\n".join(lines)


def update(path: Path, result: dict[str, Any], root: Path, when: datetime | None = None) -> None:
    """Replace (or add) the section of result['bench'] in RESULTS.md, keeping the others in name order."""
    name = result["bench"]
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    sections = dict(re.findall(r"<!-- bench:(\S+) -->\n(.*?)\n<!-- /bench:\1 -->", text, flags=re.S))
    sections[name] = section(result, git_commit(root), when or datetime.now(timezone.utc))
    body = "\n\n".join(f"<!-- bench:{k} -->\n{v}\n<!-- /bench:{k} -->" for k, v in sorted(sections.items()))
    from kit.runfolder import write_atomic

    write_atomic(path, HEADER + "\n" + body + "\n")
