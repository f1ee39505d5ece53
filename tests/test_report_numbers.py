"""Every number of a compare report recomputed from its report.json alone, with plain numpy/scipy.

The recomputation below is written from the definitions (seeded percentile bootstrap, exact McNemar,
paired bootstrap with a re-centred null, Holm step-down, percentile CIs, the embedded price table), not by
calling kit.compare's statistics. It then re-renders report.md and report.html from the recomputed
summary: equal pages mean every number on them comes from report.json's rows, arms, settings and prices.
"""

from __future__ import annotations

import json
import math
import re
from itertools import combinations
from typing import Any

import numpy as np
from scipy.stats import binomtest

# (summary name, row key, binary?) in the report's order
METRICS = [
    ("fact_accuracy", "fact_correct", True), ("fact_recall", "fact_recall", False), ("cosine", "cosine", False),
    ("token_f1", "token_f1", False), ("rouge_l", "rouge_l", False),
    ("escalation_accuracy", "escalation_correct", True), ("groundedness", "grounded", False),
    ("context_recall", "context_recall", False), ("judge", "judge", False), ("placeholders", "placeholder", True),
]  # fmt: skip
LATENCY = ["ttft_s", "total_s", "tokens_per_s", "retrieval_s"]


def _values(rows: list[dict], key: str) -> np.ndarray:
    return np.array([float(r.get(key)) for r in rows if r.get(key) is not None], dtype=float)


def _indices(n: int, s: dict) -> np.ndarray:
    return np.random.default_rng(s["seed"]).integers(0, n, size=(s["resamples"], n))


def _tails(s: dict) -> list[float]:
    tail = (1 - s["level"]) / 2 * 100
    return [tail, 100 - tail]


def mean_ci(values: np.ndarray, s: dict) -> dict[str, Any]:
    if values.size == 0:
        return {"mean": None, "low": None, "high": None, "n": 0}
    low, high = np.percentile(values[_indices(values.size, s)].mean(axis=1), _tails(s))
    return {"mean": float(values.mean()), "low": float(low), "high": float(high), "n": int(values.size)}


def percentile_ci(values: np.ndarray, q: int, s: dict) -> dict[str, Any]:
    low, high = np.percentile(np.percentile(values[_indices(values.size, s)], q, axis=1), _tails(s))
    return {"mean": float(np.percentile(values, q)), "low": float(low), "high": float(high), "n": int(values.size)}


def paired(xa: list, xb: list, s: dict) -> dict[str, Any]:
    d = np.array([float(x) - float(y) for x, y in zip(xa, xb, strict=True) if x is not None and y is not None])
    if d.size == 0:
        return {"diff": None, "low": None, "high": None, "p": None, "n": 0}
    idx = _indices(d.size, s)
    low, high = np.percentile(d[idx].mean(axis=1), _tails(s))
    observed = float(d.mean())
    null = (d - observed)[idx].mean(axis=1)
    extreme = int(np.sum(np.abs(null) >= abs(observed) - 1e-12))
    p = 1.0 if np.allclose(d, 0) else (extreme + 1) / (s["resamples"] + 1)
    return {"diff": observed, "low": float(low), "high": float(high), "p": float(p), "n": int(d.size)}


def mcnemar(xa: list, xb: list) -> dict[str, Any]:
    pairs = [(x, y) for x, y in zip(xa, xb, strict=True) if x is not None and y is not None]
    b = sum(1 for x, y in pairs if x and not y)
    c = sum(1 for x, y in pairs if y and not x)
    p = 1.0 if b + c == 0 else float(binomtest(b, b + c, 0.5).pvalue)
    diff = (sum(bool(x) for x, _ in pairs) - sum(bool(y) for _, y in pairs)) / len(pairs) if pairs else None
    return {"diff": diff, "a_only": b, "b_only": c, "p": p}


def holm(ps: list[float | None]) -> list[float | None]:
    present = sorted((p, i) for i, p in enumerate(ps) if p is not None)
    out: list[float | None] = [None] * len(ps)
    running = 0.0
    for rank, (p, i) in enumerate(present):
        running = max(running, min(1.0, (len(present) - rank) * p))
        out[i] = running
    return out


