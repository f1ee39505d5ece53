"""Compare reports: every headline number recomputed from report.json's rows; report.html in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from kit.compare import cost
from kit.compare.report import build_report, write_reports

PRICES = cost.load_prices(ROOT / "eval" / "prices.yaml")
HOSTING = PRICES.retrieval.host_hour * cost.HOURS_PER_MONTH
MACHINE_S = {"base": 0.05, "base+rag": 0.08, "lora": 0.05, "lora+rag": 0.08, "extractive": 0.0}
ARMS = [
    {"name": name, "lora": lora, "rag": rag, "extractive": ext, "generates": not ext, "retrieves": rag or ext,
     "gpu": False, "machine_s_per_query": MACHINE_S[name], "hosting_monthly": HOSTING if rag or ext else 0.0,
     "batch": {"batch_size": 16, "wall_s": 80 * MACHINE_S[name], "items": 80,
               "items_per_s": 1 / MACHINE_S[name] if MACHINE_S[name] else None,
               "output_tokens_per_s": 45 / MACHINE_S[name] if MACHINE_S[name] else None,
               "machine_s_per_query": MACHINE_S[name]},
     **({"training_cost": 3.0} if lora else {}),
     **({"shots": ["qa:shop-000026#5", "qa:shop-000227#5"], "context_weight": 0.5} if name == "base+rag" else {})}
    for name, lora, rag, ext in [("base", False, False, False), ("base+rag", False, True, False),
                                 ("lora", True, False, False), ("lora+rag", True, True, False),
                                 ("extractive", False, False, True)]
]
ACCURACY = {"base": 0.15, "base+rag": 0.7, "lora": 0.55, "lora+rag": 0.75, "extractive": 0.5}
SETTINGS = {
    "resamples": 1000, "seed": 7, "level": 0.95, "alpha": 0.05, "baseline": "base", "pricing": "api",
    "api_model": "gpt-4o-mini", "monthly_volume": 30_000, "retrains_per_year": 4.0, "currency": "USD", "rate": 1.0,
    "max_new_tokens": 96, "answer_budget": 96, "budget_tokenizer": "tiny-es", "batch_size": 16, "top_k": 3,
    "retrieval_mode": "hybrid", "split": "test", "latency_sample": 50, "threads": 2,
    "hours_per_month": cost.HOURS_PER_MONTH,
}  # fmt: skip


def synthetic_rows(n: int = 80, seed: int = 0) -> list[dict]:
    """Per-item rows shaped like `chatkit compare` writes them (with a PII-free Spanish text)."""
    from kit.compare.latency import sample_indices

    rng = np.random.default_rng(seed)
    difficulty = rng.random(n)
    sampled = set(sample_indices(n, SETTINGS["latency_sample"], SETTINGS["seed"]))
    rows = []
    for arm in ARMS:
        name, retrieves = arm["name"], arm["retrieves"]
        for i in range(n):
            correct = bool(difficulty[i] < ACCURACY[name])
            prompt = int(60 + (300 if arm["rag"] else 0) + rng.integers(0, 20))
            completion = int(20 + rng.integers(0, 20)) if arm["extractive"] else int(30 + rng.integers(0, 30))
            total = float(0.2 + rng.random()) if not arm["extractive"] else float(0.004 + rng.random() / 100)
            timed = i in sampled
            row = {
                "arm": name, "item": f"shop-eval-{i:04d}", "question": f"¿Cuánto tarda el envío número {i}?",
                "answer": ("Claro, [PERSON_1]. " if arm["lora"] and i % 6 == 0 else "")
                + ("Tarda de 3 a 5 días hábiles." if correct else "No lo sé, ¿le ayudo con algo más?"),
                "reference": "El envío estándar tarda de 3 a 5 días hábiles.", "required_facts": ["3 a 5 días hábiles"],
                "stale_facts": [], "fact_correct": correct, "facts_found": int(correct), "facts_required": 1,
                "fact_recall": float(correct), "stale_hit": False, "cosine": float(0.5 + 0.4 * correct * rng.random()),
                "token_f1": float(rng.random()), "rouge_l": float(rng.random()),
                "escalated": False, "escalation_correct": bool(rng.random() < 0.8) if i % 4 == 0 else None,
                "grounded": float(rng.random()) if retrieves else None, "judge": None,
                "placeholder": bool(arm["lora"] and i % 6 == 0),
                "context_recall": float(correct or rng.random() < 0.5) if retrieves else None,
                "prompt_tokens": 0 if arm["extractive"] else prompt, "context_tokens": 300 if arm["rag"] else 0,
                "completion_tokens": completion, "query_tokens": 14 if retrieves else 0,
                "latency_sampled": timed, "ttft_s": total / 5 if timed else None, "total_s": total if timed else None,
                "tokens_per_s": completion / total if timed and not arm["extractive"] else None,
                "retrieval_s": float(0.004 + rng.random() / 100) if retrieves else None,
            }
            common = {"model_key": "gpt-4o-mini", "generates": arm["generates"], "retrieves": retrieves,
                      "fine_tuned": arm["lora"], "prompt_tokens": row["prompt_tokens"],
                      "completion_tokens": completion, "query_tokens": row["query_tokens"],
                      "machine_seconds": arm["machine_s_per_query"], "gpu": False}
            row["cost_api"] = cost.price_query(PRICES, "api", **common)
            row["cost_self"] = cost.price_query(PRICES, "self_hosted", **common)
            rows.append(row)
    return rows


def synthetic_report(lang: str = "en") -> dict:
    rows = synthetic_rows()
    fresh_rows = [
        {"arm": a, "item": f"u{i}", "new_fact": a.endswith("rag") and i % 5 != 0, "stale_hit": a == "lora" and i % 3 != 0}
        for a in ("base+rag", "lora", "lora+rag") for i in range(30)
    ]
    freshness = {"rows": fresh_rows, "update_seconds": 1.7, "retrain_seconds": 212.0}
    meta = {"created": "2025-07-01T00:00:00+00:00", "git_commit": "abc123", "n_items": 80, "device": "cpu",
            "split": "test", "threads": 2}
    return build_report("shop", rows, ARMS, SETTINGS, meta, freshness, lang,
                        prices=json.loads(PRICES.model_dump_json()))


def test_recommendation_follows_the_numbers():
    report = synthetic_report()
    rec = report["recommendation"]
    # lora+rag is best; base+rag is not significantly worse and cheaper (no training, no fine-tuned premium)
    assert rec["arm"] == "base+rag"
    assert "lora+rag" in rec["candidates"] and "base" not in rec["candidates"]
    assert "base+rag" in rec["text"] and "30,000" in rec["text"]
    es = synthetic_report("es")["recommendation"]["text"]
    assert "Ponga en producción" in es and "consultas al mes" in es


def test_the_decision_warns_of_placeholders_only_when_the_shipped_arm_has_them():
    from kit.compare.recommend import recommend

    report = synthetic_report()
    assert report["recommendation"]["arm"] == "base+rag"  # its answers hold none: no warning
    assert "placeholder" not in report["recommendation"]["text"]
    summary = json.loads(json.dumps(report["summary"]))
    summary["arms"]["base+rag"]["quality"]["placeholders"] = {"mean": 0.05, "low": 0.0125, "high": 0.1, "n": 80}
    for lang, needle in (("en", "Before shipping: 5.0% [1.2%, 10.0%] of base+rag's answers hold a redaction placeholder"),
                         ("es", "el 5.0% [1.2%, 10.0%] de las respuestas de base+rag contiene un marcador")):
        text = recommend(summary, report["arms"], report["settings"], None, lang)["text"]
        assert needle in text, text


def test_markdown_report_opens_with_the_decision_and_keeps_the_long_list_in_the_appendix(tmp_path):
    paths = write_reports(synthetic_report(), tmp_path)
    md = paths["md"].read_text(encoding="utf-8")
    sections = [line for line in md.splitlines() if line.startswith("## ")]
    assert sections[0] == "## Decision" and sections[-1] == "## Appendix"
    decision = md.split("## Decision", 1)[1].split("## Quality", 1)[0]
    for needle in ("Ship **base+rag**", "(95% CI) on the 80 test items", "Monthly cost at 30,000 queries",
                   "What would change it", "Break-even lora vs base+rag", "After the policy update"):
        assert needle in decision, needle
    # one matrix per tested metric, the long list of tests only in the appendix
    assert md.count("| row − column | base | base+rag | lora | lora+rag | extractive |") == 9  # placeholders too
    assert "mcnemar_exact" in md.split("## Appendix", 1)[1] and "mcnemar_exact" not in md.split("## Appendix", 1)[0]
    assert "split: **test** · 80 items" in md
    assert "Latency per request (answered one at a time; 50 sampled items per arm)" in md
    assert "Answer budget: 96 tokens for every arm" in md
    assert ("Worked examples: base+rag answered a plain completion prompt that first showed 2 mined question->answer "
            "pairs (qa:shop-000026#5, qa:shop-000227#5)") in md
    assert md.count("Worked examples:") == 1  # only the arm that had them
    assert "Context-aware decoding: base+rag chose each token by (1 + 0.5) x log p(token | passages, question)" in md
    assert md.count("Context-aware decoding:") == 1
    assert "¿Cuánto tarda" in paths["html"].read_text(encoding="utf-8")  # UTF-8 kept, not escaped away


def test_spanish_report_has_a_spanish_label_for_every_english_one(tmp_path):
    from kit.compare.labels import LABELS

    assert set(LABELS["es"]) == set(LABELS["en"])
    es = write_reports(synthetic_report("es"), tmp_path / "es")["md"].read_text(encoding="utf-8")
    for needle in ("## Decisión", "Qué la cambiaría", "en las 80 preguntas de prueba (test)", "Latencia por solicitud",
                   "Rendimiento por lotes", "Presupuesto de respuesta", "Pruebas pareadas", "## Anexo",
                   "Ponga en producción", "consultas al mes"):
        assert needle in es, needle
    english = set(LABELS["en"].values()) - set(LABELS["es"].values()) - {"Arm"}
    leaked = [label for label in english if len(label) > 12 and label in es]
    assert not leaked, leaked


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_report_html_renders_in_headless_chromium(tmp_path):
    paths = write_reports(synthetic_report(), tmp_path / "run")
    shot = render_and_check(paths["html"], tmp_path)
    keep = os.environ.get("CHATKIT_KEEP_SCREENSHOT")  # a path: keep the screenshot to look at it
    if keep:
        shutil.copy(shot, keep)


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
    assert page.index('id="decision"') < page.index('class="matrix"') < page.index('id="all-tests"')
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


def test_appendix_lists_an_undefined_test_as_not_available():
    from kit.compare.report_md import significance_lines

    report = {"lang": "en", "summary": {"comparisons": [
        {"metric": "fact_accuracy", "a": "raft+rag", "b": "lora+rag", "diff": 0.0, "p": None, "p_holm": None,
         "significant": False, "test": "mcnemar"},
    ]}}
    (line,) = significance_lines(report)
    assert "p = n/a, Holm p = n/a" in line and "raft+rag" in line
