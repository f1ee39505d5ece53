"""Compose one conversation: opening, question, identifier, answer, follow-ups, small talk, closing.

Blocks of (customer, agent) turns are planned first, optional ones are dropped until the conversation
fits in 10 messages, then messages are rendered and the planted values located.
"""

from __future__ import annotations

import random

from kit.corpus import lines
from kit.corpus.dialogue import (
    CONTEXT,
    GREETS,
    Draft,
    Piece,
    Scene,
    as_sentence,
    join,
    label_contacts,
    lower_first,
    render_customer,
)
from kit.corpus.noise import Style, sample_style
from kit.corpus.pii import Persona
from kit.corpus.schema import Intent, PlantedItem
from kit.data.schema import Conversation, Message

MAX_MESSAGES = 10




class _Plan:
    """The conversation as blocks of turns; each turn is (role, draft)."""

    REQUIRED, CLOSING, EXTRA = 0, 1, 2  # what is dropped first when a conversation runs long: extras

    def __init__(self) -> None:
        self.blocks: list[tuple[int, list[tuple[str, Draft]]]] = []

    def add(self, turns: list[tuple[str, Draft]], level: int = REQUIRED) -> None:
        self.blocks.append((level, turns))

    def turns(self) -> list[tuple[str, Draft]]:
        while sum(len(t) for _, t in self.blocks) > MAX_MESSAGES:
            top = max(level for level, _ in self.blocks)
            del self.blocks[max(i for i, (level, _) in enumerate(self.blocks) if level == top)]
        return [turn for _, turns in self.blocks for turn in turns]


