"""Find and replace Spanish and Latin-American personal data with typed placeholders.

    >>> r = Redactor(allowlist=["800 555 0199"])
    >>> r.redact("Soy Ana, mi correo es ana@mail.com; llamé al 800 555 0199")[0]
    'Soy [PERSON_1], mi correo es [EMAIL_1]; llamé al 800 555 0199'

Detectors: e-mail, also spelled out ("arroba", "[at]", "punto"); IPv4/IPv6; number-shaped ids with check
digits and phone numbers of ES, MX, CO, AR, PE and CL (kit/data/pii_numbers.py), phones also said in words
(kit/data/pii_contacts.py, with social-media handles); postal addresses (kit/data/pii_address.py); birth
dates, passports and plates after their cue words (kit/data/pii_cued.py); names introduced by context, in
greetings, signatures and as third parties, but not places named after people (kit/data/pii_names.py).
Placeholders are `[TYPE_n]`, numbered per conversation by value (digits only for numbers, lower case for
e-mails, street and number for addresses), so the same address is `[EMAIL_1]` in every turn. Values in
the allowlist (the company's public phones, e-mails, web pages, addresses) are never replaced. Nothing here
logs or returns a raw value except the caller's own text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from ipaddress import IPv6Address

from kit.data.pii_address import STREET_WORDS, address_key, find_addresses, is_place
from kit.data.pii_contacts import (
    EMAIL_CUE_WORDS,
    HANDLE_WORDS,
    NUMBER_WORDS,
    PHONE_CUE_WORDS,
    email_key,
    find_handles,
    find_spelled_emails,
    find_spelled_phones,
    spelled_digits,
)
from kit.data.pii_cued import (
    BIRTH_WORDS,
    PASSPORT_WORDS,
    PLATE_WORDS,
    find_birth_dates,
    find_passports,
    find_plates,
)
from kit.data.pii_names import alias_case_rule, find_names, name_aliases
from kit.data.pii_numbers import TURN_SEPARATOR, find_numbers, phone_key
from kit.text import fold_same_length as fold
from kit.text import fold_words

# Every type with an example of what it replaces (`chatkit redact --types` prints them).
EXAMPLES = {
    "EMAIL": "ana.garcia@gmail.com · juan punto perez arroba gmail punto com · juan.perez[at]gmail[dot]com",
    "PHONE": "+52 55 1234 5678 · 612 34 56 78 · cinco cinco, uno dos tres cuatro, cinco seis siete ocho",
    "DNI": "54362315K", "NIE": "X2482300W", "CIF": "A58818501", "IBAN": "ES91 2100 0418 4502 0005 1332",
    "CARD": "4111 1111 1111 1111", "CLABE": "032180000118359719", "CBU": "2850590940090418135201",
    "CURP": "BOXW310820HNERXN09", "RFC": "GODE561231GR8", "CUIT": "20-05536168-2", "RUT": "76.086.428-5",
    "NATIONAL_ID": "mi cédula es 1.023.456.789", "IP": "192.168.10.20",
    "PERSON": "me llamo Ana García · Hola Juan, · Atte. Laura Gómez · mi esposa Claudia Ramírez",
    "ADDRESS": "Calle Reforma 222, Col. Juárez, CP 06600 · C/ Alcalá 45, 3º B, 28014 Madrid · Cra. 7 # 45-23",
    "BIRTH_DATE": "nací el 3 de abril de 1990 · fecha de nacimiento: 14/03/1987",
    "PASSPORT": "mi pasaporte es G12345678",
    "PLATE": "la placa de mi carro es ABC-123-D · matrícula 1234 BCD",
    "USERNAME": "mi usuario de instagram es @pedro_ramirez87",
}  # fmt: skip
TYPES = tuple(EXAMPLES)
_NUMBER_TYPES = frozenset(
    {"PHONE", "DNI", "NIE", "CIF", "IBAN", "CARD", "CLABE", "CBU", "CURP", "RFC", "CUIT", "RUT", "NATIONAL_ID", "IP"}
)

_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_DIGIT = re.compile(r"[0-9]")
_ALNUM = re.compile(r"[^0-9A-Za-z]")
_DIGITS_ONLY = re.compile(r"[^A-Za-z]*\Z")


@dataclass(frozen=True, slots=True)
class Entity:
    """One piece of personal data: its type and [start, end) offsets into the text it was found in."""

    type: str
    start: int
    end: int


class Placeholders:
    """Numbers values per type: the same value always gets the same `[TYPE_n]` (one per conversation)."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def get(self, type_: str, key: str) -> str:
        """The placeholder of `key` (a normalised value, see `value_key`) of type `type_`."""
        placeholder = self._ids.get((type_, key))
        if placeholder is None:
            self._counts[type_] = n = self._counts.get(type_, 0) + 1
            placeholder = self._ids[(type_, key)] = f"[{type_}_{n}]"
        return placeholder

    @property
    def counts(self) -> dict[str, int]:
        """Distinct values seen per type."""
        return dict(self._counts)


