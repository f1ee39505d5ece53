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


# A worker that imports everything a trial needs, says it is ready, and runs `chatkit ARGS` once told to go: two
# workers started together both reach the study at once, so each runs trials however fast this host trains.
RUN_ON_GO = """
import pathlib, runpy, sys, time
import optuna, torch, transformers, trl, peft  # the slow imports, before the start line
import kit.train.sft, kit.tune.study
go, ready, args = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
ready.touch()
while not go.exists():
    time.sleep(0.01)
sys.argv = ["chatkit", *args]
runpy.run_module("kit", run_name="__main__")
"""


def start_together(tmp_path: Path, runs: list[tuple[list[str], dict]]) -> list[subprocess.Popen]:
    """One `chatkit` process per (args, env), released together once all have imported torch and the kit."""
    go = tmp_path / "go"
    workers = [subprocess.Popen([sys.executable, "-c", RUN_ON_GO, str(go), str(tmp_path / f"ready{i}"), *args],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for i, (args, env) in enumerate(runs)]
    deadline = time.monotonic() + 300
    while len(list(tmp_path.glob("ready*"))) < len(workers):
        if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
            for w in workers:
                w.kill()
            pytest.fail(f"the workers did not get ready: {[w.communicate()[1][-1500:] for w in workers]}")
        time.sleep(0.05)
    go.touch()
    return workers


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


def test_stale_after_below_two_heartbeats_is_an_error(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR, heartbeat_s=100)
    one_line_error(chatkit("tune", str(path)), "stale_after_s (180) must be at least twice heartbeat_s (100)")


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


def test_study_made_with_another_space_is_not_resumed_with_this_one(chatkit, tmp_path, tiny_model_dir):
    import optuna

    path = write_recipe(tmp_path, tiny_model_dir, LR)
    storage = f"sqlite:///{(tmp_path / 'other.db').resolve()}"
    other = optuna.create_study(storage=storage, study_name="tiny-tune")
    other.set_user_attr("signature", {"space": {"lora.rank": {}}, "metric": "val_loss", "direction": "minimize"})
    one_line_error(chatkit("tune", str(path), "--storage", storage), "study 'tiny-tune'", "another tune.space")
    assert len(trials_of(storage)) == 0


def test_shipped_tune_recipe_searches_valid_values_on_dev():
    from kit.train.recipe import load_recipe
    from kit.tune.space import check_bounds

    path = ROOT / "recipes" / "tiny-es" / "tune.yaml"
    recipe = load_recipe(path)
    check_bounds(recipe, recipe.tune.space, str(path))  # raises on a bound the key does not accept
    assert recipe.tune.objective.metric == "fact_accuracy" and recipe.tune.objective.maximize
    baseline = recipe.tune.enqueue[0]  # the hand-picked demo values run first
    assert baseline == {"train.learning_rate": recipe.train.learning_rate, "lora.rank": recipe.lora.rank,
                        "train.max_steps": recipe.train.max_steps}


# studies ------------------------------------------------------------------------------------------


def run_json(chatkit, *args: str) -> dict:
    result = chatkit(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_four_trial_study_completes_writes_the_best_recipe_and_it_trains(chatkit, tmp_path, tiny_model_dir):
    space = {**LR, "lora.rank": {"type": "categorical", "choices": [2, 4]}}
    path = write_recipe(tmp_path, tiny_model_dir, space, trials=4, seed=3)
    summary = run_json(chatkit, "tune", str(path))
    storage = f"sqlite:///{(tmp_path / 'study' / 'study.db').resolve()}"
    trials = trials_of(storage)
    assert [t.state.name for t in trials] == ["COMPLETE"] * 4
    best = min(trials, key=lambda t: t.value)
    assert summary["best"]["number"] == best.number and summary["best"]["params"] == best.params
    for t in trials:  # each trial's objective is the val loss its own run folder recorded
        record = json.loads((tmp_path / "study" / "trials" / f"{t.number:04d}" / "run.json").read_text())
        assert t.value == pytest.approx(record["val_loss"]["last"])
        assert record["steps"] == STEPS and t.duration.total_seconds() > 0
    best_recipe = Path(summary["best_recipe"])
    loaded = yaml.safe_load(best_recipe.read_text(encoding="utf-8"))
    assert "tune" not in loaded and loaded["train"]["output_dir"] == str(tmp_path / "run")
    assert loaded["train"]["learning_rate"] == pytest.approx(best.params["train.learning_rate"])
    assert loaded["lora"]["rank"] == best.params["lora.rank"]
    md = (tmp_path / "study" / "report.md").read_text(encoding="utf-8")
    assert md.count("| complete |") == 4 and "## Parameter importances" in md and "lora.rank" in md
    page = (tmp_path / "study" / "report.html").read_text(encoding="utf-8")
    assert "Optimisation history" in page and "Parallel coordinates" in page and "<script src=" not in page
    # the best recipe trains as it is, with the values the study found
    trained = run_json(chatkit, "train", str(best_recipe), "--out", str(tmp_path / "best-run"))
    assert trained["steps"] == STEPS
    assert trained["val_loss"]["last"] == pytest.approx(best.value, rel=1e-3)


@pytest.mark.slow
def test_killed_study_resumes_to_four_trials_from_its_storage(chatkit, tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR, trials=4)
    storage = f"sqlite:///{(tmp_path / 'study' / 'study.db').resolve()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([sys.executable, "-m", "kit", "tune", str(path)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=log)
    try:  # kill it while its second trial runs, its first one complete
        # The worker is frozen (SIGSTOP) the moment the second trial's folder appears: on a fast host a whole
        # trial takes under a second, so polling the storage alone could miss the trial while it runs.
        deadline = time.monotonic() + 300
        while not (tmp_path / "study" / "trials" / "0001").exists():
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-2000:]
            if time.monotonic() > deadline:
                pytest.fail("the second trial did not start in time")
            time.sleep(0.02)
        worker.send_signal(signal.SIGSTOP)
        assert [t.state.name for t in trials_of(storage)] == ["COMPLETE", "RUNNING"]
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
        log.close()
    assert [t.state.name for t in trials_of(storage)] == ["COMPLETE", "RUNNING"]
    run_json(chatkit, "tune", str(path))
    trials = trials_of(storage)
    finished = [t for t in trials if t.state.name in ("COMPLETE", "PRUNED")]  # the median pruner may stop one
    assert len(finished) == 4 and finished[0].number == 0 and len(trials) == 5
    killed = trials[1]
    assert killed.state.name == "FAIL" and killed.user_attrs["interrupted"] is True
    rerun = [t for t in trials if t.user_attrs.get("retry_of") == 1]
    assert len(rerun) == 1 and rerun[0].params == killed.params and rerun[0] in finished


@pytest.mark.slow
def test_trial_whose_worker_hangs_is_failed_by_its_stale_heartbeat_and_rerun_by_another_worker(
        chatkit, tmp_path, tiny_model_dir):
    # Worker A is frozen (SIGSTOP) in its second trial: its process is alive, so only the heartbeat can tell
    # (as for a worker on another machine). Worker B fails that trial after 3 s without a heartbeat, reruns its
    # values and finishes the study; A, let go, finds its trial failed, says so and stops cleanly.
    import sqlite3

    path = write_recipe(tmp_path, tiny_model_dir, LR, trials=3, heartbeat_s=1, stale_after_s=3)
    db = tmp_path / "study" / "study.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-m", "kit", "tune", str(path)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not (tmp_path / "study" / "trials" / "0001").exists():
            assert worker.poll() is None and time.monotonic() < deadline, "the second trial did not start"
            time.sleep(0.02)
        for _ in range(100):  # frozen once its trial's heartbeat is in the storage
            worker.send_signal(signal.SIGSTOP)
            with sqlite3.connect(db, timeout=60) as conn:
                beats = conn.execute("SELECT COUNT(*) FROM trial_heartbeats h JOIN trials t ON "
                                     "h.trial_id = t.trial_id WHERE t.number = 1").fetchone()[0]
            if beats:
                break
            worker.send_signal(signal.SIGCONT)
            time.sleep(0.02)
        assert [t.state.name for t in trials_of(f"sqlite:///{db.resolve()}")] == ["COMPLETE", "RUNNING"]
        time.sleep(4)  # past stale_after_s
        summary = run_json(chatkit, "tune", str(path))
        worker.send_signal(signal.SIGCONT)
        _, err = worker.communicate(timeout=300)
    finally:
        if worker.poll() is None:
            worker.kill()
    trials = trials_of(f"sqlite:///{db.resolve()}")
    assert [t.state.name for t in trials] == ["COMPLETE", "FAIL", "COMPLETE", "COMPLETE"]
    assert trials[2].user_attrs["retry_of"] == 1 and trials[2].params == trials[1].params
    assert summary["trials"] == {"complete": 3, "interrupted": 1}
    md = (tmp_path / "study" / "report.md").read_text(encoding="utf-8")
    assert "| interrupted |" in md and "no heartbeat for too long" in md
    assert worker.returncode == 0, err[-2000:]
    assert "trial 1 failed by another worker" in err
    assert "Warning" not in err, "Optuna's heartbeat warnings (experimental; ask/tell) are not the user's concern"


@pytest.mark.slow
def test_two_workers_on_one_storage_run_distinct_trials_of_one_study(tmp_path, tiny_model_dir):
    path = write_recipe(tmp_path, tiny_model_dir, LR, trials=4, pruner="none")
    storage = f"sqlite:///{(tmp_path / 'shared.db').resolve()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["tune", str(path), "--storage", storage, "--study", "shared"]
    workers = start_together(tmp_path, [(args, env), (args, env)])
    outputs = [w.communicate(timeout=600) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [err[-2000:] for _, err in outputs]
    trials = trials_of(storage, "shared")
    assert len(trials) == 4 and all(t.state.name == "COMPLETE" for t in trials)
    by_worker = {t.user_attrs["worker"].rsplit(":", 1)[1] for t in trials}
    assert by_worker == {str(w.pid) for w in workers}, "both workers ran trials of the one study"
    assert len({t.user_attrs["run_dir"] for t in trials}) == 4
    assert len({t.params["train.learning_rate"] for t in trials}) == 4, "no two trials drew the same values"


@pytest.mark.slow
def test_trial_whose_val_loss_explodes_is_pruned(chatkit, tmp_path, tiny_model_dir):
    space = {"train.learning_rate": {"type": "categorical", "choices": [2e-2, 1e3]}}
    path = write_recipe(tmp_path, tiny_model_dir, space, trials=2, startup_trials=1,
                        enqueue=[{"train.learning_rate": 2e-2}, {"train.learning_rate": 1e3}])
    summary = run_json(chatkit, "tune", str(path))
    trials = trials_of(f"sqlite:///{(tmp_path / 'study' / 'study.db').resolve()}")
    assert [t.state.name for t in trials] == ["COMPLETE", "PRUNED"]
    exploded = trials[1]
    assert exploded.params["train.learning_rate"] == 1e3
    step = exploded.user_attrs["pruned_at"]
    assert step < STEPS, "pruned before the end of training"
    assert exploded.intermediate_values[step] > trials[0].intermediate_values[step]
    record = json.loads((tmp_path / "study" / "trials" / "0001" / "run.json").read_text())
    assert record["steps"] == step
    assert summary["best"]["number"] == 0


@pytest.mark.slow
def test_crashed_trial_is_recorded_failed_and_the_study_goes_on(chatkit, tmp_path, tiny_model_dir):
    # flash-attention is not installed on a CPU machine: the trial drawing it crashes when its model loads
    space = {"model.attn_implementation": {"type": "categorical", "choices": ["sdpa", "flash_attention_2"]}}
    enqueue = [{"model.attn_implementation": v} for v in ("flash_attention_2", "sdpa")]
    path = write_recipe(tmp_path, tiny_model_dir, space, trials=2, enqueue=enqueue, keep=1)
    summary = run_json(chatkit, "tune", str(path))
    trials = trials_of(f"sqlite:///{(tmp_path / 'study' / 'study.db').resolve()}")
    assert [t.state.name for t in trials] == ["FAIL", "COMPLETE"]
    assert "flash" in trials[0].user_attrs["error"].lower() and "\n" not in trials[0].user_attrs["error"]
    assert summary["trials"] == {"complete": 1, "fail": 1} and summary["best"]["number"] == 1
    md = (tmp_path / "study" / "report.md").read_text(encoding="utf-8")
    assert "| fail |" in md and trials[0].user_attrs["error"][:40] in md
    # keep: 1 keeps the best finished trial's run folder only
    assert sorted(p.name for p in (tmp_path / "study" / "trials").iterdir()) == ["0001"]


@pytest.mark.slow
def test_compare_objective_scores_each_trial_on_the_dev_items_only(chatkit, tmp_path, tiny_model_dir):
    items = [{"id": f"{split}-{i}", "question": "¿Cuánto tarda el envío a Puebla?",
              "reference": "El envío a Puebla tarda de 3 a 5 días hábiles.", "required_facts": ["3 a 5 días"],
              "split": split} for i, split in enumerate(["dev", "test", "dev", "test", "dev"])]
    eval_file = tmp_path / "eval.jsonl"
    eval_file.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    suite = tmp_path / "suite.yaml"
    suite.write_text(yaml.safe_dump({"eval": str(eval_file), "generation": {"max_new_tokens": 12, "warmup": 0},
                                     "stats": {"resamples": 1000}}), encoding="utf-8")
    path = write_recipe(tmp_path, tiny_model_dir, LR, trials=2, pruner="none",
                        objective={"metric": "token_f1", "suite": str(suite)})
    summary = run_json(chatkit, "tune", str(path))
    trials = trials_of(f"sqlite:///{(tmp_path / 'study' / 'study.db').resolve()}")
    assert [t.state.name for t in trials] == ["COMPLETE", "COMPLETE"]
    for t in trials:
        report = json.loads((tmp_path / "study" / "trials" / f"{t.number:04d}" / "compare-dev" / "report.json")
                            .read_text(encoding="utf-8"))
        rows = report["rows"]
        assert sorted(r["item"] for r in rows) == ["dev-0", "dev-2", "dev-4"], "test items are never scored"
        assert {r["arm"] for r in rows} == {"lora"}
        assert t.value == pytest.approx(sum(r["token_f1"] for r in rows) / len(rows))
    assert summary["best"]["value"] == max(t.value for t in trials), "token_f1 is maximised"


def test_tune_help_names_its_options(chatkit):
    result = chatkit("tune", "--help")
    assert result.returncode == 0
    for option in ("--trials", "--timeout", "--storage", "--study", "--out", "--json"):
        assert option in result.stdout


@pytest.mark.slow
def test_time_budget_stops_new_trials(tmp_path, tiny_model_dir, monkeypatch):
    # The study's clock is a fake one that each trial moves on by 2 s, so the 1 s budget is spent once the
    # first trial ends however fast this machine trains (a wall clock made this test depend on the CI host).
    import kit.tune.objective as objective
    import kit.tune.study as study
    from kit.train.recipe import load_recipe

    clock = [0.0]
    real_run_trial = objective.run_trial

    def slow_trial(*args, **kwargs):
        value = real_run_trial(*args, **kwargs)
        clock[0] += 2.0
        return value

    monkeypatch.setattr(objective, "run_trial", slow_trial)
    monkeypatch.setattr(study, "time", type("Clock", (), {"monotonic": staticmethod(lambda: clock[0])}))
    path = write_recipe(tmp_path, tiny_model_dir, LR, trials=3)
    result = study.run_study(load_recipe(str(path)), str(path), timeout_s=1)
    assert result.counts == {"complete": 1} and result.best["number"] == 0
    assert Path(result.best_recipe).is_file()