def compose(
    scene: Scene, rng: random.Random, conv_id: str, created_at: str, customer: int
) -> tuple[Conversation, list[PlantedItem]]:
    """Build one conversation (customer number `customer` of the persona pool) and the items planted in it."""
    company = scene.company
    persona = scene.persona(customer)
    style = sample_style(rng, scene.country)
    agent = rng.choice(company.agent_names)
    reg = "usted" if rng.random() < 0.75 or style.register == "usted" else "tu"
    pos = "su" if reg == "usted" else "tu"
    intent = scene.next_intent(rng)
    intents = [intent]
    plan = _Plan()
    name_given = rng.random() < 0.3

    def agent_line(template: str) -> Draft:
        return [Piece(template.replace("{agent}", agent).replace("{company}", company.name))]

    greeting = [Piece(rng.choice(company.greetings_customer))]
    if name_given:  # "Hola, soy María López." / "hola!! Soy María López."
        frame = rng.choice(lines.NAME_INTROS).split("{}")[0]
        glued = greeting[0].text[-1:] not in ".!?"
        greeting += [Piece(", " + frame if glued else " " + frame[:1].upper() + frame[1:]),
                     Piece(scene.name_as_typed(rng, persona), "NAME"), Piece(".")]
    opening = rng.random()
    asked = scene.question(rng, intent)
    if GREETS.match(asked[0].text) and opening >= 0.3:
        opening, name_given = 1.0, False  # the phrasing says hello itself: no second greeting
    question = _with_volunteered(scene, rng, intent, persona, style, asked)
    if opening < 0.3:
        asks_already = any(w in greeting[0].text.lower() for w in ("duda", "pregunta", "consulta", "ayud"))
        wants_help = rng.random() < 0.4 and not asks_already
        help_line = [Piece(rng.choice(lines.CUSTOMER_HELP[style.register]))] if wants_help else []
        first = join(style, greeting, help_line)
        plan.add([("user", first), ("assistant", agent_line(rng.choice(company.greetings_agent)))])
        main = question
    elif opening < 0.75:
        main = join(style, greeting, question)
    else:
        main = question
        name_given = False  # the greeting (and the name in it) was not sent
    gave: set[str] = set()
    turns = [("user", main)] + _identify(scene, rng, intent, persona, style, reg, pos, gave)
    turns.append(("assistant", _answer(scene, rng, intent, persona, reg, name_given, gave, first_answer=True)))
    plan.add(turns)

    extras = []
    if scene.followups[intent.id] and rng.random() < 0.3:
        q, a = rng.choice(scene.followups[intent.id])
        extras.append([("user", scene.question(rng, intent, q)), ("assistant", [Piece(a)])])
    if rng.random() < 0.22:
        pool = scene.by_topic[intent.topic] if rng.random() < 0.5 else company.intents
        second = rng.choice([i for i in pool if i.id != intent.id] or company.intents)
        if second.id != intent.id:
            intents.append(second)
            prefix = rng.choice(lines.SECOND_QUESTION)
            asked = scene.question(rng, second)
            if prefix.endswith((", ", "y ")) and asked[0].kind is None:
                asked[0] = Piece(lower_first(asked[0].text))
            block = [("user", [Piece(prefix), *asked] if prefix else asked)]
            block += _identify(scene, rng, second, persona, style, reg, pos, gave)
            block.append(("assistant", _answer(scene, rng, second, persona, reg, False, gave, first_answer=False)))
            extras.append(block)
    if company.offtopic and rng.random() < 0.08:
        q, a = rng.choice(company.offtopic)
        extras.append([("user", [Piece(q)]), ("assistant", [Piece(a)])])
    rng.shuffle(extras)
    for block in extras:
        plan.add(block, _Plan.EXTRA)

    if rng.random() < 0.8:
        thanks = lines.CUSTOMER_THANKS[style.register] if rng.random() < 0.15 else company.signoffs_customer
        bye = [Piece(rng.choice(thanks))]
        if name_given and rng.random() < 0.2:
            frame = rng.choice(lines.NAME_SIGNOFFS).split("{}")
            bye = join(style, bye, [Piece(frame[0]), Piece(persona.first, "NAME"), Piece(frame[1])])
        closing = [("user", [p for p in bye if p.text])]
        if rng.random() < 0.9:
            closing.append(("assistant", agent_line(rng.choice(company.signoffs_agent))))
        plan.add(closing, _Plan.CLOSING)

    turns = plan.turns()
    if turns[-1][0] == "assistant" and company.signatures and rng.random() < 0.25:
        turns[-1] = ("assistant", turns[-1][1] + [Piece("\n")] + agent_line(rng.choice(company.signatures)))
    conv, items = _render(scene, rng, conv_id, created_at, customer, agent, style, intents, turns)
    from kit.corpus.plant import plant_more

    return plant_more(scene, conv, items, style, persona)


def _with_volunteered(scene: Scene, rng: random.Random, intent: Intent, persona: Persona, style: Style,
                      question: Draft) -> Draft:
    """Customers often add data nobody asked for: their email, phone, an order number, a date."""
    roll = rng.random()
    count = 0 if roll < 0.5 else 1 if roll < 0.85 else 2
    sentences = [question]
    kinds: list[str] = []
    for _ in range(count):  # distinct types: nobody gives two emails in one breath
        kind = rng.choices(scene.volunteer_types, weights=scene.volunteer_weights[intent.id])[0]
        if kind not in kinds:
            kinds.append(kind)
    for kind in kinds:
        value = scene.value(rng, kind, persona)
        sentences.append(as_sentence(scene.framed(rng, lines.VOLUNTEERED[kind], kind, value)))
    if rng.random() < 0.5:
        sentences[1:] = sentences[1:][::-1]
    return join(style, *sentences)


