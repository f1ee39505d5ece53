"""The declared dependency bounds are what this environment runs on (CI installs from pyproject.toml)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import tomllib
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
ML_LIBRARIES = ("transformers", "trl", "peft", "accelerate", "datasets", "sentence-transformers")


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in [*project["dependencies"], *extra]]


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def test_every_installed_dependency_lies_within_its_declared_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {Requirement(r).name for r in project["dependencies"]}
    outside = []
    for req in _requirements():
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # not for this platform
        installed = _installed(req.name)
        if installed is None:  # an optional group make does not install (e.g. gemma) may be absent
            assert req.name not in required, f"{req.name} is a required dependency but not installed"
            continue
        if req.specifier and not req.specifier.contains(installed, prereleases=True):
            outside.append(f"{req.name} {installed} not in {req.specifier}")
    assert outside == []


def test_fast_moving_ml_libraries_are_capped_below_their_next_major_version():
    by_name = {r.name: r for r in _requirements()}
    for name in ML_LIBRARIES:
        caps = [s for s in by_name[name].specifier if s.operator == "<"]
        assert caps, f"{name} has no upper bound"
        lows = [s for s in by_name[name].specifier if s.operator == ">="]
        assert lows, f"{name} has no lower bound"
        low_major = int(lows[0].version.split(".")[0])
        cap = caps[0].version.split(".")
        # "<N" with N the next major (or "<1" for a 0.x library)
        assert int(cap[0]) == low_major + 1 and all(int(x) == 0 for x in cap[1:]), f"{name}: {by_name[name].specifier}"
