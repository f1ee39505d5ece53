"""Check a company's content against the contract of kit/corpus/schema.py before generating from it.

The rules are the ones the eval and freshness tests rely on: fact values are distinctive (no value is a
substring of another), every answer states its required facts, every fact lives on a KB page, and no
held-out eval phrasing can show up inside a customer phrasing the conversations use.
"""

from __future__ import annotations

import re

from kit.corpus.schema import Company
from kit.text import plain as normalise  # the eval-leak test's view

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
MIN_FACTS = 40
MIN_CHANGED_FACTS = 10
MIN_PAGES = 10
MIN_PHRASINGS = 10
MIN_ANSWERS = 2
# Identifiers the generator knows how to ask for and how a customer answers (kit/corpus/dialogue.py).
KNOWN_ASKS = (
    "order_id", "tracking", "email", "phone", "name", "rfc", "curp", "clabe", "card_last4",
    "dni", "nie", "cedula", "iban", "postal_code",
)




def check_company(company: Company) -> list[str]:
    """Every way `company` breaks the content contract, one line each (empty: it is fine)."""
    problems: list[str] = []
    facts = company.facts
    where = f"kit/corpus/companies/{company.key}"
    if len(facts) < MIN_FACTS:
        problems.append(f"{where}: {len(facts)} facts, need at least {MIN_FACTS}")
    for key, fact in facts.items():
        if key != fact.id:
            problems.append(f"{where}: facts[{key!r}] has id {fact.id!r}")
    problems += _check_values(company)
    page_ids = [page.id for page in company.pages]
    if len(page_ids) < MIN_PAGES:
        problems.append(f"{where}: {len(page_ids)} KB pages, need at least {MIN_PAGES}")
    if len(set(page_ids)) != len(page_ids):
        problems.append(f"{where}: duplicate KB page ids")
    cited: dict[str, set[str]] = {}
    for page in company.pages:
        cited[page.id] = set(PLACEHOLDER.findall(page.body))
        for name in sorted(cited[page.id] - facts.keys()):
            problems.append(f"{where}: page {page.id} cites unknown fact {{{name}}}")
    on_pages = set().union(*cited.values()) if cited else set()
    for key in sorted(facts.keys() - on_pages):
        problems.append(f"{where}: fact {key} is on no KB page")
    changed = {key for key, fact in facts.items() if fact.v2 is not None}
    required_anywhere: set[str] = set()
    for intent in company.intents:
        problems += _check_intent(company, intent, cited)
        required_anywhere |= set(intent.required_facts)
    for key in sorted(changed - required_anywhere):
        problems.append(f"{where}: fact {key} changes in v2 but no intent requires it (no update item tests it)")
    if len({intent.id for intent in company.intents}) != len(company.intents):
        problems.append(f"{where}: duplicate intent ids")
    problems += _check_leaks(company)
    if not company.public_contacts:
        problems.append(f"{where}: public_contacts is empty")
    return problems


def _check_values(company: Company) -> list[str]:
    problems = []
    where = f"kit/corpus/companies/{company.key}"
    values: list[tuple[str, str]] = []
    changed = 0
    for fact in company.facts.values():
        values.append((fact.id, fact.value))
        if fact.v2 is not None:
            changed += 1
            if fact.v2 == fact.value or fact.v2 in fact.value or fact.value in fact.v2:
                problems.append(f"{where}: fact {fact.id}: v2 {fact.v2!r} must differ from {fact.value!r} "
                                "and neither may contain the other")
            values.append((f"{fact.id} (v2)", fact.v2))
    if changed < MIN_CHANGED_FACTS:
        problems.append(f"{where}: {changed} facts change in v2, need at least {MIN_CHANGED_FACTS}")
    for name_a, a in values:
        for name_b, b in values:
            if name_a.split()[0] != name_b.split()[0] and a in b:
                problems.append(f"{where}: fact {name_a} value {a!r} is inside fact {name_b} value {b!r}")
    return problems


def _check_intent(company: Company, intent, cited: dict[str, set[str]]) -> list[str]:
    problems = []
    where = f"kit/corpus/companies/{company.key}: intent {intent.id}"
    if len(intent.questions) < MIN_PHRASINGS:
        problems.append(f"{where}: {len(intent.questions)} questions, need at least {MIN_PHRASINGS}")
    if len(intent.eval_questions) < MIN_PHRASINGS:
        problems.append(f"{where}: {len(intent.eval_questions)} eval questions, need at least {MIN_PHRASINGS}")
    if len(intent.answers) < MIN_ANSWERS:
        problems.append(f"{where}: {len(intent.answers)} answers, need at least {MIN_ANSWERS}")
    if len({normalise(q) for q in intent.questions}) != len(intent.questions):
        problems.append(f"{where}: two questions are the same once normalised")
    for name in intent.required_facts:
        if name not in company.facts:
            problems.append(f"{where}: required fact {name} does not exist")
        elif not any(name in cited.get(page, set()) for page in intent.kb_ids):
            problems.append(f"{where}: required fact {name} is on none of its pages {list(intent.kb_ids)}")
    for page in intent.kb_ids:
        if page not in cited:
            problems.append(f"{where}: unknown KB page {page}")
    for text in (*intent.answers, intent.reference):
        names = set(PLACEHOLDER.findall(text))
        for name in sorted(names - company.facts.keys()):
            problems.append(f"{where}: answer cites unknown fact {{{name}}}")
        for name in intent.required_facts:
            if name not in names:
                problems.append(f"{where}: an answer or the reference does not state required fact {name}")
    for _question, answer in intent.followups:
        for name in sorted(set(PLACEHOLDER.findall(answer)) - company.facts.keys()):
            problems.append(f"{where}: follow-up cites unknown fact {{{name}}}")
    for question in (*intent.questions, *intent.eval_questions, *(q for q, _ in intent.followups)):
        for name in sorted(set(PLACEHOLDER.findall(question)) - company.slots.keys()):
            problems.append(f"{where}: phrasing uses unknown slot {{{name}}}")
    if intent.asks_for is not None and intent.asks_for not in KNOWN_ASKS:
        problems.append(f"{where}: asks_for {intent.asks_for!r} is not one of {', '.join(KNOWN_ASKS)}")
    return problems


def _check_leaks(company: Company) -> list[str]:
    """No held-out eval phrasing may sit inside anything a customer says in the conversations."""
    used = [q for intent in company.intents for q in intent.questions]
    used += [q for intent in company.intents for q, _ in intent.followups]
    used += company.greetings_customer + company.signoffs_customer + [c for c, _ in company.offtopic]
    slot = re.compile(r"\{[a-z_][a-z0-9_]*\}")
    corpus = "\n".join(normalise(slot.sub(" ", text)) for text in used)
    problems = []
    for intent in company.intents:
        for question in intent.eval_questions:
            pieces = [normalise(p) for p in slot.split(question)]
            if all(p and p in corpus for p in pieces if p):
                problems.append(f"kit/corpus/companies/{company.key}: intent {intent.id}: eval question "
                                f"{question!r} also appears among the phrasings conversations use")
    return problems
