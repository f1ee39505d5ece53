"""The recipe's `tune:` section: search space over recipe keys, objective, sampler, pruner, budget, storage.

Light on purpose (pydantic only): kit/recipe.py imports it, and `chatkit --help` must stay instant.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from kit.config import Field, Section

VAL_LOSS = "val_loss"


class ParamConfig(Section):
    type: Literal["uniform", "loguniform", "int", "categorical"] = Field(
        ..., description="uniform / loguniform floats, int (step, log), or categorical choices."
    )
    low: float | None = Field(None, description="Lowest value (uniform, loguniform, int).")
    high: float | None = Field(None, description="Highest value, included (uniform, loguniform, int).")
    step: float | None = Field(None, gt=0, description="Grid step (uniform, int); None: continuous / 1 for int.")
    log: bool = Field(False, description="int only: sample on a log scale (e.g. a rank from 4 to 64).")
    choices: list[Any] = Field([], description="categorical only: the values to choose from (numbers, strings, bools).")

    @model_validator(mode="after")
    def _consistent(self) -> ParamConfig:
        if self.type == "categorical":
            if not self.choices:
                raise PydanticCustomError("choices", "a categorical parameter needs a non-empty 'choices' list")
            bad = next((c for c in self.choices if c is not None and not isinstance(c, (bool, int, float, str))), None)
            if bad is not None:
                raise PydanticCustomError("choices", "choices must be numbers, strings, bools or null (got {bad})",
                                          {"bad": repr(bad)})
            if self.low is not None or self.high is not None:
                raise PydanticCustomError("choices", "a categorical parameter takes 'choices', not low/high")
            return self
        if self.low is None or self.high is None:
            raise PydanticCustomError("bounds", "a {type} parameter needs both 'low' and 'high'", {"type": self.type})
        if self.low > self.high:
            raise PydanticCustomError("bounds", "low > high (got low={low}, high={high}); swap them",
                                      {"low": f"{self.low:g}", "high": f"{self.high:g}"})
        if self.type == "loguniform" and self.low <= 0:
            raise PydanticCustomError("bounds", "a loguniform parameter needs low > 0 (got {low})", {"low": f"{self.low:g}"})
        if self.type == "int":
            if self.low != int(self.low) or self.high != int(self.high) or (self.step and self.step != int(self.step)):
                raise PydanticCustomError("bounds", "an int parameter needs whole-number low, high and step")
            if self.log and (self.low < 1 or (self.step or 1) != 1):
                raise PydanticCustomError("bounds", "a log-scaled int needs low >= 1 and step 1")
        if self.type == "loguniform" and self.step:
            raise PydanticCustomError("bounds", "a loguniform parameter takes no step")
        return self


class ObjectiveConfig(Section):
    metric: str = Field(
        VAL_LOSS,
        description="val_loss (the trial's final val loss), or a compare metric on the DEV eval items "
        "(fact_accuracy, fact_recall, token_f1, rouge_l, cosine, ...).",
    )
    direction: Literal["minimize", "maximize"] | None = Field(
        None, description="None: minimize val_loss, maximize a compare metric."
    )
    arm: Literal["lora", "lora+rag"] = Field("lora", description="Compare arm whose metric is the objective.")
    suite: str | None = Field(
        None, description="Compare suite YAML whose generation, metrics, prices and index the dev run uses."
    )
    eval: str | None = Field(
        None, description="Eval items JSONL (default: the suite's, else DATA/eval.jsonl); only its dev items are used."
    )
    limit: int | None = Field(None, ge=1, description="Use only the first N dev items (quicker trials).")

    @field_validator("metric")
    @classmethod
    def _known(cls, value: str) -> str:
        valid = metric_names()
        if value not in valid:
            from kit.config import suggest_key

            raise PydanticCustomError(
                "metric", "compare produces no metric '{value}' ({hint})",
                {"value": value, "hint": suggest_key(value, valid).replace("valid keys here", "valid")},
            )
        return value

    @property
    def maximize(self) -> bool:
        return (self.direction or ("minimize" if self.metric == VAL_LOSS else "maximize")) == "maximize"


def metric_names() -> list[str]:
    """val_loss and every quality metric `chatkit compare` reports per arm."""
    from kit.compare.summary import QUALITY

    return [VAL_LOSS, *(name for name, _, _ in QUALITY)]


class TuneConfig(Section):
    space: dict[str, ParamConfig] = Field(
        {}, description="Parameters to search, by dotted recipe key: {train.learning_rate: {type: loguniform, ...}}."
    )
    objective: ObjectiveConfig = Field(default_factory=ObjectiveConfig, description="What a trial is scored on.")
    sampler: Literal["tpe", "random"] = Field("tpe", description="Optuna sampler: TPE (default) or random search.")
    seed: int = Field(0, description="Sampler seed (each trial's draw is seeded by seed + trial number).")
    pruner: Literal["median", "hyperband", "none"] = Field(
        "median", description="Stop a trial early whose intermediate val loss is worse than the others'."
    )
    startup_trials: int = Field(3, ge=0, description="median: finished trials needed before any is pruned.")
    warmup_steps: int = Field(0, ge=0, description="median: optimizer steps before a trial can be pruned.")
    trials: int = Field(20, ge=1, description="Finished trials the study aims for (all workers together).")
    timeout_s: float | None = Field(None, gt=0, description="No new trial starts after this many seconds.")
    enqueue: list[dict[str, Any]] = Field(
        [], description="Trials run first with these values (dotted key -> value), e.g. the hand-picked ones."
    )
    keep: int | None = Field(
        None, ge=1, description="Keep the run folders of only the k best finished trials (None: keep every one)."
    )
    out: str | None = Field(None, description="Study folder (default: the recipe's train.output_dir + '-tune').")
    storage: str | None = Field(
        None, description="Optuna storage URL (default: sqlite:///OUT/study.db); a postgresql+psycopg2:// URL "
        "shares one study between workers on several machines."
    )
    study: str | None = Field(None, description="Study name in the storage (default: the recipe's name).")
    heartbeat_s: int = Field(
        30, ge=1, description="Seconds between a running trial's heartbeats in the storage (the database's clock)."
    )
    stale_after_s: int = Field(
        180, ge=2, description="A RUNNING trial with no heartbeat for this long (its worker died or hangs, on any "
        "machine) is marked interrupted by the next worker that asks for a trial, and its values run again."
    )

    @field_validator("space")
    @classmethod
    def _paths(cls, value: dict[str, ParamConfig]) -> dict[str, ParamConfig]:
        from kit.tune.space import unknown_path

        for path in value:
            problem = unknown_path(path)
            if problem:
                raise PydanticCustomError("path", problem)
        return value

    @model_validator(mode="after")
    def _enqueued(self) -> TuneConfig:
        for i, values in enumerate(self.enqueue):
            for key, val in values.items():
                if key not in self.space:
                    raise PydanticCustomError(
                        "enqueue", "enqueue[{i}]: '{key}' is not in tune.space", {"i": i, "key": key}
                    )
                param = self.space[key]
                if param.type == "categorical" and val not in param.choices:
                    raise PydanticCustomError(
                        "enqueue", "enqueue[{i}]: {val} is not one of the choices of '{key}'",
                        {"i": i, "key": key, "val": repr(val)},
                    )
        return self

    @model_validator(mode="after")
    def _stale_after_heartbeats(self) -> TuneConfig:
        if self.stale_after_s < 2 * self.heartbeat_s:
            raise PydanticCustomError(
                "stale_after", "stale_after_s ({stale}) must be at least twice heartbeat_s ({beat}): one late "
                "heartbeat would fail a live trial", {"stale": self.stale_after_s, "beat": self.heartbeat_s},
            )
        return self
