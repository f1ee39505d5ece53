"""Spanish values as single units, for the facts judge (kit/facts.py): numbers in every thousands and decimal
convention, number words, amounts with their currency, percents, ordinals, clock times, phones and ranges.

"2,5 días" -> "2.5 dias"; "$99 MXN", "99 pesos" -> "$99"; "1.500", "1,500", "1 500", "mil quinientos" -> "1500";
"primera", "1.ª" -> "ord1"; "24 a 48 horas", "entre 24 y 48 h" -> "24-48 horas"; "13:00", "1 p.m." -> "13 horas"
(a clock unit); "800-266-5427" -> "8002665427".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    "pen", "sol", "soles", "mn", "€", "£",
}  # fmt: skip
_ORDINALS = {
    "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3, "tercera": 3,
    "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "septimo": 7, "septima": 7,
    "octavo": 8, "octava": 8, "noveno": 9, "novena": 9, "decimo": 10, "decima": 10,
}  # fmt: skip
# After a number: the unit's one form (the slot a value fills). "h" and "hrs" are hours, "1 día" is "1 dias".
UNIT_WORDS = {
    **dict.fromkeys(("dia", "dias"), "dias"), **dict.fromkeys(("h", "hr", "hrs", "hs", "hora", "horas"), "horas"),
    **dict.fromkeys(("min", "mins", "minuto", "minutos"), "minutos"),
    **dict.fromkeys(("seg", "segs", "segundo", "segundos"), "segundos"),
    **dict.fromkeys(("semana", "semanas"), "semanas"), **dict.fromkeys(("mes", "meses"), "meses"),
    **dict.fromkeys(("ano", "anos"), "anos"), **dict.fromkeys(("pieza", "piezas"), "piezas"),
    **dict.fromkeys(("intento", "intentos"), "intentos"), **dict.fromkeys(("punto", "puntos"), "puntos"),
    **dict.fromkeys(("digito", "digitos"), "digitos"), **dict.fromkeys(("cuota", "cuotas"), "cuotas"),
    **dict.fromkeys(("mensualidad", "mensualidades"), "mensualidades"), **dict.fromkeys(("vez", "veces"), "veces"),
    **dict.fromkeys(("linea", "lineas"), "lineas"), **dict.fromkeys(("pago", "pagos"), "pagos"),
    **dict.fromkeys(("cambio", "cambios"), "cambios"), **dict.fromkeys(("gb", "gigas"), "gb"),
    **dict.fromkeys(("mb", "megas"), "mb"),
}  # fmt: skip
QUALIFIERS = {**dict.fromkeys(("habil", "habiles"), "habiles"), **dict.fromkeys(("natural", "naturales"), "naturales"),
               **dict.fromkeys(("laborable", "laborables"), "laborables"), "calendario": "calendario"}  # fmt: skip
_HOUR_WORDS = {"h", "hr", "hrs", "hs", "hora", "horas"}

_ORDINAL_ABBR = re.compile(r"(?<![\w.,:])(\d{1,2})\.?(?:o|a|er|ero|era|ro|ra|do|da|to|ta|vo|va|no|na|mo|ma|°)(?![\w])")
_AMPM = re.compile(r"(?<![\w.,:])(\d{1,2})(?::([0-5]\d))?\s*([ap])(?:\.\s?m\.|m\b)")
_CLOCK = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])[:h]([0-5]\d)(?![\d:])")
_PHONE = re.compile(r"(?<![\w.,:])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4})(?:[\s.-]\d{2,4}){1,4}(?![\w:]|[.,]\d)")
# 1,500 · 1.500 · 1 500 (plain or no-break spaces) · 1,500.50 · 1.500,50 · 2,5 · 1500
_NUMBER = re.compile(r"(?<![\w.,:])(\d{1,3}(?:([., \u00a0\u202f])\d{3})(?:\2\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d:])")
_DASH = re.compile(r"(?<=\d)\s*[-\u2013\u2014]\s*(?=[$]?\d)")
_RAW = re.compile(r"ord\d+|\d{1,2}:\d{2}|\d+(?:\.\d+)?|[a-z0-9]+|[$€£%]")


@dataclass(frozen=True)
class Unit:
    """One normalised unit: a word, or a value (kind num, $, %, ord) that may be a range ("3-5") or a clock time."""

    text: str
    kind: str = "w"  # w word · num number · $ amount · % percent · ord ordinal
    clock: bool = False


def _phone(m: re.Match) -> str:
    digits = re.sub(r"\D", "", re.sub(r"^\+\d{1,3}[\s.-]?", "", m.group(0)))
    return f" {digits} " if len(digits) >= 8 else m.group(0)


def _number(m: re.Match) -> str:
    raw = m.group(1)
    decimal = ""
    tail = re.search(r"[.,](\d{1,2})$", raw)  # the last separator before 1-2 digits is a decimal mark
    if tail:
        decimal = tail.group(1).rstrip("0")
        raw = raw[: tail.start()]
    digits = re.sub(r"[., \u00a0\u202f]", "", raw).lstrip("0") or "0"
    return f" {digits}.{decimal} " if decimal else f" {digits} "


def _ampm(m: re.Match) -> str:
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    return f" {hour}:{m.group(2) or '00'} "


def _words_to_digits(tokens: list[str]) -> list[str]:
    """Replace runs of Spanish number words with their value ("dos mil quinientos" -> "2500"); "2 mil" -> "2000"."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isdigit() and i + 1 < len(tokens) and tokens[i + 1] in _MULTIPLIERS:
            out.append(str(int(tok) * _MULTIPLIERS[tokens[i + 1]]))
            i += 2
            continue
        if tok not in _UNITS and tok != "mil":
            out.append(tok)
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
            elif (word == "y" and current % 100 >= 30 and current % 10 == 0 and j + 1 < len(tokens)
                  and 1 <= _UNITS.get(tokens[j + 1], 0) <= 9):
                pass  # "treinta y uno"
            else:
                break
            j += 1
        out.append(str(total + current))
        i = j
    return out


