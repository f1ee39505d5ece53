"""Contacts written to dodge filters, and social-media handles (used by kit.data.pii).

E-mails spelled out: "juan punto perez arroba gmail punto com", "juan.perez[at]gmail[dot]com",
"juan.perez (at) gmail.com", "juan.perez @ gmail.com". Phone numbers spelled in Spanish words or cut in
groups: "cinco cinco, uno dos tres cuatro, cinco seis siete ocho", "cincuenta y cinco doce treinta y
cuatro…", "5 5 1 2 3 4 5 6 7 8" after a phone word. Handles: "@pedro_ramirez87" or "usuario
pedro_ramirez87" with a platform or account word before it ("mi insta es …").
"""

from __future__ import annotations

import re

from kit.text import fold_same_length as fold

_TLD = r"(?:com|net|org|edu|gob|gov|info|io|es|mx|co|ar|pe|cl|us|me|biz|online|cat|eu)"
_DOTW = r"(?:\[\s*(?:dot|punto)\s*\]|\(\s*(?:dot|punto)\s*\)|\{\s*(?:dot|punto)\s*\})"
_DOT = rf"(?:\s*{_DOTW}\s*|\s+(?:punto|dot)\s+|\.)"
_ATW = r"(?:\[\s*(?:at|arroba)\s*\]|\(\s*(?:at|arroba)\s*\)|\{\s*(?:at|arroba)\s*\}|<\s*at\s*>)"
_AT = rf"(?:\s*{_ATW}\s*|\s+arroba\s+|\s*@\s*)"
_SEP = r"(?:\s+(?:gui[oó]n\s+bajo|underscore|gui[oó]n\s+medio|gui[oó]n)\s+)"
_TOKEN = r"[a-z0-9][a-z0-9_+-]*"
EMAIL_WORDS = re.compile(
    rf"(?i)(?<![\w.@+-]){_TOKEN}(?:(?:{_DOT}|{_SEP}){_TOKEN})*{_AT}[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}{_TLD}(?![\w@])"
)
_OBFUSCATION = ("arroba", "at]", "at)", "at}", "<at>", "@ ", " @")


def find_spelled_emails(text: str, low: str) -> list[tuple[int, int]]:
    """(start, end) of e-mails written with "arroba", "[at]", "(dot)", "punto" or spaces around "@".

    Args:
        low: text.lower() (computed once by the caller).
    """
    out: list[tuple[int, int]] = []
    for lo, hi in _windows(low, _OBFUSCATION, 120, 120):  # the regex is slow: only around the marks
        for m in EMAIL_WORDS.finditer(text, lo, hi):
            value = low[m.start() : m.end()]
            if "@" in value and " " not in value and "[" not in value and "(" not in value and "{" not in value:
                continue  # a plain address: find_emails has it
            if (m.end() < hi or hi == len(text)) and (not out or m.start() >= out[-1][1]):
                out.append(m.span())
    return out


def _windows(low: str, marks: tuple[str, ...], before: int, after: int) -> list[tuple[int, int]]:
    """Merged [start, end) windows around every occurrence of the marks in `low`."""
    spans = []
    for mark in marks:
        i = low.find(mark)
        while i >= 0:
            spans.append((max(0, i - before), min(len(low), i + len(mark) + after)))
            i = low.find(mark, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def email_key(value: str) -> str:
    """The address an obfuscated e-mail stands for: "Juan punto Perez arroba gmail.com" -> juan.perez@gmail.com."""
    low = value.lower()
    low = re.sub(rf"\s*{_ATW}\s*|\s+arroba\s+|\s*@\s*", "@", low)
    low = re.sub(rf"\s*{_DOTW}\s*|\s+(?:punto|dot)\s+", ".", low)
    low = re.sub(r"\s+(?:gui[oó]n\s+bajo|underscore)\s+", "_", low)
    return re.sub(r"\s+(?:gui[oó]n\s+medio|gui[oó]n)\s+", "-", low)


# Words (of fold_words) that mark a spelled e-mail: "juan arroba gmail", "juan [at] gmail".
EMAIL_CUE_WORDS = frozenset({"arroba", "at"})

# -- phone numbers spelled in words or cut in many groups -------------------------------------------

_UNITS = {"cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
          "nueve": 9}  # fmt: skip
_TEENS = {"diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
          "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22,
          "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
          "veintiocho": 28, "veintinueve": 29}  # fmt: skip
_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
         "noventa": 90}  # fmt: skip
