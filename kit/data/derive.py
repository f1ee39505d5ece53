"""Required facts for eval references that carry none (items mined from a real export's test split).

The facts are the checkable values the reference states, as its own words: amounts, percents, numbers
and ranges with their unit ("3 a 5 días hábiles", "24 horas"), clock times and their ranges, the company's
phones, e-mails and URLs (the public contacts found in the KB), and named plans or products that the KB
also names ("Plan Ilimitado 20", "OXXO Pay"). An item with derived facts is marked
meta.facts_source = "derived" (given: "given"; none found: "none"), so a report can say which it used.
"""

from __future__ import annotations

import re
from typing import Any

from kit.facts import check_facts, contains, normalise
from kit.text import fold_same_length
from kit.values import UNIT_WORDS

_NUM = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_WORDNUM = (r"(?:un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|"
            r"veinticuatro|treinta|cuarenta|cuarenta y ocho|sesenta|noventa|cien)")
_Q = rf"(?:{_NUM}|{_WORDNUM})"
_CUR = r"(?:mxn|usd|eur|cop|ars|clp|pen|pesos|euros|dolares|m\.n\.)"
# English units too: the judge matches any words literally, and real exports are often English
_UNIT = "|".join(sorted({*UNIT_WORDS, "business days", "days", "hours", "minutes", "weeks", "months", "years"},
                        key=len, reverse=True))
_VALUE = re.compile(
    rf"(?:[$€]\s?(?:{_NUM})(?:\s?{_CUR})?(?:\s(?:a|al|-)\s[$€]?\s?(?:{_NUM})(?:\s?{_CUR})?)?"
    rf"|(?:{_NUM})\s?(?:€|{_CUR})"
    rf"|(?:{_NUM})\s?(?:%|por ciento)"
    rf"|(?:(?:de|entre|desde)\s)?(?:las\s)?\d{{1,2}}:\d{{2}}(?:\s(?:a|y|hasta)\s(?:las\s)?\d{{1,2}}:\d{{2}})?(?:\s?(?:horas|hrs|h)\b)?"
    rf"|(?:(?:de|entre)\s)?{_Q}(?:\s?(?:a|y|al|-|to)\s?{_Q})?\s(?:{_UNIT})\b(?:\s(?:habiles|naturales|laborables))?)",
)
_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*[A-Z0-9][\wáéíóúñ]*|[A-ZÁÉÍÓÚÑ]{2,}[0-9]*|[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)"
_NAME = re.compile(rf"\b{_WORD}(?:\s(?:de\s)?(?:{_WORD}|[0-9][\w.]*))*")
_LEAD = re.compile(r"^(?:de|desde|entre)\s+(?!.*\s(?:a|al|y|hasta|to)\s)", re.IGNORECASE)


def _spans(reference: str) -> list[tuple[int, int]]:
    folded = fold_same_length(reference)
    return [(m.start(), m.end()) for m in _VALUE.finditer(folded) if any(c.isdigit() for c in m.group())
            or re.search(_WORDNUM, m.group())]


def _names(reference: str, kb_text: str) -> list[tuple[int, int]]:
    out = []
    for m in _NAME.finditer(reference):
        start, name = m.start(), m.group().rstrip(".")
        if start == 0 or reference[:start].rstrip()[-1:] in ".!?¿¡:;\n":  # a sentence's capitalised first word
            first, _, rest = name.partition(" ")
            if first.isupper() and first in kb_text:
                pass
            elif rest and rest[:1].isupper():
                start, name = start + len(first) + 1, rest
            else:
                continue
        if len(name) >= 3 and name in kb_text:
            out.append((start, start + len(name)))
    return out


def derive_facts(reference: str, kb_text: str = "", contacts: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The checkable values of a reference answer, as they are written in it (see the module docstring)."""
    spans = sorted(_spans(reference) + _names(reference, kb_text), key=lambda s: (s[0], -s[1]))
    facts: list[str] = []
    end = -1
    for s, e in spans:  # the longest span wins where two overlap
        if s >= end:
            facts.append(_LEAD.sub("", reference[s:e].strip(" .,;:")))
            end = e
    norm = normalise(reference)
    facts += [c for c in sorted(contacts) if contains(norm, c) and not any(contains(normalise(f), c) for f in facts)]
    facts = [f for f in dict.fromkeys(facts) if f and normalise(f)]
    check = check_facts(reference, facts)
    return [f for f in facts if f in check.found]


def add_derived_facts(items: list[dict[str, Any]], kb_text: str, contacts: set[str]) -> dict[str, int]:
    """Fill `required_facts` of the items without any (in place) and mark every item's facts_source; returns counts."""
    counts = {"given": 0, "derived": 0, "none": 0}
    for it in items:
        meta = it.setdefault("meta", {}) or {}
        it["meta"] = meta
        if it.get("required_facts"):
            source = "given"
        else:
            it["required_facts"] = derive_facts(str(it.get("reference") or ""), kb_text, frozenset(contacts))
            source = "derived" if it["required_facts"] else "none"
        meta["facts_source"] = source
        counts[source] += 1
    return counts