def _ordinal_words(tokens: list[str]) -> list[str]:
    out = []
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else ""
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        if tok in _ORDINALS and not (
            (tok in ("segundo", "segunda") and (prev in ("un", "una", "cada", "medio") or prev.isdigit()))
            or (tok in ("cuarto", "cuarta") and (prev in ("un", "y", "tres") or nxt == "de"))
        ):
            tok = f"ord{_ORDINALS[tok]}"
        out.append(tok)
    return out


def _is_number(tok: str) -> bool:
    return bool(tok) and (tok[0].isdigit()) and ":" not in tok


def _assemble(raw: list[str]) -> list[Unit]:
    """Typed units: amounts, percents, clock times with their "horas", units after numbers in one form."""
    units: list[Unit] = []
    i = 0
    while i < len(raw):
        tok, nxt = raw[i], raw[i + 1] if i + 1 < len(raw) else ""
        prev = units[-1] if units else None
        if tok in ("$", "€", "£"):
            if _is_number(nxt):
                units.append(Unit(f"${nxt}", "$"))
                i += 2
                if i < len(raw) and raw[i] in _CURRENCY:
                    i += 1
            else:
                i += 1
            continue
        if ":" in tok:  # a clock time "13:00" is "13 horas"; "13:30" keeps its minutes
            hour, minute = tok.split(":")
            units.append(Unit(str(int(hour)) if minute == "00" else f"{int(hour)}:{minute}", "num", clock=True))
            if nxt not in _HOUR_WORDS:
                units.append(Unit("horas"))
            i += 1
            continue
        if _is_number(tok):
            if nxt in _CURRENCY:
                units.append(Unit(f"${tok}", "$"))
                i += 2
            elif nxt == "%":
                units.append(Unit(f"{tok}%", "%"))
                i += 2
            else:
                units.append(Unit(tok, "num"))
                i += 1
            continue
        i += 1
        if tok in _CURRENCY or tok in ("$", "%"):
            continue
        if tok.startswith("ord") and tok[3:].isdigit():
            units.append(Unit(tok, "ord"))
        elif prev is not None and prev.kind in ("num", "$") and tok in UNIT_WORDS:
            units.append(Unit(UNIT_WORDS[tok]))
        elif prev is not None and prev.text in ("dias", "horas", "semanas", "meses") and tok in QUALIFIERS:
            units.append(Unit(QUALIFIERS[tok]))
        else:
            units.append(Unit(tok))
    # "antes de las 13 h": a number after "las" with hours is a clock time
    for k, u in enumerate(units):
        if (u.kind == "num" and 0 < k < len(units) - 1 and units[k - 1].text in ("las", "la")
                and units[k + 1].text == "horas" and _value(u.text) <= 24):
            units[k] = Unit(u.text, "num", clock=True)
    for k, u in enumerate(units):  # "a la 1 p.m." and "a las 13:00" say the same
        if u.clock and k and units[k - 1].text == "la":
            units[k - 1] = Unit("las")
    return _ranges(units)


