"""How real customers type: register, regional words, typos, missing accents, capitals, emojis, chat-speak.

A Style is drawn once per conversation so each customer writes consistently (the one who never types
accents never does); noise applies to plain text only, never to planted values, so label offsets hold.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

EMOJIS = ["🙏", "😊", "😅", "😡", "🙄", "👍", "😭", "🤔", "😤", "🥲", "❤️", "😩", "🤞"]
STRIP_ACCENTS = str.maketrans("áéíóúÁÉÍÓÚü", "aeiouAEIOUu")
# Chat-speak as Spanish speakers type it.
ABBREVIATIONS = [
    (re.compile(r"\bpor favor\b", re.IGNORECASE), ["porfa", "x favor", "porfis", "xfa"]),
    (re.compile(r"\bporque\b", re.IGNORECASE), ["xq", "porq", "pq"]),
    (re.compile(r"\bque\b"), ["q", "k"]),
    (re.compile(r"\btambién\b", re.IGNORECASE), ["tmb", "tb"]),
    (re.compile(r"\bgracias\b", re.IGNORECASE), ["grax", "gracias!!", "graciass"]),
    (re.compile(r"\bpara\b"), ["pa", "pra"]),
    (re.compile(r"(?<=\w) y (?=\w)"), [" & ", " y "]),
]
# Neighbouring keys on a Spanish keyboard, for fat-finger typos.
NEIGHBOURS = {
    "a": "qsz", "b": "vgn", "c": "xvd", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht", "h": "gjy", "i": "uok",
    "j": "hku", "k": "jli", "l": "kñ", "m": "nj", "n": "bmh", "ñ": "lp", "o": "ipl", "p": "oñ", "q": "wa",
    "r": "etf", "s": "adw", "t": "ryg", "u": "yij", "v": "cbf", "w": "qes", "x": "zcs", "y": "tuh", "z": "xa",
}
WORD = re.compile(r"[^\W\d_]{4,}")

REGISTER_WEIGHTS = {"MX": (0.5, 0.45, 0.05), "ES": (0.3, 0.65, 0.05), "CO": (0.55, 0.3, 0.15)}


@dataclass(frozen=True)
class Style:
    """How one customer writes."""

    register: str  # "usted" | "tu" | "vos"
    lower: bool  # everything in lowercase
    shout: bool  # EVERYTHING IN CAPITALS (angry customers)
    no_accents: bool  # types without á é í ó ú
    no_inverted: bool  # drops ¿ and ¡
    no_final_dot: bool  # never ends with a full stop
    typo_rate: float  # chance per word of 4+ letters
    emoji: float  # chance per message of a trailing emoji
    chat_speak: bool  # porfa, xq, q, tmb
    multiline: bool  # sends one sentence per line
    run_on: bool  # glues sentences without punctuation


def sample_style(rng: random.Random, country: str) -> Style:
    """Draw one customer's typing habits."""
    weights = REGISTER_WEIGHTS.get(country, REGISTER_WEIGHTS["MX"])
    register = rng.choices(("usted", "tu", "vos"), weights=weights)[0]
    careless = rng.random() < 0.45
    return Style(
        register=register,
        lower=careless and rng.random() < 0.7,
        shout=rng.random() < 0.03,
        no_accents=careless or rng.random() < 0.15,
        no_inverted=careless or rng.random() < 0.3,
        no_final_dot=rng.random() < 0.5,
        typo_rate=rng.choice((0.0, 0.0, 0.02, 0.04, 0.08)) if careless else rng.choice((0.0, 0.0, 0.01)),
        emoji=rng.choice((0.0, 0.0, 0.1, 0.3)),
        chat_speak=careless and rng.random() < 0.35,
        multiline=rng.random() < 0.1,
        run_on=careless and rng.random() < 0.3,
    )


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:  # swapped letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:  # dropped letter
        return word[:i] + word[i + 1:]
    if kind == 2:  # doubled letter
        return word[:i] + word[i] + word[i:]
    near = NEIGHBOURS.get(word[i].lower())
    return word[:i] + rng.choice(near) + word[i + 1:] if near else word


def regionalise(rng: random.Random, text: str, pattern: re.Pattern | None, variants: dict[str, list[str]]) -> str:
    """Swap words for the regional variants a customer would use (celular/móvil, dinero/plata)."""
    if pattern is None:
        return text

    def swap(match: re.Match) -> str:
        word = match.group(0)
        choice = rng.choice(variants[word.lower()])
        return choice[:1].upper() + choice[1:] if word[:1].isupper() else choice

    return pattern.sub(swap, text)


def roughen(rng: random.Random, text: str, style: Style) -> str:
    """Apply a customer's habits to a piece of their text (not to planted values)."""
    if style.chat_speak:
        for pattern, options in ABBREVIATIONS:
            if rng.random() < 0.6:
                text = pattern.sub(lambda m, o=options: rng.choice(o), text)
    if style.typo_rate:
        text = WORD.sub(lambda m: _typo(rng, m.group(0)) if rng.random() < style.typo_rate else m.group(0), text)
    if style.no_accents:
        text = text.translate(STRIP_ACCENTS)
    if style.no_inverted:
        text = text.replace("¿", "").replace("¡", "")
    if style.shout:
        text = text.upper()
    elif style.lower:
        text = text.lower()
    return text


def finish(rng: random.Random, text: str, style: Style) -> str:
    """Message-level habits on the last plain piece: dropped full stop, emoji, repeated marks."""
    if style.no_final_dot and text.endswith("."):
        text = text[:-1]
    if rng.random() < style.emoji:
        text += rng.choice(("", " ")) + rng.choice(EMOJIS)
    elif text.endswith("?") and rng.random() < 0.1:
        text += "??"
    return text


def regional_pattern(regional: dict[str, list[str]]) -> tuple[re.Pattern | None, dict[str, list[str]]]:
    """Compile a company's regional word table (longest words first)."""
    if not regional:
        return None, {}
    words = sorted(regional, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    return pattern, {w.lower(): regional[w] for w in regional}
