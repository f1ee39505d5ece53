"""Planted personal data is valid where real data is (check digits, Luhn, mod 97) and the logs have
the variety real ones have: registers, regional words, typos, missing accents, emojis, multi-line."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from stdnum import luhn
from stdnum.es import dni, iban, nie
from stdnum.mx import curp, rfc

from kit.corpus import pii
from kit.corpus.generate import COMPANIES, generate


@pytest.fixture(scope="module")
def outputs():
    return {key: generate(key, 7) for key in COMPANIES}


def clabe_valid(number: str) -> bool:
    total = sum((int(d) * (3, 7, 1)[i % 3]) % 10 for i, d in enumerate(number[:17]))
    return len(number) == 18 and number.isdigit() and int(number[17]) == (10 - total % 10) % 10


def test_clabe_check_matches_a_published_example():
    assert clabe_valid("032180000118359719") and not clabe_valid("032180000118359718")


def test_check_digits_of_generated_ids():
    rng = random.Random(3)
    for _ in range(300):
        person = pii.make_persona(rng, "MX")
        assert curp.is_valid(pii.curp(rng, person)) and rfc.is_valid(pii.rfc(rng, person))
        assert dni.is_valid(pii.dni(rng).replace("-", "").replace(" ", ""))
        assert nie.is_valid(pii.nie(rng).replace("-", ""))
        assert iban.is_valid(pii.iban_es(rng))
        assert luhn.is_valid(re.sub(r"[ -]", "", pii.card(rng)))
        assert clabe_valid(pii.clabe(rng))


def test_curp_and_rfc_follow_the_persona():
    rng = random.Random(5)
    person = pii.make_persona(rng, "MX")
    year, month, day = person.birth
    for number in (pii.curp(rng, person), pii.rfc(rng, person)):
        assert number[4:10] == f"{year % 100:02d}{month:02d}{day:02d}"
        assert number[0] == pii.ascii_upper(person.surname1)[0]


VALIDATORS = {
    "DNI": lambda v: dni.is_valid(re.sub(r"[ -]", "", v)),
    "NIE": lambda v: nie.is_valid(v.replace("-", "")),
    "CURP": curp.is_valid,
    "RFC": rfc.is_valid,
    "IBAN": iban.is_valid,
    "CARD": lambda v: luhn.is_valid(re.sub(r"[ -]", "", v)),
    "CLABE": clabe_valid,
    "CEDULA": lambda v: re.fullmatch(r"\d{8}|\d{10}|\d{1,3}(\.\d{3}){2,3}", v) is not None,
}


@pytest.mark.parametrize("key", COMPANIES)
def test_planted_ids_in_the_corpus_are_valid(outputs, key):
    seen = Counter()
    for item in outputs[key].pii_labels:
        check = VALIDATORS.get(item.type)
        if check is not None:
            assert check(item.value), item
            seen[item.type] += 1
    assert seen, "some national ids or payment data are planted"


def test_cedulas_come_with_a_context_word(outputs):
    conv = {c.id: c for c in outputs["bank"].conversations}
    items = [it for it in outputs["bank"].pii_labels if it.type == "CEDULA"]
    assert items
    for item in items:
        before = conv[item.conversation_id].messages[item.message].content[: item.start].lower()
        assert re.search(r"(c[ée]dula|c\.?c\.?|documento)( es)?\W*$", before), before


def test_every_country_plants_phones_emails_names_and_lookalikes(outputs):
    types = {key: Counter(it.type for it in out.pii_labels) for key, out in outputs.items()}
    for key in COMPANIES:
        assert {"NAME", "EMAIL", "PHONE", "AMOUNT", "DATE", "POSTAL", "CONTACT"} <= set(types[key]), key
    assert {"CURP", "RFC", "CLABE", "CARD", "ORDER", "TRACKING", "SKU"} <= set(types["shop"])
    assert {"DNI", "NIE", "IBAN"} <= set(types["operator"])
    assert {"CEDULA", "CARD"} <= set(types["bank"])
    phones = [it.value for out in outputs.values() for it in out.pii_labels if it.type == "PHONE"]
    for prefix in ("+52", "+34", "+57"):
        assert any(p.startswith(prefix) for p in phones), prefix
    assert any(p.isdigit() for p in phones) and any(" " in p for p in phones)
    lookalike = [it for out in outputs.values() for it in out.pii_labels if not it.pii]
    assert lookalike and all(it.type not in VALIDATORS for it in lookalike)


def test_customers_write_like_real_customers(outputs):
    shop = [m.content for c in outputs["shop"].conversations for m in c.messages if m.role == "user"]
    everything = [m.content for out in outputs.values() for c in out.conversations for m in c.messages]
    customers = [m.content for out in outputs.values() for c in out.conversations for m in c.messages
                 if m.role == "user"]
    joined = "\n".join(customers)
    assert re.search(r"\b(podés|sabés|mirá|che)\b", joined, re.IGNORECASE), "vos"
    assert re.search(r"\b(me ayudas|puedes|oye)\b", joined, re.IGNORECASE), "tú"
    assert re.search(r"\b(me puede|disculpe)\b", joined, re.IGNORECASE), "usted"
    for word in ("lana", "cel", "compu"):
        assert re.search(rf"\b{word}\b", "\n".join(shop), re.IGNORECASE), word
    assert any(m != m.lower() and m == m.upper() and len(m) > 15 for m in customers), "capitals"
    assert any(re.search(r"[😊🙏😅😡🙄👍😭🤔]", m) for m in customers), "emojis"
    assert any("\n" in m for m in customers), "multi-line messages"
    assert re.search(r"\b(porfa|xq|tmb)\b", joined), "chat-speak"
    assert re.search(r"\b(cuanto|envio|dias)\b", joined), "missing accents"
    assert any(m.startswith("--") or "\n--\n" in m or "Atentamente" in m for m in everything), "signatures"
    assert len(set(customers)) / len(customers) > 0.5


def test_every_company_plants_the_v2_types_and_their_lookalikes_with_exact_offsets(outputs):
    new = {"ADDRESS", "BIRTH_DATE", "PASSPORT", "PLATE", "USERNAME", "EMAIL_OBFUSCATED", "PHONE_OBFUSCATED", "NAME_FREE"}
    lookalikes = {"PUBLIC_ADDRESS", "PLACE", "OTHER_DATE", "MODEL"}
    for key, out in outputs.items():
        kinds = Counter((it.type, it.pii) for it in out.pii_labels)
        assert all(kinds[(k, True)] >= 20 for k in new), (key, kinds)
        assert all(kinds[(k, False)] >= 20 for k in lookalikes), (key, kinds)
        conv = {c.id: c for c in out.conversations}
        for it in out.pii_labels:
            assert conv[it.conversation_id].messages[it.message].content[it.start : it.end] == it.value, it
        office = [page for page in out.kb_pages if page[0] == "oficinas"]
        public = {it.value for it in out.pii_labels if it.type == "PUBLIC_ADDRESS"}
        assert len(office) == 1 and public and all(value in office[0][2] for value in public), key


def test_spelled_phones_and_emails_stand_for_the_personas_own():
    from kit.corpus import pii_text
    from kit.data.pii_contacts import email_key, spelled_digits

    rng = random.Random(11)
    for _ in range(200):
        person = pii.make_persona(rng, rng.choice(["MX", "ES", "CO"]))
        assert spelled_digits(pii_text.spelled_phone(rng, person.phone))[0] == person.phone
        assert email_key(pii_text.spelled_email(rng, person.email)) == person.email
