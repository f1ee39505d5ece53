"""The report's plots as inline SVG strings (matplotlib, Agg): nothing to fetch, nothing beside the HTML."""

from __future__ import annotations

import io
from typing import Any

from kit.compare.labels import labels

COLORS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]


def _plt():
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any, name: str) -> str:
    plt = _plt()
    # A salt per plot keeps the SVG ids of different plots distinct once they share one HTML page.
    with plt.rc_context({"svg.hashsalt": f"chatkit-{name}", "svg.fonttype": "path"}):
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})  # same data, same bytes
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _color(i: int) -> str:
    return COLORS[i % len(COLORS)]


def accuracy(report: dict[str, Any], lang: str) -> str | None:
    """Fact accuracy per arm with its 95% bootstrap CI (cosine when no item has required facts)."""
    lab = labels(lang)
    arms = [a["name"] for a in report["arms"]]
    per = report["summary"]["arms"]
    metric = "fact_accuracy" if any("fact_accuracy" in per[a]["quality"] for a in arms) else "cosine"
    shown = [a for a in arms if metric in per[a]["quality"]]
    if not shown:
        return None
    est = [per[a]["quality"][metric] for a in shown]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 0.5 + 0.45 * len(shown)), dpi=100)
    means = [e["mean"] for e in est]
    err = [[e["mean"] - e["low"] for e in est], [e["high"] - e["mean"] for e in est]]
    ax.barh(shown, means, xerr=err, color=[_color(arms.index(a)) for a in shown], capsize=4)
    for y, m in enumerate(means):
        ax.text(min(m + 0.02, 0.9), y, f"{m:.0%}", va="center", fontsize=9)
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel(f"{lab[metric]} (95% CI)")
    ax.grid(axis="x", alpha=0.3)
    return _svg(fig, "accuracy")


def latency(report: dict[str, Any], lang: str) -> str | None:
    """End-to-end latency p50/p90/p95/p99 per generating arm, time to first token marked."""
    lab = labels(lang)
    per = report["summary"]["arms"]
    arms = [a["name"] for a in report["arms"] if "total_s" in per[a["name"]]["latency"]]
    if not arms:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 3.2), dpi=100)
    qs = ["p50", "p90", "p95", "p99"]
    width = 0.8 / len(arms)
    for i, arm in enumerate(arms):
        lat = per[arm]["latency"]
        xs = [k + (i - (len(arms) - 1) / 2) * width for k in range(len(qs))]
        ax.bar(xs, [lat["total_s"][q]["mean"] for q in qs], width, label=arm, color=_color(i))
        if "ttft_s" in lat:
            ax.scatter(xs, [lat["ttft_s"][q]["mean"] for q in qs], color="black", marker="_", s=60, zorder=3)
    ax.set_xticks(range(len(qs)), qs)
    ax.set_ylabel(lab["total_s"])
    ax.set_title(f"{lab['latency']} (— {lab['ttft_s']})", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig, "latency")


def cost_per_1k(report: dict[str, Any], lang: str) -> str:
    """Cost per 1,000 queries per arm: API prices and self-hosting at the measured throughput."""
    lab = labels(lang)
    cur = report["settings"]["currency"]
    arms = [a["name"] for a in report["arms"]]
    per = report["summary"]["arms"]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 3.0), dpi=100)
    width = 0.38
    for k, (key, hatch) in enumerate((("cost_api_per_1k", ""), ("cost_self_per_1k", "//"))):
        xs = [i + (k - 0.5) * width for i in range(len(arms))]
        ax.bar(xs, [per[a]["cost"][key]["mean"] or 0 for a in arms], width, hatch=hatch,
               color=[_color(i) for i in range(len(arms))], edgecolor="black", linewidth=0.4, label=lab[key])
    ax.set_xticks(range(len(arms)), arms, fontsize=8)
    ax.set_ylabel(cur)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig, "cost")


