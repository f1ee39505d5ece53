"""Number-shaped personal data: ids with check digits, phone numbers and IPv4 (used by kit.data.pii).

One precompiled regex finds "runs": digit-bearing chunks joined by single spaces, dots or dashes
("+54 9 11 1234-5678", "ES91 2100 0418 4502 0005 1332", "12.345.678-K"). Each run is classified by its
compact form and grouping; check digits (python-stdnum) and context words decide, so order numbers,
amounts, dates, postal codes and SKUs stay untouched. A run that is not one id as a whole is tried
piece by piece (two phones written side by side, a count before a phone number).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from stdnum import iban, luhn
from stdnum.ar import cbu, cuit
from stdnum.cl import rut
from stdnum.es import cif, dni, nie
from stdnum.mx import curp, rfc

_L = "A-Za-zÑñ&"  # letters that occur in ids (RFC allows Ñ and &)
_CHUNK = rf"(?:\(\+?[0-9]{{1,4}}\)|\+?[{_L}]{{0,4}}[0-9][0-9{_L}]*)"
_SEP = r"(?:[ \u00a0\u202f.\-]|(?<=\)))"
# A run starts at a digit, '+' or '(' (a character class first lets the regex engine skip the rest of
# the text fast) that does not sit inside a token ("MX-100234", "1.500", "12/03", "10:30"), and holds
# at least five digits ("#123456" is allowed: context words keep it from being a phone number).
# Letters just before it ("ES91 …", "X1234567L") are added back in Python.
_FIRST = (
    r"[0-9+(]"
    r"(?<![0-9_+@&].)"  # not inside a number or an e-mail
    r"(?:(?<=[XYZxyz]-.)|(?<!\w[/\-].))"  # not after "MX-" or "12/", but after the "X-" of a NIE
    r"(?<![0-9][.,:].)"  # not after "1.", "1," or "10:"
    r"(?=(?:[ .\-()+]{0,2}(?:[A-Z]{4} )?[0-9]){4})"  # at least five digits
    rf"(?:(?<=\()\+?[0-9]{{1,4}}\)|(?<=\+)[0-9][0-9{_L}]*|(?<=[0-9])[0-9{_L}]*)"  # rest of the first chunk
)
# A group of four capitals between digit groups is a bank code inside an IBAN ("GB82 WEST 1234 …").
_REST = rf"(?:{_SEP}(?:{_CHUNK}|[A-Z]{{4}}(?= [0-9]))){{0,12}}(?:(?:-[{_L}]| [A-Z])(?!\w))?(?![\w@]|[.,:/\-][0-9])"
RUNS = re.compile(rf"{_FIRST}{_REST}")
_IPV4 = re.compile(r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}\Z")
_PIECE = re.compile(rf"\(?\+?\(?[0-9{_L}]+\)?")
_GROUP3 = re.compile(rf"[0-9{_L}]{{3}}")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÑñ&")

# The last of these words before a number says what it is ("número de pedido 5512345678" is an order).
_ID_WORDS = frozenset(
    {"cédula", "cedula", "cc", "c.c", "documento", "dni", "identificación", "identificacion", "doc"}
)
_PHONE_STEMS = (
    "tel", "llam", "cel", "móvil", "movil", "whats", "wsp", "contact", "número", "numero", "fono",
    "phone", "call", "mobile",  # English exports (Bitext-style) share the same shapes
)  # fmt: skip
_ORDER_STEMS = (
    "pedido", "orden", "folio", "ticket", "guía", "guia", "rastreo", "seguimiento", "referencia", "factura",
    "cuenta", "caso", "reclamo", "expediente", "sku", "código", "codigo", "transacci", "operaci",
    "póliza", "poliza", "contrato", "serie", "imei", "postal", "nº", "n°", "#",
    "order", "purchase", "invoice", "tracking", "receipt", "account", "ref",
)  # fmt: skip
_ORDER_WORDS = frozenset({"cp", "núm", "núm.", "num.", "no."})  # "No. 123" but not the word "no"
_WORDS = re.compile(r"[\w#º°.]+")
_MONEY_BEFORE = re.compile(r"(?:[$€£]|\bS/|\bUS\$)\s?\Z")
_MONEY_AFTER = re.compile(
    r"\s?(?:€|euros?\b|pesos\b|soles\b|d[óo]lares\b|(?:mxn|cop|ars|clp|pen|usd|eur)\b)", re.IGNORECASE
)
TURN_SEPARATOR = "\x00"  # kit.data.pii joins the turns of a conversation with it
_CC = ("34", "52", "57", "54", "51", "56")  # Spain, Mexico, Colombia, Argentina, Peru, Chile
_CLABE_WEIGHTS = (3, 7, 1) * 6
_WEAK = frozenset({"PHONE", "NATIONAL_ID"})  # no check digit: decided by format and context


class Piece(NamedTuple):
    start: int
    end: int
    core: str  # the alphanumeric part, upper case
    plus: bool
    paren: bool


def find_numbers(text: str, wanted: frozenset[str], context: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, TYPE) of every number-shaped id in `text`; non-overlapping, in order.

    Args:
        context: let words before a number veto a phone number ("pedido 5512345678"); off for text
            that is public anyway (knowledge-base pages), where every phone-shaped number counts.
    """
    found: list[tuple[int, int, str]] = []
    for m in RUNS.finditer(text):
        start, end = m.span()
        glued = False
        if start and text[start - 1] in _LETTERS:
            # Up to four letters of an id ("ES91", "X123", "GODE56…") that start a word; more means the
            # first piece is the tail of a word ("pedido12345"), which is dropped.
            word_start = _letters_start(text, start)
            glued = word_start is None
            start = start if glued else word_start
        elif start > 1 and text[start - 1] == "-" and text[start - 2] in "XYZxyz":
            glued = start > 2 and (text[start - 3].isalnum() or text[start - 3] in "_-")  # "MX-100234"
            start = start if glued else start - 2  # NIE written X-1234567-L
        value = text[start:end]
        if end - start < 6:  # "06600", "24 h": no id is this short
            continue
        if not glued and _IPV4.match(value):
            if all(int(o) <= 255 for o in value.split(".")):
                if "IP" in wanted:
                    found.append((start, end, "IP"))
                continue
        if value.count(" ") + value.count(".") + value.count("-") > 5 and not _GROUP3.search(value):
            continue  # "1 2 3 4 5 6 7": a list of small numbers, never an id
        if value.isalnum():  # the common case: one piece, no separators ("5512345678", "12345678Z")
            if glued:
                continue
            pieces = [Piece(start, end, value.upper(), False, False)]
        else:
            pieces = [
                Piece(
                    start + p.start(),
                    start + p.end(),
                    p.group().strip("()+").upper(),
                    "+" in p.group(),
                    "(" in p.group(),
                )
                for p in _PIECE.finditer(value)
            ][glued:]
        if not pieces:
            continue
        found.extend(_split_run(text, pieces, wanted, context))
    return found


