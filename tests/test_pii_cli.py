"""`chatkit redact` as a user runs it: stdin/files in, redacted lines or JSON out, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

LINES = [
    "Hola, soy Ana García; mi correo es ana.garcia@mail.com y mi DNI 54362315K",
    "Llame al 800 555 0199 o a mi cel +52 55 1234 5678. Pedido #MX-100234, total $1.500",
    "Sin datos personales: el envío llega el 12/03/2026 al CP 06600.",
    "Otra vez ana.garcia@mail.com",
]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", "redact", *args],
        capture_output=True,
        cwd=ROOT,
        input=stdin,
        timeout=120,
    )


def test_stdin_to_stdout_with_consistent_placeholders():
    res = run(stdin="\n".join(LINES).encode("utf-8") + b"\n")
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode("utf-8").splitlines()
    assert out == [
        "Hola, soy [PERSON_1]; mi correo es [EMAIL_1] y mi DNI [DNI_1]",
        "Llame al [PHONE_1] o a mi cel [PHONE_2]. Pedido #MX-100234, total $1.500",
        LINES[2],
        "Otra vez [EMAIL_1]",
    ]
    summary = res.stderr.decode("utf-8")
    assert "EMAIL 2" in summary and "ana.garcia" not in summary and "54362315" not in summary


def test_files_allowlist_and_json_offsets_into_the_original_line(tmp_path):
    data = tmp_path / "chats.txt"
    data.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    allow = tmp_path / "public.txt"
    allow.write_text("800 555 0199\nsoporte@tienda.mx\n", encoding="utf-8")
    res = run(str(data), "--allow", str(allow), "--json")
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in res.stdout.decode("utf-8").splitlines()]
    assert len(records) == len(LINES)
    spans = [
        [(e["type"], line[e["start"] : e["end"]]) for e in r["entities"]]
        for r, line in zip(records, LINES, strict=True)
    ]
    assert spans[0] == [("PERSON", "Ana García"), ("EMAIL", "ana.garcia@mail.com"), ("DNI", "54362315K")]
    assert spans[1] == [("PHONE", "+52 55 1234 5678")]  # the company line is public
    assert spans[2] == []
    assert records[1]["text"] == "Llame al 800 555 0199 o a mi cel [PHONE_1]. Pedido #MX-100234, total $1.500"


def test_types_restrict_what_is_redacted(tmp_path):
    data = tmp_path / "chats.txt"
    data.write_text(LINES[0] + "\n", encoding="utf-8")
    res = run(str(data), "--types", "email,dni")
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode("utf-8") == "Hola, soy Ana García; mi correo es [EMAIL_1] y mi DNI [DNI_1]\n"


def test_invalid_utf8_is_replaced_and_reported_once():
    res = run(stdin=b"mal \xff byte 54362315K\notra \xfe\nbien\n")
    assert res.returncode == 0
    assert res.stdout.decode("utf-8").splitlines() == ["mal \ufffd byte [DNI_1]", "otra \ufffd", "bien"]
    assert res.stderr.decode("utf-8").count("invalid UTF-8") == 1


def test_bad_inputs_are_one_line_errors_with_exit_1(tmp_path):
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    text = tmp_path / "ok.txt"
    text.write_text("hola\n", encoding="utf-8")
    for args, expected in [
        ((str(tmp_path / "missing.txt"),), "not found"),
        ((str(binary),), "binary"),
        ((str(text), "--allow", str(tmp_path / "nope.txt")), "not found"),
        ((str(text), "--types", "EMIAL"), "did you mean EMAIL"),
    ]:
        res = run(*args)
        err = res.stderr.decode("utf-8").strip()
        assert res.returncode == 1, (args, err)
        assert len(err.splitlines()) == 1 and expected in err and "Traceback" not in err
        assert res.stdout == b""


def test_types_alone_lists_every_type_with_an_example():
    from kit.data.pii import EXAMPLES, TYPES

    res = run("--types")
    assert res.returncode == 0, res.stderr
    rows = res.stdout.decode("utf-8").splitlines()
    assert [row.split()[0] for row in rows] == list(TYPES)
    for row, kind in zip(rows, TYPES, strict=True):
        assert row.split(None, 1)[1] == EXAMPLES[kind]
    assert run("--types", "--json", stdin=b"").stdout == res.stdout  # alone before another option too


def test_help_names_the_options():
    res = run("--help")
    assert res.returncode == 0
    out = res.stdout.decode("utf-8")
    for option in ("--json", "--allow", "--types", "NATIONAL_ID", "ADDRESS", "USERNAME"):
        assert option in out
