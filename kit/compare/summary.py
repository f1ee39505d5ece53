"""Headline numbers from per-item rows: every mean with its CI, latency percentiles, cost, paired tests.

`summarise` is a pure function of what report.json stores (rows, arms, settings), so anyone holding
the report can recompute every headline number from its rows (tests/test_report_numbers.py does).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from kit.compare import cost
from kit.compare.stats import bootstrap_ci, holm, mcnemar_exact, paired_bootstrap, percentile_ci

# (headline name, row key, binary?) — binary metrics are compared with exact McNemar, the rest by paired bootstrap.
QUALITY = [
    ("fact_accuracy", "fact_correct", True),
    ("fact_recall", "fact_recall", False),
    ("cosine", "cosine", False),
    ("token_f1", "token_f1", False),
    ("rouge_l", "rouge_l", False),
    ("escalation_accuracy", "escalation_correct", True),
    ("groundedness", "grounded", False),
    ("context_recall", "context_recall", False),
    ("judge", "judge", False),
    ("placeholders", "placeholder", True),  # answers holding a redaction placeholder: lower is better
]
LATENCY = ["ttft_s", "total_s", "tokens_per_s", "retrieval_s"]
PERCENTILES = [50, 90, 95, 99]
TOKENS = ["prompt_tokens", "context_tokens", "completion_tokens"]
COSTS = ["cost_api", "cost_self"]


def rows_of(rows: list[dict[str, Any]], arm: str) -> list[dict[str, Any]]:
    """One arm's rows, in item order (every arm answers the same items in the same order)."""
    return [r for r in rows if r["arm"] == arm]


def per_query_key(settings: dict[str, Any]) -> str:
    return "cost_api" if settings["pricing"] == "api" else "cost_self"


def _arm_summary(rows: list[dict[str, Any]], arm: dict[str, Any], s: dict[str, Any]) -> dict[str, Any]:
    boot = {"resamples": s["resamples"], "seed": s["seed"], "level": s["level"]}
    out: dict[str, Any] = {"n": len(rows), "quality": {}, "latency": {}, "tokens": {}, "cost": {}}
    for name, key, _ in QUALITY:
        est = bootstrap_ci([r.get(key) for r in rows], **boot)
        if est.n:
            out["quality"][name] = est.to_json()
    for key in LATENCY:
        values = [r.get(key) for r in rows]
        if any(v is not None for v in values):
            out["latency"][key] = {f"p{q}": percentile_ci(values, q, **boot).to_json() for q in PERCENTILES}
    for key in TOKENS:
        out["tokens"][key] = bootstrap_ci([r.get(key) for r in rows], **boot).to_json()
    for key in COSTS:
        est = bootstrap_ci([r.get(key) for r in rows], **boot)
        out["cost"][f"{key}_per_1k"] = {k: (v * 1000 if isinstance(v, float) and k != "n" else v)
                                        for k, v in est.to_json().items()}
    per_query = out["cost"][f"{per_query_key(s)}_per_1k"]["mean"] / 1000
    training = cost.monthly_fixed(arm.get("training_cost") or 0.0, s["retrains_per_year"]) if arm.get("lora") else 0.0
    fixed = training + (arm.get("hosting_monthly") or 0.0)
    out["cost"]["per_query"] = per_query
    out["cost"]["training_monthly"] = training
    out["cost"]["hosting_monthly"] = arm.get("hosting_monthly") or 0.0
    out["cost"]["fixed_monthly"] = fixed
    out["cost"]["monthly_at_volume"] = cost.monthly_cost(per_query, s["monthly_volume"], fixed)
    return out