def _letters_start(text: str, start: int) -> int | None:
    i = start
    while i > 0 and start - i < 4 and text[i - 1] in _LETTERS:
        i -= 1
    if i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_+@&"):
        return None
    return i


def _split_run(
    text: str, pieces: list[Piece], wanted: frozenset[str], context: bool
) -> list[tuple[int, int, str]]:
    # Common case: the whole run is one id. Else every sub-run of up to 9 pieces is a candidate and
    # ids with a check digit win over phones, then longer over shorter (so "5 4111 1111 1111 1111"
    # is a card after a stray digit, not a phone "5 4111 1111" followed by leftovers), then evenly
    # grouped over uneven ("800414 4856 2958 7836 7047" is a number and a 4-4-4-4 card, not an
    # 18-digit CLABE whose check digit happens to hold and the card's last group left visible).
    kind = classify(text, pieces, wanted, whole=True, context=context)
    if kind:
        return [(pieces[0].start, pieces[-1].end, kind)]
    n = len(pieces)
    if n > 2 and len(pieces[-1].core) == 1 and text[pieces[-1].start - 1] == " ":
        # "cédula 1.020.048.256 F. nac. …": the capital after the number opens the next words
        kind = classify(text, pieces[:-1], wanted, whole=True, context=context)
        if kind:
            return [(pieces[0].start, pieces[-2].end, kind)]
    if n == 1 or max(len(p.core) for p in pieces) < 3:
        return []  # "1 2 3 4 5 6": no id is written as only one- and two-character groups
    chars = [0]
    for p in pieces:
        chars.append(chars[-1] + len(p.core))
    # a "." binds the digit groups around it (thousands: "21.283.706-7"): no id starts or ends inside them
    dot = [("." in text[a.end : b.start]) for a, b in zip(pieces, pieces[1:], strict=False)] + [False]
    candidates = []
    for i in range(n):
        if i and dot[i - 1]:
            continue
        for j in range(i + 1, min(n, i + 9) + 1):
            if dot[j - 1]:
                continue
            if j - i < n and 6 <= chars[j] - chars[i] <= 34:  # the lengths ids come in
                kind = classify(text, pieces[i:j], wanted, context=context)
                if kind:
                    uniform = len({len(p.core) for p in pieces[i:j]}) == 1  # 4-4-4-4, not 6-4-4-4
                    candidates.append((kind not in _WEAK, j - i, uniform, -i, i, j, kind))
    found: list[tuple[int, int, str]] = []
    used = [False] * n
    for *_, i, j, kind in sorted(candidates, reverse=True):
        if not any(used[i:j]):
            used[i:j] = [True] * (j - i)
            found.append((pieces[i].start, pieces[j - 1].end, kind))
    return sorted(found)


