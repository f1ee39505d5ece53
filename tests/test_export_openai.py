"""`chatkit export openai`: examples checked (roles, empty turns, over-context, minimum count), tokens counted
with tiktoken offline, training cost from eval/prices.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SYSTEM = "Eres el asistente de MercaColibrí. Responde en español."


def write_messages(path: Path, rows: list) -> None:
    path.write_text("".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def good(i: int) -> dict:
    return {"id": f"c{i}", "meta": {"x": 1}, "messages": [
        {"role": "system", "content": SYSTEM}, {"role": "user", "content": f"¿Dónde está mi pedido {i}?"},
        {"role": "assistant", "content": "Su pedido llega en 3 a 5 días hábiles. ¡Gracias!"}]}


def test_export_openai_validates_counts_tokens_and_prices(chatkit, tmp_path):
    from kit.generate.encodings import encoding_for

    data = tmp_path / "data"
    data.mkdir()
    bad = [
        '{"messages": [}\n',
        {"messages": [{"role": "robot", "content": "hola"}, {"role": "assistant", "content": "hola"}]},
        {"messages": [{"role": "user", "content": "hola"}, {"role": "assistant", "content": "  "}]},
        {"messages": [{"role": "user", "content": "hola"}]},
        {"messages": [{"role": "user", "content": "envío " * 400}, {"role": "assistant", "content": "ok"}]},
    ]
    write_messages(data / "train.jsonl", [good(i) for i in range(12)] + bad)
    write_messages(data / "val.jsonl", [good(i) for i in range(3)])
    out = tmp_path / "openai"
    r = chatkit("export", "openai", str(data), "--out", str(out), "--max-tokens", "300", "--epochs", "2", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    reasons = {p["where"]: p["reason"] for p in report["problems"]}
    assert set(reasons) == {f"train.jsonl:{n}" for n in range(13, 18)}
    assert "not valid JSON" in reasons["train.jsonl:13"] and "unknown role" in reasons["train.jsonl:14"]
    assert "empty turn" in reasons["train.jsonl:15"] and "no assistant" in reasons["train.jsonl:16"]
    assert "over the model's 300" in reasons["train.jsonl:17"]
    lines = (out / "train.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 and all(set(json.loads(line)) == {"messages"} for line in lines)
    assert "días hábiles" in lines[0]  # UTF-8 kept as written
    enc = encoding_for("gpt-4o-mini")
    per = 3 + sum(3 + len(enc.encode(m["role"])) + len(enc.encode(m["content"])) for m in good(0)["messages"])
    tokens = sum(3 + sum(3 + len(enc.encode(m["role"])) + len(enc.encode(m["content"])) for m in good(i)["messages"])
                 for i in range(12))
    assert per > 20 and report["files"]["train"]["tokens"] == tokens
    assert report["training_cost"] == pytest.approx(tokens * 2 * 3.00 / 1e6)  # gpt-4o-mini: 3.00 per 1M, 2 epochs
    assert report["files"]["validation"]["examples"] == 3

    write_messages(data / "train.jsonl", [good(i) for i in range(9)])
    r = chatkit("export", "openai", str(data), "--out", str(tmp_path / "few"))
    assert r.returncode == 1 and "9 valid examples; OpenAI needs at least 10" in r.stderr
