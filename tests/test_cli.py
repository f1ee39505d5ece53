"""The CLI as a user meets it: --help is light, errors are one line with exit 1, usage errors exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=ROOT, input=stdin, timeout=300
    )


def test_help_lists_commands_and_imports_no_torch():
    code = (
        "import sys\n"
        "from kit.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'faiss', 'sentence_transformers', 'datasets') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY=\n" in res.stdout or res.stdout.rstrip().endswith("HEAVY="), res.stdout
    for command in ("version", "env", "recipe"):
        assert command in res.stdout


def test_help_into_a_closed_pipe_has_no_traceback():
    """`chatkit train --help | head -1`: the reader goes away before the help is written."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kit", "train", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    proc.stdout.close()  # closed before the child (a Python start-up away) writes a byte
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 1)
    assert "Traceback" not in stderr, stderr


def test_version():
    res = run("version")
    assert res.returncode == 0
    assert res.stdout.startswith("chatkit ")


def test_env_json():
    res = run("env", "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["torch"] != "not installed"
    assert "cuda_available" in report and "hf_hub_offline" in report


def test_unknown_command_is_usage_error():
    res = run("no-such-command")
    assert res.returncode == 2
    assert "No such command" in res.stderr


def test_missing_recipe_file_one_line():
    res = run("recipe", "show", "recipes/does-not-exist.yaml")
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "does-not-exist.yaml" in lines[0] and "not found" in lines[0]
    assert "Traceback" not in res.stderr


def test_unknown_key_names_key_file_and_suggestion(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("lora:\n  rnak: 8\n", encoding="utf-8")
    res = run("recipe", "show", str(bad))
    assert res.returncode == 1
    line = res.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "lora.rnak" in line and str(bad) in line and "lora.rank" in line


def test_yaml_syntax_error_names_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("name: demo\nlora: [rank: 8\n", encoding="utf-8")
    res = run("recipe", "show", str(bad))
    assert res.returncode == 1
    line = res.stderr.strip()
    assert len(line.splitlines()) == 1 and "broken.yaml:" in line and "YAML syntax error" in line


def test_set_override_changes_resolved_recipe(tmp_path):
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: demo\nlora:\n  rank: 8\n", encoding="utf-8")
    res = run("recipe", "show", str(ok), "--set", "lora.rank=4", "--set", "train.packing=true")
    assert res.returncode == 0, res.stderr
    assert "rank: 4" in res.stdout and "packing: true" in res.stdout


def test_verbose_shows_traceback(tmp_path):
    res = run("--verbose", "recipe", "show", str(tmp_path / "nope.yaml"))
    assert res.returncode == 1
    assert "Traceback" in res.stderr
