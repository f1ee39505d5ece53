"""`chatkit chat` in a real pseudo-terminal (pexpect) and `chatkit ask` as a script uses it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import ROOT
from test_chat import index_dir, make_readable_model, readable_model_dir  # noqa: F401  (fixtures)

UP = "\x1b[A"
ESC = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"  # styling between words (rich keeps bold under NO_COLOR)


def spawn(*args: str, **env: str) -> pexpect.spawn:
    base = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect cannot answer cursor-position requests
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kit", *args],
        cwd=str(ROOT),
        env={**base, **env},
        encoding="utf-8",
        codec_errors="replace",
        timeout=90,
        dimensions=(50, 120),
    )
    return child


def test_chat_in_a_terminal(readable_model_dir, index_dir, tmp_path):  # noqa: F811
    saved = tmp_path / "conversaciones.jsonl"
    index = ["--index", str(index_dir)] if index_dir else []
    c = spawn("chat", "--model", str(readable_model_dir), "--max-new-tokens", "12", *index)
    c.expect(r"context\s+512\s+tokens")  # the banner may wrap
    c.expect("you › ")
    c.sendline("¿Cuánto tarda un reembolso?")
    c.expect(rf"bot ›{ESC} +{ESC}(.+?)\r\n")
    assert c.match.group(1).strip()  # answer text appeared on the bot line
    c.expect(r"TTFT \d+ ms · [\d.]+ s · \d+ → \d+ tokens .*cost ([\d.]+ USD|n/a)")
    c.expect("you › ")
    c.sendline("")  # empty input: ignored, nothing answered
    c.expect("you › ")
    c.sendline("/sources")
    if index_dir:  # the passages of the last answer, best first, with ids and scores
        c.expect(r"1 │ reembolsos#1\s+│ 0\.\d{4} │ Los reembolsos tardan")  # ids are padded to the longest
    else:
        c.expect("no sources for the last answer")
    c.expect("you › ")
    c.sendline("/sorces")
    c.expect(r"unknown command /sorces: did you mean /sources\?")
    c.expect("you › ")
    c.sendline(f"/save {saved}")
    c.expect(r"saved 1 turn\(s\)")
    c.expect("you › ")
    c.send(UP + "\r")  # arrow up recalls the last input: the same /save again
    c.expect(r"saved 1 turn\(s\)")
    c.expect("you › ")
    c.sendline("/stats")
    c.expect(r"turns\s+│ 1 ")
    c.expect("you › ")
    c.sendcontrol("d")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert [m["role"] for m in record["messages"]] == ["system", "user", "assistant"]
    assert record["messages"][1]["content"] == "¿Cuánto tarda un reembolso?"


@pytest.fixture(scope="module")
def long_model_dir(readable_model_dir, tmp_path_factory):  # noqa: F811
    # never emits end-of-sequence: every answer runs to --max-new-tokens 250 (chat caps it at half the context)
    return make_readable_model(readable_model_dir, tmp_path_factory.mktemp("chat") / "long", min_new_tokens=250)


def test_ctrl_c_stops_the_answer_on_a_non_utf8_terminal(long_model_dir):
    # LANG=C without Python's UTF-8 coercion: stdout is ASCII, so glyphs degrade and nothing may crash
    c = spawn(
        "chat", "--model", str(long_model_dir), "--max-new-tokens", "250",
        LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0",
    )
    c.expect_exact("you > ")
    c.sendline("¿Cuánto tarda un reembolso?")
    c.expect(rf"bot >{ESC} +{ESC}\S+ \S+")  # streaming: words are on screen while the answer is still running
    c.sendcontrol("c")
    c.expect_exact("[x] stopped")
    c.expect(r"TTFT \d+ ms \| [\d.]+ s \| \d+ -> (\d+) tokens")
    assert int(c.match.group(1)) < 250
    c.expect_exact("you > ")
    c.sendline("/stats")
    c.expect(r"stopped\s+\S 1 ")
    c.expect_exact("you > ")
    c.sendline("/exit")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0


def test_chat_reads_plain_lines_when_not_a_terminal(readable_model_dir, tmp_path):  # noqa: F811
    saved = tmp_path / "c.jsonl"
    script = f"hola\n\n/k 0\n/rag on\n/save {saved}\n/exit\n"
    res = subprocess.run(
        [sys.executable, "-m", "kit", "chat", "--model", str(readable_model_dir), "--max-new-tokens", "6"],
        input=script, capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    assert res.stdout.count("bot › ") == 1  # one question, the empty line ignored
    assert "error: /k must be between 1 and 50 (got 0)" in res.stdout
    assert "error: no index loaded" in res.stdout
    assert json.loads(saved.read_text(encoding="utf-8"))["messages"][1]["content"] == "hola"


def test_ask_json_for_scripts(readable_model_dir):  # noqa: F811
    from kit.compare.cost import cost_per_query, load_prices

    question = "¿Cuánto tarda un reembolso?"
    res = subprocess.run(
        [sys.executable, "-m", "kit", "ask", question, "--model", str(readable_model_dir), "--max-new-tokens", "8", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["question"] == question and out["answer"]
    assert out["rag"] is False and out["sources"] == [] and out["stopped"] in ("eos", "length")
    assert 0 < out["completion_tokens"] <= 8 and 0 < out["ttft_ms"] <= out["total_ms"]
    prices = load_prices(Path(ROOT) / "eval" / "prices.yaml")
    assert out["cost"] == pytest.approx(cost_per_query(prices, "gpt-4o-mini", out["prompt_tokens"], out["completion_tokens"]))
    assert out["currency"] == "USD"


def test_ask_errors_are_one_line(readable_model_dir):  # noqa: F811
    res = subprocess.run(
        [sys.executable, "-m", "kit", "ask", "  ", "--model", str(readable_model_dir)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert res.returncode == 1 and res.stderr.strip().splitlines() == [
        'error: empty question (pass one: chatkit ask "¿Cuánto tarda un reembolso?")'
    ]
    res = subprocess.run(
        [sys.executable, "-m", "kit", "chat", "--model", str(readable_model_dir), "--index", "no/such/index"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert re.search(r"^error: .*index", res.stderr, re.M)


def test_ask_context_weight_without_an_index_is_one_line(readable_model_dir):  # noqa: F811
    res = subprocess.run(
        [sys.executable, "-m", "kit", "ask", "¿Aceptan OXXO?", "--model", str(readable_model_dir), "--context-weight", "0.5"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert res.returncode == 1 and res.stderr.strip().splitlines()[-1] == (
        "error: --context-weight needs an index: it weighs the retrieved passages (add --index DIR)")
