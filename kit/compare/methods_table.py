"""The methods table: per tuned arm (any train.method), what its training cost in parameters, disk, memory,
speed and time, and what it gave in val loss, fact accuracy, freshness and money.

Every number is read from report.json (the arm's `run` facts copied from its run.json, the summary, the
freshness summary), so a test can recompute the table from the file.
"""

from __future__ import annotations

import html
from typing import Any

# the run.json facts compare keeps per tuned arm (report.json arms[].run)
RUN_FACTS = (
    "method", "trainable_params", "total_params", "weights_bytes", "tensor_memory_mb", "tokens_per_second",
    "wall_seconds", "device_hours", "val_loss", "steps", "tokens_trained",
)
COLUMNS = (
    ("arm", "arm"), ("method", "method"), ("trainable_params", "trainable params"),
    ("weights_mb", "weights on disk (MB)"), ("memory_mb", "training tensors (MB)"),
    ("tokens_per_s", "trained tokens/s"), ("wall_s", "wall (s)"), ("val_loss", "val loss"),
    ("fact_accuracy", "fact accuracy (95% CI)"), ("new_fact", "new fact after update"),
    ("stale_fact", "stale fact after update"), ("training_cost", "training cost"), ("per_1k", "cost / 1,000 queries"),
)


def methods_table(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per arm that answers with a trained run; [] when the report has none."""
    per_arm = report["summary"]["arms"]
    fresh = (report.get("freshness") or {}).get("arms") or {}
    rows = []
    for arm in report["arms"]:
        run = arm.get("run")
        if not arm.get("lora") or run is None:
            continue
        name = arm["name"]
        quality = per_arm[name]["quality"].get("fact_accuracy") or {}
        memory = run.get("tensor_memory_mb") or {}
        weights = run.get("weights_bytes")
        rows.append({
            "arm": name,
            "method": run.get("method") or "lora",
            "rag": bool(arm.get("rag")),
            "trainable_params": run.get("trainable_params"),
            "weights_mb": round(weights / 2**20, 3) if weights is not None else None,
            "memory_mb": memory.get("total"),
            "tokens_per_s": run.get("tokens_per_second"),
            "wall_s": run.get("wall_seconds"),
            "val_loss": (run.get("val_loss") or {}).get("last"),
            "fact_accuracy": {k: quality.get(k) for k in ("mean", "low", "high")} if quality else None,
            "new_fact": (fresh.get(name) or {}).get("new_fact", {}).get("mean"),
            "stale_fact": (fresh.get(name) or {}).get("stale_fact", {}).get("mean"),
            "training_cost": arm.get("training_cost"),
            "per_1k": per_arm[name]["cost"]["per_query"] * 1000,
        })
    return rows


def _cell(key: str, value: Any, currency: str) -> str:
    if value is None:
        return "–"
    if key == "fact_accuracy":
        return f"{value['mean']:.1%} ({value['low']:.1%}–{value['high']:.1%})"
    if key in ("new_fact", "stale_fact"):
        return f"{value:.1%}"
    if key in ("training_cost", "per_1k"):
        return f"{value:,.4f} {currency}"
    if key == "trainable_params":
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def table_cells(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """(header, rows of text cells) of the methods table."""
    currency = report["settings"]["currency"]
    rows = report.get("methods") or []
    return [label for _, label in COLUMNS], [[_cell(k, row.get(k), currency) for k, _ in COLUMNS] for row in rows]


def table_html(report: dict[str, Any]) -> str:
    """The methods section of report.html ('' without tuned runs)."""
    if not report.get("methods"):
        return ""
    esc = html.escape
    header, rows = table_cells(report)
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<h2>Methods</h2><table id="methods"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def table_markdown(report: dict[str, Any]) -> str:
    """The methods section of report.md ('' without tuned runs)."""
    if not report.get("methods"):
        return ""
    header, rows = table_cells(report)
    lines = ["## Methods", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
