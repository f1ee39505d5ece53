"""Generate a company's synthetic corpus: conversations, held-out eval items, a policy update, KB pages.

Deterministic for a seed: every random choice comes from random.Random streams seeded with strings
(seed, company, purpose), never from global state or hash(); dicts are iterated in a fixed order.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from kit.corpus.conversation import compose
from kit.corpus.dialogue import PLACEHOLDER, Scene, fill
from kit.corpus.pii_text import PUBLIC_ADDRESSES
from kit.corpus.schema import Company, PlantedItem
from kit.data.schema import Conversation, EvalItem
from kit.errors import ChatkitError

COMPANIES = ("shop", "operator", "bank")
DEFAULT_SIZES = {"shop": 2000, "operator": 1000, "bank": 1000}
ID_FORMATS = {"shop": "shop-{:06d}", "operator": "{:d}", "bank": "CB{:06d}"}
ID_OFFSETS = {"operator": 100000}  # helpdesk ticket numbers do not start at 1
START = datetime(2025, 1, 6)  # conversations span the first half of 2025, before the policy update
DAYS = 175


@dataclass
class CorpusOutput:
    """Everything generated for one company."""

    company: Company
    conversations: list[Conversation]
    eval_items: list[EvalItem]
    update_items: list[EvalItem]  # questions whose answer changed in the policy update (v2)
    kb_pages: list[tuple[str, str, str]]  # (page id, title, markdown)
    kb_pages_v2: list[tuple[str, str, str]]
    pii_labels: list[PlantedItem]


def load_company(key: str) -> Company:
    """The content of company `key` (shop | operator | bank).

    Raises:
        ChatkitError: unknown key, or its content module is missing.
    """
    if key not in COMPANIES:
        raise ChatkitError(f"unknown company {key!r}; choose one of: {', '.join(COMPANIES)}")
    try:
        module = importlib.import_module(f"kit.corpus.companies.{key}")
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith("kit.corpus.companies"):
            raise ChatkitError(f"company {key!r} has no content yet (kit/corpus/companies/{key}/ is missing)") from e
        raise
    return module.COMPANY


def generate(key: str, seed: int, n: int | None = None) -> CorpusOutput:
    """Generate `n` conversations (default: the shipped size) plus eval items, update items and KB pages.

    Raises:
        ChatkitError: unknown company, missing content, or n < 1.
    """
    company = load_company(key)
    n = DEFAULT_SIZES[key] if n is None else n
    if n < 1:
        raise ChatkitError(f"--n must be >= 1 (got {n})")
    scene = Scene(company, seed)
    rng = random.Random(f"{seed}:{key}:conversations")
    times = _timestamps(random.Random(f"{seed}:{key}:times"), n)
    conversations: list[Conversation] = []
    labels: list[PlantedItem] = []
    seen: set[bytes] = set()
    # Millions of small acyclic objects: the cyclic GC would rescan them all again and again (quadratic).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _fill(scene, rng, key, n, times, conversations, labels, seen)
    finally:
        if gc_was_enabled:
            gc.enable()
    eval_items, update_items = eval_sets(company, seed)
    return CorpusOutput(
        company=company,
        conversations=conversations,
        eval_items=eval_items,
        update_items=update_items,
        kb_pages=kb_pages(company, version=1),
        kb_pages_v2=kb_pages(company, version=2),
        pii_labels=labels,
    )


def _fill(scene: Scene, rng: random.Random, key: str, n: int, times: list[str], conversations: list[Conversation],
          labels: list[PlantedItem], seen: set[bytes]) -> None:
    pool = max(50, n * 2 // 3)  # a third of the conversations come from customers who wrote before
    for i in range(n):
        conv_id = ID_FORMATS[key].format(i + 1 + ID_OFFSETS.get(key, 0))
        for _ in range(50):  # a repeat is rare; draw again until this conversation is new
            conv, items = compose(scene, rng, conv_id, times[i], rng.randrange(pool))
            digest = hashlib.blake2b("\x1e".join(m.content for m in conv.messages).encode(), digest_size=16).digest()
            if digest not in seen:
                break
        else:  # pragma: no cover - would need a corpus far larger than its content allows
            raise ChatkitError(f"could not make conversation {i + 1} different from the others; lower --n")
        seen.add(digest)
        conversations.append(conv)
        labels.extend(items)


def _timestamps(rng: random.Random, n: int) -> list[str]:
    """Sorted local times between 08:00 and 21:30, busier at midday."""
    out = []
    for _ in range(n):
        day = rng.randrange(DAYS)
        minute = int(min(max(rng.gauss(14 * 60, 3 * 60), 8 * 60), 21 * 60 + 30))
        out.append(START + timedelta(days=day, minutes=minute, seconds=rng.randrange(60)))
    return [t.isoformat() for t in sorted(out)]


def fact_values(company: Company, version: int) -> dict[str, str]:
    """Fact id -> the value stated in KB version 1 or 2."""
    return {k: (f.v2 if version == 2 and f.v2 is not None else f.value) for k, f in company.facts.items()}


def kb_pages(company: Company, version: int) -> list[tuple[str, str, str]]:
    """(id, title, markdown) for each KB page, facts filled in for policy version 1 or 2."""
    values = fact_values(company, version)
    pages = [(p.id, p.title, f"# {p.title}\n\n{fill(p.body, values).strip()}\n") for p in company.pages]
    office = PUBLIC_ADDRESSES.get(company.key)
    if office:  # public: redaction keeps it (prepare reads the KB into its allowlist)
        pages.append(("oficinas", "Oficinas", f"# Oficinas\n\nNuestra oficina de atención presencial está en {office}.\n"))
    return pages


def eval_sets(company: Company, seed: int) -> tuple[list[EvalItem], list[EvalItem]]:
    """Held-out eval items (every eval phrasing) and update items (those whose answer changed in v2)."""
    rng = random.Random(f"{seed}:{company.key}:eval")
    v1, v2 = fact_values(company, 1), fact_values(company, 2)
    changed = {k for k, f in company.facts.items() if f.v2 is not None}
    evals: list[EvalItem] = []
    updates: list[EvalItem] = []
    for intent in company.intents:
        stale = [v1[k] for k in intent.required_facts if k in changed]
        for question in intent.eval_questions:
            text = PLACEHOLDER.sub(lambda m: rng.choice(company.slots.get(m.group(1)) or [m.group(0)]), question)
            meta = {"intent": intent.id, "topic": intent.topic, "escalate": intent.escalate, "company": company.key}
            evals.append(EvalItem(
                id=f"{company.key}-eval-{len(evals) + 1:04d}", question=text, reference=fill(intent.reference, v1),
                required_facts=[v1[k] for k in intent.required_facts], kb_ids=list(intent.kb_ids),
                meta={**meta, "policy_version": 1},
            ))
            if stale:
                updates.append(EvalItem(
                    id=f"{company.key}-update-{len(updates) + 1:04d}", question=text,
                    reference=fill(intent.reference, v2), required_facts=[v2[k] for k in intent.required_facts],
                    stale_facts=stale, kb_ids=list(intent.kb_ids), meta={**meta, "policy_version": 2},
                ))
    return evals, updates