def recompute_costs(report: dict) -> None:
    """Each row's cost_api / cost_self from its tokens, its arm's machine seconds and the embedded price table."""
    s, table = report["settings"], report["prices"]
    model = table["models"][s["api_model"]]
    arms = {a["name"]: a for a in report["arms"]}
    for row in report["rows"]:
        arm = arms[row["arm"]]
        p_in, p_out = model["input"], model["output"]
        if arm["lora"]:
            p_in = model["fine_tuned_input"] if model["fine_tuned_input"] is not None else p_in * model["fine_tuned_premium"]
            p_out = model["fine_tuned_output"] if model["fine_tuned_output"] is not None else p_out * model["fine_tuned_premium"]
        api = (row["prompt_tokens"] * p_in + row["completion_tokens"] * p_out) / 1e6 if arm["generates"] else 0.0
        if arm["retrieves"]:
            api += row["query_tokens"] * table["retrieval"]["embedding"] / 1e6
        hour = table["self_hosting"]["gpu_hour" if arm["gpu"] else "cpu_hour"]
        own = hour * arm["machine_s_per_query"] / 3600 if arm["generates"] else 0.0
        assert math.isclose(row["cost_api"], s["rate"] * api, rel_tol=1e-12, abs_tol=1e-15), row["arm"]
        assert math.isclose(row["cost_self"], s["rate"] * own, rel_tol=1e-12, abs_tol=1e-15), row["arm"]
        hosting = table["retrieval"]["host_hour"] * s["hours_per_month"] * s["rate"] if arm["retrieves"] else 0.0
        assert math.isclose(arm["hosting_monthly"], hosting, rel_tol=1e-12)


def recompute_summary(report: dict) -> dict:
    """The summary of report.json recomputed from its rows, arms, settings and price table."""
    s, rows = report["settings"], report["rows"]
    per_arm: dict[str, Any] = {}
    for arm in report["arms"]:
        mine = [r for r in rows if r["arm"] == arm["name"]]
        quality = {m: mean_ci(_values(mine, key), s) for m, key, _ in METRICS if _values(mine, key).size}
        latency = {key: {f"p{q}": percentile_ci(_values(mine, key), q, s) for q in (50, 90, 95, 99)}
                   for key in LATENCY if _values(mine, key).size}
        tokens = {k: mean_ci(_values(mine, k), s) for k in ("prompt_tokens", "context_tokens", "completion_tokens")}
        money = {}
        for k in ("cost_api", "cost_self"):
            e = mean_ci(_values(mine, k), s)
            money[f"{k}_per_1k"] = {key: (v * 1000 if key != "n" and v is not None else v) for key, v in e.items()}
        per_query = float(np.mean(_values(mine, "cost_api" if s["pricing"] == "api" else "cost_self")))
        training = (arm.get("training_cost") or 0.0) * (1 + s["retrains_per_year"]) / 12 if arm["lora"] else 0.0
        hosting = arm.get("hosting_monthly") or 0.0
        money.update(per_query=per_query, training_monthly=training, hosting_monthly=hosting,
                     fixed_monthly=training + hosting, monthly_at_volume=training + hosting + per_query * s["monthly_volume"])
        per_arm[arm["name"]] = {"n": len(mine), "quality": quality, "latency": latency, "tokens": tokens, "cost": money}
    names = [a["name"] for a in report["arms"]]
    tests = []
    for metric, key, binary in METRICS:
        family = []
        for a, b in combinations(names, 2):
            xa = [r.get(key) for r in rows if r["arm"] == a]
            xb = [r.get(key) for r in rows if r["arm"] == b]
            if all(v is None for v in xa) or all(v is None for v in xb):
                continue
            res = {"test": "mcnemar_exact", **mcnemar(xa, xb)} if binary else {"test": "paired_bootstrap", **paired(xa, xb, s)}
            family.append({"metric": metric, "a": a, "b": b, **res})
        for t, adjusted in zip(family, holm([t["p"] for t in family]), strict=True):
            t["p_holm"] = adjusted
            t["significant"] = adjusted is not None and adjusted < s["alpha"]
        tests += family
    crossings = []
    for ft in [a for a in report["arms"] if a["lora"] and not a["rag"]]:
        for rag in [a for a in report["arms"] if (a["rag"] or a["extractive"]) and not a["lora"]]:
            cf, cr = per_arm[ft["name"]]["cost"], per_arm[rag["name"]]["cost"]
            saving, extra = cr["per_query"] - cf["per_query"], cf["fixed_monthly"] - cr["fixed_monthly"]
            volume = max(0.0, extra / saving) if saving > 0 else (0.0 if saving == 0 and extra < 0 else None)
            crossings.append({"fine_tuned": ft["name"], "rag": rag["name"], "per_query_fine_tuned": cf["per_query"],
                              "per_query_rag": cr["per_query"], "fixed_monthly": cf["fixed_monthly"],
                              "fixed_monthly_rag": cr["fixed_monthly"], "training_cost": ft.get("training_cost") or 0.0,
                              "volume": volume})
    return {"arms": per_arm, "comparisons": tests, "break_even": crossings}


