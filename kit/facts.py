"""The facts judge: does a Spanish answer state the required facts, and only them? Used by compare, the
freshness run and the tiny-es reading check.

Answers and facts go through the same normalisation into value units, so whatever it folds, it folds on
both sides: lower case without accents; "treinta" -> 30; "1.500", "1,500", "1 500", "mil quinientos" ->
1500; "2,5" -> 2.5 (one unit: "2,5 días" never holds "5 días"); "$99 MXN", "99 pesos" -> $99 (an amount,
never the bare 99 of "su pedido 99"); "10 por ciento" -> 10%; "primera", "1.ª" -> ord1; "24 a 48 horas",
"entre 24 y 48 h" -> 24-48 horas; "13:00", "1 p.m." -> 13 horas; "800-266-5427" -> 8002665427.

A fact is found when its units appear in the answer in order, on unit boundaries (kit/values.py makes the
units). The precision side: a value the answer states in the slot of a required fact (another amount, another
number of días hábiles, another percentage, another clock time) that no required fact gives is a conflict;
values in other slots (and phones, emails, URLs) are extra, and more extra values than required ones (two or
more) make a listing. An answer with a conflict or a listing is not correct: a dump of a policy page cannot
pass. Values the question itself states are neither, and facts found only inside a copy of the question do
not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kit.text import fold
from kit.values import QUALIFIERS, UNIT_WORDS, Unit, units_of

__all__ = ["FactCheck", "check_facts", "contains", "fold", "normalise", "tokens", "values_of"]


def normalise(text: str) -> str:
    """The comparable form of a Spanish answer or fact: space-separated units ("$99", "3-5", "2.5", "10%")."""
    return " ".join(u.text for u in units_of(text))


def tokens(text: str) -> list[str]:
    """Normalised units (for token F1 and ROUGE-L)."""
    return normalise(text).split()


def _same(fact_tok: str, answer_tok: str) -> bool:
    # a fact's bare number is satisfied by the same amount ("99" by "$99"), never the other way round
    return fact_tok == answer_tok or (fact_tok[:1].isdigit() and answer_tok == f"${fact_tok}")


def _find(haystack: Sequence[str], needle: Sequence[str]) -> int:
    """Index of the first occurrence of `needle` in `haystack` unit by unit, -1 when absent."""
    n = len(needle)
    for start in range(len(haystack) - n + 1):
        if all(_same(needle[k], haystack[start + k]) for k in range(n)):
            return start
    return -1


def contains(answer_norm: str, fact: str) -> bool:
    """Is `fact` present in an already normalised answer, on unit boundaries?"""
    needle = normalise(fact)
    if not needle:
        return False
    if f" {needle} " in f" {answer_norm} ":
        return True
    return _find(answer_norm.split(), needle.split()) >= 0


Slot = tuple[str, str]  # (unit, qualifier): ("$", ""), ("%", ""), ("reloj", ""), ("dias", "habiles")


def slotted_values(units: Sequence[Unit]) -> list[tuple[str, Slot]]:
    """(value text, slot) of every value that fills a slot: amounts, percents, clock times, numbers with a unit.

    In a list ("3, 6 y 12 meses") the unit after the last number is every number's unit.
    """
    out: list[tuple[str, Slot]] = []
    pending: list[str] = []  # bare numbers of a list still waiting for their unit
    for k, u in enumerate(units):
        nxt = units[k + 1].text if k + 1 < len(units) else ""
        if u.kind == "$" or u.kind == "%":
            out.append((u.text, (u.kind, "")))
        elif u.kind == "num" and u.clock:
            out.append((u.text, ("reloj", "")))
        elif u.kind == "num" and nxt in UNIT_WORDS.values():
            after = units[k + 2].text if k + 2 < len(units) else ""
            slot = (nxt, after if after in QUALIFIERS.values() else "")
            out.extend((p, slot) for p in [*pending, u.text])
            pending = []
            continue
        elif u.kind == "num":
            pending.append(u.text)
            continue
        if u.text not in ("y", "o") and u.kind != "num":
            pending = []
    return out


def _compatible(a: Slot, b: Slot) -> bool:
    return a[0] == b[0] and (a[1] == b[1] or not a[1] or not b[1])


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?<![\w@.-])(?:https?://)?(?:www\.)?((?:[\w-]+\.)+(?:mx|com|es|co|net|org|ar|cl|pe)(?:/[\w/.-]*[\w/])?)(?![\w@])")


def values_of(text: str, units: Sequence[Unit] | None = None) -> list[tuple[str, Slot]]:
    """Every value a text states: slotted numbers (see slotted_values), phones, emails and URLs."""
    units = units_of(text) if units is None else units
    out = slotted_values(units)
    out += [(u.text, ("telefono", "")) for u in units if u.kind == "num" and u.text.isdigit() and len(u.text) >= 9]
    folded = fold(text)
    emails = _EMAIL.findall(folded)
    out += [(e, ("email", "")) for e in emails]
    rest = _EMAIL.sub(" ", folded)
    out += [(m.group(1).rstrip("/"), ("url", "")) for m in _URL.finditer(rest)]
    return out


_CONTACTS = ("telefono", "email", "url")  # a second phone or email is another channel, not a conflicting value


@dataclass
class FactCheck:
    found: list[str]  # required facts present
    missing: list[str]  # required facts absent
    stale: list[str]  # stale (outdated) facts present
    conflicts: list[str] = field(default_factory=list)  # other values stated in a required fact's slot
    extra: list[str] = field(default_factory=list)  # values nobody asked for, in other slots (not the question's)
    stated: int = 0  # values of the required facts the answer states

    @property
    def listing(self) -> bool:
        """More values nobody asked for than asked-for ones, and at least two: a dump of a page, not an answer."""
        return len(self.extra) >= 2 and len(self.extra) > self.stated

    @property
    def correct(self) -> bool:
        """Every required fact present; no stale one, no conflicting value in a required fact's slot, no listing."""
        return not self.missing and not self.stale and not self.conflicts and not self.listing


