"""`prepare` end to end: accounting invariant, outputs, no raw PII, no leaks across splits, determinism."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kit.data.config import DataConfig
from kit.data.prepare import OUTPUTS, PrepareConfig, prepare
from kit.errors import ChatkitError

SYSTEM = "Eres el asistente de MercaColibrí."
TOPICS = ["envios", "devoluciones", "pagos", "facturas"]
ASKS = ["¿Cuánto tarda el envío a {c}?", "Quiero devolver mi {p}, ¿cómo le hago?", "¿Puedo pagar el {p} a meses?",
        "Necesito la factura del {p}, ¿dónde la descargo?"]
ANSWERS = ["Su pedido llega a {c} en 3 a 5 días hábiles y el envío es gratis desde $999 MXN.",
           "Tiene 30 días naturales para devolver el {p} sin costo desde Mis pedidos en la app.",
           "Sí, el {p} se puede pagar a 3, 6 o 12 meses sin intereses con tarjetas participantes.",
           "La factura del {p} se descarga en Mi cuenta, sección Facturación, con su RFC."]
CITIES = ["Monterrey", "Puebla", "Mérida", "León", "Toluca", "Oaxaca", "Tijuana", "Querétaro"]
PRODUCTS = ["celular", "refrigerador", "televisor", "colchón", "licuadora", "laptop", "horno", "ventilador"]


def make_conversations(n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        k, c, p = rng.randrange(4), rng.choice(CITIES), rng.choice(PRODUCTS)
        filler = " ".join(rng.choice(PRODUCTS + CITIES) for _ in range(12))
        out.append({"id": f"c{i:04d}", "meta": {"topic": TOPICS[k], "customer_id": f"CUS{rng.randrange(n // 2 + 1)}"},
                    "messages": [
                        {"role": "user", "content": f"Hola, soy Ana Torres, mi correo es ana.torres{i}@correo.mx. {filler}"},
                        {"role": "assistant", "content": "Hola, con gusto le ayudo. ¿En qué le puedo servir?"},
                        {"role": "user", "content": ASKS[k].format(c=c, p=p) + f" Pedido MC-{1000 + i}."},
                        {"role": "assistant", "content": ANSWERS[k].format(c=c, p=p) + f" Referencia {i}."},
                    ]})
    return out


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records),
                    encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """200 good conversations plus duplicates, near-duplicates and broken records of every kind."""
    tmp = tmp_path_factory.mktemp("prep")
    convs = make_conversations(200)
    exact = json.loads(json.dumps(convs[5]))
    exact["id"], exact["messages"][2]["content"] = "dup", exact["messages"][2]["content"].upper()
    near = json.loads(json.dumps(convs[7]))
    near["id"], near["meta"]["customer_id"] = "near", "OTHER"
    near["messages"][3]["content"] = near["messages"][3]["content"].replace("Referencia", "Ref.")
    broken = [
        '{"id": "x1", "messages": [{"role": "user", "content": "mi DNI es 12345678Z y correo luis@secreto.es"',
        {"id": "x2", "messages": []},
        {"id": "x3", "messages": [{"role": "user", "content": "luis@secreto.es ¿hola?"}]},
        {"id": "x4", "messages": [{"role": "user", "content": "x" * 5_000_000}, {"role": "assistant", "content": "ok"}]},
        {"id": "x5", "messages": [{"role": "jefe", "content": "hola"}, {"role": "assistant", "content": "hola"}]},
    ]
    logs = write_jsonl(tmp / "logs.jsonl", [*convs, exact, near, *broken])
    kb = tmp / "kb"
    kb.mkdir()
    (kb / "envios.md").write_text(
        "---\nid: shop-envios\ntitle: Envíos\nversion: 1\n---\n\n# Envíos\n\n## Plazos\nLlega en 3 a 5 días hábiles.\n\n"
        "## Contacto\nLlámenos al 800 555 0199 o escriba a ayuda@mercacolibri.mx.\n", encoding="utf-8")
    evals = write_jsonl(tmp / "eval.jsonl", [{"id": "e1", "question": "¿Cuánto tarda el envío?",
                                              "reference": "3 a 5 días hábiles", "required_facts": ["3 a 5 días hábiles"],
                                              "kb_ids": ["shop-envios"]}])
    out = tmp / "out"
    # templated answers: most train answers are near duplicates of some test reference; this fixture checks the
    # rest of prepare, so the audit only reports (removal: tests/test_prepare_eval.py)
    report = prepare(PrepareConfig(inputs=[str(logs)], out=str(out), kb=[str(kb)], eval_files=[str(evals)],
                                   system_prompt=SYSTEM, data=DataConfig(eval_from_test="always", contamination="report")))
    return report, out, tmp


def test_every_record_is_kept_merged_or_rejected(mixed_run):
    report, out, _ = mixed_run
    assert report.records_in == 207
    assert report.records_in == report.kept + report.merged + report.rejected
    assert report.merged == 1 and report.merged_by_kind == {"exact": 1}
    assert report.rejected_by_reason == {"malformed_json": 1, "empty": 1, "customer_only": 1,
                                         "message_too_long": 1, "unknown_role": 1}
    rejected = read_jsonl(out / "rejected.jsonl")
    assert len(rejected) == report.merged + report.rejected
    assert {r["line_or_row"] for r in rejected} == {201, 203, 204, 205, 206, 207}
    assert all(set(r) >= {"source", "line_or_row", "reason"} for r in rejected)
    kept = sum(len(read_jsonl(out / f"{s}.jsonl")) for s in ("train", "val", "test"))
    assert kept == report.kept == 201


def test_outputs_exist_and_the_dataset_matches(mixed_run):
    from datasets import load_from_disk

    report, out, tmp = mixed_run
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert not list(tmp.glob(".out.staging-*"))  # the staging folder is gone
    ds = load_from_disk(str(out / "dataset"))
    for name in ("train", "val", "test"):
        rows = read_jsonl(out / f"{name}.jsonl")
        assert len(ds[name]) == len(rows) == report.splits[name].conversations
        assert all(r["messages"][0] == {"role": "system", "content": SYSTEM} for r in rows)
    assert report.splits["train"].conversations == 161 and report.splits["test"].conversations == 20
    saved = json.loads((out / "prepare_report.json").read_text(encoding="utf-8"))
    assert saved["balanced"] and saved["records_in"] == 207


def test_no_raw_personal_data_in_any_output(mixed_run):
    report, out, _ = mixed_run
    assert report.pii_by_type.get("EMAIL", 0) >= 200 and report.pii_by_type.get("PERSON", 0) >= 200
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".jsonl", ".json", ".yaml", ".arrow"):
            text = path.read_bytes().decode("utf-8", "replace")
            assert "@correo.mx" not in text and "Ana Torres" not in text and "secreto.es" not in text, path
            assert "CUS1" not in text  # customer ids only as hashes


def test_kb_passages_public_contacts_and_mined_pairs_from_train_only(mixed_run):
    _, out, _ = mixed_run
    passages = read_jsonl(out / "kb.jsonl")
    kb = [p for p in passages if p["meta"]["kind"] == "kb"]
    assert [p["id"] for p in kb] == ["shop-envios#0", "shop-envios#1"]
    assert kb[1]["text"].startswith("Envíos — Contacto") and "800 555 0199" in kb[1]["text"]
    train_ids = {r["id"] for r in read_jsonl(out / "train.jsonl")}
    qa = [p for p in passages if p["meta"]["kind"] == "qa"]
    assert qa and all(p["meta"]["conversation_id"] in train_ids for p in qa)
    assert all(p["text"].startswith("Pregunta: ") for p in qa)


def test_eval_holds_the_file_items_and_test_split_questions(mixed_run):
    report, out, _ = mixed_run
    items = read_jsonl(out / "eval.jsonl")
    assert items[0]["id"] == "e1" and items[0]["required_facts"] == ["3 a 5 días hábiles"]
    test_ids = {r["id"] for r in read_jsonl(out / "test.jsonl")}
    from_test = [it for it in items if it["meta"]["from"] == "test"]
    assert len(from_test) == report.eval_from_test == 20
    assert all(it["id"].removeprefix("test:") in test_ids for it in from_test)
    assert all(it["question"] and it["reference"] for it in from_test)


def test_near_duplicates_and_customers_never_cross_splits(mixed_run):
    _, out, _ = mixed_run
    split_of = {}
    customer_split: dict[str, set[str]] = {}
    for name in ("train", "val", "test"):
        for r in read_jsonl(out / f"{name}.jsonl"):
            split_of[r["id"]] = name
            customer_split.setdefault(r["meta"]["customer"], set()).add(name)
    assert split_of["near"] == split_of["c0007"]
    assert all(len(s) == 1 for s in customer_split.values())
    # No train/test pair is near-duplicate by the estimated Jaccard of their written texts.
    import numpy as np

    from kit.data.dedup import Signer, conversation_words
    from kit.data.schema import Conversation, Message

    signer = Signer()

    def signatures(name: str) -> np.ndarray:
        rows = read_jsonl(out / f"{name}.jsonl")
        convs = [Conversation(r["id"], [Message(m["role"], m["content"]) for m in r["messages"][1:]]) for r in rows]
        return np.stack([signer.signature(conversation_words(c)) for c in convs])

    train, test = signatures("train"), signatures("test")
    similarity = (train[:, None, :] == test[None, :, :]).mean(axis=2)
    assert similarity.max() < 0.85


def test_per_turn_examples_and_determinism(tmp_path):
    logs = write_jsonl(tmp_path / "l.jsonl", make_conversations(60, seed=1))
    cfg = DataConfig(examples="per_turn", pii=False, mine_qa=False, contamination="report")
    a = prepare(PrepareConfig(inputs=[str(logs)], out=str(tmp_path / "a"), data=cfg))
    b = prepare(PrepareConfig(inputs=[str(logs)], out=str(tmp_path / "b"), data=cfg.model_copy(update={"workers": 2})))
    train = read_jsonl(tmp_path / "a" / "train.jsonl")
    assert a.splits["train"].examples == 2 * a.splits["train"].conversations
    assert train[0]["id"].endswith("#t1") and train[1]["id"].endswith("#t3")
    assert train[0]["messages"][-1]["role"] == "assistant" and len(train[1]["messages"]) == 4
    for name in ("train.jsonl", "val.jsonl", "test.jsonl", "kb.jsonl", "eval.jsonl", "rejected.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert b.workers == 2 and a.workers == 1


def test_qa_examples_are_the_mined_question_answer_pairs_of_each_split(tmp_path):
    convs = make_conversations(60, seed=2)
    convs.append({"id": "c-smalltalk", "meta": {"topic": TOPICS[0], "customer_id": "CUS-ST"}, "messages": [
        {"role": "user", "content": "Hola, buenas tardes"},
        {"role": "assistant", "content": "Hola, con gusto le ayudo. ¿En qué le puedo servir?"},
        {"role": "user", "content": "ok, muchas gracias"},
        {"role": "assistant", "content": "A usted, que tenga un excelente día."}]})
    logs = write_jsonl(tmp_path / "l.jsonl", convs)
    report = prepare(PrepareConfig(inputs=[str(logs)], out=str(tmp_path / "o"), system_prompt=SYSTEM,
                                   data=DataConfig(examples="qa", pii=False)))
    assert report.kept == 61 and report.rejected == 0  # the small-talk conversation is kept, with no example
    counted = sum(s.conversations for s in report.splits.values())
    removed = report.contamination["train_examples"]["removed"]  # pairs near an eval reference of the test split
    assert removed == report.contamination["mined_passages"]["removed"] > 0
    assert counted == 61 and sum(s.examples for s in report.splits.values()) == 60 - removed
    train = read_jsonl(tmp_path / "o" / "train.jsonl")
    assert train and all(ex["id"].endswith("#q3") and ex["meta"]["turn"] == 3 for ex in train)
    for ex in train:
        roles = [m["role"] for m in ex["messages"]]
        assert roles == ["system", "user", "assistant"] and ex["messages"][0]["content"] == SYSTEM
        assert " Pedido MC-" in ex["messages"][1]["content"] and " Referencia " in ex["messages"][2]["content"]
    mined = {p["text"] for p in read_jsonl(tmp_path / "o" / "kb.jsonl") if p["meta"].get("kind") == "qa"}
    pairs = {f"Pregunta: {ex['messages'][1]['content']}\nRespuesta: {ex['messages'][2]['content']}" for ex in train}
    assert mined == pairs  # the same pairs the KB mines, from the train split only
    val_ids = {ex["meta"]["conversation_id"] for ex in read_jsonl(tmp_path / "o" / "val.jsonl")}
    assert val_ids and not val_ids & {ex["meta"]["conversation_id"] for ex in train}


def test_bad_input_as_a_whole_is_one_error_and_leaves_old_outputs(tmp_path):
    logs = write_jsonl(tmp_path / "l.jsonl", make_conversations(20))
    out = tmp_path / "out"
    prepare(PrepareConfig(inputs=[str(logs)], out=str(out), data=DataConfig(pii=False)))
    before = (out / "train.jsonl").read_bytes()
    binary = tmp_path / "dump.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ChatkitError, match="binary"):
        prepare(PrepareConfig(inputs=[str(logs), str(binary)], out=str(out)))
    bad_eval = write_jsonl(tmp_path / "e.jsonl", [{"id": "e", "question": "¿?"}])
    with pytest.raises(ChatkitError, match=r"e\.jsonl:1: not an eval item"):
        prepare(PrepareConfig(inputs=[str(logs)], out=str(out), eval_files=[str(bad_eval)]))
    assert (out / "train.jsonl").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_token_lengths_with_a_tokenizer_count_truncation(tmp_path):
    from conftest import build_tiny_tokenizer

    tok_dir = tmp_path / "tok"
    tok = build_tiny_tokenizer(tok_dir)
    logs = write_jsonl(tmp_path / "l.jsonl", make_conversations(30, seed=2))
    report = prepare(PrepareConfig(inputs=[str(logs)], out=str(tmp_path / "out"), system_prompt=SYSTEM,
                                   data=DataConfig(pii=False, tokenizer=str(tok_dir), max_length=64)))
    assert report.tokenizer == str(tok_dir)
    first = read_jsonl(tmp_path / "out" / "train.jsonl")[0]
    expected = len(tok(tok.apply_chat_template(first["messages"], tokenize=False), add_special_tokens=False)["input_ids"])
    train = report.splits["train"]
    assert train.tokens_max >= expected > 64 and train.truncated == train.examples  # every example is longer than 64


def test_merging_near_duplicates_keeps_the_accounting(tmp_path):
    convs = make_conversations(40, seed=3)
    near = json.loads(json.dumps(convs[2]))
    near["id"] = "near"
    near["messages"][3]["content"] = near["messages"][3]["content"].replace("Referencia", "Ref.")
    logs = write_jsonl(tmp_path / "l.jsonl", [*convs, near])
    report = prepare(PrepareConfig(inputs=[str(logs)], out=str(tmp_path / "o"),
                                   data=DataConfig(pii=False, near_duplicates="merge")))
    assert report.merged_by_kind == {"near": 1} and report.kept == 40 and report.balanced
    merged = read_jsonl(tmp_path / "o" / "rejected.jsonl")
    assert merged == [{"source": str(logs), "line_or_row": 41, "code": "near_duplicate", "kind": "merged",
                       "reason": "near-duplicate of conversation 'c0002' (data.near_duplicates=merge)"}]