def value_key(type_: str, value: str) -> str:
    """A value's identity: digits/letters only for ids, national number for phones, lower case for the rest."""
    if type_ == "PHONE":
        return phone_key(value if _DIGITS_ONLY.match(value) else spelled_digits(value)[0])
    if type_ == "PERSON":
        return " ".join(fold(value).split())
    if type_ == "EMAIL":
        return email_key(value)
    if type_ == "ADDRESS":
        return address_key(value)
    if type_ in ("IP", "USERNAME", "BIRTH_DATE"):
        return " ".join(fold(value).lstrip("@").split())
    return _ALNUM.sub("", value).upper()


def parse_types(types: Iterable[str] | None) -> frozenset[str]:
    """Validate type names (case-insensitive); None means all. Raises ChatkitError naming a bad one."""
    if types is None:
        return frozenset(TYPES)
    chosen = {t.strip().upper() for t in types if t.strip()}
    unknown = sorted(chosen - set(TYPES))
    if unknown:
        from difflib import get_close_matches

        from kit.errors import ChatkitError

        near = get_close_matches(unknown[0], TYPES, n=1)
        hint = f"did you mean {near[0]}? " if near else ""
        raise ChatkitError(f"unknown PII type {unknown[0]!r}", f"{hint}valid types: {', '.join(TYPES)}")
    return frozenset(chosen)


