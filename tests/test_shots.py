"""Worked examples for a base model's RAG prompt (generation.shots): which mined pairs qualify, and the layout."""

from __future__ import annotations

from kit.data.schema import Passage
from kit.rag.expand import qa_parts
from kit.rag.shots import SHOT_ANSWER, pick_shots, shots_prompt


def _kb(pid, text):
    return Passage(id=pid, text=text, source="kb.md:1", meta={"kind": "kb", "kb_id": pid.split("#")[0]})


def _qa(pid, question, answer):
    return Passage(id=pid, text=f"Pregunta: {question}\nRespuesta: {answer}", source="c.jsonl:1", meta={"kind": "qa"})


KB = [
    _kb("envios#0", "Envíos — El envío estándar tarda 3 a 5 días hábiles y cuesta $99 MXN."),
    _kb("envios#1", "Envíos — El envío exprés llega en 24 a 48 horas."),
    _kb("cuenta#0", "Cuenta — El enlace de recuperación vale 30 minutos."),
]


def test_pairs_qualify_only_when_a_kb_passage_states_their_numbers():
    passages = [
        *KB,
        _qa("qa:c1#1", "¿Cuánto tarda el envío?", "El envío estándar tarda 3 a 5 días hábiles."),
        _qa("qa:c2#1", "¿Y el costo?", "Cuesta $150 MXN."),  # a number no KB passage states
        _qa("qa:c3#1", "Hola", "Con gusto le ayudo."),  # no number
        _qa("qa:c4#1", "Mi cel es [PHONE_1], ¿y el enlace?", "Vale 30 minutos."),  # a redaction placeholder
        _qa("qa:c5#1", "¿Cuánto vale el enlace?", "Vale 30 minutos. " + "Gracias por escribirnos. " * 8),  # too long
    ]
    shots = pick_shots(passages, 5)
    assert [s.pair_id for s in shots] == ["qa:c1#1"]
    assert shots[0].passage_id == "envios#0"
    assert shots[0].answer == "El envío estándar tarda 3 a 5 días hábiles."


def test_one_pair_per_kb_page_best_covered_first_and_k_caps_the_count():
    passages = [
        *KB,
        _qa("qa:a#1", "¿Y el exprés?", "Llega en 24 a 48 horas."),  # page envios, full cover
        _qa("qa:b#1", "¿Cuánto tarda?", "Tarda 3 a 5 días hábiles, normalmente."),  # page envios, lower cover
        _qa("qa:c#1", "¿El enlace?", "El enlace de recuperación vale 30 minutos."),  # page cuenta, full cover
    ]
    assert [s.pair_id for s in pick_shots(passages, 5)] == ["qa:a#1", "qa:c#1"]
    assert [s.pair_id for s in pick_shots(passages, 1)] == ["qa:a#1"]
    assert pick_shots(passages, 0) == []


def test_a_policy_update_drops_the_pairs_whose_numbers_the_kb_no_longer_states():
    pair = _qa("qa:c1#1", "¿Cuánto tarda el envío?", "El envío estándar tarda 3 a 5 días hábiles.")
    updated = [_kb("envios#0", "Envíos — El envío estándar tarda 2 a 4 días hábiles."), pair]
    assert pick_shots([*KB, pair], 3) and pick_shots(updated, 3) == []


def test_mined_pairs_are_read_with_the_index_reader_and_other_text_is_not_a_pair():
    assert qa_parts(_qa("qa:x#1", "¿Hay envío a Oaxaca?", "Sí, ¡claro!")) == ("¿Hay envío a Oaxaca?", "Sí, ¡claro!")
    assert qa_parts(_kb("envios#0", "Envíos — El envío tarda 3 días.")) is None
    assert qa_parts(_qa("qa:x#2", "", "Sí")) is None


def test_shots_prompt_shows_each_example_answered_then_the_question_unanswered():
    passages = [*KB, _qa("qa:c1#1", "¿Cuánto tarda el envío?", "El envío estándar tarda 3 a 5 días hábiles.")]
    shots = pick_shots(passages, 2)
    history = [{"role": "user", "content": "Hola, ¿qué tal?"}, {"role": "assistant", "content": "¡Hola! ¿En qué le ayudo?"}]
    prompt = shots_prompt(shots, "¿Y cuánto dura el enlace de contraseña?", [("cuenta#0", KB[2].text)], history)
    first, rest = prompt.split("\n\n", 1)
    assert first.splitlines() == [
        "Documentos:", f"[envios#0] {KB[0].text}", "Pregunta del cliente: ¿Cuánto tarda el envío?",
        f"{SHOT_ANSWER} El envío estándar tarda 3 a 5 días hábiles.",
    ]
    assert rest.splitlines() == [
        "Documentos:", f"[cuenta#0] {KB[2].text}", "Cliente: Hola, ¿qué tal?", "Agente: ¡Hola! ¿En qué le ayudo?",
        "Pregunta del cliente: ¿Y cuánto dura el enlace de contraseña?", SHOT_ANSWER,
    ]
