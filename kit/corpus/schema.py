"""What a fictional company's content is made of: facts, KB pages, intents and the voice of its logs.

Content modules (kit/corpus/companies/<key>.py) each define `COMPANY: Company`. The generator
(kit/corpus/generate.py) turns one into conversations, eval items and a policy update.

Placeholders: KB page bodies, agent answers and references use `{fact_id}` for a fact's value, so a
policy update (fact.v2) changes every page and answer that cites it. Customer phrasings may use
`{slot}` names from Company.slots (e.g. {producto}, {ciudad}) filled at random.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    id: str  # stable, snake_case, e.g. "return_window"
    value: str  # as an answer must state it, e.g. "30 días"; distinctive (never a substring of another fact)
    v2: str | None = None  # the new value after the policy update (None: unchanged)


@dataclass(frozen=True)
class KBPage:
    id: str  # stable page id, e.g. "shop-devoluciones"
    title: str  # e.g. "Devoluciones y reembolsos"
    body: str  # Markdown (no front matter; the generator adds it), cites facts as {fact_id}


@dataclass(frozen=True)
class Intent:
    id: str  # e.g. "return_window"
    topic: str  # category for stratified splits, e.g. "devoluciones"
    kb_ids: tuple[str, ...]  # pages that hold the answer
    questions: tuple[str, ...]  # >= 10 customer phrasings used in conversations
    eval_questions: tuple[str, ...]  # >= 10 held-out phrasings, NEVER used in conversations
    answers: tuple[str, ...]  # >= 2 agent answer templates citing {fact_id}s
    required_facts: tuple[str, ...]  # fact ids every correct answer must contain
    reference: str  # canonical answer template for eval items (cites the same facts)
    asks_for: str | None = None  # identifier the agent asks for first: "order_id", "phone", "card_last4", ...
    escalate: bool = False  # the policy says: hand over to a human agent
    followups: tuple[tuple[str, str], ...] = ()  # optional (customer question, agent answer) pairs


@dataclass
class Company:
    key: str  # "shop" | "operator" | "bank"
    name: str  # fictional brand name
    country: str  # "MX" | "ES" | "CO"
    description: str  # one line, for the folder README
    facts: dict[str, Fact]
    pages: list[KBPage]
    intents: list[Intent]
    agent_names: list[str]
    greetings_customer: list[str]
    greetings_agent: list[str]  # may use {agent}, {company}
    signoffs_customer: list[str]
    signoffs_agent: list[str]
    agent_macros: list[str]  # canned lines agents paste ("Gracias por contactar a ...")
    signatures: list[str]  # appended by some agents ("--\nLaura | Soporte ...")
    offtopic: list[tuple[str, str]]  # (customer line, agent reply)
    public_contacts: list[str]  # the company's own phones, emails, web: never redacted
    slots: dict[str, list[str]] = field(default_factory=dict)  # values for {slot} in customer phrasings
    regional: dict[str, list[str]] = field(default_factory=dict)  # word -> regional variants used by customers
    channels: list[str] = field(default_factory=list)  # where chats arrive ("chat web", "WhatsApp"); empty: "chat"

@dataclass
class PlantedItem:
    """A value the generator planted in a message: personal data (pii=True) or a look-alike (pii=False)."""

    conversation_id: str
    message: int  # index into Conversation.messages
    type: str  # NAME, EMAIL, PHONE, DNI, NIE, CURP, RFC, CEDULA, CARD, IBAN, CLABE | ORDER, TRACKING, ...
    value: str
    start: int  # offsets into that message's content: content[start:end] == value
    end: int
    pii: bool

    def to_json(self) -> dict:
        return {"type": self.type, "message": self.message, "start": self.start, "end": self.end,
                "value": self.value, "pii": self.pii}