def comparisons(rows: list[dict[str, Any]], arms: list[str], s: dict[str, Any]) -> list[dict[str, Any]]:
    """Every pair of arms on every quality metric; Holm correction within each metric's family of pairs."""
    tests: list[dict[str, Any]] = []
    for name, key, binary in QUALITY:
        family: list[dict[str, Any]] = []
        for a, b in combinations(arms, 2):
            xa = [r.get(key) for r in rows_of(rows, a)]
            xb = [r.get(key) for r in rows_of(rows, b)]
            if not any(v is not None for v in xa) or not any(v is not None for v in xb):
                continue
            if binary:
                res = mcnemar_exact(xa, xb)
                pairs = [(x, y) for x, y in zip(xa, xb, strict=True) if x is not None and y is not None]
                diff = (sum(bool(x) for x, _ in pairs) - sum(bool(y) for _, y in pairs)) / len(pairs) if pairs else None
                entry = {"test": "mcnemar_exact", "diff": diff, **res}
            else:
                entry = {"test": "paired_bootstrap", **paired_bootstrap(xa, xb, s["resamples"], s["seed"], s["level"])}
            family.append({"metric": name, "a": a, "b": b, **entry})
        for entry, adjusted in zip(family, holm([e["p"] for e in family]), strict=True):
            entry["p_holm"] = adjusted
            entry["significant"] = adjusted is not None and adjusted < s["alpha"]
        tests.extend(family)
    return tests


def break_even(arms: list[dict[str, Any]], per_arm: dict[str, Any], s: dict[str, Any]) -> list[dict[str, Any]]:
    """For each fine-tuned arm against each retrieval arm: the monthly volume where their costs cross."""
    out = []
    tuned = [a for a in arms if a.get("lora") and not a.get("rag")]
    retrieving = [a for a in arms if (a.get("rag") or a.get("extractive")) and not a.get("lora")]
    for ft in tuned:
        for rag in retrieving:
            c_ft, c_rag = per_arm[ft["name"]]["cost"], per_arm[rag["name"]]["cost"]
            volume = cost.break_even_volume(c_ft["per_query"], c_rag["per_query"], c_ft["fixed_monthly"],
                                            c_rag["fixed_monthly"])
            out.append({
                "fine_tuned": ft["name"],
                "rag": rag["name"],
                "per_query_fine_tuned": c_ft["per_query"],
                "per_query_rag": c_rag["per_query"],
                "fixed_monthly": c_ft["fixed_monthly"],
                "fixed_monthly_rag": c_rag["fixed_monthly"],
                "training_cost": ft.get("training_cost") or 0.0,
                "volume": volume,
            })
    return out


def summarise(rows: list[dict[str, Any]], arms: list[dict[str, Any]], settings: dict[str, Any]) -> dict[str, Any]:
    """Headline numbers for report.json: per arm, paired tests, break-even volumes.

    Args:
        rows: one dict per (arm, item) with the per-item scores, latencies, tokens and costs.
        arms: [{name, lora, rag, extractive, training_cost}] in display order.
        settings: resamples, seed, level, alpha, baseline, pricing, monthly_volume, retrains_per_year.
    """
    names = [a["name"] for a in arms]
    per_arm = {a["name"]: _arm_summary(rows_of(rows, a["name"]), a, settings) for a in arms}
    return {
        "arms": per_arm,
        "comparisons": comparisons(rows, names, settings),
        "break_even": break_even(arms, per_arm, settings),
    }


def comparison(summary: dict[str, Any], metric: str, a: str, b: str) -> dict[str, Any] | None:
    """The test between arms a and b on `metric`, whichever order it was stored in (diff sign follows a - b)."""
    for t in summary["comparisons"]:
        if t["metric"] != metric:
            continue
        if (t["a"], t["b"]) == (a, b):
            return t
        if (t["a"], t["b"]) == (b, a):
            flipped = dict(t, a=a, b=b)
            for key in ("diff",):
                flipped[key] = -t[key] if t.get(key) is not None else None
            if "low" in t and t.get("low") is not None:
                flipped["low"], flipped["high"] = -t["high"], -t["low"]
            if "a_only" in t:
                flipped["a_only"], flipped["b_only"] = t["b_only"], t["a_only"]
            return flipped
    return None