class Redactor:
    """Finds personal data and replaces it with placeholders; precompiled, safe to reuse for millions of texts.

    Args:
        allowlist: public values never to redact (the company's phones, e-mails, web pages, name);
            compared after normalisation, so "+52 800 555 0199" matches "800 555 0199".
        types: the types to look for (default: all of TYPES).
    """

    def __init__(self, allowlist: Iterable[str] = (), types: Iterable[str] | None = None):
        self.types = parse_types(types)
        self._numbers = self.types & _NUMBER_TYPES
        self._cued = bool(self.types & {"EMAIL", "PHONE", "ADDRESS", "BIRTH_DATE", "PASSPORT", "PLATE", "USERNAME"})
        self._allow: set[str] = set()
        stop: set[str] = set()
        for value in allowlist:
            value = value.strip()
            if value:
                self._allow |= self._allow_keys(value)
                if not re.search(r"[0-9@/]", value):  # a brand ("TiendaMax") is never part of a name
                    stop |= {fold(w) for w in re.findall(r"[^\W\d_]{3,}", value)}
        self._stop = frozenset(stop)

    def find(self, text: str) -> list[Entity]:
        """Personal data in `text`, in order, non-overlapping; offsets index `text`."""
        return [Entity(kind, start, end) for start, end, kind, _ in self._scan(text)]

    def redact(self, text: str, mapping: Placeholders | None = None) -> tuple[str, list[Entity]]:
        """`text` with each entity replaced by its placeholder, and the entities (offsets into `text`).

        Args:
            mapping: share one across the turns of a conversation to keep placeholders consistent.
        """
        mapping = Placeholders() if mapping is None else mapping
        hits = self._scan(text)
        return _replace(text, 0, hits, mapping), [Entity(kind, start, end) for start, end, kind, _ in hits]

    def redact_conversation(self, texts: list[str]) -> tuple[list[str], list[list[Entity]]]:
        """Redact the turns of one conversation with one mapping; entities' offsets index each turn.

        Turns are scanned as one string (faster, and a name introduced in one turn is found in the
        others); context words for numbers are read from the same turn only.
        """
        mapping = Placeholders()
        hits = self._scan(TURN_SEPARATOR.join(texts))  # no detector matches across the separator
        out_texts, out_entities = [], []
        offset, h = 0, 0
        for text in texts:
            end = offset + len(text)
            first = h
            while h < len(hits) and hits[h][0] < end:
                h += 1
            mine = hits[first:h]
            out_texts.append(_replace(text, offset, mine, mapping))
            out_entities.append([Entity(kind, s - offset, e - offset) for s, e, kind, _ in mine])
            offset = end + 1
        return out_texts, out_entities

    def _scan(self, text: str) -> list[tuple[int, int, str, str]]:
        # (start, end, TYPE, key) in order; key is the normalised value that numbers placeholders.
        found: list[tuple[int, int, str]] = []
        types = self.types
        low = text.lower()
        # One pass over the words tells which cue-led detectors can find anything (each regex scan of a
        # whole text costs 5-15 µs; most texts have none of their cue words).
        cues = _CUE_WORDS.intersection(fold_words(text).split()) if self._cued else frozenset()
        digits = _DIGIT.search(text) is not None
        at = "@" in text
        if "EMAIL" in types:
            if at:
                found += [(s, e, "EMAIL") for s, e in find_emails(text)]
            if not EMAIL_CUE_WORDS.isdisjoint(cues) or (at and ("@ " in text or " @" in text)):
                found += [(s, e, "EMAIL") for s, e in find_spelled_emails(text, low)]
        if self._numbers and digits:
            found += find_numbers(text, self._numbers)
            if "IP" in types and ("::" in text or text.count(":") >= 5):
                found += _ipv6(text)
        if "PHONE" in types:
            spelled = not _NUMBER_WORDS.isdisjoint(cues)
            if spelled or (digits and not PHONE_CUE_WORDS.isdisjoint(cues)):
                folded = fold(text) if len(low) == len(text) else low
                found += [(s, e, "PHONE") for s, e in find_spelled_phones(text, folded, spelled)]
        if digits:
            abbreviated = "f.n" in low or "f. n" in low  # "F.N. 14/03/1987": a birth cue of single letters
            for kind, words, finder in _CUED:
                if kind in types and (not words.isdisjoint(cues) or (abbreviated and kind == "BIRTH_DATE")):
                    found += [(s, e, kind) for s, e in finder(text, low)]
        slash = "/" in text
        if (
            "ADDRESS" in types
            and (digits or (slash and "s/n" in low))
            and (not STREET_WORDS.isdisjoint(cues) or (slash and "c/" in low))
        ):
            found += [(s, e, "ADDRESS") for s, e, _ in find_addresses(text, low)]
        if "USERNAME" in types:
            keyed = not HANDLE_WORDS.isdisjoint(cues)
            if keyed or at:
                found += [(s, e, "USERNAME") for s, e in find_handles(text, low, keyed)]
        if "PERSON" in types:
            found += [
                (s, e, "PERSON") for s, e in find_names(text, self._stop, TURN_SEPARATOR) if not is_place(text, s, e)
            ]
        hits = []
        for start, end, kind in _resolve(found):
            value = text[start:end]
            key = value_key(kind, value)
            if not self._allow or not self._allowed(kind, key, value):
                hits.append((start, end, kind, key))
        if any(h[2] == "PERSON" for h in hits):
            hits = self._with_aliases(text, hits)
        return hits

    def _with_aliases(
        self, text: str, hits: list[tuple[int, int, str, str]]
    ) -> list[tuple[int, int, str, str]]:
        # Later mentions of a known name ("Claro, Óscar.") get the placeholder of the full name; the
        # search runs on a folded copy (lower case, no accents), which keeps the offsets of the text.
        spelled = [text[s:e] for s, e, kind, _ in hits if kind == "PERSON"]
        aliases = name_aliases(spelled)
        folded = fold(text)
        out = [(s, e, kind, aliases.get(key, key) if kind == "PERSON" else key) for s, e, kind, key in hits]
        if len(folded) != len(text):  # a rare character whose lower case is longer ("İ"): offsets would drift
            return out
        starts, ends = [s for s, _, _, _ in hits], [e for _, e, _, _ in hits]  # sorted, non-overlapping
        spelled_words = {w for s in spelled for w in s.split()}
        for alias, full in aliases.items():  # longest first
            rule = alias_case_rule(alias)
            for start in _find_words(folded, alias):
                end = start + len(alias)
                word = text[start:end]
                if rule != "any" and not word[0].isupper() and not _ends_turn(text, end):
                    if rule == "capital" or word not in spelled_words:
                        continue  # "flores" the flowers, not "Flores" the surname ("… es todo rosa" signs)
                k = bisect_left(starts, end)
                if k == 0 or ends[k - 1] <= start:  # free: no kept span overlaps [start, end)
                    starts.insert(k, start)
                    ends.insert(k, end)
                    out.append((start, end, "PERSON", full))
        out.sort()
        return out

    def _allowed(self, kind: str, key: str, value: str) -> bool:
        if kind == "ADDRESS":
            return "ADDRESS:" + key in self._allow
        if kind == "PHONE":
            return "PHONE:" + key in self._allow
        return f"{kind}:{key}" in self._allow or value.lower() in self._allow

    def _allow_keys(self, value: str) -> set[str]:
        keys = {value.lower(), "EMAIL:" + value.lower(), "PERSON:" + " ".join(value.lower().split())}
        if len(_DIGIT.findall(value)) >= 6:
            keys.add("PHONE:" + phone_key(value))
        for start, end, kind in find_numbers(value, _NUMBER_TYPES):
            keys.add(f"{kind}:{value_key(kind, value[start:end])}")
        keys |= {"ADDRESS:" + key for _, _, key in find_addresses(value)}
        if value.startswith("@"):
            keys.add("USERNAME:" + value_key("USERNAME", value))
        return keys


