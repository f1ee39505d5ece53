"""One trial: train the drawn recipe (val loss reported to Optuna as it goes), then score it.

The score is the final val loss, or a compare metric of the trained adapter on the DEV eval items only:
the test items are what the report shows, so nothing that chooses may look at them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

from kit.errors import ChatkitError
from kit.tune.config import VAL_LOSS, ObjectiveConfig

DEV = "dev"


class Pruned(Exception):
    """The pruner stopped this trial at `step` (its run folder is complete up to there)."""

    def __init__(self, step: int) -> None:
        super().__init__(f"pruned at step {step}")
        self.step = step


class PruningCallback(TrainerCallback):
    """Reports each val loss to the Optuna trial; stops training when the pruner says so.

    Pruners compare intermediate values in the study's direction, so a maximised objective gets -val_loss.
    """

    def __init__(self, trial: Any, maximize: bool) -> None:
        self.trial = trial
        self.sign = -1.0 if maximize else 1.0
        self.pruned_at: int | None = None

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        loss = (metrics or {}).get("eval_loss")
        if loss is None or state.global_step == 0:  # step 0 is the base model: the same for every trial
            return
        self.trial.report(self.sign * float(loss), state.global_step)
        if self.trial.should_prune():
            self.pruned_at = state.global_step
            control.should_training_stop = True


def dev_items(eval_path: str | Path, dest: Path, limit: int | None = None) -> int:
    """Write the eval items whose `split` is "dev" to `dest`; their count. One-line error when there are none."""
    from kit.runfolder import write_atomic

    path = Path(eval_path)
    if not path.is_file():
        raise ChatkitError(
            f"tune.objective: eval items not found: {path}", "run `chatkit prepare ... --out DIR` (it writes eval.jsonl)"
        )
    kept: list[str] = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as e:
                raise ChatkitError(f"{path}:{number}: not valid JSON ({e.msg})") from None
            if isinstance(item, dict) and item.get("split") == DEV:
                kept.append(line.rstrip("\n"))
    if not kept:
        raise ChatkitError(
            f"{path}: no dev items (no item has \"split\": \"dev\"), and tune must not choose on the test items",
            "re-run `chatkit prepare` (it splits eval items into dev and test; --set data.eval_dev_fraction=0.3)",
        )
    kept = kept[:limit] if limit else kept
    write_atomic(dest, "\n".join(kept) + "\n")
    return len(kept)


def dev_suite(recipe: Any, objective: ObjectiveConfig, dev_file: Path, adapter: Path, out: Path) -> Any:
    """The compare suite a trial is scored with: one LoRA arm, the dev items, no freshness check."""
    from kit.compare.config import SHORTHANDS, Suite, load_suite
    from kit.config import validate

    base = load_suite(objective.suite) if objective.suite else Suite()
    data = base.model_dump(mode="json")
    data.update(
        eval=str(dev_file),
        model=recipe.model.model_dump(mode="json"),
        system_prompt=recipe.system_prompt,
        adapter=str(adapter),
        arms=[dict(SHORTHANDS[objective.arm])],
    )
    data["generation"]["limit"] = None  # dev_items already cut the file to objective.limit
    data["metrics"]["cosine"] = objective.metric == "cosine"  # the embedder only when it is the objective
    data["stats"]["baseline"] = objective.arm
    data["split"] = "dev"  # compare filters and names the split; the file holds dev items only anyway
    data["freshness"]["enabled"] = False
    data["report"]["out"] = str(out)
    return validate(Suite, data, "tune.objective")


def eval_source(recipe: Any, objective: ObjectiveConfig) -> str:
    """The eval file a compare objective takes its dev items from."""
    if objective.eval:
        return objective.eval
    if objective.suite:
        from kit.compare.config import load_suite

        return load_suite(objective.suite).eval
    return str(Path(recipe.data.prepared) / "eval.jsonl")


def check_objective(recipe: Any, objective: ObjectiveConfig, study_dir: Path) -> Path | None:
    """Everything a compare objective needs, checked before any training; the dev items file it writes."""
    if objective.metric == VAL_LOSS:
        return None
    from kit.compare.cost import load_prices

    dev_file = study_dir / "dev.jsonl"
    dev_items(eval_source(recipe, objective), dev_file, objective.limit)
    suite = dev_suite(recipe, objective, dev_file, study_dir, study_dir)
    load_prices(suite.cost.prices).model(suite.cost.api_model)
    if objective.arm == "lora+rag" and not (suite.index and (Path(suite.index) / "manifest.json").is_file()):
        raise ChatkitError(
            f"tune.objective.arm {objective.arm} needs an index: {suite.index or 'none given'}",
            "set `index:` in the suite named by tune.objective.suite (`chatkit index` writes one)",
        )
    if objective.metric in ("groundedness", "context_recall") and objective.arm == "lora":
        raise ChatkitError(
            f"tune.objective.metric {objective.metric}: arm 'lora' retrieves nothing, so compare gives no "
            f"{objective.metric}", "set tune.objective.arm: lora+rag"
        )
    if objective.metric == "judge" and not suite.metrics.judge.enabled:
        raise ChatkitError(
            "tune.objective.metric judge: the suite's LLM judge is off, so compare gives no judge score",
            "enable metrics.judge in the suite named by tune.objective.suite",
        )
    return dev_file


def run_trial(recipe: Any, run_dir: Path, trial: Any, objective: ObjectiveConfig, dev_file: Path | None) -> float:
    """Train one drawn recipe into `run_dir` and return its objective value.

    Raises:
        Pruned: the pruner stopped it (the run folder still has its run.json).
    """
    from kit.train.sft import train

    callback = PruningCallback(trial, objective.maximize)
    result = train(recipe, out=str(run_dir), overwrite=True, callbacks=(callback,), quiet_check=True)
    record = result.record or {}
    if callback.pruned_at is not None:
        raise Pruned(callback.pruned_at)
    if objective.metric == VAL_LOSS:
        value = (record.get("val_loss") or {}).get("last")
        if value is None:
            raise ChatkitError(f"{run_dir}: the run recorded no val loss", "the prepared data needs a val.jsonl")
        return float(value)
    assert dev_file is not None
    from kit.compare.run import compare

    suite = dev_suite(recipe, objective, dev_file, run_dir, run_dir / "compare-dev")
    report = compare(suite, run_dir / "compare-dev")
    quality = report["summary"]["arms"][objective.arm]["quality"].get(objective.metric) or {}
    if quality.get("mean") is None:
        raise ChatkitError(f"compare gave no {objective.metric} for arm {objective.arm} on the dev items")
    return float(quality["mean"])
