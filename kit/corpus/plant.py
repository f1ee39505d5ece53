"""Plant personal data without check digits (and its look-alikes) into a composed conversation.

Runs after kit.corpus.conversation has rendered a conversation, on its own random stream (seeded by the
conversation id), and only appends a sentence to a message or puts a greeting in front of one: the
conversation stream and every other planted value are left as they were, and labels stay exact.

Personal data (pii=True): ADDRESS, BIRTH_DATE, PASSPORT, PLATE, USERNAME, EMAIL_OBFUSCATED,
PHONE_OBFUSCATED, NAME_FREE (a name in a greeting, a signature, a third party, all capitals).
Look-alikes (pii=False): PUBLIC_ADDRESS (the company's office, in its KB), PLACE (places named after
people, metro stations, streets without a number), OTHER_DATE (not a birth date), MODEL (model numbers
shaped like plates and passports).
"""

from __future__ import annotations

import random

from kit.corpus import pii_text
from kit.corpus.dialogue import GREETS, Scene
from kit.corpus.noise import STRIP_ACCENTS, Style
from kit.corpus.pii import FEMALE_NAMES, Persona
from kit.corpus.schema import PlantedItem
from kit.data.schema import Conversation, Message

PII_RATE = 0.55  # share of conversations that get one of the new personal-data types
LOOKALIKE_RATE = 0.4
PII_WEIGHTS = {"ADDRESS": 3, "BIRTH_DATE": 2, "PASSPORT": 1.5, "PLATE": 1.5, "USERNAME": 1.5, "EMAIL_OBFUSCATED": 2,
               "PHONE_OBFUSCATED": 2, "NAME_FREE": 2.5}  # fmt: skip
LOOKALIKE_WEIGHTS = {"PUBLIC_ADDRESS": 1, "PLACE": 1.5, "OTHER_DATE": 1, "MODEL": 1}
FRAMES = {
    "ADDRESS": ["mi dirección es {v}", "envíenlo a {v}", "vivo en {v}", "la dirección de entrega es {v}",
                "dirección: {v}", "cambié de domicilio, ahora es {v}"],
    "BIRTH_DATE": ["nací el {v}", "mi fecha de nacimiento es {v}", "fecha de nacimiento: {v}", "mi cumpleaños es el {v}",
                   "F. nac. {v}"],
    "PASSPORT": ["mi pasaporte es {v}", "pasaporte {v}", "el número de pasaporte es {v}", "tengo pasaporte, es el {v}"],
    "PLATE": {"MX": ["la placa de mi carro es {v}", "placas {v}", "mi carro tiene placas {v}"],
              "ES": ["la matrícula es {v}", "matrícula del coche: {v}", "el coche con matrícula {v}"],
              "CO": ["la placa de la moto es {v}", "placa {v}", "el carro de placas {v}"]},
    "USERNAME": ["mi usuario de instagram es {v}", "búscame en tiktok como {v}", "mi ig: {v}", "en twitter soy {v}",
                 "les escribí por facebook, mi usuario es {v}"],
    "EMAIL_OBFUSCATED": ["mi correo es {v}", "escríbanme a {v}", "mi mail: {v}", "el correo es {v}"],
    "PHONE_OBFUSCATED": ["mi número es {v}", "mi cel es {v}", "llámenme al {v}", "mi whats es {v}", "mi teléfono: {v}"],
    "PUBLIC_ADDRESS": ["Si lo prefiere, nuestra oficina está en {v}.", "También puede visitarnos en {v}.",
                       "Nuestra oficina de atención presencial está en {v}."],
    "PLACE": pii_text.PLACE_FRAMES,
    "OTHER_DATE": pii_text.OTHER_DATE_FRAMES,
    "MODEL": pii_text.MODEL_FRAMES,
}  # fmt: skip
THIRD_PARTY = ["a nombre de {v}", "la cuenta está a nombre de {v}", "mi {rel} {v} es la titular", "mi {rel} {v} hizo la compra"]
SIGNATURES = ["\nAtte. {v}", "\n{v} — Gerente de Compras", "\n— {v}, Coordinadora de Administración", "\nAtentamente,\n{v}"]
RELATIVES = {True: ["esposa", "mamá", "hija", "hermana"], False: ["esposo", "papá", "hijo", "hermano"]}