def pareto(report: dict[str, Any], lang: str) -> str | None:
    """Accuracy against cost per 1,000 queries; the front joins the arms no other arm beats on both."""
    lab = labels(lang)
    per = report["summary"]["arms"]
    arms = [a["name"] for a in report["arms"]]
    metric = "fact_accuracy" if any("fact_accuracy" in per[a]["quality"] for a in arms) else "cosine"
    pts = [(per[a]["cost"]["per_query"] * 1000, per[a]["quality"][metric]["mean"], a)
           for a in arms if metric in per[a]["quality"]]
    if not pts:
        return None
    front = pareto_front([(c, q) for c, q, _ in pts])
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 3.4), dpi=100)
    for c, q, a in pts:
        ax.scatter([c], [q], color=_color(arms.index(a)), s=60, zorder=3)
        ax.annotate(a, (c, q), textcoords="offset points", xytext=(6, 4), fontsize=8)
    fx = sorted(front)
    ax.plot([p[0] for p in fx], [p[1] for p in fx], "--", color="gray", label=lab["pareto"])
    ax.set_xlabel(f"{lab['cost_axis']} ({report['settings']['currency']}, {report['settings']['pricing']})")
    ax.set_ylabel(lab[metric])
    ax.set_ylim(-0.02, 1.02)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _svg(fig, "pareto")


def pareto_front(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(cost, quality) points not dominated by another (cheaper-or-equal and better-or-equal, one strictly)."""
    return [p for p in points
            if not any(o[0] <= p[0] and o[1] >= p[1] and (o[0] < p[0] or o[1] > p[1]) for o in points)]


def break_even_curve(report: dict[str, Any], lang: str) -> str:
    """Monthly cost against monthly volume per arm (fine-tuned arms carry amortised training)."""
    import numpy as np

    lab = labels(lang)
    per = report["summary"]["arms"]
    settings = report["settings"]
    arms = [a["name"] for a in report["arms"]]
    crossings = [b["volume"] for b in report["summary"]["break_even"] if b["volume"]]
    top = max([settings["monthly_volume"] * 10, *(v * 10 for v in crossings)])
    xs = np.logspace(1, np.log10(max(top, 100)), 200)
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 3.4), dpi=100)
    for i, a in enumerate(arms):
        c = per[a]["cost"]
        ax.plot(xs, c["fixed_monthly"] + c["per_query"] * xs, color=_color(i), label=a)
    for v in crossings:
        ax.axvline(v, color="gray", linestyle=":", linewidth=1)
    ax.axvline(settings["monthly_volume"], color="black", linestyle="--", linewidth=1, label=lab["queries_month"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(lab["queries_month"])
    ax.set_ylabel(f"{lab['monthly']} ({settings['currency']})")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, which="both")
    return _svg(fig, "breakeven")


def freshness(report: dict[str, Any], lang: str) -> str | None:
    """Per arm: share of the updated questions answered with the new fact and with the stale one."""
    fr = report.get("freshness") or {}
    if not fr.get("arms"):
        return None
    lab = labels(lang)
    arms = list(fr["arms"])
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 3.0), dpi=100)
    width = 0.38
    for k, (key, color) in enumerate((("new_fact", "#55a868"), ("stale_fact", "#c44e52"))):
        xs = [i + (k - 0.5) * width for i in range(len(arms))]
        est = [fr["arms"][a][key] for a in arms]
        err = [[e["mean"] - e["low"] for e in est], [e["high"] - e["mean"] for e in est]]
        ax.bar(xs, [e["mean"] for e in est], width, yerr=err, color=color, capsize=3, label=lab[key])
    ax.set_xticks(range(len(arms)), arms, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig, "freshness")


def methods(report: dict[str, Any], lang: str) -> str | None:
    """Fact accuracy (95% CI) against trainable parameters (log scale), one point per tuned arm."""
    rows = [r for r in report.get("methods") or [] if r["fact_accuracy"] and r["trainable_params"]]
    if not rows:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 4), dpi=100)
    for i, r in enumerate(rows):
        acc = r["fact_accuracy"]
        ax.errorbar([r["trainable_params"]], [acc["mean"]], yerr=[[acc["mean"] - acc["low"]], [acc["high"] - acc["mean"]]],
                    fmt="o", color=_color(i), capsize=4, label=r["arm"])
        ax.annotate(r["arm"], (r["trainable_params"], acc["mean"]), textcoords="offset points", xytext=(6, 4), fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("trainable parameters (log)" if lang == "en" else "parámetros entrenados (log)")
    ax.set_ylabel("fact accuracy (95% CI)" if lang == "en" else "exactitud de datos (IC 95%)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    return _svg(fig, "methods")


def all_plots(report: dict[str, Any], lang: str) -> dict[str, str]:
    """name -> SVG for every plot that has data."""
    plots = {
        "accuracy": accuracy(report, lang),
        "latency": latency(report, lang),
        "cost": cost_per_1k(report, lang),
        "pareto": pareto(report, lang),
        "breakeven": break_even_curve(report, lang),
        "freshness": freshness(report, lang),
        "methods": methods(report, lang),
    }
    return {k: v for k, v in plots.items() if v}