def _without_question(units: tuple[Unit, ...], question: str) -> tuple[Unit, ...]:
    """The answer with verbatim copies of the question (3+ units) cut out."""
    q = [u.text for u in units_of(question)] if question else []
    if len(q) < 3:
        return units
    texts = [u.text for u in units]
    out: list[Unit] = []
    i = 0
    while i < len(units):
        if texts[i : i + len(q)] == q:
            i += len(q)
            continue
        out.append(units[i])
        i += 1
    return tuple(out)


def check_facts(answer: str, required: Sequence[str], stale: Sequence[str] = (), question: str = "") -> FactCheck:
    """Which required and stale facts an answer states, and which values conflict with the required ones.

    Args:
        answer: the answer to judge.
        required: facts a correct answer states.
        stale: outdated values a correct answer must not state.
        question: the question asked (optional): its values are not conflicts, and a fact found only inside
            a copy of it does not count.
    """
    units = _without_question(units_of(answer), question)
    norm = " ".join(u.text for u in units)
    found = [f for f in required if contains(norm, f)]
    wanted = [v for f in required for v in values_of(f)]
    asked = {text for text, _ in values_of(question)} if question else set()
    conflicts: list[str] = []
    extra: list[str] = []
    stated: set[str] = set()
    wanted_texts = {w for w, _ in wanted}
    for text, slot in values_of(answer, units):
        same_slot = [w for w, s in wanted if _compatible(s, slot)]
        if text in same_slot or text in wanted_texts:  # "de 8 a 22 h" states the clock range "8:00 a 22:00"
            stated.add(text)
            continue
        if text in asked:
            continue
        label = " ".join([text, *(p for p in slot if p and p not in ("$", "%", "reloj", *_CONTACTS))])
        (conflicts if same_slot and slot[0] not in _CONTACTS else extra).append(label)
    return FactCheck(
        found=found,
        missing=[f for f in required if f not in found],
        stale=[f for f in stale if contains(norm, f)],
        conflicts=list(dict.fromkeys(conflicts)),
        extra=list(dict.fromkeys(extra)),
        stated=len(stated),
    )