def allowlist_from_text(text: str) -> set[str]:
    """Public contact data in a knowledge-base text: phone numbers, e-mails, URLs, postal addresses and
    other ids it shows.

    KB pages are published by the company, so what they show (its phone lines, support address, offices,
    web pages) is not a customer's personal data; pass the result as `Redactor(allowlist=...)`.
    """
    found = {text[s:e] for s, e in find_emails(text)}
    found |= {text[s:e] for s, e, _ in find_addresses(text)}
    found |= {m.group().rstrip(".,;:!?") for m in URL.finditer(text)}
    if _DIGIT.search(text):
        found |= {text[s:e] for s, e, _ in find_numbers(text, _NUMBER_TYPES, context=False)}
    return found


_CUED = (
    ("BIRTH_DATE", BIRTH_WORDS, find_birth_dates),
    ("PASSPORT", PASSPORT_WORDS, find_passports),
    ("PLATE", PLATE_WORDS, find_plates),
)
_NUMBER_WORDS = frozenset(NUMBER_WORDS)
_CUE_WORDS = (
    EMAIL_CUE_WORDS | _NUMBER_WORDS | PHONE_CUE_WORDS | BIRTH_WORDS | PASSPORT_WORDS | PLATE_WORDS | STREET_WORDS
    | HANDLE_WORDS
)


def find_emails(text: str) -> list[tuple[int, int]]:
    """(start, end) of each e-mail address: the domain is found by regex from its '@', the name walked back."""
    found = []
    for m in _EMAIL_DOMAIN.finditer(text):
        start = at = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        while start < at and text[start] in ".-":
            start += 1
        if start < at and (not found or found[-1][1] <= start):
            found.append((start, m.end()))
    return found


def _ends_turn(text: str, end: int) -> bool:
    # Only spaces, punctuation or emoji between `end` and the end of its turn.
    stop = text.find(TURN_SEPARATOR, end)
    rest = text[end : len(text) if stop < 0 else stop]
    return len(rest) < 12 and not any(c.isalnum() for c in rest)


def _find_words(text: str, word: str):
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not _is_word_char(text[i - 1])) and (end == len(text) or not _is_word_char(text[end])):
            yield i
        i = text.find(word, i + 1)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _resolve(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    # Overlaps (rare: detectors do not overlap themselves): the longer span wins (an e-mail over the
    # digits inside it, a full IBAN over a phone). One sweep in start order, so a huge text stays linear.
    if len(spans) < 2:
        return spans
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if kept and span[0] < kept[-1][1]:
            if span[1] - span[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = span
                while len(kept) > 1 and kept[-2][1] > span[0]:
                    del kept[-2]  # the longer span also covers an earlier one
            continue
        kept.append(span)
    return kept


def _ipv6(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _IPV6.finditer(text):
        value = m.group()
        if sum(c != ":" for c in value) >= 3 and _DIGIT.search(value):
            try:
                IPv6Address(value)
            except ValueError:
                continue
            found.append((m.start(), m.end(), "IP"))
    return found


def _replace(text: str, offset: int, hits: list[tuple[int, int, str, str]], mapping: Placeholders) -> str:
    if not hits:
        return text
    parts, pos = [], 0
    for start, end, kind, key in hits:
        parts.append(text[pos : start - offset])
        parts.append(mapping.get(kind, key))
        pos = end - offset
    parts.append(text[pos:])
    return "".join(parts)
