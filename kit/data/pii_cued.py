"""Personal data that only a cue word tells apart: birth dates, passports, vehicle plates (used by kit.data.pii).

A date is a BIRTH_DATE only after a birth cue ("nací el 3 de abril de 1990", "fecha de nacimiento:
14/03/1987", "mi cumpleaños es el 3 de abril"); a delivery or purchase date stays. A passport number
("G12345678", "PAA123456") needs "pasaporte" before it and a plate ("ABC-123-D", "1234 BCD", "AB 123 CD")
"placa", "matrícula" or "patente" — so model numbers and SKUs of the same shape stay.
"""

from __future__ import annotations

import re

_MONTH = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:[ \t]*(?:º|°|ro))?[ \t]+(?:de[ \t]+)?(?:{_MONTH})\.?(?:[ \t]+(?:de|del)?[ \t]*(?:\d{{4}}|\d{{2}}|'\d{{2}}))?"
    rf"|(?:{_MONTH})\.?[ \t]+\d{{1,2}},?[ \t]+(?:de[ \t]+)?\d{{4}}"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})(?![\w/])"
)
_BIRTH = re.compile(
    rf"(?i)\b(?:nac[ií](?:d[oa])?|naci(?:miento)?|f\.?[ \t]?(?:de[ \t]+)?nac\.?|fecha[ \t]+de[ \t]+nac\w*|cumplea[ñn]os|cumplo[ \t]+a[ñn]os"
    rf"|birth(?:day|date)?|dob|f\.?[ \t]?n\.)(?!\w)"
    rf"[^\n\x00\d]{{0,30}}?(?P<date>{_DATE})"
)
# Words (of fold_words) that open each type; kit.data.pii looks for them among a text's words.
BIRTH_WORDS = frozenset("naci nacido nacida nacimiento nac cumpleanos cumplo birth birthday birthdate dob".split())
PASSPORT_WORDS = frozenset("pasaporte pasaportes passport pasap".split())
PLATE_WORDS = frozenset("placa placas matricula patente dominio ppu".split())
_BIRTH_KEYS = ("nací", "naci ", "nacid", "nacimiento", "nac.", "nac:", "cumple", "cumplo", "birth", "dob", "f.n", "f. n")

_PASSPORT = re.compile(
    r"(?i)(?:pasaporte|passport|pasap\.?)(?:[ \t]+(?:mexicano|español|espanol|colombiano|argentino|peruano|chileno))?"
    r"[^\n\x00\d]{0,25}?(?P<value>(?<![\w-])[A-Z]{0,3}[ \t-]?\d{6,9}[A-Z]?(?![\w-])|(?<![\w-])\d{6,9}[A-Z]{0,3}(?![\w-]))"
)
_PLATE_SHAPES = (
    r"[A-Z]{3}[ \t-]?\d{2,3}[ \t-]?[A-Z]{1,2}"  # MX ABC-123-D, AR AB 123 CD (two letters first: below)
    r"|[A-Z]{2}[ \t-]?\d{3}[ \t-]?[A-Z]{2}"  # AR Mercosur AB 123 CD
    r"|[A-Z]{3}[ \t-]?\d{2}[ \t-]?\d{2}"  # MX ABC-12-34
    r"|\d{3}[ \t-]?[A-Z]{3}"  # MX 123-ABC
    r"|\d{4}[ \t-]?[BCDFGHJKLMNPRSTVWXYZ]{3}"  # ES 1234 BCD
    r"|[A-Z]{1,2}[ \t-]?\d{4}[ \t-]?[A-Z]{1,2}"  # ES old M-1234-AB
    r"|[A-Z]{4}[ \t·-]?\d{2}|[A-Z]{2}[ \t·-][A-Z]{2}[ \t·-]\d{2}"  # CL BBBB12, BB·BB·12
    r"|[A-Z]{3}[ \t-]?\d{3}|[A-Z]{3}[ \t-]?\d{2}[A-Z]"  # CO/PE ABC123, moto ABC12D
    r"|[A-Z]\d[A-Z][ \t-]?\d{3}"  # PE A1B-234
)
_PLATE = re.compile(
    r"(?i:placas?|matr[ií]cula|patente|dominio|ppu)(?![ \t]+(?i:de[ \t]+)?(?:video|base|madre|gr[aá]fica|solar|de[ \t]+video))"
    rf"[^\n\x00]{{0,30}}?(?<![\w-])(?P<value>{_PLATE_SHAPES})(?![\w-])"
)
_PLATE_KEYS = ("placa", "matr", "patente", "dominio", "ppu")


def find_birth_dates(text: str, low: str) -> list[tuple[int, int]]:
    """(start, end) of each date with a birth cue before it (same sentence)."""
    if not any(k in low for k in _BIRTH_KEYS):
        return []
    return [m.span("date") for m in _BIRTH.finditer(text)]


def find_passports(text: str, low: str) -> list[tuple[int, int]]:
    """(start, end) of each passport number after "pasaporte"."""
    if "pasap" not in low and "passport" not in low:
        return []
    return [m.span("value") for m in _PASSPORT.finditer(text)]


def find_plates(text: str, low: str) -> list[tuple[int, int]]:
    """(start, end) of each vehicle plate after "placa", "matrícula", "patente" (AR "dominio", CL "PPU")."""
    if not any(k in low for k in _PLATE_KEYS):
        return []
    return [m.span("value") for m in _PLATE.finditer(text)]
