"""The layering of DESIGN.md holds (import-linter, configured in pyproject.toml), and the check can fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.run([*LINT, "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_every_layering_contract_is_kept():
    res = _lint(ROOT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 broken" in res.stdout


def _lint_with_an_added_import(tmp_path, module: str, line: str) -> subprocess.CompletedProcess:
    """Lint a copy of the tree in which `module` (a path under kit/) gains `line`."""
    shutil.copytree(ROOT / "kit", tmp_path / "kit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / "kit" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    return _lint(tmp_path)


def test_a_library_module_importing_the_cli_breaks_the_check(tmp_path):
    res = _lint_with_an_added_import(tmp_path, "data/schema.py", "import kit.cli")
    assert res.returncode != 0
    assert "Library code never imports the CLI BROKEN" in res.stdout
    assert "kit.data knows nothing of training, retrieval, models, comparison or chat BROKEN" in res.stdout


def test_an_import_circle_between_stages_breaks_the_check(tmp_path):
    res = _lint_with_an_added_import(tmp_path, "rag/config.py", "import kit.compare.run")
    assert res.returncode != 0
    assert "No import circles between the modules of any package BROKEN" in res.stdout
