"""Typed configs loaded from YAML with `--set a.b=value` overrides.

Precedence: defaults < YAML file < `--set`. Every key maps to one typed field with a description
(sections live beside the code that uses them: kit/data/config.py, kit/train/config.py, ...).
Unknown keys are errors that name the key path, the file and the nearest valid key.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kit.errors import ChatkitError

M = TypeVar("M", bound=BaseModel)


class Section(BaseModel):
    """Base for every config section: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, protected_namespaces=())


def load_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping; one-line errors for a missing file, a syntax error or a non-mapping."""
    p = Path(path)
    if not p.exists():
        raise ChatkitError(f"{p}: file not found", "check the path; recipes live in recipes/, suites in eval/")
    if p.is_dir():
        raise ChatkitError(f"{p}: is a folder, expected a YAML file")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ChatkitError(f"{p}: not UTF-8 text (byte {e.start})", "save the file as UTF-8") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{p}:{mark.line + 1}:{mark.column + 1}" if mark else str(p)
        problem = getattr(e, "problem", None) or "invalid YAML"
        raise ChatkitError(f"{where}: YAML syntax error: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ChatkitError(f"{p}: expected a mapping of keys at the top level, got {type(data).__name__}")
    return data


def parse_override(item: str) -> tuple[list[str], Any]:
    """Parse `a.b=value`; the value is read as YAML so `3`, `true`, `[q_proj, v_proj]` get their types."""
    if "=" not in item:
        raise ChatkitError(f"--set {item!r}: expected KEY=VALUE, e.g. --set lora.rank=16")
    key, raw = item.split("=", 1)
    key = key.strip()
    if not key or any(not part for part in key.split(".")):
        raise ChatkitError(f"--set {item!r}: empty key part, e.g. --set lora.rank=16")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return key.split("."), value


def apply_overrides(data: dict[str, Any], overrides: list[str] | None) -> dict[str, Any]:
    """Return a copy of `data` with each `a.b=value` set (nested mappings created as needed)."""
    result = _deep_copy(data)
    for item in overrides or []:
        path, value = parse_override(item)
        node = result
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        node[path[-1]] = value
    return result


def _deep_copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _deep_copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_deep_copy(v) for v in data]
    return data


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Valid field names of the (sub)model reached by following `loc` (minus its last element)."""
    current: Any = model
    for part in loc[:-1]:
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}).keys())


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def suggest_key(name: str, valid: list[str], prefix: str = "") -> str:
    """The hint for an unknown key: the nearest valid key (`did you mean 'a.b'?`), else the valid keys."""
    near = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
    if near:
        return f"did you mean '{prefix + '.' if prefix else ''}{near[0]}'?"
    return f"valid keys here: {', '.join(valid)}"


def validate(model: type[M], data: dict[str, Any], source: str) -> M:
    """Validate `data` against `model`; the first problem becomes one ChatkitError line."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(err.get("loc", ()))
        key = ".".join(str(p) for p in loc) or "<top>"
        if err.get("type") == "extra_forbidden":
            prefix = ".".join(str(p) for p in loc[:-1])
            suggestion = suggest_key(str(loc[-1]), _fields_at(model, loc), prefix)
            raise ChatkitError(f"{source}: unknown key '{key}'", suggestion) from None
        got = err.get("input")
        shown = repr(got) if isinstance(got, (int, float, bool, str)) and len(repr(got)) < 60 else None
        msg = f"{source}: {key}: {err.get('msg', 'invalid value')}"
        if shown is not None and err.get("type") != "missing":
            msg += f" (got {shown})"
        extra = f" ({len(e.errors()) - 1} more problem(s))" if len(e.errors()) > 1 else ""
        raise ChatkitError(msg + extra) from None


def load(model: type[M], path: str | Path, overrides: list[str] | None = None) -> M:
    """Load a YAML file into `model`, applying `--set` overrides on top."""
    data = apply_overrides(load_yaml(path), overrides)
    return validate(model, data, str(path))


def to_yaml(model: BaseModel) -> str:
    """The resolved config as YAML (what a run folder keeps as resolved_config.yaml)."""
    return yaml.safe_dump(model.model_dump(mode="json"), sort_keys=False, allow_unicode=True)


def field_help(model: type[BaseModel]) -> dict[str, str]:
    """Each field's one-line description, for docs and `recipe show --help-keys`."""
    return {name: (f.description or "") for name, f in model.model_fields.items()}


__all__ = [
    "Field",
    "Section",
    "apply_overrides",
    "field_help",
    "load",
    "load_yaml",
    "suggest_key",
    "to_yaml",
    "validate",
]
