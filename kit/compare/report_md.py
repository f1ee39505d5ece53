"""report.md and the terminal table, both from report.json's content."""

from __future__ import annotations

from typing import Any

from kit.compare.labels import labels, money, num, pct, volume
from kit.compare.methods_table import table_markdown
from kit.compare.summary import QUALITY

MAIN_QUALITY = ["fact_accuracy", "cosine", "token_f1", "rouge_l", "escalation_accuracy", "groundedness",
                "context_recall", "judge"]


def _ci(e: dict[str, Any] | None, as_pct: bool = True) -> str:
    if not e or e.get("mean") is None:
        return "—"
    f = pct if as_pct else num
    return f"{f(e['mean'])} [{f(e['low'])}, {f(e['high'])}]"


def quality_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the quality table (mean [95% CI])."""
    lab = labels(report["lang"])
    per = report["summary"]["arms"]
    shown = [m for m in MAIN_QUALITY if any(m in per[a["name"]]["quality"] for a in report["arms"])]
    header = [lab["arm"], *(lab[m] for m in shown)]
    rows = []
    for arm in report["arms"]:
        q = per[arm["name"]]["quality"]
        rows.append([arm["name"], *(_ci(q.get(m), as_pct=m not in ("cosine", "token_f1", "rouge_l", "judge")) for m in shown)])
    return header, rows


def ops_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the latency / tokens / cost table."""
    lab = labels(report["lang"])
    cur = report["settings"]["currency"]
    header = [lab["arm"], "TTFT p50/p95 (s)", "E2E p50/p95 (s)", "tok/s p50", "retr. p50 (ms)",
              lab["prompt_tokens"], lab["completion_tokens"], lab["cost_api_per_1k"], lab["cost_self_per_1k"],
              lab["training"], lab["monthly"]]
    rows = []
    for arm in report["arms"]:
        s = report["summary"]["arms"][arm["name"]]
        lat = s["latency"]

        def pq(key: str, q: str, lat: dict = lat) -> str:
            return f"{lat[key][q]['mean']:.3f}" if key in lat else "—"

        retr = f"{lat['retrieval_s']['p50']['mean'] * 1000:.1f}" if "retrieval_s" in lat else "—"
        rows.append([
            arm["name"], f"{pq('ttft_s', 'p50')} / {pq('ttft_s', 'p95')}", f"{pq('total_s', 'p50')} / {pq('total_s', 'p95')}",
            f"{lat['tokens_per_s']['p50']['mean']:.0f}" if "tokens_per_s" in lat else "—", retr,
            f"{s['tokens']['prompt_tokens']['mean']:.0f}", f"{s['tokens']['completion_tokens']['mean']:.0f}",
            money(s["cost"]["cost_api_per_1k"]["mean"], cur), money(s["cost"]["cost_self_per_1k"]["mean"], cur),
            money(arm.get("training_cost"), cur) if arm.get("lora") else "—",
            money(s["cost"]["monthly_at_volume"], cur),
        ])
    return header, rows


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def significance_lines(report: dict[str, Any], metrics: tuple[str, ...] = ("fact_accuracy",)) -> list[str]:
    lab = labels(report["lang"])
    out = []
    for t in report["summary"]["comparisons"]:
        if t["metric"] not in metrics:
            continue
        verdict = lab["significant"] if t["significant"] else lab["not_significant"]
        diff = pct(t["diff"]) if t.get("diff") is not None else "—"
        out.append(f"- {lab[t['metric']]}: {t['a']} − {t['b']} = {diff}, p = {t['p']:.3g}, "
                   f"Holm p = {t['p_holm']:.3g} ({verdict}; {t['test']})")
    return out


