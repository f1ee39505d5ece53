"""A suite of named runs of any method (`runs:`, `retrieval:`): one arm each (+rag where asked), every pair
tested, each priced with its own run.json, the recommendation drawn from all of them."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from test_compare import ITEMS, small_run  # noqa: F401 - the fixture

from kit.compare.config import Suite
from kit.config import validate


def test_runs_expand_into_arms_and_retrieval_names_must_be_runs():
    suite = validate(Suite, {"runs": {"lora": "r/lora", "full": "r/full", "raft": "r/raft"}, "retrieval": ["raft"]}, "s")
    assert [a.name for a in suite.arms] == ["base", "base+rag", "extractive", "lora", "full", "raft", "raft+rag"]
    raft_rag = suite.arms[-1]
    assert raft_rag.lora and raft_rag.rag and suite.adapter_of(raft_rag) == "r/raft"
    explicit = validate(Suite, {"arms": ["base"], "runs": {"full": "r/full"}}, "s")
    assert [a.name for a in explicit.arms] == ["base", "full"]
    from kit.errors import ChatkitError

    with pytest.raises(ChatkitError, match="retrieval: 'rag' is not one of runs"):
        validate(Suite, {"runs": {"lora": "r"}, "retrieval": ["rag"]}, "s")


def test_retrieval_only_runs_get_just_their_rag_arm_and_must_be_runs():
    suite = validate(Suite, {"runs": {"lora": "r/lora", "raft": "r/raft"}, "retrieval": ["lora"],
                             "retrieval_only": ["raft"]}, "s")
    assert [a.name for a in suite.arms] == ["base", "base+rag", "extractive", "lora", "lora+rag", "raft+rag"]
    assert suite.adapter_of(suite.arms[-1]) == "r/raft" and suite.arms[-1].rag
    from kit.errors import ChatkitError

    with pytest.raises(ChatkitError, match="retrieval_only: 'rafts' is not one of runs"):
        validate(Suite, {"runs": {"raft": "r"}, "retrieval_only": ["rafts"]}, "s")


def test_eval_sample_is_seeded_in_file_order_and_from_the_split_only(tmp_path):
    from kit.compare.arms import load_eval

    path = tmp_path / "eval.jsonl"
    rows = [{"id": f"q{i}", "question": f"¿pregunta {i}?", "reference": "r", "split": "dev" if i % 3 == 0 else "test"}
            for i in range(60)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    test_ids = [r["id"] for r in rows if r["split"] == "test"]
    first = [i.id for i in load_eval(path, split="test", sample=10, seed=0)]
    assert len(first) == 10 and set(first) <= set(test_ids)
    assert first == sorted(first, key=test_ids.index)  # file order
    assert first == [i.id for i in load_eval(path, split="test", sample=10, seed=0)]  # same seed, same items
    assert first != [i.id for i in load_eval(path, split="test", sample=10, seed=1)]
    assert first != test_ids[:10]  # not the first ten: a sample spans the file
    assert [i.id for i in load_eval(path, split="test", sample=100)] == test_ids  # more than there are: all


@pytest.fixture(scope="module")
def more_runs(small_run, tmp_path_factory):  # noqa: F811
    """A prefix-tuning run and a full fine-tuning run of the same tiny base, each with its own run.json."""
    import torch
    from peft import PrefixTuningConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    root = tmp_path_factory.mktemp("runs")
    torch.manual_seed(2)
    prefix = get_peft_model(AutoModelForCausalLM.from_pretrained(small_run["model"]),
                            PrefixTuningConfig(num_virtual_tokens=4, task_type="CAUSAL_LM"))
    prefix.save_pretrained(root / "prefix", safe_serialization=True)
    full = AutoModelForCausalLM.from_pretrained(small_run["model"])
    with torch.no_grad():
        full.model.layers[0].mlp.up_proj.weight.mul_(1.1)
    full.save_pretrained(root / "full", safe_serialization=True)
    for name, tokens in (("prefix", 100_000), ("full", 2_000_000)):
        (root / name / "run.json").write_text(json.dumps({
            "method": name, "wall_seconds": 60.0, "gpu_hours": 0.0, "tokens_trained": tokens, "device": "cpu",
            "trainable_params": tokens // 10, "weights_bytes": tokens * 2, "tokens_per_second": 1000.0,
            "tensor_memory_mb": {"total": tokens / 1e5}, "val_loss": {"last": 1.5},
            "base_model": str(small_run["model"]), "epochs": 1}), encoding="utf-8")
    return {"prefix": root / "prefix", "full": root / "full"}


@pytest.mark.slow
def test_a_suite_of_runs_compares_every_arm_with_its_own_training_cost(small_run, more_runs, tmp_path):  # noqa: F811
    from kit.compare.run import compare

    out = tmp_path / "report"
    suite = validate(Suite, {
        "eval": str(small_run["eval"]), "model": {"name": str(small_run["model"]), "device": "cpu"},
        "index": str(small_run["index"]),
        "runs": {"lora": str(small_run["run"]), "prefix": str(more_runs["prefix"]), "full": str(more_runs["full"])},
        "retrieval": ["prefix"],
        "generation": {"max_new_tokens": 8, "batch_size": 4, "warmup": 1},
        "stats": {"resamples": 1000}, "rag": {"top_k": 2, "context_tokens": 64},
        "freshness": {"eval_update": str(small_run["update"]), "kb_update": str(small_run["kb_v2"])},
        "report": {"out": str(out)},
    }, "test")
    report = compare(suite, out)
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    names = ["base", "base+rag", "extractive", "lora", "prefix", "prefix+rag", "full"]
    assert [a["name"] for a in saved["arms"]] == names
    assert len(saved["rows"]) == len(names) * len(ITEMS)
    cost = {a["name"]: a.get("training_cost") for a in saved["arms"]}
    # each run priced from its own run.json (the API view: the api model's training price per 1M tokens)
    assert cost["lora"] == pytest.approx(500_000 * 3.0 / 1e6) and cost["full"] == pytest.approx(2_000_000 * 3.0 / 1e6)
    assert cost["prefix"] == cost["prefix+rag"] == pytest.approx(100_000 * 3.0 / 1e6)
    tested = {frozenset((t["a"], t["b"])) for t in saved["summary"]["comparisons"] if t["metric"] == "fact_accuracy"}
    assert tested == {frozenset(p) for p in combinations(names, 2)}  # every pair, Holm-corrected together
    assert report["freshness"]["retrain_seconds_per_arm"] == {"lora": 120.0, "prefix": 60.0, "full": 60.0,
                                                              "prefix+rag": 60.0}
    assert {r["arm"] for r in report["freshness"]["rows"]} == set(names)
    recommendation = saved["recommendation"]
    assert recommendation["arm"] in names and set(recommendation["candidates"]) <= set(names)

    # the methods table: one row per tuned arm, every number recomputed here from the rest of report.json
    table = {row["arm"]: row for row in saved["methods"]}
    assert list(table) == ["lora", "prefix", "prefix+rag", "full"]
    for name, row in table.items():
        arm = next(a for a in saved["arms"] if a["name"] == name)
        summary = saved["summary"]["arms"][name]
        fresh = saved["freshness"]["arms"][name]
        assert row["per_1k"] == pytest.approx(summary["cost"]["per_query"] * 1000)
        assert row["fact_accuracy"] == {k: summary["quality"]["fact_accuracy"][k] for k in ("mean", "low", "high")}
        assert row["new_fact"] == fresh["new_fact"]["mean"] and row["stale_fact"] == fresh["stale_fact"]["mean"]
        assert row["training_cost"] == arm["training_cost"]
    assert table["full"]["method"] == "full" and table["full"]["trainable_params"] == 200_000
    assert table["full"]["weights_mb"] == pytest.approx(4_000_000 / 2**20, abs=1e-3)
    assert table["prefix"]["memory_mb"] == 1.0 and table["prefix"]["tokens_per_s"] == 1000.0
    assert table["lora"]["trainable_params"] is None  # its run.json (an older run) has no such fact: shown as –
    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="methods"' in page and 'data-plot="methods"' in page and "## Methods" in (out / "report.md").read_text()
    from test_report import CHROMIUM, render_and_check

    if CHROMIUM:
        render_and_check(out / "report.html", tmp_path, expect_plots=7)
