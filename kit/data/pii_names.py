"""Person names, found where context introduces them (used by kit.data.pii).

Strong introductions take any name-like words, capitalised or not: "me llamo oscar gutierrez",
"mi nombre es …", "habla …", "les escribe …", "a nombre de …", "le atiende …", "Atentamente,\\nJuan
Pérez", "Nombre: …", "--\\nLaura". Weak ones ("soy", "hola", "gracias", "claro", "saludos") only take a
known first name, so "soy cliente" and "soy de Monterrey" stay. A known first name alone at the end of a
turn ("me salvaste hector") or before " · "/" | " at the start of a line (a signature) is a name too.
Once a name is known in a conversation, its later mentions ("Claro, Óscar.") are found as well.
"""

from __future__ import annotations

import re

from kit.data.pii_lexicon import (
    FIRST_NAMES,
    FUNCTION_WORDS,
    NOT_ALONE,
    PARTICLES,
    SURNAMES,
    WORDLIKE,
)
from kit.text import fold_same_length as fold
from kit.text import fold_words

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
_TITLE = r"(?:(?i:sr|sra|srta|dr|dra|lic|ing|don|doña|señor|señora|señorita)\.?[ \t]+)?"
# Each alternative starts with one of _KEYS ("llamo" for "me llamo", "nombre" for "mi nombre es").
_STRONG = (
    r"(?<=\bme\s)llamo|nombre\s+es|nombre\s+de|nombre\s*:|hablas\s+con|habla|escribe|atiende|titular\s*:|firma\s*:"
    r"|atentamente|saludos\s+cordiales|cordialmente|atte?\.?"
)
_WEAK = (
    r"soy|hola|gracias|grax|estimad[oa]|saludos|un\s+saludo|claro|con\s+gusto"
    # third parties, a known first name after: "mi esposa Claudia", "mi hijo pedro gómez"
    r"|(?<=\bmi\s)(?:esposa|esposo|marido|mujer|hij[oa]|mam[aá]|madre|pap[aá]|padre|herman[oa]|novi[oa]|pareja"
    r"|abuel[oa]|suegr[oa]|cuñad[oa]|t[ií][oa]|prim[oa]|sobrin[oa]|jef[ea])(?:\s+se\s+llama|\s+es)?"
)
NAMES = re.compile(
    rf"(?:(?i:\b(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK}))(?!\w))|(?m:^(?P<dash>--)))"
    rf"[ \t]*[,:]?[ \t]*\n?[ \t]*{_TITLE}(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,5}})"
)
_TOKEN = re.compile(_WORD)
# Lower-case starts of the introductions, found with str.find before the regex runs.
_KEYS = (
    "llamo", "nombre", "habla", "escribe", "atiende", "titular", "firma", "atentamente", "saludos", "cordialmente",
    "att", "soy", "hola", "gracias", "grax", "estimad", "un saludo", "claro", "con gusto", "--",
)  # fmt: skip
_RELATIVE = re.compile(r"mi\s+(esposa|esposo|marido|mujer|hij|mam|madre|pap|padre|herman|novi|pareja|abuel|suegr|cuñad|t[ií][oa]\b|prim|sobrin|jef)")
# A signature line: a capitalised name, then a dash or comma and a job title ("Laura Gómez — Gerente de …").
_ROLE_NAME = re.compile(
    r"[ \t]*(?P<name>[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:[ \t]+(?:de[ \t]+(?:la[ \t]+)?)?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+){0,3})[ \t]*\Z"
)
# Job titles that follow a signature's name; searched first (capitals are rare, so the scan is fast).
_ROLE = re.compile(
    r"(?:Gerente|Jef[ea]|Director[a]?|Coordinador[a]?|Asesor[a]?|Ejecutiv[oa]|Supervisor[a]?|Analista|Agente"
    r"|Representante|Encargad[oa]|Responsable|Subdirector[a]?|Especialista|Administrador[a]?|Contador[a]?)\b"
)
_SIGNATURE_MARKS = (" · ", " | ")
_PUNCT = ".,;:!?¡¿…\"'()[]*-_~"
_NAME_WORDS = FIRST_NAMES | SURNAMES
# What usually follows the last word of a turn (stripped fast; anything else is walked back).
_TRAILING = " \t\n.,;:!?¡¿…\"')]*~😊🙏😅😡🙄👍😭🤔😤🤞❤️🥲👋🙂😀😉"