def plant_more(scene: Scene, conv: Conversation, items: list[PlantedItem], style: Style, persona: Persona
               ) -> tuple[Conversation, list[PlantedItem]]:
    """Add at most one new personal-data value and one look-alike to `conv`; return it and all its items."""
    rng = random.Random(f"{scene.seed}:{scene.key}:plant:{conv.id}")
    texts = [m.content for m in conv.messages]
    users = [i for i, m in enumerate(conv.messages) if m.role == "user"]
    agents = [i for i, m in enumerate(conv.messages) if m.role == "assistant"]
    new: list[PlantedItem] = []
    if users and rng.random() < PII_RATE:
        kind = rng.choices(list(PII_WEIGHTS), weights=list(PII_WEIGHTS.values()))[0]
        if kind == "NAME_FREE" and agents and rng.random() < 0.3 and not GREETS.match(texts[agents[0]]):
            _greet(texts, items, agents[0], persona.first, conv.id, new)
        else:
            before, value, after = customer_sentence(rng, kind, scene.country, persona, scene.public_digits)
            _append(texts, users[0], before, value, after, kind, True, style, conv.id, new)
    if rng.random() < LOOKALIKE_RATE:
        kind = rng.choices(list(LOOKALIKE_WEIGHTS), weights=list(LOOKALIKE_WEIGHTS.values()))[0]
        if kind == "PUBLIC_ADDRESS":
            if agents and scene.key in pii_text.PUBLIC_ADDRESSES:
                before, _, after = rng.choice(FRAMES[kind]).partition("{v}")
                _append(texts, agents[-1], before, pii_text.PUBLIC_ADDRESSES[scene.key], after, kind, False, None,
                        conv.id, new)
        elif len(users) > 1:  # a later customer turn: never in the sentence of a cue word for the real thing
            value = {"PLACE": lambda: rng.choice(pii_text.PLACES.get(scene.country, pii_text.PLACES["MX"])),
                     "OTHER_DATE": lambda: pii_text.other_date(rng), "MODEL": lambda: pii_text.model_number(rng)}[kind]()
            before, _, after = rng.choice(FRAMES[kind]).partition("{v}")
            _append(texts, users[-1], before, value, after, kind, False, style, conv.id, new)
    if not new:
        return conv, items
    messages = [Message(m.role, t) for m, t in zip(conv.messages, texts, strict=True)]
    out = sorted(items + new, key=lambda it: (it.message, it.start))
    return Conversation(conv.id, messages, conv.meta), out


def customer_sentence(rng: random.Random, kind: str, country: str, persona: Persona,
                      public_digits: frozenset[str] | set[str] = frozenset()) -> tuple[str, str, str]:
    """(words before, value, words after) of a customer sentence planting `kind` (a PII_WEIGHTS key)."""
    if kind == "NAME_FREE":
        return _free_name(rng, persona)
    frames = FRAMES[kind]
    frame = rng.choice(frames[country] if isinstance(frames, dict) else frames)
    before, _, after = frame.partition("{v}")
    value = {
        "ADDRESS": lambda: pii_text.address(rng, country),
        "BIRTH_DATE": lambda: pii_text.birth_date(rng, persona),
        "PASSPORT": lambda: pii_text.passport(rng, country),
        "PLATE": lambda: pii_text.plate(rng, country),
        "USERNAME": lambda: pii_text.username(rng, persona),
        "EMAIL_OBFUSCATED": lambda: pii_text.spelled_email(rng, persona.email),
        "PHONE_OBFUSCATED": lambda: pii_text.spelled_phone(rng, _phone(persona.phone, public_digits, rng)),
    }[kind]()
    return before, value, after


def _phone(digits: str, public: frozenset[str] | set[str], rng: random.Random) -> str:
    while digits in public:  # never the company's own line
        digits = digits[:-1] + str(rng.randrange(10))
    return digits


def _free_name(rng: random.Random, persona: Persona) -> tuple[str, str, str]:
    roll = rng.random()
    if roll < 0.45:  # a third party
        first, last = pii_text.other_name(rng)
        frame = rng.choice(THIRD_PARTY).replace("{rel}", rng.choice(RELATIVES[first in FEMALE_NAMES]))
        value = f"{first} {last}"
    elif roll < 0.8:  # a signature
        frame, value = rng.choice(SIGNATURES), f"{persona.first} {persona.surname1}"
    else:  # all capitals
        frame = rng.choice(["A NOMBRE DE {v}", "SOY {v}", "MI NOMBRE ES {v}"])
        value = persona.full_name.upper()
    before, _, after = frame.partition("{v}")
    return before, value, after


def _habit(text: str, style: Style | None) -> str:
    if style is None:
        return text
    text = text.translate(STRIP_ACCENTS) if style.no_accents else text
    return text.upper() if style.shout else text.lower() if style.lower else text


def _append(texts: list[str], index: int, before: str, value: str, after: str, kind: str, pii: bool,
            style: Style | None, conv_id: str, new: list[PlantedItem]) -> None:
    """Append "before value after." to message `index` as its own sentence, and label the value."""
    if not before.startswith("\n"):
        before = before[:1].upper() + before[1:]
    if kind != "NAME_FREE":
        before, after = _habit(before, style), _habit(after, style)
    if not after.endswith((".", "\n")) and not before.startswith("\n"):
        after += "."
    text = texts[index].rstrip()
    sep = "" if before.startswith("\n") else "\n" if style is not None and style.multiline else " "
    start = len(text) + len(sep) + len(before)
    texts[index] = text + sep + before + value + after
    new.append(PlantedItem(conv_id, index, kind, value, start, start + len(value), pii))


def _greet(texts: list[str], items: list[PlantedItem], index: int, first: str, conv_id: str,
           new: list[PlantedItem]) -> None:
    """Put "Hola <first>, " in front of an agent message; the items already there move along."""
    prefix = f"Hola {first}, "
    texts[index] = prefix + texts[index]
    for k, it in enumerate(items):
        if it.message == index:
            items[k] = PlantedItem(it.conversation_id, it.message, it.type, it.value, it.start + len(prefix),
                                   it.end + len(prefix), it.pii)
    new.append(PlantedItem(conv_id, index, "NAME_FREE", first, 5, 5 + len(first), True))
