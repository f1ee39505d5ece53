"""`chatkit prepare` through its CLI: flags, --json on stdout, --strict, one-line errors, the shipped corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REALDATA, ROOT

BITEXT = REALDATA / "bitext-en" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"


def tickets(tmp_path: Path, last_row_cut: bool = False) -> Path:
    rows = ["ticket,quien,cuerpo"]
    for t in range(12):
        rows += [f'{t},cliente,"Hola, ¿cómo cambio mi tarifa {t}?"', f"{t},asesor,Desde la app en Mi tarifa, sección {t}."]
    if last_row_cut:
        rows.append('99,cliente,"y otra cosa que se cort')
    path = tmp_path / "tickets.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_help_lists_the_flags(chatkit):
    res = chatkit("prepare", "--help")
    assert res.returncode == 0
    for flag in ("--out", "--kb", "--eval", "--format", "--columns", "--roles", "--recipe", "--set", "--strict", "--json"):
        assert flag in res.stdout


def test_columns_roles_json_and_strict(chatkit, tmp_path):
    src = tickets(tmp_path, last_row_cut=True)
    args = ["prepare", str(src), "--out", str(tmp_path / "out"), "--columns", "conversation_id=ticket,role=quien,text=cuerpo",
            "--set", "data.pii=false"]
    res = chatkit(*args, "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)  # results on stdout, the summary on stderr
    assert report["records_in"] == 13 and report["kept"] == 12 and report["rejected_by_reason"] == {"cut_off_row": 1}
    assert "records in" in res.stderr
    strict = chatkit(*args, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.strip().splitlines()[-1].startswith("error: --strict: 1 record(s) rejected (cut_off_row 1)")
    assert "Traceback" not in strict.stderr


@pytest.mark.parametrize("args,message", [
    (["--columns", "conversation_id=ticket,role=nope,text=cuerpo"], "column 'nope' (for role) not found; columns present: ticket, quien, cuerpo"),
    (["--columns", "speaker=quien"], "unknown column key 'speaker'"),
    (["--columns", "ticket"], "expected KEY=VALUE"),
    (["--roles", "cliente=customer"], "must be one of system, user, assistant, drop"),
    (["--format", "xml"], "--format 'xml': expected one of auto, messages, sharegpt, csv, qa, transcript"),
    (["--set", "data.val_fractoin=0.2"], "did you mean 'data.val_fraction'"),
])
def test_bad_flags_are_one_line_errors(chatkit, tmp_path, args, message):
    res = chatkit("prepare", str(tickets(tmp_path)), "--out", str(tmp_path / "o"), *args)
    assert res.returncode in (1, 2), res.stderr
    assert message in res.stderr and "Traceback" not in res.stderr


def test_unusable_inputs_are_one_line_errors(chatkit, tmp_path):
    binary = tmp_path / "export.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    unknown = tmp_path / "notes.dat"
    unknown.write_text("solo texto\nsin formato conocido\n", encoding="utf-8")
    for path, message in ((binary, "binary"), (unknown, "unknown format"), (tmp_path / "nope.jsonl", "no such file")):
        res = chatkit("prepare", str(path), "--out", str(tmp_path / "o"))
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("company,fmt", [("shop", "messages"), ("operator", "csv"), ("bank", "transcript")])
def test_shipped_corpus_goes_through_without_rejections(chatkit, tmp_path, company, fmt):
    if not (ROOT / "conversations" / company).is_dir():
        pytest.skip("shipped corpus not generated")
    res = chatkit("prepare", "--company", company, "--out", str(tmp_path / company), "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    labels = (ROOT / "conversations" / company / "labels.jsonl").read_text(encoding="utf-8").count("\n")
    assert report["records_in"] == labels and report["balanced"]
    assert report["rejected"] == 0, report["rejected_by_reason"]
    assert {f["format"] for f in report["files"]} == {fmt}
    assert report["kb_passages"] > 0 and report["eval_from_file"] > 0 and report["pii_by_type"]
    assert abs(report["splits"]["test"]["conversations"] - 0.1 * report["kept"]) <= 0.02 * report["kept"]


@pytest.mark.slow
def test_bitext_export_goes_through_with_columns_mapped(chatkit, tmp_path):
    if not BITEXT.exists():
        pytest.skip("real data not present (../shared/realdata)")
    res = chatkit("prepare", str(BITEXT), "--out", str(tmp_path / "bitext"), "--json",
                  "--columns", "question=instruction,answer=response,intent=intent,category=category")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["records_in"] == 4514 and report["balanced"] and report["rejected"] == 0
    assert report["files"][0]["format"] == "qa" and report["languages"].get("en", 0) > 4000  # flagged, kept
    first = json.loads((tmp_path / "bitext" / "train.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "{{" in first["messages"][2]["content"] and first["meta"]["intents"] and first["meta"]["topic"]
