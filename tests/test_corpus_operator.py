"""The operator's content (kit/corpus/companies/operator/) keeps the contract of kit/corpus/schema.py."""

from __future__ import annotations

import difflib
import itertools
import re
import string
import unicodedata

import pytest

from kit.corpus.companies.operator import COMPANY

PLACEHOLDER = re.compile(r"\{(\w+)\}")
FACT_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def normalise(text: str) -> str:
    """Lowercase, accents stripped, punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def filled(template: str) -> list[str]:
    """Every way the generator can fill a customer phrasing's {slot}s."""
    names = PLACEHOLDER.findall(template)
    if not names:
        return [template]
    out = []
    for values in itertools.product(*(COMPANY.slots[name] for name in names)):
        text = template
        for name, value in zip(names, values, strict=True):
            text = text.replace("{" + name + "}", value, 1)
        out.append(text)
    return out


def regional_variants(text: str) -> list[str]:
    """The phrasing plus each single regional word swap a customer might make."""
    out = [text]
    for word, variants in COMPANY.regional.items():
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        if pattern.search(text):
            out += [pattern.sub(variant, text) for variant in variants]
    return out


def customer_lines() -> list[str]:
    """Everything a customer says in a conversation, slot-filled and with regional swaps."""
    lines = [q for intent in COMPANY.intents for q in intent.questions]
    lines += [q for intent in COMPANY.intents for q, _ in intent.followups]
    lines += [line for line, _ in COMPANY.offtopic]
    expanded = [v for line in lines for f in filled(line) for v in regional_variants(f)]
    voice = COMPANY.greetings_customer + COMPANY.signoffs_customer
    return [normalise(line) for line in expanded + voice]


def test_counts() -> None:
    assert COMPANY.key == "operator" and COMPANY.country == "ES"
    assert len(COMPANY.facts) >= 45
    assert sum(1 for f in COMPANY.facts.values() if f.v2) >= 10
    assert len(COMPANY.pages) >= 10
    assert 25 <= len(COMPANY.intents) <= 30
    assert len(COMPANY.agent_names) >= 6
    assert len(COMPANY.offtopic) >= 3 and len(COMPANY.public_contacts) >= 3
    assert sum(1 for i in COMPANY.intents if i.followups) >= 5
    for intent in COMPANY.intents:
        assert len({normalise(q) for q in intent.questions}) >= 10, intent.id
        assert len({normalise(q) for q in intent.eval_questions}) >= 10, intent.id
        assert len(set(intent.answers)) >= 2, intent.id


def test_ids_are_stable_and_unique() -> None:
    for key, fact in COMPANY.facts.items():
        assert key == fact.id and FACT_ID.match(fact.id), key
    page_ids = [p.id for p in COMPANY.pages]
    assert len(set(page_ids)) == len(page_ids)
    assert all(pid.startswith("operator-") for pid in page_ids)
    intent_ids = [i.id for i in COMPANY.intents]
    assert len(set(intent_ids)) == len(intent_ids)


def test_fact_values_are_distinctive() -> None:
    values = [(f.id, f.value) for f in COMPANY.facts.values()]
    values += [(f"{f.id}.v2", f.v2) for f in COMPANY.facts.values() if f.v2]
    for (a, x), (b, y) in itertools.permutations(values, 2):
        assert x.lower() not in y.lower(), f"{a}={x!r} is inside {b}={y!r}"


def test_placeholders_resolve() -> None:
    facts, slots = set(COMPANY.facts), set(COMPANY.slots)
    agent_texts = [p.body for p in COMPANY.pages]
    for intent in COMPANY.intents:
        agent_texts += [*intent.answers, intent.reference, *(a for _, a in intent.followups)]
        for text in (*intent.questions, *intent.eval_questions, *(q for q, _ in intent.followups)):
            assert set(PLACEHOLDER.findall(text)) <= slots, (intent.id, text)
    for text in agent_texts:
        assert set(PLACEHOLDER.findall(text)) <= facts, text
    for text in COMPANY.greetings_agent:
        assert set(PLACEHOLDER.findall(text)) <= {"agent", "company"}, text
    plain = COMPANY.greetings_customer + COMPANY.signoffs_customer + COMPANY.signoffs_agent
    plain += COMPANY.agent_macros + COMPANY.signatures + [x for pair in COMPANY.offtopic for x in pair]
    assert not [t for t in plain if "{" in t or "}" in t]