def recompute_freshness(report: dict) -> dict | None:
    fresh = report.get("freshness")
    if not fresh:
        return None
    s, out = report["settings"], {}
    for arm in dict.fromkeys(r["arm"] for r in fresh["rows"]):
        mine = [r for r in fresh["rows"] if r["arm"] == arm]
        out[arm] = {"n": len(mine), **{k: mean_ci(_values(mine, key), s) for k, key in (
            ("new_fact", "new_fact"), ("stale_fact", "stale_hit"), ("context_new", "context_new"),
            ("context_stale", "context_stale"))}}
    return {**fresh, "arms": out}


def assert_same(stored: Any, recomputed: Any, where: str = "summary") -> int:
    """Stored and recomputed trees hold the same keys and numbers (floats to 1e-9); returns how many numbers."""
    if isinstance(recomputed, dict):
        assert isinstance(stored, dict) and set(stored) == set(recomputed), (where, set(stored) ^ set(recomputed))
        return sum(assert_same(stored[k], v, f"{where}.{k}") for k, v in recomputed.items())
    if isinstance(recomputed, list):
        assert isinstance(stored, list) and len(stored) == len(recomputed), where
        return sum(assert_same(a, b, f"{where}[{i}]") for i, (a, b) in enumerate(zip(stored, recomputed, strict=True)))
    if isinstance(recomputed, float) and not isinstance(stored, bool):
        assert stored is not None and math.isclose(stored, recomputed, rel_tol=1e-9, abs_tol=1e-12), (where, stored, recomputed)
        return 1
    assert stored == recomputed, (where, stored, recomputed)
    return 1 if isinstance(recomputed, (int, bool)) else 0


def check_report_numbers(folder) -> int:
    """Recompute report.json's numbers, then re-render report.md / report.html from them; returns numbers checked."""
    from kit.compare.recommend import recommend
    from kit.compare.report_html import render_html
    from kit.compare.report_md import render_markdown

    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    for row in report["rows"]:  # the placeholders metric's per-row flag, from the answer text
        if "placeholder" in row:
            assert row["placeholder"] == bool(re.search(r"\[[A-Z][A-Z_]*_[0-9]+\]", row["answer"])), row["item"]
    recompute_costs(report)
    summary = recompute_summary(report)
    checked = assert_same(report["summary"], summary)
    fresh = recompute_freshness(report)
    if fresh is not None:
        checked += assert_same(report["freshness"]["arms"], fresh["arms"], "freshness")
    rec = recommend(summary, report["arms"], report["settings"], fresh, report["lang"])
    assert rec["arm"] == report["recommendation"]["arm"]
    assert rec["commands"] == report["recommendation"]["commands"]  # how to run it: from report.json too
    rebuilt = {**report, "summary": summary, "freshness": fresh, "recommendation": rec}
    assert render_markdown(rebuilt) == (folder / "report.md").read_text(encoding="utf-8")
    assert render_html(rebuilt) == (folder / "report.html").read_text(encoding="utf-8")
    return checked


def test_every_number_of_a_report_recomputes_from_its_report_json(tmp_path):
    from test_report import synthetic_report

    from kit.compare.report import write_reports

    write_reports(synthetic_report(), tmp_path / "en")
    assert check_report_numbers(tmp_path / "en") > 1000
    write_reports(synthetic_report("es"), tmp_path / "es")
    assert check_report_numbers(tmp_path / "es") > 1000


def test_a_changed_row_is_caught(tmp_path):
    """The check is not vacuous: one row's answer flipped in report.json no longer matches its summary."""
    import pytest
    from test_report import synthetic_report

    from kit.compare.report import write_reports

    paths = write_reports(synthetic_report(), tmp_path)
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    row = next(r for r in report["rows"] if r["arm"] == "lora" and r["fact_correct"] is False)
    row["fact_correct"] = True
    paths["json"].write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AssertionError):
        check_report_numbers(tmp_path)