def _identify(scene: Scene, rng: random.Random, intent: Intent, persona: Persona, style: Style, reg: str, pos: str,
              gave: set[str]) -> list[tuple[str, Draft]]:
    """The agent asks for the identifier the policy needs; the customer answers with it."""
    if intent.asks_for is None or intent.asks_for in gave:
        return []
    gave.add(intent.asks_for)
    what, kind, word = lines.IDENTIFIERS.get(intent.asks_for, ("{pos} " + intent.asks_for.replace("_", " "), "ORDER", "número"))
    ask = [Piece(rng.choice(lines.AGENT_ASK[reg]).replace("{what}", what.replace("{pos}", pos)))]
    if scene.macros and rng.random() < 0.25:
        ask = [Piece(rng.choice(scene.macros) + " ")] + ask
    if kind is None:  # last 4 digits of a card; some customers paste the whole number anyway
        if rng.random() < 0.25:
            reply = scene.framed(rng, lines.REPLY_FRAMES, "CARD", scene.value(rng, "CARD", persona), word)
            gave.add("__full_card__")
        else:
            reply = [Piece(rng.choice(lines.LAST4_FRAMES).replace("{d}", f"{rng.randrange(10000):04d}"))]
    else:
        if kind == "DNI" and rng.random() < 0.25:
            kind = "NIE"
        value = scene.name_as_typed(rng, persona) if kind == "NAME" else scene.value(rng, kind, persona)
        frames = lines.CEDULA_FRAMES if kind == "CEDULA" else lines.REPLY_FRAMES
        reply = scene.framed(rng, frames, kind, value, word)
        if kind == "ORDER" and reply[0].kind == "ORDER" and rng.random() < 0.4:
            reply = [Piece("#")] + reply
    return [("assistant", ask), ("user", reply)]


def _answer(scene: Scene, rng: random.Random, intent: Intent, persona: Persona, reg: str, name_given: bool,
            gave: set[str], first_answer: bool) -> Draft:
    parts: Draft = []
    if intent.asks_for and rng.random() < 0.6:
        parts.append(Piece(rng.choice(lines.AGENT_ACK[reg]) + " "))
    if name_given and first_answer and rng.random() < 0.35:
        before, _, after = rng.choice(lines.AGENT_NAME_ACK).partition("{name}")
        parts += [Piece(before), Piece(persona.first, "NAME"), Piece(after + " ")]
    if "__full_card__" in gave and intent.asks_for == "card_last4":
        parts.append(Piece(lines.CARD_WARNING[reg] + " "))
    elif scene.macros and rng.random() < 0.2:
        parts.append(Piece(rng.choice(scene.macros) + " "))
    parts.append(Piece(rng.choice(scene.answers[intent.id])))
    if intent.escalate and scene.handovers and rng.random() < 0.3:
        parts.append(Piece(" " + rng.choice(scene.handovers)))
    elif rng.random() < 0.25:
        parts.append(Piece(" " + rng.choice(lines.AGENT_MORE[reg])))
    return [p for p in parts if p.text]


def _render(scene: Scene, rng: random.Random, conv_id: str, created_at: str, customer: int, agent: str, style: Style,
            intents: list[Intent], turns: list[tuple[str, Draft]]) -> tuple[Conversation, list[PlantedItem]]:
    messages: list[Message] = []
    items: list[PlantedItem] = []
    for index, (role, draft) in enumerate(turns):
        if role == "user":
            draft = render_customer(rng, scene, draft, style)
        text = ""
        for piece in draft:
            if piece.kind not in (None, CONTEXT):
                items.append(PlantedItem(conv_id, index, piece.kind, piece.text, len(text), len(text) + len(piece.text),
                                         piece.kind in lines.PII_TYPES))
            text += piece.text
        if role == "assistant":
            for start, end, contact in label_contacts(text, scene.contacts):
                items.append(PlantedItem(conv_id, index, "CONTACT", contact, start, end, False))
        messages.append(Message(role, text))
    meta = {
        "company": scene.key,
        "intents": [i.id for i in intents],
        "topic": intents[0].topic,
        "customer_id": customer_id(scene.key, customer),
        "created_at": created_at,
        "channel": rng.choice(scene.channels),
        "agent": agent,
    }
    items.sort(key=lambda it: (it.message, it.start))
    return Conversation(conv_id, messages, meta), items


def customer_id(key: str, index: int) -> str:
    """The helpdesk's id for a customer (not personal data: an internal number)."""
    return {"shop": "C", "operator": "CL", "bank": "CB"}.get(key, "C") + f"{100000 + index * 7 % 900000:06d}"