def classify(
    text: str, pieces: list[Piece], wanted: frozenset[str], whole: bool = False, context: bool = True
) -> str | None:
    """The type of the id written as `pieces` (None when it is none, or not wanted).

    Args:
        whole: `pieces` are a whole run, not a part of one (context-only ids must be whole).
        context: see find_numbers.
    """
    compact = "".join(p.core for p in pieces)
    n = len(compact)
    if n < 6:
        return None
    if not compact.isdigit():
        dotted = any("." in text[a.end : b.start] for a, b in zip(pieces, pieces[1:], strict=False))
        return _alnum_type(compact, pieces, wanted, dotted)
    groups = [len(p.core) for p in pieces]
    first = pieces[0]
    if n in (8, 9) and groups[-1] == 1 and len(groups) > 1 and text[pieces[-1].start - 1] == "-":
        if "RUT" in wanted and rut.is_valid(compact):  # 12.345.678-5
            return "RUT"
    if n == 22 and "CBU" in wanted and min(groups) >= 3 and cbu.is_valid(compact):
        return "CBU"
    if (
        n == 18
        and "CLABE" in wanted
        and (min(groups) >= 3 or groups == [3, 3, 11, 1])
        and clabe_is_valid(compact)
    ):
        return "CLABE"
    if (
        n == 11
        and "CUIT" in wanted
        and groups in ([11], [2, 8, 1])
        and not first.plus
        and cuit.is_valid(compact)
    ):
        return "CUIT"
    if 13 <= n <= 19 and "CARD" in wanted and compact[0] in "23456" and _card_shape(groups):
        if luhn.is_valid(compact):
            return "CARD"
    # Weak types (no check digit): context decides, and amounts are never phone numbers or ids.
    if n > 15 or not wanted & _WEAK or _is_money(text, first.start, pieces[-1].end):
        return None
    said = _last_context(text, first.start) if context else None
    if said == "id" and whole and "NATIONAL_ID" in wanted and n <= 10 and _id_shape(text, pieces, groups):
        return "NATIONAL_ID"
    if (
        "PHONE" in wanted
        and (first.plus or said not in ("id", "order"))
        and _is_phone(compact, groups, pieces)
    ):
        return "PHONE"
    return None


def _alnum_type(compact: str, pieces: list[Piece], wanted: frozenset[str], dotted: bool) -> str | None:
    """dotted: a "." joins two pieces (thousands groups, "12.345.678-Z"): never inside a CIF, CURP or
    RFC, so "AAA0 20.216.913-9" is a Chilean RUT after a word, not an RFC across both."""
    n = len(compact)
    if (
        compact[-1] == "K"
        and len(pieces) >= 2
        and pieces[-1].core == "K"
        and n in (8, 9)
        and compact[:-1].isdigit()
    ):
        if "RUT" in wanted and rut.is_valid(compact):  # 12.345.678-K (before DNI: K is also a DNI letter)
            return "RUT"
    if n == 9:
        if compact[:8].isdigit():
            return "DNI" if "DNI" in wanted and dni.is_valid(compact) else None
        if compact[0] in "XYZ":
            return "NIE" if "NIE" in wanted and nie.is_valid(compact) else None
        if dotted:  # "A1 9.992.817-4" is a word and a RUT; CIFs are written B12345678 or B-12345678
            return None
        return "CIF" if "CIF" in wanted and compact[1:8].isdigit() and cif.is_valid(compact) else None
    if 15 <= n <= 34 and compact.isascii() and compact[:2].isalpha() and compact[2:4].isdigit():
        return "IBAN" if "IBAN" in wanted and iban.is_valid(compact, check_country=False) else None
    if dotted:
        return None
    if n == 18:
        return "CURP" if "CURP" in wanted and curp.is_valid(compact) else None
    if n in (12, 13):
        return "RFC" if "RFC" in wanted and rfc.is_valid(compact) else None
    return None


