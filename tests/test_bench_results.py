"""eval/bench/RESULTS.md: a bench run replaces its own section and keeps the others."""

from __future__ import annotations

from datetime import datetime, timezone

from eval.bench.results_md import flatten, update

MACHINE = {"cpu_model": "Test CPU", "cpu_count": 2, "mem_total_gb": 24.0, "torch": "2.13.0", "cuda": None}


def test_a_bench_run_replaces_its_section_and_keeps_the_others(tmp_path):
    path = tmp_path / "RESULTS.md"
    when = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
    update(path, {"bench": "train", "quick": False, "machine": MACHINE, "packing": {"ratio": 1.52}}, tmp_path, when)
    update(path, {"bench": "prepare", "quick": True, "machine": MACHINE, "conv_per_s": 2500.0}, tmp_path, when)
    update(path, {"bench": "train", "quick": False, "machine": MACHINE, "packing": {"ratio": 1.49}}, tmp_path, when)
    text = path.read_text(encoding="utf-8")
    assert text.count("<!-- bench:train -->") == 1 and text.count("<!-- bench:prepare -->") == 1
    assert "| packing.ratio | 1.49 |" in text and "1.52" not in text
    assert "| conv_per_s | 2500 |" in text and "## prepare (quick)" in text
    assert "Test CPU, 2 cores, 24.0 GB, torch 2.13.0, CUDA: none" in text
    assert "2026-12-04 12:00 UTC" in text


def test_flatten_names_every_scalar_by_its_path():
    rows = dict(flatten({"a": {"b": 1, "c": [1, 2]}, "d": [{"e": 3}], "f": list(range(20))}))
    assert rows == {"a.b": 1, "a.c": "1, 2", "d[0].e": 3, "f": "(20 entries; see the JSON)"}


def test_demo_bench_headline_copies_the_reports_facts_decision_freshness_and_placeholders():
    from eval.bench.bench_demo import headline

    def stat(mean, low, high):
        return {"mean": mean, "low": low, "high": high, "n": 252}

    report = {
        "meta": {"split": "test", "n_items": 252},
        "summary": {"arms": {"base": {"quality": {"fact_accuracy": stat(0.0, 0.0, 0.0)}},
                             "lora": {"quality": {"fact_accuracy": stat(0.0714, 0.0397, 0.1032)}}}},
        "recommendation": {"arm": "lora"},
        "freshness": {"arms": {"lora": {"new_fact": stat(0.0, 0.0, 0.0), "stale_fact": stat(0.1235, 0.077, 0.1765)}}},
    }
    out = headline(report)
    assert out["split"] == "test" and out["items"] == 252 and out["ship"] == "lora"
    assert out["facts"] == {"base": "0.0% [0.0-0.0]", "lora": "7.1% [4.0-10.3]"}
    assert out["after_update_stale_fact"] == {"lora": "12.3% [7.7-17.6]"}
    assert out["after_update_new_fact"] == {"lora": "0.0% [0.0-0.0]"}
    assert "after_update_new_fact" not in headline({**report, "freshness": None})
    assert "placeholders" not in out  # a report from before the metric
    report["summary"]["arms"]["lora"]["quality"]["placeholders"] = stat(0.1389, 0.0754, 0.2063)
    assert headline(report)["placeholders"] == {"lora": "13.9% [7.5-20.6]"}
