"""`chatkit tune` through its CLI: bad input (one line, exit 1), and small Optuna studies on a tiny random Llama.

The slow tests train 6-step LoRA trials (a few seconds each on a CPU): a study completes and its best recipe
trains; a killed study resumes from its SQLite storage; two worker processes share one study; a trial whose
val loss explodes is pruned; a crashed trial is recorded as failed and the study goes on.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_train import write_prepared

STEPS = 6


def write_recipe(tmp_path: Path, model_dir: Path, space: dict, **tune: object) -> Path:
    """A tiny recipe (6 steps, val loss every 2) with a tune section; returns its path."""
    data = tmp_path / "data"
    if not data.exists():
        write_prepared(data, n_train=32, n_val=8)
    recipe = {
        "name": "tiny-tune",
        "model": {"name": str(model_dir), "device": "cpu"},
        "data": {"prepared": str(data)},
        "lora": {"rank": 4, "alpha": 8, "dropout": 0.0},
        "train": {
            "output_dir": str(tmp_path / "run"),
            "max_steps": STEPS,
            "batch_size": 8,
            "learning_rate": 2e-2,
            "max_length": 128,
            "packing": True,
            "eval_steps": 2,
            "save_steps": 50,
            "logging_steps": 2,
            "warmup_ratio": 0.0,
        },
        "tune": {"space": space, "out": str(tmp_path / "study"), **tune},
    }
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump(recipe, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


LR = {"train.learning_rate": {"type": "loguniform", "low": 1e-3, "high": 5e-2}}


def trials_of(storage: str, study: str = "tiny-tune") -> list:
    import optuna

    return optuna.load_study(study_name=study, storage=storage).get_trials(deepcopy=False)


def one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# bad input ----------------------------------------------------------------------------------------


def test_unknown_dotted_path_names_the_nearest_key(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, {"train.learnin_rate": LR["train.learning_rate"]})
    one_line_error(chatkit("tune", str(path)), "tune.space", "train.learnin_rate", "did you mean 'train.learning_rate'")


def test_empty_search_space_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, {})
    one_line_error(chatkit("tune", str(path)), "tune.space is empty")


def test_low_above_high_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, {"lora.rank": {"type": "int", "low": 16, "high": 4}})
    one_line_error(chatkit("tune", str(path)), "tune.space.lora.rank", "low > high")


def test_bound_outside_the_key_range_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, {"lora.rank": {"type": "int", "low": 0, "high": 4}})
    one_line_error(chatkit("tune", str(path)), "tune.space.lora.rank: 0 is not a valid lora.rank")


def test_metric_compare_does_not_produce_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR, objective={"metric": "fact_acuracy"})
    one_line_error(chatkit("tune", str(path)), "tune.objective.metric", "no metric 'fact_acuracy'",
                   "did you mean 'fact_accuracy'")


@pytest.mark.parametrize("url", ["sqlite:////nonexistent-folder/sub/study.db", "nosuchdb://user:secret@host/db"])
def test_storage_that_cannot_be_opened_is_an_error(chatkit, tmp_path, tiny_model_dir, url):
    path = write_recipe(tmp_path, tiny_model_dir, LR)
    result = chatkit("tune", str(path), "--storage", url)
    one_line_error(result, "cannot open it")
    assert "secret" not in result.stderr


def test_compare_objective_without_dev_items_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR, objective={"metric": "fact_accuracy"})
    items = [{"id": f"q{i}", "question": "¿Cuánto tarda el envío?", "reference": "De 3 a 5 días.", "split": "test"}
             for i in range(3)]
    (tmp_path / "data" / "eval.jsonl").write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    one_line_error(chatkit("tune", str(path)), "no dev items")


def test_enqueued_key_outside_the_space_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR, enqueue=[{"lora.rank": 8}])
    one_line_error(chatkit("tune", str(path)), "enqueue[0]: 'lora.rank' is not in tune.space")
