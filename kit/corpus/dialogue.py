"""One synthetic support conversation: who says what, in which order, and where each planted value sits.

A message is composed as pieces (plain text or a planted value); customer noise touches plain pieces
only, so after joining, every planted value's offsets are exact.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from kit.corpus import lines, noise, pii
from kit.corpus.noise import Style
from kit.corpus.schema import Company, Intent

GREETS = re.compile(r"^\W*(hola|buen[oa]s?|qu[ée] tal|al[óo]|oigan|muy buenas)\b", re.IGNORECASE)

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
CONTEXT = "context"  # piece kind: the words that introduce a planted value (not itself an item)
AMOUNT_SLOTS = ("monto", "importe", "precio", "amount")  # slot values that are amounts: labelled AMOUNT


@dataclass
class Piece:
    text: str
    kind: str | None = None  # planted item type ("EMAIL", "ORDER", ...), CONTEXT, or None for plain text


Draft = list[Piece]


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {name} placeholders; unknown names stay visible (the validator reports them)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class Scene:
    """Everything about one company that every conversation reuses, computed once."""

    def __init__(self, company: Company, seed: int):
        self.company = company
        self.key = company.key
        self.country = company.country
        self.seed = seed
        facts = {key: fact.value for key, fact in company.facts.items()}
        self.answers = {i.id: [fill(a, facts) for a in i.answers] for i in company.intents}
        self.followups = {i.id: [(q, fill(a, facts)) for q, a in i.followups] for i in company.intents}
        self.regional = noise.regional_pattern(company.regional)
        self.macros = [m for m in company.agent_macros if "?" not in m and not _handover(m)]
        self.handovers = [m for m in company.agent_macros if "?" not in m and _handover(m)]
        self.channels = company.channels or ["chat"]
        self.by_topic: dict[str, list[Intent]] = {}
        for intent in company.intents:
            self.by_topic.setdefault(intent.topic, []).append(intent)
        self.public_digits = {re.sub(r"\D", "", c) for c in company.public_contacts if re.sub(r"\D", "", c)}
        self.contacts = sorted(company.public_contacts, key=len, reverse=True)
        weights = lines.VOLUNTEER_WEIGHTS.get(self.country, lines.VOLUNTEER_WEIGHTS["MX"])
        self.volunteer_types = sorted(weights)
        self.volunteer_weights = {i.id: _topic_weights(i, self.volunteer_types, weights) for i in company.intents}
        self._personas: dict[int, pii.Persona] = {}
        self._intent_cycle: list[Intent] = []
        self._question_cycles: dict[str, list[str]] = {}

    # -- cycling keeps every intent and every phrasing in use, whatever n is ------------------------

    def next_intent(self, rng: random.Random) -> Intent:
        if not self._intent_cycle:
            self._intent_cycle = list(self.company.intents)
            rng.shuffle(self._intent_cycle)
        return self._intent_cycle.pop()

    def next_question(self, rng: random.Random, intent: Intent) -> str:
        cycle = self._question_cycles.get(intent.id)
        if not cycle:
            cycle = self._question_cycles[intent.id] = list(intent.questions)
            rng.shuffle(cycle)
        return cycle.pop()

    def persona(self, index: int) -> pii.Persona:
        if index not in self._personas:
            self._personas[index] = pii.make_persona(random.Random(f"{self.seed}:{self.key}:persona:{index}"), self.country)
        return self._personas[index]

    # -- planted values -----------------------------------------------------------------------------

    def value(self, rng: random.Random, kind: str, persona: pii.Persona) -> str:
        """A value of item type `kind` as this customer would type it."""
        if kind == "EMAIL":
            return persona.email
        if kind == "PHONE":
            country = self.country if rng.random() < 0.85 else rng.choice(("MX", "ES", "CO"))
            digits = persona.phone if country == self.country else pii.make_persona(rng, country).phone
            while digits in self.public_digits:
                digits = pii.make_persona(rng, country).phone
            return pii.format_phone(rng, digits, country)
        makers = {
            "CURP": lambda: pii.curp(rng, persona), "RFC": lambda: pii.rfc(rng, persona),
            "DNI": lambda: pii.dni(rng), "NIE": lambda: pii.nie(rng), "CEDULA": lambda: pii.cedula(rng),
            "CARD": lambda: pii.card(rng), "IBAN": lambda: pii.iban_es(rng), "CLABE": lambda: pii.clabe(rng),
            "ORDER": lambda: pii.order_id(rng, self.key), "TRACKING": lambda: pii.tracking(rng, self.key),
            "AMOUNT": lambda: pii.amount(rng, self.country), "DATE": lambda: pii.date(rng),
            "POSTAL": lambda: pii.postal(rng, self.country), "SKU": lambda: pii.sku(rng),
        }
        return makers[kind]()

    def framed(self, rng: random.Random, frames: list[str], kind: str, value: str, word: str = "") -> Draft:
        """Pieces for a frame like 'mi correo es {v}' with the value planted as an item."""
        before, _, after = rng.choice(frames).replace("{w}", word).partition("{v}")
        pieces = [Piece(before, CONTEXT)] if before else []  # "mi cédula es": kept free of typos
        pieces.append(Piece(value, kind))
        if after:
            pieces.append(Piece(after))
        return pieces

    def question(self, rng: random.Random, intent: Intent, template: str | None = None) -> Draft:
        """A customer phrasing of `intent` with its {slot}s filled (amount slots become AMOUNT items)."""
        template = template if template is not None else self.next_question(rng, intent)
        pieces: Draft = []
        last = 0
        for match in PLACEHOLDER.finditer(template):
            pieces.append(Piece(template[last:match.start()]))
            name = match.group(1)
            options = self.company.slots.get(name) or [match.group(0)]
            pieces.append(Piece(rng.choice(options), "AMOUNT" if name in AMOUNT_SLOTS else None))
            last = match.end()
        pieces.append(Piece(template[last:]))
        return [p for p in pieces if p.text]

    def name_as_typed(self, rng: random.Random, persona: pii.Persona) -> str:
        roll = rng.random()
        if roll < 0.4:
            return persona.full_name
        if roll < 0.9:
            return f"{persona.first} {persona.surname1}"
        return persona.first


def _topic_weights(intent: Intent, types: list[str], weights: dict[str, float]) -> list[float]:
    """Volunteered data fits the topic: a CLABE comes up with refunds, an RFC with invoices."""
    about = f"{intent.id} {intent.topic}".lower()
    out = []
    for kind in types:
        hints = lines.TOPIC_HINTS.get(kind)
        factor = 1.0 if hints is None else 4.0 if any(h in about for h in hints) else 0.15
        out.append(weights[kind] * factor)
    return out


def _handover(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in lines.HANDOVER_WORDS)


def render_customer(rng: random.Random, scene: Scene, draft: Draft, style: Style) -> Draft:
    """Apply the customer's habits to plain pieces; names follow their case/accent habits too."""
    out: Draft = []
    for piece in draft:
        if piece.kind is None:
            text = noise.regionalise(rng, piece.text, *scene.regional)
            out.append(Piece(noise.roughen(rng, text, style)))
        elif piece.kind in ("NAME", CONTEXT):  # case and accent habits, but no typos
            text = piece.text.translate(noise.STRIP_ACCENTS) if style.no_accents else piece.text
            out.append(Piece(text.upper() if style.shout else text.lower() if style.lower else text, piece.kind))
        else:
            out.append(piece)
    if out and out[-1].kind is None:
        out[-1] = Piece(noise.finish(rng, out[-1].text, style))
    elif rng.random() < style.emoji:
        out.append(Piece(" " + rng.choice(noise.EMOJIS)))
    return out


