"""`chatkit corpus generate|stats` through the CLI: help, a small run, stats, one-line errors with exit 1."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
from conftest import ROOT

from kit.cli import main
from kit.corpus.generate import load_company
from kit.corpus.schema import Fact
from kit.corpus.validate import check_company


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def call(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help():
    res = run("corpus", "--help")
    assert res.returncode == 0 and "generate" in res.stdout and "stats" in res.stdout
    res = run("corpus", "generate", "--help")
    assert res.returncode == 0 and "--company" in res.stdout and "--seed" in res.stdout and "--out" in res.stdout


def test_generate_then_stats(tmp_path, capsys):
    code, _, err = call(capsys, "corpus", "generate", "--company", "shop", "--seed", "3", "--n", "40", "--out", str(tmp_path))
    assert code == 0, err
    folder = tmp_path / "shop"
    assert {p.name for p in folder.iterdir()} == {
        "conversations.jsonl", "kb", "kb_v2", "eval.jsonl", "eval_update.jsonl", "labels.jsonl", "README.md"
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left behind"
    assert "--n 40" in (folder / "README.md").read_text(encoding="utf-8")
    code, out, err = call(capsys, "corpus", "stats", str(tmp_path), "--json")
    assert code == 0, err
    report = json.loads(out)["shop"]
    assert report["conversations"] == 40 and report["eval_items"] >= 300 and report["kb_pages"] >= 10
    assert report["personal_data_total"] == sum(report["personal_data"].values()) > 0
    assert 0 < report["distinct_customer_share"] <= 1
    code, out, err = call(capsys, "corpus", "stats", str(folder))
    assert code == 0 and "conversations" in out and "distinct customer phrasings" in out


def test_regenerating_replaces_the_folder(tmp_path, capsys):
    for n in ("30", "20"):
        assert call(capsys, "corpus", "generate", "--company", "shop", "--n", n, "--out", str(tmp_path))[0] == 0
    lines = (tmp_path / "shop" / "conversations.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20


@pytest.mark.parametrize(
    "args, needle",
    [
        (["corpus", "generate", "--company", "shoop", "--out", "{tmp}"], "unknown company 'shoop'"),
        (["corpus", "generate", "--company", "shop", "--out", "{tmp}/file.txt"], "is a file"),
        (["corpus", "generate", "--company", "shop", "--n", "0", "--out", "{tmp}"], "--n must be >= 1"),
        (["corpus", "stats", "{tmp}/missing"], "not found"),
        (["corpus", "stats", "{tmp}"], "no generated corpus"),
    ],
)
def test_bad_input_is_one_line_exit_1(tmp_path, args, needle):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    res = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert res.returncode == 1, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in res.stderr


def test_validator_names_broken_content():
    shop = load_company("shop")
    facts = dict(shop.facts)
    facts["phone"] = Fact("phone", "30 días naturales con")  # contains another fact's value
    intent = dataclasses.replace(shop.intents[0], eval_questions=shop.intents[0].questions)  # leaked phrasings
    broken = dataclasses.replace(shop, facts=facts, intents=[intent, *shop.intents[1:]])
    problems = check_company(broken)
    assert any("return_window" in p and "inside" in p for p in problems)
    assert any("eval question" in p and intent.id in p for p in problems)
    assert all(p.startswith("kit/corpus/companies/shop") for p in problems)
