"""Retrieval building blocks without the embedder: analysis, fusion, metrics, kb.jsonl checks, FAISS layer,
atomic folder swap, expansion links and prompt assembly under a token budget."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import build_tiny_tokenizer

from kit.data.schema import Passage
from kit.errors import ChatkitError
from kit.prompts import CONTEXT_HEADER, assemble, build_messages, count_prompt_tokens
from kit.rag import expand, lexical, store, vectors
from kit.rag.config import RagConfig
from kit.rag.evaluate import metrics, ranked_units, read_queries
from kit.rag.index import Hit, fuse


# --- Spanish analysis -------------------------------------------------------------------------------------
def test_fold_strips_accents_tildes_and_case():
    assert lexical.fold("Devolución PINGÜINO Año ¿Cuánto?") == "devolucion pinguino ano ¿cuanto?"


def test_analysis_matches_unaccented_and_inflected_forms():
    assert lexical.analyze("devolución") == lexical.analyze("devolucion")
    assert lexical.analyze("Devoluciones") == lexical.analyze("devolucion")
    assert lexical.analyze("contraseña") == lexical.analyze("contrasena")
    assert lexical.analyze("¿Cuándo llega el envío?") == lexical.analyze("cuando llega envio")


def test_spelling_by_sound_folds_common_misspellings():
    for right, wrong in [("envío", "enbio"), ("tarjeta", "targeta"), ("reembolso", "rembolso"), ("quiero", "kiero"),
                         ("hora", "ora"), ("necesito", "nesecito"), ("efectivo", "efectibo"), ("llega", "yega")]:
        assert lexical.analyze(right) == lexical.analyze(wrong), (right, wrong)
    assert lexical.sound("chip") != lexical.sound("sip") and lexical.sound("2024") == "2024"


def test_character_ngrams_catch_other_typos():
    right, typo = set(lexical.analyze("factura", ngrams=3)), set(lexical.analyze("fatura", ngrams=3))
    assert not (right & typo) - {t for t in right if t.startswith("#")}  # the stems differ...
    assert {"#tur", "#ura", "#ra_"} <= right & typo  # ...the n-grams still meet
    assert all(t.startswith("#") for t in lexical.analyze("factura", ngrams=3)[1:])
    assert lexical.analyze("iva 16", ngrams=3) == lexical.analyze("iva 16")  # short words and numbers: no n-grams


def test_stopwords_leave_only_content_words():
    assert lexical.analyze("de la que el en y a los") == []


def test_regional_synonyms_share_one_term():
    syn = lexical.synonym_map(RagConfig().synonyms)
    assert lexical.analyze("mi móvil", syn) == lexical.analyze("mi celular", syn) == lexical.analyze("mi cel", syn)
    assert lexical.analyze("el ordenador", syn) == lexical.analyze("la computadora", syn)
    assert lexical.analyze("mi móvil") != lexical.analyze("mi celular")  # only with the map


def test_bm25_folder_holds_no_pickle(tmp_path):
    lex = lexical.Lexical.build(["el envío tarda tres días", "devoluciones en 30 días", "tarjeta bloqueada"])
    lex.save(tmp_path)
    files = sorted(p.name for p in (tmp_path / "bm25").iterdir())
    assert files and all(name.endswith((".npy", ".json")) for name in files), files
    for p in (tmp_path / "bm25").glob("*.npy"):
        np.load(p, allow_pickle=False)  # raises if the array needed pickle
    again = lexical.Lexical.load(tmp_path)
    rows, scores = again.search_many(["¿cuánto tarda el envio?", "zzz"], 2)
    assert rows[0][0] == 0 and scores[0][0] > 0
    assert (rows[1] == -1).all()  # no shared term: no match, not a zero-score filler


# --- embedder naming and prefixes (no model loaded) ----------------------------------------------------------
def test_packaged_embedder_names_and_e5_prefixes():
    from kit.rag.embed import PACKAGED_ID, _default_prefixes, embedder_id

    assert embedder_id("all-MiniLM-L6-v2") == embedder_id("sentence-transformers/all-MiniLM-L6-v2") == PACKAGED_ID
    assert _default_prefixes("intfloat/multilingual-e5-small", {}) == ("query: ", "passage: ")
    assert _default_prefixes("/models/multilingual-e5-base", {}) == ("query: ", "passage: ")
    assert _default_prefixes(PACKAGED_ID, {"query": "", "document": ""}) == ("", "")
    assert _default_prefixes("some/model", {"query": "Q: ", "document": "D: "}) == ("Q: ", "D: ")


# --- fusion and metrics -----------------------------------------------------------------------------------
def test_rrf_sums_reciprocal_ranks_with_weights():
    dense = [(1, 0.9), (2, 0.8), (3, 0.7)]
    sparse = [(3, 12.0), (1, 9.0)]
    fused = fuse([dense, sparse], rrf_k=60)
    assert [row for row, _ in fused] == [1, 3, 2]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)
    weighted = fuse([dense, sparse], rrf_k=60, weights=(1.0, 3.0))
    assert weighted[0][0] == 3 and weighted[0][1] == pytest.approx(1 / 63 + 3 / 61)


def test_rrf_breaks_ties_by_best_rank():
    fused = fuse([[(7, 1.0), (8, 0.5)], [(8, 3.0), (7, 1.0)]], rrf_k=60)
    assert fused[0][1] == pytest.approx(fused[1][1]) and [r for r, _ in fused] == [7, 8]


def test_metrics_binary_gain_by_hand():
    m = metrics(["a", "b", "c"], {"b"})
    assert m["recall@1"] == 0 and m["recall@5"] == 1 and m["mrr@10"] == 0.5
    assert m["ndcg@10"] == pytest.approx((1 / np.log2(3)) / 1.0)
    two = metrics(["x", "a", "y", "b"], {"a", "b"})
    assert two["recall@1"] == 0 and two["recall@5"] == 1
    ideal = 1 + 1 / np.log2(3)
    assert two["ndcg@10"] == pytest.approx((1 / np.log2(3) + 1 / np.log2(5)) / ideal)
    assert metrics(["x"] * 3, {"a"}) == {"recall@1": 0, "recall@5": 0, "recall@10": 0, "mrr@10": 0, "ndcg@10": 0}


def test_ranked_units_map_chunks_to_pages_and_skip_unjudged_qa():
    hits = [
        Hit("qa:conv-1#0", 1.0, "", {"kind": "qa"}),
        Hit("shop-envios#2", 0.9, "", {"kind": "kb", "kb_id": "shop-envios"}),
        Hit("shop-envios#0", 0.8, "", {"kind": "kb", "kb_id": "shop-envios"}),
        Hit("faq#3", 0.7, "", {}),
    ]
    assert ranked_units(hits, {"shop-envios"}) == ["shop-envios", "faq"]
    assert ranked_units(hits, {"qa:conv-1#0"}) == ["qa:conv-1#0", "shop-envios", "faq"]


def test_read_queries_accepts_eval_items_and_reports_skips(tmp_path):
    path = tmp_path / "q.jsonl"
    rows = [
        {"id": "e1", "question": "¿Cuánto tarda?", "kb_ids": ["shop-envios"]},
        {"id": "e2", "query": "hola", "relevant_ids": []},
        {"query": "sin id", "relevant_ids": ["p#1"]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    queries, skipped = read_queries(path, need_relevant=True)
    assert [(q.id, q.text, q.relevant) for q in queries] == [("e1", "¿Cuánto tarda?", ["shop-envios"]), ("3", "sin id", ["p#1"])]
    assert skipped == ["e2"]
    assert len(read_queries(path, need_relevant=False)[0]) == 3


# --- kb.jsonl checks: one line each, naming file and line --------------------------------------------------
@pytest.mark.parametrize(
    "lines, message",
    [
        ([], "no passages"),
        (['{"text": "sin id"}'], ":1: passage without an 'id'"),
        (['{"id": "a", "text": "uno"}', '{"id": "a", "text": "dos"}'], ":2: duplicate passage id 'a' (first at line 1)"),
        (['{"id": "a", "text": ""}'], ":1: passage 'a' has no 'text'"),
        (['{"id": "a", "text": "x"}', "{not json"], ":2: invalid JSON"),
        (["[1, 2]"], ":1: expected a JSON object"),
    ],
)
def test_bad_kb_lines_are_one_line_errors(tmp_path, lines, message):
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    with pytest.raises(ChatkitError) as err:
        store.read_passages(path)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_kb_reader_keeps_utf8_and_rejects_other_encodings(tmp_path):
    good = tmp_path / "kb.jsonl"
    good.write_text(json.dumps({"id": 7, "text": "¿Señal? ¡Sí! ñandú"}, ensure_ascii=False) + "\n", encoding="utf-8")
    [p] = store.read_passages(good)
    assert p.id == "7" and p.text == "¿Señal? ¡Sí! ñandú" and p.source.endswith("kb.jsonl:1")
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes('{"id": "a", "text": "señal"}\n'.encode("latin-1"))
    with pytest.raises(ChatkitError, match="not UTF-8"):
        store.read_passages(bad)


# --- the FAISS layer ----------------------------------------------------------------------------------------
def _unit(rng: np.random.Generator, n: int, dim: int = 16) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_index_type_follows_size_and_override():
    cfg = RagConfig(flat_max=100)
    assert vectors.choose_type(100, cfg) == "flat" and vectors.choose_type(101, cfg) == "ivf"
    assert vectors.choose_type(10, RagConfig(index_type="hnsw")) == "hnsw"
    params = vectors.ivf_params(100_000, RagConfig())
    assert params["nlist"] == int(4 * 100_000**0.5) and params["nprobe"] == params["nlist"] // 4
    assert vectors.ivf_params(100, RagConfig())["nlist"] == 2  # >= 39 training points per cell


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
def test_vector_index_finds_itself_and_removes_by_key(kind):
    rng = np.random.default_rng(0)
    data = _unit(rng, 400)
    ids = [f"p{i}" for i in range(400)]
    keys = vectors.passage_keys(ids)
    cfg = RagConfig(ivf_nprobe=64)
    index, params = vectors.build(data, keys, kind, cfg)
    found, _ = vectors.search(index, data[:20], 1)
    assert (found[:, 0] == keys[:20]).mean() >= 0.95
    index = vectors.remove(index, kind, keys[:10], params)
    assert index.ntotal == 390
    found, _ = vectors.search(index, data[:10], 5)
    assert not np.isin(found, keys[:10]).any()


def test_passage_keys_are_stable_and_collisions_refused(monkeypatch):
    assert vectors.passage_key("shop-envios#0") == vectors.passage_key("shop-envios#0")
    assert 0 <= vectors.passage_key("x") < 2**63
    monkeypatch.setattr(vectors, "passage_key", lambda _pid: 42)
    with pytest.raises(ChatkitError, match="hash to the same"):
        vectors.passage_keys(["a", "b"])


def test_corrupted_faiss_file_is_one_line(tmp_path):
    path = tmp_path / "index.faiss"
    path.write_bytes(b"not a faiss index at all")
    with pytest.raises(ChatkitError, match="corrupted or unreadable FAISS index"):
        vectors.load(path, "flat", {})


# --- atomic folder swap ---------------------------------------------------------------------------------------
def _fake_index(folder: Path, marker: str) -> None:
    (folder / "marker.txt").write_text(marker, encoding="utf-8")
    store.write_manifest(folder, {"embedder": {"id": "x", "dim": 1}, "count": 1, "index_type": "flat"})


def test_failed_write_leaves_previous_folder_and_no_temp(tmp_path):
    out = tmp_path / "index"
    store.write_folder(out, lambda tmp: _fake_index(tmp, "v1"))

    def boom(tmp: Path) -> None:
        (tmp / "marker.txt").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.write_folder(out, boom)
    assert (out / "marker.txt").read_text(encoding="utf-8") == "v1"
    assert store.read_manifest(out)["count"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["index"]


def test_refuses_to_replace_a_folder_that_is_not_an_index(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ChatkitError, match="is not a chatkit index"):
        store.write_folder(out, lambda tmp: _fake_index(tmp, "v1"))
    assert (out / "keep.md").exists()


def test_interrupted_swap_falls_back_to_previous_version(tmp_path):
    out = tmp_path / "index"
    store.write_folder(out, lambda tmp: _fake_index(tmp, "v1"))
    out.rename(tmp_path / ".index.old")  # killed between the two renames
    assert store.resolve_folder(out) == tmp_path / ".index.old"


def test_edited_file_fails_the_manifest_hash(tmp_path):
    out = tmp_path / "index"
    store.write_folder(out, lambda tmp: _fake_index(tmp, "v1"))
    (out / "marker.txt").write_text("v2", encoding="utf-8")
    with pytest.raises(ChatkitError, match="marker.txt: corrupted"):
        store.read_manifest(out)


# --- expansion from mined Q->A ------------------------------------------------------------------------------
def test_customer_questions_link_to_the_chunk_their_answer_quotes():
    kb = [
        Passage("dev#0", "Devoluciones\n\nTiene 30 días naturales para devolver un producto sin uso.", "kb", {"kind": "kb"}),
        Passage("env#0", "Envíos\n\nEl envío estándar tarda de 3 a 5 días hábiles.", "kb", {"kind": "kb"}),
    ]
    qa = [
        Passage("qa:1#0", "Pregunta: quiero regresar unos tenis\nRespuesta: Tiene 30 días naturales para devolver.",
                "log", {"kind": "qa"}),
        Passage("qa:2#0", "Pregunta: y cuando me llega??\nRespuesta: Tarda de 3 a 5 días hábiles.", "log", {"kind": "qa"}),
        Passage("qa:3#0", "Pregunta: hola\nRespuesta: ¡Hola! ¿En qué le ayudo?", "log", {"kind": "qa"}),
    ]
    assert expand.qa_parts(qa[0]) == ("quiero regresar unos tenis", "Tiene 30 días naturales para devolver.")
    assert expand.qa_parts(kb[0]) is None
    links = expand.link_questions(kb + qa, ratio=1.5, limit=5)
    assert links == {"dev#0": ["quiero regresar unos tenis"], "env#0": ["y cuando me llega??"]}
    assert expand.link_questions(kb + qa, ratio=1.5, limit=0) == {}


# --- prompt assembly under a token budget --------------------------------------------------------------------
@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return build_tiny_tokenizer(tmp_path_factory.mktemp("tok"))


HITS = [
    Hit("shop-envios#0", 0.9, "El envío estándar tarda de 3 a 5 días hábiles y es gratis desde $999 MXN."),
    Hit("shop-devoluciones#1", 0.8, "Tiene 30 días naturales para devolver un producto. " * 30),
    Hit("shop-pagos#0", 0.7, "Aceptamos tarjeta, OXXO y transferencia."),
]


def test_assemble_keeps_the_layout_and_counts_context_tokens(tokenizer):
    a = assemble("Eres el asistente.", "¿Cuánto tarda?", HITS, tokenizer, budget_tokens=10_000)
    assert a.passages_used == [h.id for h in HITS] and not a.truncated
    assert a.messages == build_messages("Eres el asistente.", "¿Cuánto tarda?", [(h.id, h.text) for h in HITS])
    assert CONTEXT_HEADER in a.messages[0]["content"] and "[shop-envios#0]" in a.messages[0]["content"]
    bare = count_prompt_tokens(tokenizer, build_messages("Eres el asistente.", "¿Cuánto tarda?"))
    assert a.context_tokens == count_prompt_tokens(tokenizer, a.messages) - bare > 0


def test_assemble_cuts_to_the_budget(tokenizer):
    full = assemble("S", "¿Q?", HITS, tokenizer, budget_tokens=10_000)
    first = assemble("S", "¿Q?", HITS[:1], tokenizer, budget_tokens=10_000)
    budget = first.context_tokens + 90  # room for the first passage and a cut of the second
    cut = assemble("S", "¿Q?", HITS, tokenizer, budget_tokens=budget)
    assert cut.passages_used == ["shop-envios#0", "shop-devoluciones#1"] and cut.truncated
    assert first.context_tokens < cut.context_tokens <= budget < full.context_tokens
    assert cut.messages[0]["content"].endswith("…")
    none = assemble("S", "¿Q?", HITS, tokenizer, budget_tokens=16)
    assert none.passages_used == [] and none.context_tokens == 0 and none.messages[0]["content"] == "S"


def test_assemble_keeps_history_and_accepts_pairs(tokenizer):
    history = [{"role": "user", "content": "hola"}, {"role": "assistant", "content": "¡Hola!"}]
    a = assemble("S", "¿y el envío?", [("p1", "texto")], tokenizer, budget_tokens=500, history=history)
    assert [m["role"] for m in a.messages] == ["system", "user", "assistant", "user"]
    assert a.passages_used == ["p1"]