def join(style: Style | None, *sentences: Draft) -> Draft:
    """Sentences of one message: separated by a space, a line break (multi-line typists) or glued (run-on)."""
    out: Draft = []
    for sentence in sentences:
        if not sentence:
            continue
        if out:
            if style is not None and style.run_on and out[-1].kind is None:
                out[-1] = Piece(out[-1].text.rstrip(".!,;: "))
                out.append(Piece(" "))
                if sentence[0].kind in (None, CONTEXT):  # glued sentences run on in lowercase
                    sentence = [Piece(lower_first(sentence[0].text), sentence[0].kind), *sentence[1:]]
            else:
                if out[-1].kind is None and out[-1].text[-1:].isalnum():
                    out[-1] = Piece(out[-1].text + ".")  # a question typed without its "?" still ends here
                out.append(Piece("\n" if style is not None and style.multiline else " "))
        out.extend(sentence)
    return out


def lower_first(text: str) -> str:
    """'¿Cuánto tarda?' -> '¿cuánto tarda?'"""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.lower() + text[i + 1:]
    return text


def as_sentence(pieces: Draft) -> Draft:
    """Capitalise the first letter and end with a full stop when the frame has no punctuation."""
    if not pieces:
        return pieces
    first = pieces[0]
    if first.kind in (None, CONTEXT):
        pieces = [Piece(first.text[:1].upper() + first.text[1:], first.kind), *pieces[1:]]
    if pieces[-1].kind not in (None, CONTEXT) or pieces[-1].text[-1:] not in ".?!:":
        pieces = [*pieces, Piece(".")]
    return pieces


def label_contacts(text: str, contacts: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans of the company's public contacts in an agent message (longest first)."""
    taken: list[tuple[int, int, str]] = []
    for contact in contacts:
        start = text.find(contact)
        while start != -1:
            end = start + len(contact)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, contact))
            start = text.find(contact, end)
    return sorted(taken)