def freshness_lines(report: dict[str, Any]) -> list[str]:
    fr = report.get("freshness") or {}
    if not fr.get("arms"):
        return []
    lab = labels(report["lang"])
    lines = [_table([lab["arm"], "n", lab["new_fact"], lab["stale_fact"], lab["context_new"], lab["context_stale"]],
                    [[a, str(v["n"]), _ci(v["new_fact"]), _ci(v["stale_fact"]), _ci(v.get("context_new")),
                      _ci(v.get("context_stale"))] for a, v in fr["arms"].items()])]
    if fr.get("update_seconds") is not None:
        lines.append(f"\n{lab['update_time']}: {fr['update_seconds']:.2f} s · {lab['retrain_time']}: "
                     f"{fr.get('retrain_seconds') or 0:.0f} s")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    lab = labels(report["lang"])
    meta = report["meta"]
    parts = [f"# {lab['title']}: {report['suite']}", ""]
    parts += [f"## {lab['recommendation']}", "", report["recommendation"]["text"], ""]
    parts += [f"## {lab['quality']}", "", _table(*quality_rows(report)), ""]
    parts += [f"## {lab['tokens_cost']}", "", _table(*ops_rows(report)), ""]
    be = report["summary"]["break_even"]
    if be:
        parts += [f"## {lab['break_even']}", ""]
        for b in be:
            when = volume(b["volume"]) + " " + lab["queries_month"] if b["volume"] is not None else lab["never"]
            parts.append(f"- {b['fine_tuned']} vs {b['rag']}: {when}")
        parts.append("")
    parts += [f"## {lab['significance']}", "", *significance_lines(report, tuple(m for m, _, _ in QUALITY)), ""]
    fresh = freshness_lines(report)
    if fresh:
        parts += [f"## {lab['freshness']}", "", *fresh, ""]
    parts += [table_markdown(report)] if report.get("methods") else []
    parts += [f"## {lab['metadata']}", ""]
    for key in ("created", "git_commit", "suite_hash", "eval_hash", "device", "batch_size", "n_items"):
        if key in meta:
            parts.append(f"- {key}: {meta[key]}")
    parts.append(f"- seed: {report['settings']['seed']} · resamples: {report['settings']['resamples']}")
    return "\n".join(parts) + "\n"


def _short(e: dict[str, Any] | None, as_pct: bool) -> str:
    """Compact "77% (63–90)" / "0.70 (0.64–0.76)" for the terminal."""
    if not e or e.get("mean") is None:
        return "—"
    if as_pct:
        return f"{e['mean'] * 100:.0f}% ({e['low'] * 100:.0f}–{e['high'] * 100:.0f})"
    return f"{e['mean']:.2f} ({e['low']:.2f}–{e['high']:.2f})"


def print_terminal(report: dict[str, Any]) -> None:
    """Compact rich tables on stderr (quality; latency, tokens and cost), then the recommendation."""
    from rich.table import Table

    from kit.console import err

    lab = labels(report["lang"])
    cur = report["settings"]["currency"]
    per = report["summary"]["arms"]
    shown = [m for m in MAIN_QUALITY if any(m in per[a["name"]]["quality"] for a in report["arms"])]
    quality = Table(title=f"{lab['quality']}", title_justify="left")
    ops = Table(title=f"{lab['tokens_cost']} ({cur})", title_justify="left")
    for h in (lab["arm"], *(lab[m] for m in shown)):
        quality.add_column(h, overflow="fold")
    for h in (lab["arm"], "E2E p50/p95 s", "TTFT p50 s", "tokens in/out", "API /1k", "self /1k", lab["monthly"]):
        ops.add_column(h, overflow="fold")
    for arm in report["arms"]:
        s = per[arm["name"]]
        quality.add_row(arm["name"], *(_short(s["quality"].get(m), m not in ("cosine", "token_f1", "rouge_l", "judge"))
                                       for m in shown))
        lat = s["latency"]
        e2e = f"{lat['total_s']['p50']['mean']:.2f}/{lat['total_s']['p95']['mean']:.2f}" if "total_s" in lat else "—"
        ttft = f"{lat['ttft_s']['p50']['mean']:.2f}" if "ttft_s" in lat else "—"
        tokens = f"{s['tokens']['prompt_tokens']['mean']:.0f}/{s['tokens']['completion_tokens']['mean']:.0f}"
        ops.add_row(arm["name"], e2e, ttft, tokens, money(s["cost"]["cost_api_per_1k"]["mean"], "").strip(),
                    money(s["cost"]["cost_self_per_1k"]["mean"], "").strip(),
                    money(s["cost"]["monthly_at_volume"], "").strip())
    err.print(quality)
    err.print(ops)
    err.print(f"[bold]{lab['recommendation']}:[/bold] {report['recommendation']['text'].replace('**', '')}",
              soft_wrap=False)