def find_names(
    text: str, stop: frozenset[str] = frozenset(), separator: str = "\x00"
) -> list[tuple[int, int]]:
    """(start, end) of each person name in `text`, in order, non-overlapping.

    Args:
        stop: extra folded words that are never part of a name (the company's own name, from the allowlist).
        separator: the character that joins the turns of a conversation in `text`.
    """
    low = text.lower()
    if len(low) != len(text):  # a rare character whose lower case is longer ("İ"): offsets would drift
        starts = [m.start() for m in NAMES.finditer(text)]
    else:
        # str.find per keyword is far faster than a case-insensitive regex over every position.
        starts = []
        for key in _KEYS:
            i = low.find(key) if key in low else -1
            while i >= 0:
                starts.append(i)
                i = low.find(key, i + 1)
        if "mi" in low:
            starts += [m.start(1) for m in _RELATIVE.finditer(low)]
        starts.sort()
    spans = []
    for i in starts:
        m = NAMES.match(text, i)
        if m is not None:
            span = _name_span(text, m, stop)
            if span:
                spans.append(span)
    spans += _signoffs(text, stop, separator)
    spans += _full_names(text, stop, separator)
    spans += _role_lines(text, stop)
    spans.sort(key=lambda span: (span[0], -span[1]))  # at one start, the longest name wins
    out: list[tuple[int, int]] = []
    for span in spans:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def _name_span(text: str, m: re.Match[str], stop: frozenset[str]) -> tuple[int, int] | None:
    weak = m.group("strong") is None  # "--" opens a signature: a known first name must follow
    if weak and fold(_TOKEN.match(m.group("name")).group()) not in FIRST_NAMES:
        return None  # the common case ("gracias por …", "hola, buenas"), decided before any other work
    # After "soy" or a sign-off ("saludos, rosa") even a name that is also a word is a name.
    soy = weak and " ".join((m.group("weak") or "").lower().split()) in ("soy", "saludos", "un saludo")
    # "me llamo x", "mi nombre es x": x is a name whatever its case; after "habla", "les escribe" …
    # a lower-case word must be a known first name ("llamo pra hablar" is a typo, not a name).
    sure = not weak and m.group("strong").lower().startswith(("llamo", "nombre"))
    base = m.start("name")
    tokens = list(_TOKEN.finditer(m.group("name")))
    end = None
    shouting = False
    words = 0
    particles: list[str] = []
    for k, t in enumerate(tokens):
        word = t.group()
        key = fold(word)
        if key in stop or (any(c.isupper() for c in word[1:]) and not word.isupper()):
            break  # the company's name, or a brand written in CamelCase ("MercaColibrí")
        if k == 0:
            if key in FUNCTION_WORDS or key in PARTICLES:
                return None
            if weak and key not in FIRST_NAMES:
                return None  # "soy cliente", "hola buenas", "claro, Bogotá"
            if not sure and word.islower() and key not in FIRST_NAMES:
                return None
            if (
                weak
                and key in NOT_ALONE
                and not word[0].isupper()
                and not soy
                and not _surname_next(tokens, k)
            ):
                return None  # "gracias rosa" is a name only as "gracias rosa aguilar"; "soy rosa" is one
            shouting = word.isupper() and len(word) > 1
        elif key in PARTICLES:
            particles.append(key)
            continue  # "de la Fuente": kept only if a name word follows
        elif key in FUNCTION_WORDS:
            break
        elif not (
            key in FIRST_NAMES or key in SURNAMES or (word[0].isupper() and (not word.isupper() or shouting))
        ):
            break  # a lower-case word that is no known name ("les escribe yolanda estoy pagando")
        elif particles == ["de"] and key not in SURNAMES and not _surname_next(tokens, k):
            break  # "Lucía de Altavía" is where she works; "Juan de Dios Pérez" is a name
        particles = []
        end = t.end()
        words += 1
        if words == 4:
            break
    return (base, base + end) if end else None


def _role_lines(text: str, stop: frozenset[str]) -> list[tuple[int, int]]:
    # "Laura Gómez — Gerente de Atención", "Atte.\nPedro Ruiz\nJefe de Sucursal": a name word first.
    found = []
    for role in _ROLE.finditer(text):
        k = len(text[: role.start()].rstrip(" \t"))  # the dash, comma or line break before the title
        if k == 0 or not (text[k - 1] in "—–,|\n" or text[k - 2 : k] in (" -", "\t-")):
            continue
        k -= 1
        line = max(text.rfind(c, 0, k) for c in "\n\x00—–")  # the name stands alone before it
        if text.startswith("--", line - 1):
            line -= 1
        m = _ROLE_NAME.match(text, line + 1, k)
        if m is None:
            continue
        words = fold(m.group("name")).split()
        if words[0] in _NAME_WORDS and not any(w in stop or (w in FUNCTION_WORDS and w not in PARTICLES) for w in words):
            found.append(m.span("name"))
    return found


def _surname_next(tokens: list[re.Match[str]], k: int) -> bool:
    return k + 1 < len(tokens) and fold(tokens[k + 1].group()) in SURNAMES


