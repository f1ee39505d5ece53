"""`chatkit train` / `chatkit merge` through the CLI: pre-flight, one-line errors, a real run, 2-process DDP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_template import BROKEN_EOT
from test_train import write_prepared

from kit.cli import main


def chatkit(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process (fast); returns (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as e:
        main(list(args))
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def write_recipe(path: Path, model: Path, data: Path, run: Path, **train: object) -> Path:
    settings = {
        "output_dir": str(run),
        "max_steps": 4,
        "batch_size": 8,
        "max_length": 128,
        "save_steps": 2,
        "eval_steps": 2,
    }
    settings.update(train)
    recipe = {
        "name": "cli-test",
        "model": {"name": str(model), "device": "cpu"},
        "data": {"prepared": str(data)},
        "lora": {"rank": 4, "alpha": 8},
        "train": settings,
    }
    path.write_text(yaml.safe_dump(recipe, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def setup(tmp_path, tiny_model_dir) -> tuple[Path, Path, Path]:
    data = write_prepared(tmp_path / "data", n_train=24, n_val=4)
    return write_recipe(tmp_path / "recipe.yaml", tiny_model_dir, data, tmp_path / "run"), data, tmp_path


@pytest.mark.parametrize("command", ["train", "merge"])
def test_help(capsys, command):
    code, out, _ = chatkit(capsys, command, "--help")
    assert code == 0 and "Usage" in out


def test_check_prints_the_token_table_and_passes(capsys, setup):
    recipe, _, _ = setup
    code, out, err = chatkit(capsys, "train", str(recipe), "--check")
    assert code == 0, err
    assert "trained" in err and "masked" in err and "<|im_end|>" in err and "pre-flight ok" in err
    assert out == ""  # nothing on stdout: the report is a log, not a result


def test_check_catches_a_masked_end_of_turn_token(capsys, setup, tmp_path):
    recipe, _, _ = setup
    template = tmp_path / "broken.jinja"
    template.write_text(BROKEN_EOT, encoding="utf-8")
    code, _, err = chatkit(
        capsys, "train", str(recipe), "--check", "--set", f"model.chat_template={template}"
    )
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith(
        "error: pre-flight failed: assistant turn 2: its end-of-turn token <|im_end|> is masked"
    )
    # training (not --check) fails before any step, as one line
    code, _, err = chatkit(capsys, "train", str(recipe), "--set", f"model.chat_template={template}")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "end-of-turn" in err
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (["--set", "model.name=/no/such/model"], "model folder not found: /no/such/model"),
        (["--set", "model.name=Qwen/Qwen2.5-0.5B-Instruct"], "models cannot be downloaded here"),
        (["--set", "train.lerning_rate=0.1"], "did you mean 'train.learning_rate'?"),
        (["--set", "data.prepared=/no/such/data"], "chatkit prepare"),
        (["--set", "train.max_length=12"], "shorter than the system prompt"),
        (["--device", "cuda"], "no CUDA GPU"),
        (["--set", "model.load_in_4bit=true"], "needs a CUDA GPU"),
        (["--resume"], "no checkpoint to resume from"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(capsys, setup, overrides, expected):
    import torch

    if "cuda" in expected.lower() and torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    recipe, _, _ = setup
    code, out, err = chatkit(capsys, "train", str(recipe), *overrides)
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], err
    assert "Traceback" not in err and out == ""


def test_existing_run_is_not_clobbered(capsys, setup):
    recipe, _, tmp = setup
    (tmp / "run").mkdir()
    (tmp / "run" / "run.json").write_text("{}", encoding="utf-8")
    code, _, err = chatkit(capsys, "train", str(recipe))
    assert code == 1 and "already holds a run" in err and "--overwrite" in err


def test_merge_of_a_folder_that_is_not_a_run_is_one_line(capsys, tmp_path):
    code, _, err = chatkit(capsys, "merge", str(tmp_path), "--out", str(tmp_path / "merged"))
    assert code == 1 and "not a finished chatkit train run" in err and len(err.strip().splitlines()) == 1


def _run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


@pytest.mark.slow
def test_train_through_the_console_prints_the_run_record_on_stdout(setup):
    recipe, _, _ = setup
    res = _run("train", str(recipe), "--json")
    assert res.returncode == 0, res.stderr[-2000:]
    record = json.loads(res.stdout)  # stdout is exactly the run record; logs went to stderr
    assert record["steps"] == 4 and record["processes"] == 1
    assert "step 0: val loss" in res.stderr and "ETA" in res.stderr


@pytest.mark.slow
def test_two_processes_train_data_parallel_over_gloo(setup):
    recipe, _, tmp = setup
    res = _run(
        "train", str(recipe), "--processes", "2", "--set", "train.max_steps=2", "--out", str(tmp / "ddp")
    )
    assert res.returncode == 0, res.stderr[-3000:]
    record = json.loads((tmp / "ddp" / "run.json").read_text(encoding="utf-8"))
    assert record["processes"] == 2 and record["steps"] == 2 and record["device"] == "cpu"
    assert (tmp / "ddp" / "adapter_model.safetensors").is_file()
    assert not (tmp / "ddp" / "launch_recipe.yaml").exists()
