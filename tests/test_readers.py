"""Readers: format detection, every export shape, encodings, and bad input as a rejection or one clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.data.config import DataConfig
from kit.data.readers import RawConversation, Rejection, expand_inputs, open_input, read_input
from kit.errors import ChatkitError


def read(path: Path, **overrides) -> tuple[str, list[RawConversation], list[Rejection]]:
    cfg = DataConfig(**overrides)
    inp = open_input(path, cfg)
    items = list(read_input(inp, cfg))
    return inp.format, [i for i in items if isinstance(i, RawConversation)], [i for i in items if isinstance(i, Rejection)]


def write(tmp_path: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return p


def test_messages_jsonl_with_meta_and_a_malformed_line(tmp_path):
    lines = [
        json.dumps({"id": "a", "messages": [{"role": "user", "content": "¿Hola?"}, {"role": "assistant", "content": "Sí."}],
                    "meta": {"topic": "envios", "customer_id": "C1"}}, ensure_ascii=False),
        '{"id": "b", "messages": [ {"role": "user", "content": "secreto@mail.com"',
        "",
        json.dumps({"messages": [{"role": "user", "content": [{"type": "text", "text": "partes"}]}]}),
        json.dumps({"id": "d", "text": "no messages here"}),
    ]
    fmt, convs, rejected = read(write(tmp_path, "a.jsonl", "\n".join(lines)))
    assert fmt == "messages"
    assert [c.id for c in convs] == ["a", "a:4"]
    assert convs[0].turns == [("user", "¿Hola?"), ("assistant", "Sí.")]
    assert convs[0].meta == {"topic": "envios", "customer_id": "C1"}
    assert convs[1].turns == [("user", "partes")]
    assert [(r.line, r.code) for r in rejected] == [(2, "malformed_json"), (5, "not_a_conversation")]
    assert all("secreto" not in r.reason for r in rejected)  # never echo raw values
    assert "keys present: id, text" in rejected[1].reason


def test_sharegpt_jsonl_and_pretty_printed_json_array(tmp_path):
    record = {"id": "s1", "conversations": [{"from": "human", "value": "Hola"}, {"from": "gpt", "value": "¡Buenas!"}]}
    fmt, convs, _ = read(write(tmp_path, "s.jsonl", json.dumps(record)))
    assert fmt == "sharegpt" and convs[0].turns == [("human", "Hola"), ("gpt", "¡Buenas!")]
    array = json.dumps([record, {**record, "id": "s2"}, {**record, "id": "s3"}], indent=2, ensure_ascii=False)
    fmt, convs, rejected = read(write(tmp_path, "s.json", array))
    assert fmt == "sharegpt" and [c.id for c in convs] == ["s1", "s2", "s3"] and not rejected
    assert convs[1].line == array.splitlines().index("  {", 10) + 1  # line where the 2nd element starts
    _, convs, rejected = read(write(tmp_path, "cut.json", array[:-40]))
    assert [c.id for c in convs] == ["s1", "s2"] and rejected[0].code == "malformed_json"


def test_message_csv_default_columns_html_and_multiline(tmp_path):
    text = (
        "ticket_id,created_at,author_type,author_name,body\n"
        '7,2025-01-06 10:00,end-user,Cliente X,"Hola,\nno tengo línea"\n'
        "7,2025-01-06 10:00,system,Sistema,Ticket asignado\n"
        '7,2025-01-06 10:01,agent,Iker,"<p>Reinicie el móvil.&nbsp;Gracias</p>"\n'
        "8,2025-01-06 11:00,end-user,Cliente Y,¿Y la factura?\n"
        "8,2025-01-06 11:01,agent,Rocío,Está en la app.\n"
    )
    fmt, convs, rejected = read(write(tmp_path, "tickets.csv", text))
    assert fmt == "csv" and not rejected
    assert [c.id for c in convs] == ["7", "8"] and [c.line for c in convs] == [2, 6]
    assert convs[0].turns[0] == ("end-user", "Hola,\nno tengo línea")
    assert convs[0].turns[1][0] == "system"
    assert convs[0].meta["created_at"] == "2025-01-06 10:00"


def test_csv_columns_mapping_interleaved_rows_and_cut_off_last_row(tmp_path):
    text = (
        "chat;quien;mensaje;cuando\n"
        "A;cliente;uno;1\nB;cliente;dos;2\nA;asesor;tres;3\nB;asesor;cuatro;4\n"
        'A;cliente;"cinco sin cerrar\n'
    )
    mapping = {"conversation_id": "chat", "role": "quien", "text": "mensaje", "time": "cuando"}
    fmt, convs, rejected = read(write(tmp_path, "x.csv", text), columns=mapping)
    assert fmt == "csv"
    assert {c.id: [t for _, t in c.turns] for c in convs} == {"A": ["uno", "tres"], "B": ["dos", "cuatro"]}
    assert [(r.code, r.line) for r in rejected] == [("cut_off_row", 6)]


def test_missing_columns_name_them_and_list_those_present(tmp_path):
    path = write(tmp_path, "bad.csv", "ticket,who,body\n1,agent,hola\n")
    with pytest.raises(ChatkitError) as e:
        read(path, format="csv")
    assert "missing column(s) for role" in str(e.value) and "columns present: ticket, who, body" in str(e.value)
    with pytest.raises(ChatkitError, match="column 'nope' .*not found"):
        read(path, format="csv", columns={"role": "nope"})


def test_qa_csv_detected_with_intent_and_category(tmp_path):
    text = 'instruction,response,intent,category\n"how do I\ncancel?","Go to {{Order Details}}.",cancel_order,ORDER\n'
    fmt, convs, _ = read(write(tmp_path, "pairs.csv", text))
    assert fmt == "qa"
    assert convs[0].turns == [("user", "how do I\ncancel?"), ("assistant", "Go to {{Order Details}}.")]
    assert convs[0].meta == {"intent": "cancel_order", "category": "ORDER", "topic": "ORDER"}


def test_transcripts_headers_continuations_and_stray_text(tmp_path):
    text = (
        "texto suelto antes de todo\n"
        "=== Chat CB1 · WhatsApp · cliente CB9 ===\n"
        "[08:00] Cliente: hola, una duda\n"
        "[08:01] Agente Laura: Con gusto.\n"
        "  --\n"
        "  Equipo Banco\n"
        "\n"
        "=== Chat CB2 · chat web ===\n"
        "[09:00] Cliente: ¿horario?\n"
        "[09:01] Agente Julián: De 8 a 18 h.\n"
    )
    fmt, convs, rejected = read(write(tmp_path, "2025-01-06.txt", text))
    assert fmt == "transcript"
    assert [c.id for c in convs] == ["CB1", "CB2"]
    assert convs[0].meta == {"channel": "WhatsApp", "customer_id": "CB9", "created_at": "2025-01-06"}
    assert convs[0].turns[1] == ("Agente Laura", "Con gusto.\n--\nEquipo Banco")
    assert convs[0].free_text_roles
    assert [(r.code, r.line) for r in rejected] == [("stray_text", 1)]


def test_headerless_transcript_splits_on_blank_lines(tmp_path):
    text = "Usuario: hola\nAgente: buenas\n\nUsuario: otra\nAgente: vale\n"
    _, convs, _ = read(write(tmp_path, "log.log", text))
    assert [len(c.turns) for c in convs] == [2, 2] and convs[1].id == "log:4"


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")])
def test_encodings_keep_spanish_letters(tmp_path, encoding, bom):
    line = json.dumps({"messages": [{"role": "user", "content": "¿Añadir señal? ¡Sí, camión!"}]}, ensure_ascii=False)
    body = (line + "\n") * 50
    path = write(tmp_path, "enc.jsonl", bom + body.encode(encoding))
    cfg = DataConfig()
    inp = open_input(path, cfg)
    convs = [c for c in read_input(inp, cfg) if isinstance(c, RawConversation)]
    assert len(convs) == 50 and convs[0].turns[0][1] == "¿Añadir señal? ¡Sí, camión!"
    assert inp.encoding.detected == (encoding == "cp1252")


def test_invalid_bytes_are_replaced_not_fatal(tmp_path):
    good = json.dumps({"messages": [{"role": "user", "content": "hola"}]}).encode()
    path = write(tmp_path, "mixed.jsonl", (good + b"\n") * 2000 + b'{"messages": [{"role": "user", "content": "caf\xe9 \xff"}]}\n')
    _, convs, rejected = read(path)
    assert len(convs) == 2001 and not rejected and "\ufffd" in convs[-1].turns[0][1]


def test_binary_and_unknown_format_are_one_clear_error(tmp_path):
    with pytest.raises(ChatkitError, match="binary"):
        read(write(tmp_path, "x.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))
    with pytest.raises(ChatkitError, match="unknown format .*--format"):
        read(write(tmp_path, "notes.dat", "solo texto sin formato\nni comas ni hablantes\n"))
    with pytest.raises(ChatkitError, match="no such file"):
        expand_inputs([tmp_path / "missing.jsonl"])


def test_folders_expand_to_export_files_only(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("d/a.jsonl", "d/sub/b.csv", "d/readme.md", "d/.hidden.jsonl"):
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    assert [p.name for p in expand_inputs([tmp_path / "d"])] == ["a.jsonl", "b.csv"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".jsonl", ".json", ".csv", ".txt"]))
def test_readers_never_crash_on_arbitrary_bytes(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        _, convs, rejected = read(path)
    except ChatkitError as e:
        assert "\n" not in str(e)
        return
    for r in rejected:
        assert r.line >= 1 and r.reason
    for c in convs:
        assert all(isinstance(role, str) and isinstance(text, str) for role, text in c.turns)


def test_per_row_customer_column_counts_only_on_customer_rows(tmp_path):
    text = ("ticket_id,author_type,author_name,body\n"
            "1,system,Sistema,Ticket creado\n1,agent,Iker,Hola\n1,end-user,Cliente CL7,Mi factura\n1,agent,Iker,Ya está\n"
            "2,agent,Iker,Hola\n2,agent,Iker,¿Sigue ahí?\n")
    path = write(tmp_path, "t.csv", text)
    _, convs, _ = read(path, columns={"customer_id": "author_name"})
    assert convs[0].meta["customer_id"] == "Cliente CL7" and "customer_id" not in convs[1].meta
    interleaved = write(tmp_path, "i.csv", "ticket_id,author_type,author_name,body\n1,agent,Iker,Hola\n2,end-user,Ana,¿Hola?\n"
                                          "1,end-user,Luis,Mi factura\n2,agent,Iker,Dígame\n")
    _, convs, _ = read(interleaved, columns={"customer_id": "author_name"})
    assert [c.meta.get("customer_id") for c in convs] == ["Luis", "Ana"]
