"""The bank's content (kit/corpus/companies/bank/) keeps the contract the generator relies on."""

from __future__ import annotations

import itertools
import re
import string
import unicodedata

import pytest

from kit.corpus.companies.bank import COMPANY as C

PLACEHOLDER = string.Formatter()


def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation, collapse spaces: how held-out overlap is judged."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def names(template: str) -> set[str]:
    """The {name}s a template uses (also fails on unbalanced braces)."""
    return {field for _, field, _, _ in PLACEHOLDER.parse(template) if field is not None}


def expand(template: str) -> list[str]:
    """Every way the generator could fill a customer phrasing's slots."""
    used = sorted(names(template))
    combos = itertools.product(*(C.slots[n] for n in used))
    return [template.format(**dict(zip(used, combo, strict=True))) for combo in combos]


def customer_lines() -> list[str]:
    """Everything a customer says in a generated conversation, before noise."""
    lines = [q for i in C.intents for q in i.questions] + [q for i in C.intents for q, _ in i.followups]
    lines += C.greetings_customer + C.signoffs_customer + [q for q, _ in C.offtopic]
    return [filled for line in lines for filled in expand(line)]


def test_counts() -> None:
    assert len(C.facts) >= 45
    assert len(C.pages) >= 10
    assert 25 <= len(C.intents) <= 35
    assert len({f.id for f in C.facts.values() if f.v2}) >= 10
    assert len(C.agent_names) >= 6 and len(set(C.agent_names)) == len(C.agent_names)
    for field in ("greetings_customer", "greetings_agent", "signoffs_customer", "signoffs_agent",
                  "agent_macros", "signatures", "offtopic", "public_contacts"):
        assert len(getattr(C, field)) >= 3, field
    assert sum(len(i.followups) for i in C.intents) >= 5
    assert any(i.escalate for i in C.intents) and any(i.asks_for for i in C.intents)


@pytest.mark.parametrize("intent", C.intents, ids=lambda i: i.id)
def test_intent_shape(intent) -> None:
    assert len(set(intent.questions)) == len(intent.questions) >= 10
    assert len(set(intent.eval_questions)) == len(intent.eval_questions) >= 10
    assert len(intent.answers) >= 2
    assert intent.required_facts and set(intent.required_facts) <= C.facts.keys()
    page_ids = {p.id for p in C.pages}
    assert intent.kb_ids and set(intent.kb_ids) <= page_ids
    # Every answer states every required fact, so a model trained on any of them answers in full.
    for template in (*intent.answers, intent.reference):
        assert set(intent.required_facts) <= names(template), template


def test_fact_ids_and_values_are_distinctive() -> None:
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) and C.facts[key].id == key for key in C.facts)
    values = [(f.id, v) for f in C.facts.values() for v in (f.value, f.v2) if v]
    for (id_a, a), (id_b, b) in itertools.permutations(values, 2):
        assert a not in b, f"{id_a}={a!r} is inside {id_b}={b!r}"
    assert len({v for _, v in values}) == len(values)


def test_placeholders_resolve() -> None:
    facts = C.facts.keys()
    templates = [p.body for p in C.pages]
    for intent in C.intents:
        templates += [*intent.answers, intent.reference, *(a for _, a in intent.followups)]
        for question in (*intent.questions, *(q for q, _ in intent.followups)):
            assert names(question) <= C.slots.keys(), question
        for question in intent.eval_questions:
            assert not names(question), f"held-out phrasing with a slot: {question}"
    for template in templates:
        assert names(template) <= facts, template
    for template in C.greetings_agent:
        assert names(template) <= {"agent", "company"}, template
    for text in C.agent_macros + C.signatures + C.signoffs_agent:
        assert not names(text), text


def test_every_fact_on_a_page_and_page_ids_stable() -> None:
    cited = set().union(*(names(p.body) for p in C.pages))
    assert set(C.facts) <= cited, sorted(set(C.facts) - cited)
    ids = [p.id for p in C.pages]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"bank-[a-z0-9-]+", i) for i in ids)
    assert all(p.body.lstrip().startswith("#") for p in C.pages)


def test_eval_questions_never_overlap_customer_lines() -> None:
    said = [normalise(line) for line in customer_lines()]
    held_out = [normalise(q) for i in C.intents for q in i.eval_questions]
    assert len(set(held_out)) == len(held_out)
    for question in held_out:
        for line in said:
            assert question not in line and line not in question, (question, line)


def test_phrasings_belong_to_one_intent() -> None:
    owners: dict[str, str] = {}
    for intent in C.intents:
        for q in intent.questions:
            assert owners.setdefault(normalise(q), intent.id) == intent.id, q


def test_spanish_text_is_clean_utf8() -> None:
    texts = [p.body for p in C.pages] + [t for i in C.intents for t in (*i.questions, *i.eval_questions, *i.answers)]
    assert any("ñ" in t for t in texts) and any("¿" in t for t in texts)
    for text in texts:
        assert unicodedata.normalize("NFC", text) == text
        assert "Ã" not in text and "\ufffd" not in text, text


# Grammatical gender of every regional variant: swapping "plata" for "dinero" after "la" would read "la dinero".
GENDER = {"celular": "m", "cel": "m", "móvil": "m", "teléfono": "m", "plata": "f", "platica": "f", "dinero": "m",
          "computador": "m", "computadora": "f", "ordenador": "m", "PC": "m"}
ARTICLE = r"\b(el|la|los|las|un|una|este|esta|ese|esa|del|al)\s+"


def test_regional_swaps_keep_agreement() -> None:
    lines = customer_lines()
    for word, variants in C.regional.items():
        assert word in variants and set(variants) <= GENDER.keys(), word
        assert any(re.search(rf"\b{word}\b", line) for line in lines), f"{word} never appears"
        if len({GENDER[v] for v in variants}) > 1:
            offenders = [line for line in lines if re.search(ARTICLE + word + r"\b", line, re.IGNORECASE)]
            assert not offenders, offenders[:3]


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_rendered_text_reads_cleanly(version: str) -> None:
    values = {k: (f.v2 or f.value) if version == "v2" else f.value for k, f in C.facts.items()}
    templates = [p.body for p in C.pages]
    templates += [t for i in C.intents for t in (*i.answers, i.reference, *(a for _, a in i.followups))]
    for template in templates:
        text = template.format(**values)
        # A value ending in "p. m." must not meet the sentence's own full stop.
        assert ".." not in text and " ." not in text and " ," not in text, text