def _signoffs(text: str, stop: frozenset[str], separator: str) -> list[tuple[int, int]]:
    # A known first name (and known surnames) ending a turn, a first name opening a turn ("Ana, le
    # comento"), or a first name opening a "Name · Company" signature line.
    found = []
    base = 0
    for turn in text.split(separator):
        tail = turn.rstrip(_TRAILING)
        if tail and not tail[-1].isalnum():  # another emoji or symbol: walk back to the last letter
            end = len(tail)
            while end and not tail[end - 1].isalnum():
                end -= 1
            tail = tail[:end]
        head, comma, _ = turn[:30].partition(",")
        if comma and head.istitle() and _lone_first_name(head, stop):  # "Alejandra, le comento: …"
            found.append((base, base + len(head)))
        last = tail[tail.rfind(" ") + 1 :].strip(_PUNCT)
        if last and fold(last) in _NAME_WORDS:
            words = [w.strip(_PUNCT) for w in tail[-60:].split()[-3:]]
            found += _tail_name(turn, base, words, stop)
        base += len(turn) + 1
    for mark in _SIGNATURE_MARKS:
        k = text.find(mark)
        while k >= 0:
            line = max(text.rfind("\n", 0, k), text.rfind(separator, 0, k)) + 1
            signed = text[line:k].split()
            if len(signed) == 1 and _lone_first_name(signed[0], stop):
                start = text.index(signed[0], line)
                found.append((start, start + len(signed[0])))
            k = text.find(mark, k + 1)
    return found


def _full_names(text: str, stop: frozenset[str], separator: str) -> list[tuple[int, int]]:
    # A known first name followed by known surnames is a name wherever it stands, whatever its case
    # and whatever introduced it ("hola!! Hqbla Angel Salazar", "habña camila ramirez romero").
    plain = fold_words(text)
    words = plain.split()
    pairs = []
    for name in FIRST_NAMES.intersection(words):  # set operations run in C; a chat has few names
        if name in stop:
            continue
        i = words.index(name)
        while True:
            j = i + 1
            while j < len(words) and j - i < 4 and words[j] in SURNAMES:
                j += 1
            if j > i + 1 + (name in WORDLIKE):  # "rosa ortiz flores" yes, "rosa blanco" no
                pairs.append((i, j))
            try:
                i = words.index(name, i + 1)
            except ValueError:
                break
    found = []
    for phrase in sorted({" ".join(words[i:j]) for i, j in pairs}):  # sorted: the same order in every process
        k = plain.find(phrase)
        while k >= 0:
            end = k + len(phrase)
            if (k == 0 or plain[k - 1] == " ") and (end == len(plain) or plain[end] == " "):
                if separator not in text[k:end]:
                    found.append((k, end))
            k = plain.find(phrase, k + 1)
    return found


def _tail_name(turn: str, base: int, words: list[str], stop: frozenset[str]) -> list[tuple[int, int]]:
    while words and not _lone_first_name(words[0], stop):
        words.pop(0)
    if not words or not all(w.isalpha() and fold(w) in SURNAMES for w in words[1:]):
        return []
    last = turn.rfind(words[-1]) + len(words[-1])
    first = turn.rfind(words[0], 0, last)
    if first < 0 or (first > 0 and turn[first - 1].isalnum()):
        return []
    return [(base + first, base + last)]


def _lone_first_name(word: str, stop: frozenset[str]) -> bool:
    if not word or not word.isalpha():
        return False
    key = fold(word)
    return (
        key in FIRST_NAMES
        and key not in NOT_ALONE
        and key not in FUNCTION_WORDS
        and key not in stop
        and not word.isupper()
    )


def name_aliases(values: list[str]) -> dict[str, str]:
    """Folded strings to look for later -> the folded full name they stand for (the placeholder key).

    The full name and each of its first names and surnames; longest names first, so "ana" stands for
    "ana garcia" even when "Ana" alone was introduced too.
    """
    aliases: dict[str, str] = {}
    # longest first, ties alphabetical: a set's own order changes with PYTHONHASHSEED, and so did the placeholders
    for value in sorted({" ".join(fold(v).split()) for v in values}, key=lambda v: (-len(v), v)):
        full = aliases.get(value, value)
        aliases.setdefault(value, full)
        for token in value.split():
            if len(token) >= 3 and token not in PARTICLES and token not in FUNCTION_WORDS:
                aliases.setdefault(token, full)
    return dict(sorted(aliases.items(), key=lambda kv: len(kv[0]), reverse=True))


def alias_case_rule(alias: str) -> str:
    """How a later lower-case mention of `alias` counts: "any" (a first name such as "oscar"), "spelled"
    (a surname: only as the customer typed it), "capital" (also an everyday word: "flores", "rosa")."""
    if " " in alias or (alias in FIRST_NAMES and alias not in NOT_ALONE):
        return "any"
    return "capital" if alias in NOT_ALONE else "spelled"