_HUNDREDS = {"cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
             "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
             "novecientos": 900}  # fmt: skip
NUMBER_WORDS = {**_UNITS, **_TEENS, **_TENS, **_HUNDREDS}
_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ITEM = rf"(?:{_NUMWORD}|\d{{1,4}})(?![\w])"
# Runs of at least four number words or digit groups, on folded text (no accents: "dieciséis" -> "dieciseis").
# Groups are joined by spaces, commas, dashes, slashes or a dot inside the number ("55.12.34"); a dot and
# a space end the sentence, and the number.
_JOIN = r"(?:[ \t]*[,\-/][ \t]*|\.(?![ \t\n])|[ \t]+)"
_RUN = re.compile(rf"(?<![\w+]){_ITEM}(?:{_JOIN}(?:y[ \t]+)?{_ITEM}){{3,}}")
# (starts only where a number starts: "\d(?<!\d\d)" keeps the regex's fast digit prefix scan)
_DIGIT_RUN = re.compile(rf"\d(?<![0-9][0-9])\d{{0,3}}(?:{_JOIN}\d{{1,4}}(?![\w])){{3,}}")
# Words (of fold_words) before a phone number; digit groups are read as one only after one of these.
PHONE_CUE_WORDS = frozenset(
    """
    tel telefono telefonos cel celular movil whats whatsapp wsp wasap llamar llamen llamenme llameme llamame
    llamada llamadas llamo marcar marcame marquen marqueme contacto contactar numero numeros fono hablame phone
    """.split()
)
_CUE_STEMS = ("tel", "cel", "movil", "whats", "wsp", "wasap", "llam", "marca", "contact", "numero", "fono", "hablame",
              "phone")  # fmt: skip
_PHONE_WORD = re.compile(rf"\b(?:{'|'.join(_CUE_STEMS)})")
_OTHER_WORD = re.compile(r"\b(?:pedido|orden|folio|ticket|guia|cuenta|tarjeta|cedula|dni|caso|factura|cliente|socio"
                         r"|contrato|poliza)")  # fmt: skip


def find_spelled_phones(text: str, folded: str, spelled: bool | None = None) -> list[tuple[int, int]]:
    """(start, end) of phone numbers said in words ("cinco cinco uno dos …", "cincuenta y cinco doce …")
    or cut into many small groups after a phone word ("mi cel es 5 5 1 2 3 4 5 6 7 8").

    Args:
        folded: fold(text) (same length as text).
        spelled: whether the text holds a number word (kit.data.pii knows from its words); None: look.
    """
    out = []
    # Most texts hold no number word: then only digit groups after a phone word can form a run, and a
    # regex that starts with a digit scans ~3x faster than one that starts with forty words.
    if spelled is None:
        spelled = not NUMBER_WORDS.keys().isdisjoint(folded.split())
    if not spelled and not any(cue in folded for cue in _CUE_STEMS):
        return out
    for m in (_RUN if spelled else _DIGIT_RUN).finditer(folded):
        if not spelled and m.start() and (folded[m.start() - 1].isalnum() or folded[m.start() - 1] in "_+"):
            continue  # inside a word or a number
        value = m.group()
        digits, words = spelled_digits(value)
        if not 8 <= len(digits) <= 13:
            continue
        window = folded[max(0, m.start() - 40) : m.start()]
        window = window[window.rfind("\x00") + 1 :]
        # The nearest cue decides: "factura … llámenme al …" is a phone, "número de cliente es …" is not.
        phone = max((c.start() for c in _PHONE_WORD.finditer(window)), default=-1)
        other = max((c.start() for c in _OTHER_WORD.finditer(window)), default=-1)
        if other > phone or (phone < 0 and words < 2):
            continue  # digits in groups: only after a phone word (kit.data.pii_numbers reads the rest)
        out.append((m.start(), m.end()))
    return out