def test_every_fact_is_on_a_page() -> None:
    cited = {name for page in COMPANY.pages for name in PLACEHOLDER.findall(page.body)}
    assert set(COMPANY.facts) - cited == set()


def test_intents_cite_their_required_facts() -> None:
    pages = {p.id: p.body for p in COMPANY.pages}
    for intent in COMPANY.intents:
        assert intent.required_facts and set(intent.required_facts) <= set(COMPANY.facts), intent.id
        assert intent.kb_ids and set(intent.kb_ids) <= set(pages), intent.id
        kb_text = "".join(pages[k] for k in intent.kb_ids)
        for fact in intent.required_facts:
            for text in (*intent.answers, intent.reference):
                assert "{" + fact + "}" in text, (intent.id, fact, text)
            assert "{" + fact + "}" in kb_text, f"{intent.id}: {fact} is on none of its kb_ids"
        assert intent.asks_for in (None, "phone", "dni"), intent.id
    assert {i.id for i in COMPANY.intents if i.escalate} >= {"theft", "fraud_charges", "fault_fiber"}


def test_policy_update_is_testable() -> None:
    """Every changed fact differs from its old value and some intent's eval items ask for it."""
    required = {f for intent in COMPANY.intents for f in intent.required_facts}
    for fact in COMPANY.facts.values():
        if fact.v2:
            assert fact.v2 != fact.value and fact.id in required, fact.id


def test_policy_update_leaves_no_stale_value() -> None:
    """Rendered with v2, no page or answer still states an old value (no hard-coded facts)."""
    v1 = {f.id: f.value for f in COMPANY.facts.values()}
    v2 = {f.id: f.v2 or f.value for f in COMPANY.facts.values()}
    old = [f.value for f in COMPANY.facts.values() if f.v2]
    new = [f.v2 for f in COMPANY.facts.values() if f.v2]
    templates = [p.body for p in COMPANY.pages]
    for intent in COMPANY.intents:
        templates += [*intent.answers, intent.reference, *(a for _, a in intent.followups)]
    for template in templates:
        assert not [value for value in old if value in template.format_map(v2)], template
        assert not [value for value in new if value in template.format_map(v1)], template


def test_eval_questions_are_held_out() -> None:
    lines = customer_lines()
    questions = {normalise(f) for i in COMPANY.intents for q in i.questions for f in filled(q)}
    evals = [normalise(q) for intent in COMPANY.intents for q in intent.eval_questions]
    assert len(set(evals)) == len(evals), "an eval question is repeated"
    for ev in evals:
        assert len(ev.split()) >= 4, ev
        assert not [line for line in lines if ev in line], ev
        assert not [q for q in questions if q in ev], ev


def test_eval_questions_are_not_one_word_edits() -> None:
    for intent in COMPANY.intents:
        for ev, q in itertools.product(intent.eval_questions, intent.questions):
            ratio = difflib.SequenceMatcher(None, normalise(ev), normalise(q)).ratio()
            assert ratio < 0.8, (intent.id, ev, q)


@pytest.mark.parametrize("contact", ["phone_support", "phone_other", "phone_abroad", "fraud_line", "web"])
def test_public_contacts_cover_the_operators_numbers(contact: str) -> None:
    assert COMPANY.facts[contact].value in COMPANY.public_contacts


def test_text_is_clean_utf8_spanish() -> None:
    texts = [p.body for p in COMPANY.pages] + [f.value for f in COMPANY.facts.values()]
    for intent in COMPANY.intents:
        texts += [*intent.questions, *intent.eval_questions, *intent.answers, intent.reference]
    bad = [t for t in texts if unicodedata.normalize("NFC", t) != t or "Ã" in t or "Â" in t]
    assert not bad
    joined = " ".join(texts)
    assert all(ch in joined for ch in "ñáéíóú¿¡")
    assert not set(joined) & set(string.whitespace.replace(" ", "").replace("\n", ""))
