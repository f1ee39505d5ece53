"""Spanish answer normalisation and fact matching: "30 días" = "treinta días", "$1,500" = "1500 pesos".

A fact counts as present when its normalised form appears, on token boundaries, in the normalised
answer. Both sides go through the same steps, so whatever the steps fold, they fold on both sides:
lower case, accents folded, number words to digits, thousands separators dropped, currency words and
symbols dropped, "por ciento" to "%", punctuation to spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kit.text import fold

_UNITS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "veintiun": 21, "veintiuno": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
}  # fmt: skip
for _stem, _value in (("doscient", 200), ("trescient", 300), ("cuatrocient", 400), ("quinient", 500),
                      ("seiscient", 600), ("setecient", 700), ("ochocient", 800), ("novecient", 900)):  # fmt: skip
    _UNITS[_stem + "os"] = _value
    _UNITS[_stem + "as"] = _value
_MULTIPLIERS = {"mil": 1_000, "millon": 1_000_000, "millones": 1_000_000}
_CURRENCY = {
    "mxn", "peso", "pesos", "eur", "euro", "euros", "usd", "dolar", "dolares", "cop", "ars", "clp",
    "pen", "sol", "soles", "mn",
}  # fmt: skip
_HOURS = {"h": "horas", "hr": "horas", "hrs": "horas", "hora": "horas", "min": "minutos", "mins": "minutos"}

# 1,500 · 1.500 · 1 500 (no-break spaces) · 1,500.50 · 1.500,50 · 2,5 · 1500
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:([.,\u00a0\u202f])\d{3})(?:\2\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d])"
)
_WHOLE_HOUR = re.compile(r"\b(\d{1,2}):00\b")
_TOKEN = re.compile(r"[a-z0-9%]+")




def _canonical_number(match: re.Match) -> str:
    raw = match.group(1)
    # The last separator followed by 1-2 digits is a decimal mark; every other separator groups thousands.
    decimal = ""
    tail = re.search(r"[.,](\d{1,2})$", raw)
    if tail and not re.fullmatch(r"\d{1,3}[.,]\d{3}", raw):
        decimal = tail.group(1).rstrip("0")
        raw = raw[: tail.start()]
    digits = re.sub(r"[.,\u00a0\u202f]", "", raw).lstrip("0") or "0"
    return f" {digits} {decimal} " if decimal else f" {digits} "


def _words_to_digits(tokens: list[str]) -> list[str]:
    """Replace runs of Spanish number words with their value: "dos mil quinientos" -> "2500"."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] not in _UNITS and tokens[i] not in ("mil",):
            out.append(tokens[i])
            i += 1
            continue
        total, current, j = 0, 0, i
        while j < len(tokens):
            word = tokens[j]
            if word in _UNITS:
                value = _UNITS[word]
                zeros = len(str(current)) - len(str(current).rstrip("0")) if current else 99
                if current and value >= 10**zeros:
                    break  # "tres cinco": two numbers, not one
                current += value
            elif word in _MULTIPLIERS:
                if _MULTIPLIERS[word] == 1_000:
                    total += max(current, 1) * 1_000
                else:
                    total = (total + max(current, 1)) * 1_000_000
                current = 0
            elif (
                word == "y"
                and current % 100 >= 30
                and current % 10 == 0
                and j + 1 < len(tokens)
                and 1 <= _UNITS.get(tokens[j + 1], 0) <= 9
            ):
                pass  # "treinta y uno"
            else:
                break
            j += 1
        out.append(str(total + current))
        i = j
    return out


def normalise(text: str) -> str:
    """The comparable form of a Spanish answer or fact: space-separated folded tokens, numbers as digits."""
    text = fold(text)
    text = re.sub(r"por\s+ciento", "%", text)
    text = _WHOLE_HOUR.sub(r"\1", text)  # "13:00" is said "13 horas" as often as not
    text = _NUMBER.sub(_canonical_number, text)
    tokens = _TOKEN.findall(text.replace("%", " % "))
    tokens = _words_to_digits(tokens)
    result: list[str] = []
    for k, tok in enumerate(tokens):
        if tok in _CURRENCY:
            continue
        if tok in _HOURS and k and tokens[k - 1].isdigit():
            tok = _HOURS[tok]
        result.append(tok)
    # "10 %" and "10%" are one token
    return " ".join(result).replace(" %", "%")


def tokens(text: str) -> list[str]:
    """Normalised tokens (for token F1 and ROUGE-L)."""
    return normalise(text).split()


def contains(answer_norm: str, fact: str) -> bool:
    """Is `fact` present in an already normalised answer, on token boundaries?"""
    needle = normalise(fact)
    return bool(needle) and f" {needle} " in f" {answer_norm} "


@dataclass
class FactCheck:
    found: list[str]  # required facts present
    missing: list[str]  # required facts absent
    stale: list[str]  # stale (outdated) facts present

    @property
    def correct(self) -> bool:
        """Every required fact present and no stale one."""
        return not self.missing and not self.stale


def check_facts(answer: str, required: Sequence[str], stale: Sequence[str] = ()) -> FactCheck:
    """Which required and stale facts an answer states (after Spanish normalisation)."""
    norm = normalise(answer)
    found = [f for f in required if contains(norm, f)]
    return FactCheck(
        found=found,
        missing=[f for f in required if f not in found],
        stale=[f for f in stale if contains(norm, f)],
    )
