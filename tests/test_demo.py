"""`chatkit demo` through the CLI: every stage reports a line, the report lands where it says, numbers recompute.

The test swaps the tiny-es base for the random tiny Llama fixture and runs --quick (20 training steps,
40 eval items) so it checks the wiring in about a minute; the real demo's figures live in
eval/bench/bench_demo.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_report_numbers import check_report_numbers

# Row fields that are measured times (or priced from them); everything else in a row is a result.
TIMING_FIELDS = {"retrieval_s", "ttft_s", "total_s", "tokens_per_s", "cost_self"}


def _quick_demo(tiny_model_dir: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", "demo", "--out", str(out), "--quick", "--model", str(tiny_model_dir),
         "--lang", "es"],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )


@pytest.fixture(scope="module")
def quick_demo(tiny_model_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-a") / "demo"
    return out, _quick_demo(tiny_model_dir, out)


@pytest.mark.slow
def test_demo_quick_runs_every_stage(quick_demo):
    out, res = quick_demo
    assert res.returncode == 0, res.stderr[-3000:]
    stages = re.findall(r"^\[(\d)/6\] ([\w -]+): ", res.stderr, flags=re.M)
    assert [s[1] for s in stages] == ["corpus", "prepare", "tiny-es base", "LoRA", "index", "compare"], stages
    report_path = Path(res.stdout.strip().splitlines()[-1])
    assert report_path == out / "compare" / "report.html" and report_path.is_file()
    for folder in ("data", "runs/tiny-es-lora", "index", "compare"):
        assert (out / folder).is_dir(), folder
    report = json.loads((out / "compare" / "report.json").read_text(encoding="utf-8"))
    assert report["lang"] == "es" and report["meta"]["n_items"] == 40
    assert {a["name"] for a in report["arms"]} == {"base", "base+rag", "lora", "lora+rag", "extractive"}
    assert check_report_numbers(out / "compare") > 50
    assert report["freshness"]["update"]["changed"] > 0  # kb_v2 went through index --update
    assert "Ponga en producción" in report["recommendation"]["text"]


@pytest.mark.slow
def test_demo_quick_twice_gives_identical_weights_and_report_rows_apart_from_timings(quick_demo, tiny_model_dir,
                                                                                   tmp_path):
    first, res = quick_demo
    assert res.returncode == 0, res.stderr[-3000:]
    second = tmp_path / "demo"
    res2 = _quick_demo(tiny_model_dir, second)
    assert res2.returncode == 0, res2.stderr[-3000:]
    adapter = Path("runs/tiny-es-lora/adapter_model.safetensors")
    assert (first / adapter).read_bytes() == (second / adapter).read_bytes()
    reports = [json.loads((d / "compare" / "report.json").read_text(encoding="utf-8")) for d in (first, second)]
    rows = [[{k: v for k, v in row.items() if k not in TIMING_FIELDS} for row in r["rows"]] for r in reports]
    assert len(rows[0]) == 200 and rows[0] == rows[1]  # 5 arms x 40 items, every answer and score equal
    quality = [{arm: s["quality"] for arm, s in r["summary"]["arms"].items()} for r in reports]
    assert quality[0] == quality[1]
    # the recommendation's text also quotes the update's and a retrain's seconds: compare its decision
    assert [r["recommendation"]["arm"] for r in reports] == [reports[0]["recommendation"]["arm"]] * 2


@pytest.mark.slow
def test_demo_methods_trains_each_method_and_writes_the_methods_table(tiny_model_dir, tmp_path):
    out = tmp_path / "demo"
    res = subprocess.run(
        [sys.executable, "-m", "kit", "demo", "--out", str(out), "--quick", "--model", str(tiny_model_dir),
         "--methods", "full,lora,prefix,adapter", "--limit", "12"],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    report = json.loads((out / "compare" / "report.json").read_text(encoding="utf-8"))
    assert [a["name"] for a in report["arms"]] == ["base", "base+rag", "extractive", "full", "lora", "lora+rag",
                                                 "prefix", "adapter"]
    table = {row["arm"]: row for row in report["methods"]}
    assert [table[m]["method"] for m in ("full", "lora", "prefix", "adapter")] == ["full", "lora", "prefix", "adapter"]
    for row in table.values():  # every run counted its training tensors and wrote its weights
        assert row["memory_mb"] > 0 and row["weights_mb"] > 0 and row["trainable_params"] > 0 and row["wall_s"] > 0
    full_run = json.loads((out / "runs" / "tiny-es-full" / "run.json").read_text(encoding="utf-8"))
    assert table["full"]["trainable_params"] == full_run["total_params"]  # full trains every weight
    assert 'id="methods"' in (out / "compare" / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_demo_raft_trains_lora_then_raft_from_the_index_and_compares_raft_with_retrieval_only(tiny_model_dir, tmp_path):
    out = tmp_path / "demo"
    res = subprocess.run(
        [sys.executable, "-m", "kit", "demo", "--out", str(out), "--quick", "--model", str(tiny_model_dir), "--raft",
         "--limit", "12", "--set", "train.max_length=1024"],  # the fixture's small vocabulary: passages take more tokens
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    order = [m.group(1) for m in re.finditer(r"^\[\d/7\] ([\w -]+):", res.stderr, re.M)]
    assert order == ["corpus", "prepare", "tiny-es base", "index", "LoRA", "RAFT", "compare"]  # index before training
    report = json.loads((out / "compare" / "report.json").read_text(encoding="utf-8"))
    assert [a["name"] for a in report["arms"]] == ["base", "base+rag", "extractive", "lora", "lora+rag", "raft+rag"]
    counts = json.loads((out / "runs" / "tiny-es-raft" / "raft_data" / "raft.json").read_text(encoding="utf-8"))
    assert counts["with_passages"] > 0 and counts["index"] == str(out / "index")
    assert json.loads((out / "runs" / "tiny-es-raft" / "run.json").read_text(encoding="utf-8"))["steps"] == 20
    resolved = yaml.safe_load((out / "runs" / "tiny-es-raft" / "resolved_config.yaml").read_text(encoding="utf-8"))
    assert resolved["train"]["max_length"] == 1024  # --set reached the RAFT recipe
    check_report_numbers(out / "compare")


@pytest.mark.slow
def test_demo_raft_whose_examples_do_not_fit_fails_its_preflight_before_the_lora_stage(tiny_model_dir, tmp_path):
    out = tmp_path / "demo"
    res = subprocess.run(  # the fixture's small vocabulary: rows with passages outgrow max_length 512
        [sys.executable, "-m", "kit", "demo", "--out", str(out), "--quick", "--model", str(tiny_model_dir), "--raft",
         "--limit", "12"],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr[-3000:]
    assert "max_length" in res.stderr
    assert not (out / "runs" / "tiny-es-lora" / "run.json").exists()  # the LoRA run never trained
    assert "[5/7] LoRA:" not in res.stderr and "[4/7] index:" in res.stderr


def test_demo_with_a_base_that_has_no_demo_recipe_is_one_line(tmp_path):
    res = subprocess.run([sys.executable, "-m", "kit", "demo", "--out", str(tmp_path), "--base", "gemma-9b"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) <= 2 and "recipes/gemma-9b/lora.yaml" in res.stderr
    assert "gemma-3-270m" in res.stderr and "tiny-es" in res.stderr  # the bases that have demo recipes


def test_demo_full_without_a_real_base_is_one_line(tmp_path):
    res = subprocess.run([sys.executable, "-m", "kit", "demo", "--out", str(tmp_path), "--full"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) <= 2 and "--base gemma-3-270m" in res.stderr
    assert not (tmp_path / "data").exists()  # refused before any stage ran


def test_real_demo_full_compares_every_item_and_keeps_the_other_settings():
    from kit.compare.config import load_suite
    from kit.demo.flow import REAL_SUITE, real_suite

    sampled = load_suite(ROOT / "eval/suites/shop.yaml", real_suite())
    full = load_suite(ROOT / "eval/suites/shop.yaml", real_suite(full=True))
    assert (sampled.generation.sample, sampled.freshness.sample) == (150, 32)
    assert (full.generation.sample, full.freshness.sample) == (None, None)
    assert len(real_suite(full=True)) == len(REAL_SUITE) - 2
    for key in ("max_new_tokens", "batch_size", "shots", "context_weight"):
        assert getattr(full.generation, key) == getattr(sampled.generation, key)
    assert full.model.dtype == sampled.model.dtype == "bfloat16"