def _value(text: str) -> float:
    try:
        return float(text.lstrip("$").rstrip("%").split("-")[0].replace(":", "."))
    except ValueError:
        return float("nan")


def _ranges(units: list[Unit]) -> list[Unit]:
    """ "de 3 a 5 días", "entre 24 y 48 horas", "de las 9 a las 18 h" -> one range unit and its unit word."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        j, lead = i, ""
        if units[j].text in ("de", "desde", "entre", "del") and j + 1 < len(units):
            lead, j = units[j].text, j + 1
        article = j < len(units) and units[j].text in ("las", "los", "la", "el")
        j += article
        x = units[j] if j < len(units) else None
        if x is None or x.kind not in ("num", "$", "%") or "-" in x.text:
            out.append(units[i])
            i += 1
            continue
        k = j + 1
        unit1 = units[k].text if k < len(units) and units[k].text in UNIT_WORDS.values() else ""
        k += bool(unit1)
        connector = units[k].text if k < len(units) else ""
        ok = connector in ("a", "al", "hasta") or (connector == "y" and lead == "entre")
        k += 1
        k += k < len(units) and units[k].text in ("las", "los", "la", "el")
        y = units[k] if ok and k < len(units) else None
        kind = y.kind if y is not None and (y.kind == x.kind or x.kind == "num") else ""
        if not kind or y is None or "-" in y.text or not _value(x.text) < _value(y.text):
            out.append(units[i])
            i += 1
            continue
        unit2 = units[k + 1].text if k + 1 < len(units) and units[k + 1].text in UNIT_WORDS.values() else ""
        if unit1 and unit2 and unit1 != unit2:
            out.append(units[i])
            i += 1
            continue
        symbol = "$" if kind == "$" else ""
        text = f"{symbol}{x.text.strip('$%')}-{y.text.strip('$%')}" + ("%" if kind == "%" else "")
        at_hour = article and units[j - 1].text in ("las", "la") and (unit1 or unit2) in ("horas", "")
        out.append(Unit(text, kind, clock=x.clock or y.clock or at_hour))
        if unit1 or unit2 or out[-1].clock:  # "de las 9 a las 18" is "9-18 horas" too
            out.append(Unit(unit1 or unit2 or "horas"))
        i = k + 1 + bool(unit2)
    return out


@lru_cache(maxsize=8192)
def units_of(text: str) -> tuple[Unit, ...]:
    """The normalised units of a text (cached: facts are normalised again for every answer)."""
    text = fold(text)
    text = re.sub(r"por\s+ciento", "%", text)
    text = re.sub(r"\bm\.\s?n\.", " mxn ", text)
    text = _ORDINAL_ABBR.sub(lambda m: f" ord{int(m.group(1))} ", text)
    text = _AMPM.sub(_ampm, text)
    text = _CLOCK.sub(lambda m: f" {int(m.group(1))}:{m.group(2)} ", text)
    text = _PHONE.sub(_phone, text)
    text = _NUMBER.sub(_number, text)
    text = _DASH.sub(" a ", text)
    raw = _words_to_digits(_ordinal_words(_RAW.findall(text)))
    return tuple(_assemble(raw))
