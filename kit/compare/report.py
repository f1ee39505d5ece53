"""Assemble report.json's content from per-item rows and write the run folder's reports atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kit.compare.methods_table import methods_table
from kit.compare.recommend import recommend
from kit.compare.stats import bootstrap_ci
from kit.compare.summary import summarise
from kit.runfolder import write_atomic

SCHEMA = "chatkit.compare/2"


def freshness_summary(rows: list[dict[str, Any]], settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per arm: share of updated questions answered with every new fact, and with any stale fact (CIs)."""
    boot = {"resamples": settings["resamples"], "seed": settings["seed"], "level": settings["level"]}
    out: dict[str, dict[str, Any]] = {}
    for arm in dict.fromkeys(r["arm"] for r in rows):
        mine = [r for r in rows if r["arm"] == arm]
        out[arm] = {
            "n": len(mine),
            "new_fact": bootstrap_ci([r["new_fact"] for r in mine], **boot).to_json(),
            "stale_fact": bootstrap_ci([r["stale_hit"] for r in mine], **boot).to_json(),
            "context_new": bootstrap_ci([r.get("context_new") for r in mine], **boot).to_json(),
            "context_stale": bootstrap_ci([r.get("context_stale") for r in mine], **boot).to_json(),
        }
    return out


def build_report(
    suite_name: str,
    rows: list[dict[str, Any]],
    arms: list[dict[str, Any]],
    settings: dict[str, Any],
    meta: dict[str, Any],
    freshness: dict[str, Any] | None = None,
    lang: str = "en",
    prices: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything report.json holds: settings, the price table used, arms, every row, summary, recommendation."""
    summary = summarise(rows, arms, settings)
    fresh = None
    if freshness and freshness.get("rows"):
        fresh = {**freshness, "arms": freshness_summary(freshness["rows"], settings)}
    report = {
        "schema": SCHEMA,
        "suite": suite_name,
        "lang": lang,
        "settings": settings,
        "prices": prices,
        "arms": arms,
        "summary": summary,
        "recommendation": recommend(summary, arms, settings, fresh, lang),
        "freshness": fresh,
        "methods": None,
        "meta": meta,
        "rows": rows,
    }
    report["methods"] = methods_table(report)  # per tuned run: its training facts beside its results
    return report


def write_reports(report: dict[str, Any], out: Path) -> dict[str, Path]:
    """report.json, report.md and report.html in `out` (each written to a temporary sibling, then renamed)."""
    from kit.compare.report_html import render_html
    from kit.compare.report_md import render_markdown

    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "html": out / "report.html"}
    write_atomic(paths["json"], json.dumps(report, indent=1, ensure_ascii=False, allow_nan=False) + "\n")
    write_atomic(paths["md"], render_markdown(report))
    write_atomic(paths["html"], render_html(report))
    return paths
