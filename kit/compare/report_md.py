"""report.md and the terminal table, both from report.json's content."""

from __future__ import annotations

from typing import Any

from kit.compare.labels import labels, money, num, pct, volume
from kit.compare.methods_table import table_markdown
from kit.compare.summary import QUALITY

MAIN_QUALITY = ["fact_accuracy", "cosine", "token_f1", "rouge_l", "escalation_accuracy", "groundedness",
                "context_recall", "judge", "placeholders"]


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


def _p(lat: dict[str, Any], key: str, q: str, scale: float = 1.0, digits: int = 3) -> str:
    e = lat.get(key, {}).get(q)
    if not e or e.get("mean") is None:
        return "—"
    return f"{e['mean'] * scale:.{digits}f} [{e['low'] * scale:.{digits}f}, {e['high'] * scale:.{digits}f}]"


def latency_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Per-request latency (one request at a time, sampled items): percentiles with their 95% CIs."""
    lab = labels(report["lang"])
    header = [lab["arm"], lab["sampled"], lab["ttft_p50"], lab["ttft_p95"], lab["e2e_p50"], lab["e2e_p95"],
              lab["retrieval_p50_ms"]]
    rows = []
    for arm in report["arms"]:
        lat = report["summary"]["arms"][arm["name"]]["latency"]
        sampled = lat.get("total_s", {}).get("p50", {}).get("n", 0)
        rows.append([arm["name"], str(sampled), _p(lat, "ttft_s", "p50"), _p(lat, "ttft_s", "p95"),
                     _p(lat, "total_s", "p50"), _p(lat, "total_s", "p95"), _p(lat, "retrieval_s", "p50", 1000, 1)])
    return header, rows


def latency_sampled(report: dict[str, Any]) -> int | str:
    """Items per arm timed one request at a time: the configured sample, or every item when there are fewer."""
    sample, items = report["settings"].get("latency_sample"), report["meta"].get("n_items")
    if sample is None:
        return "?"
    return min(sample, items) if isinstance(items, int) else sample


def throughput_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Batch throughput per generating arm (what prices self-hosting)."""
    lab = labels(report["lang"])
    header = [lab["arm"], lab["batch_size"], lab["items_per_s"], lab["out_tokens_per_s"]]
    rows = []
    for arm in report["arms"]:
        b = arm.get("batch") or {}
        if not arm.get("generates", not arm.get("extractive")) or not b.get("items_per_s"):
            continue
        rows.append([arm["name"], str(b["batch_size"]), f"{b['items_per_s']:.2f}", f"{b['output_tokens_per_s']:.1f}"])
    return header, rows


