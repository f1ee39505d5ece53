"""Files every stage writes the same way: atomic writes, JSON Lines, run.json, checkpoint names, versions.

A leaf module: it imports nothing of chatkit but errors and environment, so any stage can use it without
reaching into another stage (train, compare and chat all read or write run folders).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kit.environment import package_version
from kit.errors import ChatkitError

CHECKPOINTS = "checkpoints"  # a run folder's Trainer checkpoints (removed when the run finishes)
RUN_JSON = "run.json"
TRAIN_VERSIONS = ("torch", "transformers", "trl", "peft", "accelerate", "datasets")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary sibling, then rename: a killed command never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, obj: Any) -> None:
    """Pretty UTF-8 JSON (ñ, ¿ kept as written), atomically."""
    write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object a line, UTF-8 kept as written, "\\n" line ends on every platform."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def versions(packages: Iterable[str] = TRAIN_VERSIONS) -> dict[str, str]:
    """chatkit's version and each named package's ("not installed" when absent)."""
    from kit import __version__

    return {"chatkit": __version__, **{name: package_version(name) for name in packages}}


def write_run_json(run_dir: Path, record: dict[str, Any]) -> Path:
    path = run_dir / RUN_JSON
    write_json(path, record)
    return path


def read_run_json(run_dir: str | Path) -> dict[str, Any] | None:
    """A run folder's run.json, or None when the folder has none.

    Raises:
        ChatkitError: run.json is not valid JSON.
    """
    path = Path(run_dir) / RUN_JSON
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        raise ChatkitError(f"{path}: not valid JSON", "re-run `chatkit train` for this run folder") from None


def read_run_config(run_dir: str | Path | None) -> dict[str, Any]:
    """A run folder's resolved_config.yaml (the recipe it trained with) as a dict; {} when it has none or it
    cannot be read (an adapter folder from elsewhere)."""
    import yaml

    path = Path(run_dir or "") / "resolved_config.yaml"
    if not run_dir or not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of a file's bytes (hex), read in 1 MiB blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pid_alive(pid: int) -> bool:
    """Is process `pid` running on this machine? (A temporary folder named after a dead one is a leftover.)"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
