"""Property tests: redaction never crashes, offsets are always valid, and planted ids never survive
(ids with check digits, and the personal data without them: addresses, birth dates, passports, plates,
handles, e-mails and phones written to dodge filters, names in free positions)."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pii import make_card, make_clabe, make_cuit, make_curp, make_dni, make_iban, make_nie, make_rut

from kit.corpus.pii import make_persona
from kit.corpus.plant import PII_WEIGHTS, customer_sentence
from kit.data.pii import Redactor

R = Redactor()
# PII_EXAMPLES=5000 for a longer hunt; 300 keeps the default run short.
SETTINGS = settings(
    max_examples=int(os.environ.get("PII_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text that looks like support chat: Spanish letters, digits and the punctuation ids are written with.
CHATTY = st.text(
    alphabet=st.sampled_from(list("abcdeñóáéíúüABCDEÑXYZK0123456789 .,-+()/#@:$€¿?¡!\n\t_")), max_size=80
)
ANY_TEXT = st.text(max_size=200)
# Words that drive the name and number detectors, in random order: introductions, names, particles,
# signatures, ids, emoji and characters whose lower case is longer than themselves.
VOCAB = [
    "me llamo", "mi nombre es", "soy", "habla", "les escribe", "hola", "gracias", "claro,", "Atentamente,", "--",
    "Ana", "ana", "ANA", "García", "garcia", "Flores", "flores", "de", "la", "del", "Sr.", "Óscar", "oscar",
    "MercaColibrí", "cliente", "·", "|", "\n", ",", ".", "?", "😊", "İ", "ß", "\x00", "DNI", "cédula", "pedido",
    "12345678Z", "55 1234 5678", "+34", "612", "34", "56", "78", "ana@mail.com", "@", "4111 1111 1111 1111", "$",
    "Calle", "Av.", "C/", "Cra.", "#", "45-23", "Col.", "CP", "06600", "3º", "s/n", "Benito Juárez", "metro",
    "nací el", "3 de abril de 1990", "14/03/1987", "pasaporte", "G12345678", "placa", "ABC-123-D", "1234 BCD",
    "instagram", "@pedro_87", "arroba", "punto", "[at]", "(dot)", "gmail", "com", "cinco", "cincuenta", "y",
    "uno", "dos", "mi esposa", "a nombre de", "Atte.", "—", "Gerente", "HOLA", "JUAN",
]  # fmt: skip
WORDY = st.lists(st.sampled_from(VOCAB), max_size=25).map(" ".join)
MAKERS = {
    "DNI": make_dni, "NIE": make_nie, "IBAN": make_iban, "CARD": make_card, "CLABE": make_clabe,
    "CUIT": make_cuit, "RUT": make_rut, "CURP": make_curp,
}  # fmt: skip


def _check_entities(text: str, entities) -> None:
    last_end = 0
    for e in entities:
        assert 0 <= last_end <= e.start < e.end <= len(text), (text, entities)
        last_end = e.end


@SETTINGS
@given(st.one_of(ANY_TEXT, CHATTY, WORDY))
def test_never_crashes_and_offsets_are_valid(text):
    entities = R.find(text)
    _check_entities(text, entities)
    redacted, again = R.redact(text)
    assert again == entities
    # Text outside the entities is kept as it was, in order.
    pos = 0
    for e in entities:
        chunk = text[pos : e.start]
        assert redacted.startswith(chunk)
        redacted = redacted[len(chunk) :]
        assert redacted.startswith(f"[{e.type}_")
        redacted = redacted[redacted.index("]") + 1 :]
        pos = e.end
    assert redacted == text[pos:]


@SETTINGS
@given(st.lists(st.one_of(ANY_TEXT, CHATTY, WORDY), max_size=5))
def test_conversation_offsets_index_each_turn(turns):
    texts, entities = R.redact_conversation(turns)
    assert len(texts) == len(entities) == len(turns)
    for turn, ents in zip(turns, entities, strict=True):
        _check_entities(turn, ents)


@SETTINGS
@given(
    kind=st.sampled_from(sorted(MAKERS)),
    seed=st.integers(0, 2**32 - 1),
    before=CHATTY,
    after=CHATTY,
)
def test_planted_valid_id_never_survives(kind, seed, before, after):
    value = MAKERS[kind](random.Random(seed))
    text = f"{before} {value} {after}"
    redacted, entities = R.redact(text)
    assert value not in redacted, (kind, text, redacted)
    assert any(text[e.start : e.end].find(value) >= 0 for e in entities)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), turns=st.lists(CHATTY, min_size=1, max_size=4))
def test_planted_ids_hidden_in_every_turn_of_a_conversation(seed, turns):
    rng = random.Random(seed)
    planted = [make_dni(rng), make_iban(rng, spaced=False), make_card(rng)]
    turns = [f"{t} {planted[i % 3]} ." for i, t in enumerate(turns)]
    texts, _ = R.redact_conversation(turns)
    for text in texts:
        assert not any(value in text for value in planted)


@SETTINGS
@given(
    kind=st.sampled_from(sorted(PII_WEIGHTS)),
    country=st.sampled_from(["MX", "ES", "CO"]),
    seed=st.integers(0, 2**32 - 1),
    before=CHATTY,
    after=CHATTY,
)
def test_planted_value_without_check_digits_never_survives(kind, country, seed, before, after):
    # The generator's own sentences (kit/corpus/plant.py) on a line of their own, between random text.
    rng = random.Random(seed)
    head, value, tail = customer_sentence(rng, kind, country, make_persona(rng, country))
    text = f"{before}\n{head}{value}{tail}\n{after}"
    redacted, entities = R.redact(text)
    start = text.index(f"{head}{value}") + len(head)
    assert any(e.start <= start and start + len(value) <= e.end for e in entities), (kind, text, redacted)
    assert value not in redacted, (kind, text, redacted)