def ops_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the tokens / cost table."""
    lab = labels(report["lang"])
    cur = report["settings"]["currency"]
    header = [lab["arm"], lab["prompt_tokens"], lab["completion_tokens"], lab["cost_api_per_1k"],
              lab["cost_self_per_1k"], lab["hosting_monthly"], lab["training"], lab["fixed_monthly"], lab["monthly"]]
    rows = []
    for arm in report["arms"]:
        s = report["summary"]["arms"][arm["name"]]
        c = s["cost"]
        rows.append([
            arm["name"], f"{s['tokens']['prompt_tokens']['mean']:.0f}", f"{s['tokens']['completion_tokens']['mean']:.0f}",
            money(c["cost_api_per_1k"]["mean"], cur), money(c["cost_self_per_1k"]["mean"], cur),
            money(c.get("hosting_monthly", 0.0), cur), money(arm.get("training_cost"), cur) if arm.get("lora") else "—",
            money(c["fixed_monthly"], cur), money(c["monthly_at_volume"], cur),
        ])
    return header, rows


def decision_lines(report: dict[str, Any]) -> tuple[str, list[str]]:
    """The first screen: the decision with its CI and monthly cost, then what would change it."""
    lab = labels(report["lang"])
    rec, s = report["recommendation"], report["settings"]
    cur, split = s["currency"], s.get("split", "test")
    on = lab["on_items"].format(n=report["meta"].get("n_items", "?"), split=lab.get(f"split_{split}", split))
    if not rec.get("arm"):
        return rec.get("text", ""), []
    est = report["summary"]["arms"][rec["arm"]]["quality"][rec["metric"]]
    c = report["summary"]["arms"][rec["arm"]]["cost"]
    head = (f"{rec['ship_text']} {lab[rec['metric']]} {_ci(est, rec['metric'] == 'fact_accuracy')} "
            f"({lab['ci95']}) {on}. " + lab["monthly_line"].format(
                volume=volume(s["monthly_volume"]), monthly=money(c["monthly_at_volume"], cur),
                per1k=money(c["per_query"] * 1000, cur), fixed=money(c["fixed_monthly"], cur),
                hosting=money(c.get("hosting_monthly", 0.0), cur), training=money(c.get("training_monthly", 0.0), cur)))
    changes = list(rec.get("changes_text") or [])
    for b in report["summary"]["break_even"]:
        when = volume(b["volume"]) + " " + lab["queries_month"] if b["volume"] else lab["never"]
        if b["volume"] == 0:
            when = lab["always"]
        changes.append(f"{lab['break_even']} {b['fine_tuned']} vs {b['rag']}: {when}.")
    changes += rec.get("freshness_text") or []
    return head, changes


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def significance_lines(report: dict[str, Any], metrics: tuple[str, ...] = ("fact_accuracy",)) -> list[str]:
    """The long list of pairwise tests (the appendix): one line per test."""
    from kit.compare.matrix import diff_text

    lab = labels(report["lang"])
    out = []
    for t in report["summary"]["comparisons"]:
        if t["metric"] not in metrics:
            continue
        verdict = lab["significant"] if t["significant"] else lab["not_significant"]
        # p is None when the test is undefined (e.g. two arms that never disagree on an item)
        p = "n/a" if t.get("p") is None else f"{t['p']:.3g}"
        holm = "n/a" if t.get("p_holm") is None else f"{t['p_holm']:.3g}"
        out.append(f"- {lab[t['metric']]}: {t['a']} − {t['b']} = {diff_text(t['metric'], t.get('diff'))}, "
                   f"p = {p}, Holm p = {holm} ({verdict}; {t['test']})")
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


def settings_lines(report: dict[str, Any]) -> list[str]:
    """How the numbers were made: the answer budget, any worked examples, and the pricing basis."""
    lab, s, prices = labels(report["lang"]), report["settings"], report.get("prices") or {}
    lines = [lab["budget_line"].format(n=s.get("answer_budget", s["max_new_tokens"]), tok=s.get("budget_tokenizer", "?"))]
    for arm in report.get("arms") or []:
        if arm.get("shots"):
            lines.append(lab["shots_line"].format(arm=arm["name"], k=len(arm["shots"]), ids=", ".join(arm["shots"])))
        if arm.get("context_weight"):
            lines.append(lab["context_weight_line"].format(arm=arm["name"], w=arm["context_weight"]))
    r = prices.get("retrieval") or {}
    lines.append(lab["cost_basis"].format(model=s["api_model"], host=r.get("host", "?"), hour=r.get("host_hour", "?"),
                                          hours=s.get("hours_per_month", "?")))
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as Markdown: the decision first, the long list in the appendix."""
    from kit.compare.matrix import matrix_markdown, metrics_tested

    lab = labels(report["lang"])
    meta, s = report["meta"], report["settings"]
    split = s.get("split", "test")
    parts = [f"# {lab['title']}: {report['suite']}", "",
             f"{lab['split']}: **{lab.get(f'split_{split}', split)}** · {meta.get('n_items', '?')} {lab['items']}", ""]
    head, changes = decision_lines(report)
    parts += [f"## {lab['decision']}", "", head, ""]
    run = report["recommendation"].get("run_text") or []
    parts += [*(f"{line}  " for line in run), ""] if run else []
    if changes:
        parts += [f"**{lab['what_changes']}:**", "", *(f"- {c}" for c in changes), ""]
    parts += [f"### {lab['why']}", "", report["recommendation"]["text"], ""]
    parts += [f"## {lab['quality']}", "", _table(*quality_rows(report)), ""]
    parts += [f"## {lab['latency_title'].format(n=latency_sampled(report))}", "", _table(*latency_rows(report)), ""]
    header, rows = throughput_rows(report)
    if rows:
        parts += [f"## {lab['throughput_title']}", "", _table(header, rows), ""]
    parts += [f"## {lab['cost_title']}", "", _table(*ops_rows(report)), "", *settings_lines(report), ""]
    fresh = freshness_lines(report)
    if fresh:
        parts += [f"## {lab['freshness']}", "", *fresh, ""]
    parts += [table_markdown(report)] if report.get("methods") else []
    parts += [f"## {lab['matrix_title']}", ""]
    for metric in metrics_tested(report):
        parts += [f"### {lab[metric]}", "", matrix_markdown(report, metric, lab["arm_row_col"]), ""]
    parts += [f"## {lab['appendix']}", "", f"### {lab['all_tests']}", "",
              *significance_lines(report, tuple(m for m, _, _ in QUALITY)), ""]
    parts += [f"### {lab['metadata']}", ""]
    for key in ("created", "git_commit", "suite_hash", "eval_hash", "device", "batch_size", "n_items", "split",
                "threads"):
        if key in meta:
            parts.append(f"- {key}: {meta[key]}")
    parts.append(f"- seed: {s['seed']} · resamples: {s['resamples']}")
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
    from rich.markup import escape
    from rich.table import Table

    from kit.console import err

    lab = labels(report["lang"])
    cur = report["settings"]["currency"]
    per = report["summary"]["arms"]
    shown = [m for m in MAIN_QUALITY if any(m in per[a["name"]]["quality"] for a in report["arms"])]
    split = report["settings"].get("split", "test")
    quality = Table(title=f"{lab['quality']} · {lab['split']}: {lab.get(f'split_{split}', split)} · "
                    f"{report['meta'].get('n_items', '?')} {lab['items']}", title_justify="left")
    ops = Table(title=f"{lab['tokens_cost']} ({cur})", title_justify="left")
    for h in (lab["arm"], *(lab[m] for m in shown)):
        quality.add_column(h, overflow="fold")
    for h in (lab["arm"], f"{lab['e2e_p50']} / p95", lab["ttft_p50"], "tokens in/out", "API /1k", "self /1k",
              lab["monthly"]):
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
    head, changes = decision_lines(report)
    err.print(f"[bold]{lab['decision']}:[/bold] {head.replace('**', '')}", soft_wrap=False)
    for line in report["recommendation"].get("run_text") or []:
        err.print(escape(line.replace("`", "")), soft_wrap=False)
    if changes:
        err.print(f"[bold]{lab['what_changes']}:[/bold]")
    for change in changes:
        err.print(f"  - {change}", soft_wrap=False)
