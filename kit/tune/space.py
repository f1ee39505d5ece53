"""The search space: dotted recipe keys, Optuna draws over them, and the recipe a draw gives."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from kit.errors import ChatkitError


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def recipe_keys() -> list[str]:
    """Every leaf key of a recipe as a dotted path (train.learning_rate, lora.rank, ...), tune's own excluded."""
    from kit.train.recipe import Recipe

    keys: list[str] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            sub = _submodel(field.annotation)
            if sub is not None:
                walk(sub, f"{prefix}{name}.")
            else:
                keys.append(prefix + name)

    walk(Recipe, "")
    return [k for k in keys if not k.startswith("tune.")]


def unknown_path(path: str) -> str | None:
    """None when `path` names a searchable recipe key; else the problem, with the nearest valid key."""
    from kit.config import suggest_key

    keys = recipe_keys()
    if path in keys:
        return None
    section, _, _ = path.rpartition(".")
    siblings = [k for k in keys if k.rpartition(".")[0] == section] if section else []
    hint = suggest_key(path, keys)
    if hint.startswith("valid keys"):  # nothing close: list the section's keys, or the sections
        sections = sorted({k.split(".")[0] for k in keys if "." in k})
        hint = f"valid keys in {section}: {', '.join(siblings)}" if siblings else f"sections: {', '.join(sections)}"
    return f"'{path}' names no recipe key; {hint}"


def sample(trial: Any, space: dict[str, Any]) -> dict[str, Any]:
    """One draw of every parameter from an Optuna trial (names are the dotted keys)."""
    values: dict[str, Any] = {}
    for path, p in space.items():
        if p.type == "categorical":
            values[path] = trial.suggest_categorical(path, p.choices)
        elif p.type == "int":
            values[path] = trial.suggest_int(path, int(p.low), int(p.high), step=int(p.step or 1), log=p.log)
        else:
            values[path] = trial.suggest_float(path, p.low, p.high, step=p.step, log=p.type == "loguniform")
    return values


def with_values(recipe: Any, values: dict[str, Any], source: str) -> Any:
    """A copy of `recipe` with each dotted key set to its value, validated like a recipe file."""
    from kit.config import validate
    from kit.train.recipe import Recipe

    data = recipe.model_dump(mode="json")
    for path, value in values.items():
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = value
    return validate(Recipe, data, source)


def check_bounds(recipe: Any, space: dict[str, Any], source: str) -> None:
    """Each bound and choice must give a valid recipe: a bad range fails before any training, naming the key."""
    for path, p in space.items():
        if p.type == "categorical":
            ends = list(p.choices)
        elif p.type == "int":
            ends = [int(p.low), int(p.high)]
        else:
            ends = [p.low, p.high]
        for value in ends:
            try:
                with_values(recipe, {path: value}, source)
            except ChatkitError as e:
                reason = e.message.split(": ", 2)[-1]
                raise ChatkitError(f"{source}: tune.space.{path}: {value!r} is not a valid {path} ({reason})") from None
