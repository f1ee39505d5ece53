"""Compare reports: every headline number recomputed from report.json's rows; report.html in headless Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from scipy.stats import binomtest

from kit.compare import cost
from kit.compare.report import build_report, write_reports

ARMS = [
    {"name": "base", "lora": False, "rag": False, "extractive": False},
    {"name": "base+rag", "lora": False, "rag": True, "extractive": False},
    {"name": "lora", "lora": True, "rag": False, "extractive": False, "training_cost": 3.0},
    {"name": "lora+rag", "lora": True, "rag": True, "extractive": False, "training_cost": 3.0},
    {"name": "extractive", "lora": False, "rag": False, "extractive": True},
]
ACCURACY = {"base": 0.15, "base+rag": 0.7, "lora": 0.55, "lora+rag": 0.75, "extractive": 0.5}
SETTINGS = {
    "resamples": 1000, "seed": 7, "level": 0.95, "alpha": 0.05, "baseline": "base", "pricing": "api",
    "monthly_volume": 30_000, "retrains_per_year": 4.0, "currency": "USD",
}  # fmt: skip


def synthetic_rows(n: int = 80, seed: int = 0) -> list[dict]:
    """Per-item rows shaped like `chatkit compare` writes them (with a PII-free Spanish text)."""
    rng = np.random.default_rng(seed)
    prices = cost.load_prices(ROOT / "eval" / "prices.yaml")
    difficulty = rng.random(n)
    rows = []
    for arm in ARMS:
        name = arm["name"]
        for i in range(n):
            correct = bool(difficulty[i] < ACCURACY[name])
            prompt = int(60 + (300 if arm["rag"] or arm["extractive"] else 0) + rng.integers(0, 20))
            completion = 0 if arm["extractive"] else int(30 + rng.integers(0, 30))
            total = None if arm["extractive"] else float(0.2 + rng.random())
            rows.append({
                "arm": name, "item": f"shop-eval-{i:04d}", "question": f"¿Cuánto tarda el envío número {i}?",
                "answer": "Tarda de 3 a 5 días hábiles." if correct else "No lo sé, ¿le ayudo con algo más?",
                "reference": "El envío estándar tarda de 3 a 5 días hábiles.", "required_facts": ["3 a 5 días hábiles"],
                "stale_facts": [], "fact_correct": correct, "facts_found": int(correct), "facts_required": 1,
                "fact_recall": float(correct), "stale_hit": False, "cosine": float(0.5 + 0.4 * correct * rng.random()),
                "token_f1": float(rng.random()), "rouge_l": float(rng.random()),
                "escalated": False, "escalation_correct": bool(rng.random() < 0.8) if i % 4 == 0 else None,
                "grounded": float(rng.random()) if arm["rag"] else None, "judge": None,
                "context_recall": float(correct or rng.random() < 0.5) if arm["rag"] else None,
                "prompt_tokens": 0 if arm["extractive"] else prompt, "context_tokens": 300 if arm["rag"] else 0,
                "completion_tokens": completion, "ttft_s": None if total is None else total / 5, "total_s": total,
                "tokens_per_s": None if total is None else completion / total,
                "retrieval_s": float(0.004 + rng.random() / 100) if arm["rag"] or arm["extractive"] else None,
                "cost_api": 0.0 if arm["extractive"] else cost.cost_per_query(
                    prices, "gpt-4o-mini", prompt, completion, fine_tuned=arm["lora"]),
                "cost_self": 0.0893 * ((total or 0) / 8 + 0.005) / 3600,
            })
    return rows


def synthetic_report(lang: str = "en") -> dict:
    rows = synthetic_rows()
    fresh_rows = [
        {"arm": a, "item": f"u{i}", "new_fact": a.endswith("rag") and i % 5 != 0, "stale_hit": a == "lora" and i % 3 != 0}
        for a in ("base+rag", "lora", "lora+rag") for i in range(30)
    ]
    freshness = {"rows": fresh_rows, "update_seconds": 1.7, "retrain_seconds": 212.0}
    meta = {"created": "2025-07-01T00:00:00+00:00", "git_commit": "abc123", "n_items": 80, "device": "cpu"}
    return build_report("shop", rows, ARMS, SETTINGS, meta, freshness, lang)


def _close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol * max(1.0, abs(b))


def check_headline_numbers(report: dict) -> int:
    """Recompute every headline number of a report from its rows with plain numpy/scipy; return how many."""
    s, rows, checked = report["settings"], report["rows"], 0
    rng_boot = lambda x: _boot(x, s)  # noqa: E731
    keys = {"fact_accuracy": "fact_correct", "fact_recall": "fact_recall", "cosine": "cosine", "token_f1": "token_f1",
            "rouge_l": "rouge_l", "escalation_accuracy": "escalation_correct", "groundedness": "grounded", "judge": "judge",
            "context_recall": "context_recall"}
    for arm in report["arms"]:
        mine = [r for r in rows if r["arm"] == arm["name"]]
        head = report["summary"]["arms"][arm["name"]]
        assert head["n"] == len(mine)
        for metric, est in head["quality"].items():
            values = [float(r[keys[metric]]) for r in mine if r[keys[metric]] is not None]
            mean, low, high = rng_boot(values)
            assert _close(est["mean"], mean) and _close(est["low"], low) and _close(est["high"], high), metric
            assert est["n"] == len(values)
            checked += 3
        for key, per_q in head["latency"].items():
            values = np.array([r[key] for r in mine if r[key] is not None], dtype=float)
            for q, est in per_q.items():
                assert _close(est["mean"], float(np.percentile(values, int(q[1:])))), (key, q)
                checked += 1
        for key, est in head["tokens"].items():
            assert _close(est["mean"], float(np.mean([r[key] for r in mine])))
            checked += 1
        per_query = {k: float(np.mean([r[k] for r in mine])) for k in ("cost_api", "cost_self")}
        for k, v in per_query.items():
            assert _close(head["cost"][f"{k}_per_1k"]["mean"], v * 1000)
        chosen = per_query["cost_api" if s["pricing"] == "api" else "cost_self"]
        fixed = (arm.get("training_cost") or 0) * (1 + s["retrains_per_year"]) / 12 if arm["lora"] else 0.0
        assert _close(head["cost"]["per_query"], chosen) and _close(head["cost"]["fixed_monthly"], fixed)
        assert _close(head["cost"]["monthly_at_volume"], fixed + chosen * s["monthly_volume"])
        checked += 5
    by = {(r["arm"], r["item"]): r for r in rows}
    items = list(dict.fromkeys(r["item"] for r in rows))
    fact_tests = [t for t in report["summary"]["comparisons"] if t["metric"] == "fact_accuracy"]
    for t in fact_tests:
        pairs = [(by[(t["a"], i)]["fact_correct"], by[(t["b"], i)]["fact_correct"]) for i in items]
        pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
        b = sum(1 for x, y in pairs if x and not y)
        c = sum(1 for x, y in pairs if y and not x)
        assert (t["a_only"], t["b_only"]) == (b, c)
        assert _close(t["p"], 1.0 if b + c == 0 else binomtest(b, b + c, 0.5).pvalue)
        checked += 2
    ps = sorted((t["p"], k) for k, t in enumerate(fact_tests))
    running = 0.0
    for rank, (p, k) in enumerate(ps):
        running = max(running, min(1.0, (len(ps) - rank) * p))
        assert _close(fact_tests[k]["p_holm"], running)
        assert fact_tests[k]["significant"] == (running < s["alpha"])
        checked += 1
    for be in report["summary"]["break_even"]:
        ft, rag = report["summary"]["arms"][be["fine_tuned"]]["cost"], report["summary"]["arms"][be["rag"]]["cost"]
        saving = rag["per_query"] - ft["per_query"]
        expected = ft["fixed_monthly"] / saving if saving > 0 else None
        assert _close(be["volume"], expected)
        checked += 1
    fresh = report.get("freshness")
    if fresh:
        for arm, est in fresh["arms"].items():
            mine = [r for r in fresh["rows"] if r["arm"] == arm]
            assert _close(est["new_fact"]["mean"], float(np.mean([bool(r["new_fact"]) for r in mine])))
            assert _close(est["stale_fact"]["mean"], float(np.mean([bool(r["stale_hit"]) for r in mine])))
            checked += 2
    return checked


def _boot(values: list[float], s: dict) -> tuple[float, float, float]:
    x = np.array(values, dtype=float)
    idx = np.random.default_rng(s["seed"]).integers(0, x.size, size=(s["resamples"], x.size))
    tail = (1 - s["level"]) / 2 * 100
    low, high = np.percentile(x[idx].mean(axis=1), [tail, 100 - tail])
    return float(x.mean()), float(low), float(high)


def test_headline_numbers_recompute_from_rows(tmp_path):
    paths = write_reports(synthetic_report(), tmp_path)
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert check_headline_numbers(report) > 100
    assert len(report["rows"]) == 5 * 80


def test_recommendation_follows_the_numbers():
    report = synthetic_report()
    rec = report["recommendation"]
    # lora+rag is best; base+rag is not significantly worse and cheaper (no training, no fine-tuned premium)
    assert rec["arm"] == "base+rag"
    assert "lora+rag" in rec["candidates"] and "base" not in rec["candidates"]
    assert "base+rag" in rec["text"] and "30,000" in rec["text"]
    es = synthetic_report("es")["recommendation"]["text"]
    assert "Ponga en producción" in es and "consultas al mes" in es


def test_markdown_report_lists_tables_tests_and_freshness(tmp_path):
    paths = write_reports(synthetic_report(), tmp_path)
    md = paths["md"].read_text(encoding="utf-8")
    for needle in ("## Recommendation", "| Arm | Fact accuracy", "mcnemar_exact", "Break-even", "Freshness", "Index update"):
        assert needle in md, needle
    assert "¿Cuánto tarda" in paths["html"].read_text(encoding="utf-8")  # UTF-8 kept, not escaped away
    es = write_reports(synthetic_report("es"), tmp_path / "es")["md"].read_text(encoding="utf-8")
    assert "Exactitud de datos" in es and "Recomendación" in es


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_report_html_renders_in_headless_chromium(tmp_path):
    paths = write_reports(synthetic_report(), tmp_path / "run")
    render_and_check(paths["html"], tmp_path)


def render_and_check(html_path: Path, tmp_path: Path, expect_plots: int = 6) -> Path:
    """Render in headless Chromium: plots present, the JS ran (table filled), no console error; screenshot."""
    url = html_path.resolve().as_uri()
    profile = tmp_path / "chromium-profile"
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert page.count("data-plot=") == expect_plots, page.count("data-plot=")
    assert page.count("<svg") >= expect_plots
    assert 'data-ready="yes"' in page  # the filter script ran to its end
    assert "<tbody><tr><td>" in page.split('id="items"')[1]  # the per-item table was filled by JS
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert not console, console
    shot = tmp_path / "report.png"
    res = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}-shot", f"--screenshot={shot}", "--window-size=1200,2400",
         "--hide-scrollbars", url],
        capture_output=True, text=True, timeout=120,
    )
    assert res.returncode == 0 and shot.stat().st_size > 20_000, res.stderr[-2000:]
    return shot
