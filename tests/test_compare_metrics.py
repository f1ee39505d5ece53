"""Per-item quality metrics: Spanish fact matching, token F1, ROUGE-L, escalation, groundedness."""

from __future__ import annotations

import pytest

from kit.compare.metrics import escalates, groundedness, rouge_l, score_item, token_f1
from kit.facts import check_facts, normalise


@pytest.mark.parametrize(
    "fact, answer",
    [
        ("30 días", "Tiene treinta días para devolverlo."),
        ("30 días naturales", "Son 30 DIAS naturales."),
        ("$1,500 MXN", "El mínimo es de 1500 pesos."),
        ("$1,500 MXN", "El mínimo es $1.500."),
        ("$1,500 MXN", "El mínimo es de mil quinientos pesos."),
        ("24 a 48 horas", "Llega en veinticuatro a cuarenta y ocho hrs."),
        ("antes de las 13:00 horas", "si paga antes de las 13 h sale hoy"),
        ("10%", "un diez por ciento de descuento"),
        ("Mis pedidos > Solicitar devolución", "entre a mis pedidos, solicitar devolucion"),
        ("código de 6 dígitos", "le llega un codigo de seis digitos"),
        ("garantias@mercacolibri.mx", "escriba a garantias@mercacolibri.mx"),
        ("1 punto por cada $10 MXN", "gana un punto por cada 10 pesos"),
    ],
)
def test_fact_found_despite_spanish_variants(fact, answer):
    assert check_facts(answer, [fact]).correct


@pytest.mark.parametrize(
    "fact, answer",
    [
        ("30 días", "Tiene 3 días."),
        ("30 días", "Tiene 300 días."),
        ("$1,500 MXN", "El mínimo es $15,000."),
        ("$1,500 MXN", "El mínimo es $1.50."),
        ("12 meses de garantía", "112 meses de garantía"),
        ("primeras 2 horas", "la primera hora"),
    ],
)
def test_different_values_do_not_match(fact, answer):
    assert not check_facts(answer, [fact]).correct


def test_stale_fact_makes_answer_wrong_and_keeps_accents_in_normal_form():
    check = check_facts("Tiene 30 días naturales, o sea 45 días naturales", ["45 días naturales"], ["30 días naturales"])
    assert check.found == ["45 días naturales"] and check.stale == ["30 días naturales"]
    assert not check.correct
    assert normalise("¿Añadir 2.500,00 €?") == "anadir $2500"  # an amount keeps its currency mark


def test_token_f1_and_rouge_l():
    ref = "El envío tarda de 3 a 5 días hábiles"
    assert token_f1(ref, ref) == pytest.approx(1.0)
    assert rouge_l(ref, ref) == pytest.approx(1.0)
    assert token_f1("hola", ref) == 0.0
    # accents and number words do not lower the score (the default rouge-score tokenizer drops "í")
    assert rouge_l("el envio tarda de tres a cinco dias habiles", ref) == pytest.approx(1.0)
    partial = "tarda 5 días"
    assert 0 < token_f1(partial, ref) < 1 and 0 < rouge_l(partial, ref) < 1
    # ROUGE-L is order-aware, token F1 is not
    assert rouge_l("habiles dias 5 a 3 de tarda envio el", ref) < token_f1("habiles dias 5 a 3 de tarda envio el", ref)


def test_escalation_detection():
    assert escalates("Le transfiero con un agente de pagos.")
    assert escalates("Canalizo su caso al equipo de logística.")
    assert escalates("Te paso con un especialista.")
    assert not escalates("Puede devolverlo en 30 días naturales.")


def test_groundedness_counts_claims_found_in_passages():
    passages = ["[shop-devoluciones] Tiene 30 días naturales para devolver; la guía prepagada sin costo."]
    assert groundedness("Tiene treinta días naturales.", passages) == pytest.approx(1.0)
    assert groundedness("Tiene 45 días naturales y 2 cambios.", passages) == pytest.approx(0.0)
    assert groundedness("Tiene 30 días naturales y 2 cambios.", passages) == pytest.approx(0.5)
    assert groundedness("Con gusto le ayudo.", passages) is None


def test_score_item_row():
    row = score_item(
        "Le transfiero con un agente; la retención temporal de hasta 72 horas se libera sola.",
        "Normalmente es una retención temporal de hasta 72 horas.",
        ["retención temporal de hasta 72 horas"],
        escalate=True,
        passages=["Una retención temporal de hasta 72 horas."],
    )
    assert row["fact_correct"] is True and row["escalation_correct"] is True
    assert row["grounded"] == pytest.approx(1.0)
    assert row["fact_recall"] == 1.0 and not row["stale_hit"]


@pytest.mark.parametrize("answer, flagged", [
    ("Claro, [PERSON_1]. Tarda de 3 a 5 días hábiles.", True),
    ("Su folio es [NATIONAL_ID_2].", True),
    ("Soy [PERSON_12] del equipo de atención.", True),
    ("Tarda de 3 a 5 días hábiles.", False),
    ("Vea la sección [1] o [ENVÍOS] de la página.", False),  # brackets that no redaction writes
    ("Escriba a [email] con su pedido.", False),
])
def test_score_item_flags_an_answer_holding_a_redaction_placeholder(answer, flagged):
    assert score_item(answer, "Tarda de 3 a 5 días hábiles.", ["3 a 5 días hábiles"])["placeholder"] is flagged


def test_the_placeholder_flag_matches_what_the_redactor_writes_for_five_types():
    from kit.data.pii import Placeholders

    made = Placeholders()
    for type_ in ("PERSON", "EMAIL", "NATIONAL_ID", "BIRTH_DATE", "CARD"):
        for value in ("a", "b"):
            placeholder = made.get(type_, value)
            assert score_item(f"Hola {placeholder}, gracias.", "x", [])["placeholder"], placeholder