def clabe_is_valid(digits: str) -> bool:
    """Mexican CLABE: 18 digits, the last one a weighted (3, 7, 1) mod-10 check digit."""
    if len(digits) != 18 or not digits.isdigit():
        return False
    total = sum(int(d) * w % 10 for d, w in zip(digits[:17], _CLABE_WEIGHTS[:17], strict=True))
    return (10 - total % 10) % 10 == int(digits[17])


def _card_shape(groups: list[int]) -> bool:
    # 4111111111111111, 4111 1111 1111 1111, 4111-1111-1111-1111-111, Amex 3782 822463 10005
    if len(groups) == 1:
        return True
    if groups in ([4, 6, 5], [4, 6, 4]):
        return True
    return len(groups) >= 3 and all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4


def _id_shape(text: str, pieces: list[Piece], groups: list[int]) -> bool:
    # A cédula or DNI is written whole or with thousands dots: 52123456, 52.123.456, 1.023.456.789.
    if len(groups) == 1:
        return not pieces[0].plus and not pieces[0].paren
    return (
        groups[0] <= 3
        and all(g == 3 for g in groups[1:])
        and all(text[p.start - 1] == "." for p in pieces[1:])
    )


def _is_phone(digits: str, groups: list[int], pieces: list[Piece]) -> bool:
    first = pieces[0]
    intl = first.plus or (digits.startswith("00") and digits[2:4] in _CC)
    if intl:
        rest = digits[2:] if not first.plus else digits
        for cc in _CC:
            if rest.startswith(cc):
                return _national_ok(cc, rest[len(cc) :])
        return 8 <= len(rest) <= 15
    n = len(digits)
    if len(groups) == 1:  # written without spaces: only the usual mobile/landline lengths and leads
        return (n == 9 and digits[0] in "6789") or (n == 10 and digits[0] in "23456789")
    if max(groups) > 4 and not (len(groups) == 2 and groups[0] <= 4):
        return False
    if digits[0] == "0":  # trunk prefix: 011 1234-5678 (AR), (01) 234-5678 (PE), 01 800 555 0199 (MX)
        if digits[1] == "0":
            return False
        return 9 <= n <= 12 or (n == 13 and any(p.core == "15" for p in pieces))
    if n == 9:
        return digits[0] in "23456789"
    if n == 10:
        return digits[0] in "23456789" or digits[:2] in ("11", "15")
    return False


def _national_ok(cc: str, n: str) -> bool:
    size = len(n)
    if cc == "34":
        return size == 9 and n[0] in "6789"
    if cc == "52":
        return size == 10 or (size == 11 and n[0] == "1")
    if cc == "57":
        return (size == 10 and n[0] in "36") or size == 8
    if cc == "54":
        return size == 10 or (size == 11 and n[0] == "9")
    if cc == "51":
        return (size == 9 and n[0] == "9") or size == 8
    return size == 9  # 56: Chile


def phone_key(value: str) -> str:
    """Identity of a phone number across formats: its national number (no country code, no trunk 0)."""
    digits = "".join(c for c in value if c.isdigit())
    plus = "+" in value.lstrip()[:2]  # "+57 …" or "(+57) …"
    if digits.startswith("00") and digits[2:4] in _CC:
        digits, plus = digits[2:], True
    if plus:
        for cc in _CC:
            if digits.startswith(cc):
                digits = digits[len(cc) :]
                break
    digits = digits.lstrip("0")
    return digits[-10:] if len(digits) > 10 else digits


def _last_context(text: str, start: int) -> str | None:
    # Only the current turn: in "¿me da su número de teléfono para ubicar su caso?" the word "caso"
    # says nothing about the number in the reply.
    window = text[max(0, start - 40) : start]
    window = window[window.rfind(TURN_SEPARATOR) + 1 :]
    for raw in reversed(_WORDS.findall(window.lower())):
        word = raw.strip(".")
        if word in _ID_WORDS:
            return "id"
        if word.startswith(_ORDER_STEMS) or raw in _ORDER_WORDS:
            return "order"
        if word.startswith(_PHONE_STEMS):
            return "phone"
    return None


def _is_money(text: str, start: int, end: int) -> bool:
    return bool(_MONEY_BEFORE.search(text, max(0, start - 4), start) or _MONEY_AFTER.match(text, end))