def spelled_digits(value: str) -> tuple[str, int]:
    """The digits a spelled phone number stands for, and how many number words it holds."""
    tokens = re.findall(r"[a-z]+|\d+", fold(value))
    digits, words, i = [], 0, 0
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok.isdigit():
            digits.append(tok)
            continue
        if tok not in NUMBER_WORDS:
            continue  # "y"
        words += 1
        value_ = NUMBER_WORDS[tok]
        if tok in _HUNDREDS or tok in _TENS:
            # "quinientos cincuenta y cinco" is 555; "cincuenta y cinco" is 55
            if tok in _HUNDREDS and i < len(tokens) and tokens[i] in {**_TEENS, **_TENS, **_UNITS}:
                value_ += NUMBER_WORDS[tokens[i]]
                tens = tokens[i] in _TENS
                i += 1
                if tens and i + 1 < len(tokens) and tokens[i] == "y" and tokens[i + 1] in _UNITS:
                    value_ += _UNITS[tokens[i + 1]]
                    i += 2
            elif tok in _TENS and i + 1 < len(tokens) and tokens[i] == "y" and tokens[i + 1] in _UNITS:
                value_ += _UNITS[tokens[i + 1]]
                i += 2
        digits.append(str(value_))
    return "".join(digits), words


# -- social-media handles ---------------------------------------------------------------------------

_PLATFORM = (
    r"instagram|insta|ig|twitter|tiktok|tik tok|facebook|fb|telegram|threads|linkedin|snapchat|snap|youtube|twitch"
    r"|discord|usuario|username|perfil|handle|nick"
)
_HANDLE = re.compile(  # run on the lower-cased text
    rf"\b(?:{_PLATFORM})\b[^\n\x00.?!]{{0,30}}?(?:\bes\b|:|\bcomo\b|\bsoy\b|\bdel?\b|\ben\b)?[ \t]*"
    r"(?P<handle>@[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?"
    r"|(?=[a-z0-9_.]*[0-9_.])[a-z][a-z0-9_.]{2,28}[a-z0-9_])(?![\w@]|\.[a-z]{2})"
)
_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@]|\.[a-z]{2})")
_AT_CUE = re.compile(rf"\b(?:{_PLATFORM}|s[ií]gue(?:me|nos)|b[uú]sca(?:me|nos)|red(?:es)?)\b")


# Words (of fold_words) that can introduce a handle; kit.data.pii looks for them among a text's words.
HANDLE_WORDS = frozenset(
    """
    instagram insta ig twitter tiktok tik tok facebook fb telegram threads linkedin snapchat snap youtube twitch
    discord usuario username perfil handle nick
    """.split()
)
_HANDLE_KEYS = ("insta", " ig ", " ig:", "twitter", "tik", "face", "fb", "telegram", "threads", "linkedin", "snap",
                "youtube", "twitch", "discord", "usuario", "username", "perfil", "handle", "nick")  # fmt: skip


def find_handles(text: str, low: str, keyed: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each social-media handle with a platform or account word before it (same turn).

    Args:
        low: text.lower() (computed once by the caller).
        keyed: whether a platform or account word may be in the text (False: only "@handles" are looked at).
    """
    if len(low) != len(text):
        return []  # a character whose lower case is longer would shift the offsets
    spans = set()
    for lo, hi in _windows(low, _HANDLE_KEYS, 1, 80) if keyed else ():
        for m in _HANDLE.finditer(low, lo, hi):
            handle = m.group("handle")
            if handle[0] == "@" or any(c.isdigit() or c in "_." for c in handle):  # "usuario bloqueado" is no handle
                if m.end() < hi or hi == len(low):
                    spans.add(m.span("handle"))
    i = text.find("@")
    while i >= 0:
        m = _AT_HANDLE.match(text, i)
        if m is not None:
            window = low[max(0, i - 60) : i]
            if _AT_CUE.search(window[window.rfind("\x00") + 1 :]):
                spans.add(m.span())
        i = text.find("@", i + 1)
    return sorted(spans)
