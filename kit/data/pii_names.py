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

from kit.data.pii_lexicon import FIRST_NAMES, FUNCTION_WORDS, NOT_ALONE, PARTICLES, SURNAMES, fold

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
_TITLE = r"(?:(?i:sr|sra|srta|dr|dra|lic|ing|don|doña|señor|señora|señorita)\.?[ \t]+)?"
# Each alternative starts with one of _KEYS ("llamo" for "me llamo", "nombre" for "mi nombre es").
_STRONG = (
    r"(?<=\bme\s)llamo|nombre\s+es|nombre\s+de|nombre\s*:|hablas\s+con|habla|escribe|atiende|titular\s*:|firma\s*:"
    r"|atentamente|saludos\s+cordiales|cordialmente|atte?\.?"
)
_WEAK = r"soy|hola|gracias|grax|estimad[oa]|saludos|un\s+saludo|claro|con\s+gusto"
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
_SIGNATURE_MARKS = (" · ", " | ")


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
        starts = sorted({i for key in _KEYS for i in _find_all(low, key)})
    spans = []
    for i in starts:
        m = NAMES.match(text, i)
        if m is not None:
            span = _name_span(text, m, stop)
            if span:
                spans.append(span)
    spans += _signoffs(text, stop, separator)
    spans.sort()
    out: list[tuple[int, int]] = []
    for span in spans:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def _find_all(low: str, key: str):
    i = low.find(key)
    while i >= 0:
        yield i
        i = low.find(key, i + 1)


def _name_span(text: str, m: re.Match[str], stop: frozenset[str]) -> tuple[int, int] | None:
    weak = m.group("strong") is None  # "--" opens a signature: a known first name must follow
    soy = weak and (m.group("weak") or "").lower() == "soy"
    # "me llamo x", "mi nombre es x": x is a name whatever its case; after "habla", "les escribe" …
    # a lower-case word must be a known first name ("llamo pra hablar" is a typo, not a name).
    sure = not weak and m.group("strong").lower().startswith(("llamo", "nombre"))
    base = m.start("name")
    tokens = list(_TOKEN.finditer(m.group("name")))
    end = None
    shouting = False
    words = 0
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
            continue  # "de la Fuente": kept only if a name word follows
        elif key in FUNCTION_WORDS:
            break
        elif not (
            key in FIRST_NAMES or key in SURNAMES or (word[0].isupper() and (not word.isupper() or shouting))
        ):
            break  # a lower-case word that is no known name ("les escribe yolanda estoy pagando")
        end = t.end()
        words += 1
        if words == 4:
            break
    return (base, base + end) if end else None


def _surname_next(tokens: list[re.Match[str]], k: int) -> bool:
    return k + 1 < len(tokens) and fold(tokens[k + 1].group()) in SURNAMES


def _signoffs(text: str, stop: frozenset[str], separator: str) -> list[tuple[int, int]]:
    # A known first name alone at the end of a turn, or opening a "Name · Company" signature line.
    found = []
    pos = 0
    while pos <= len(text):
        end = text.find(separator, pos)
        end = len(text) if end < 0 else end
        j = end
        while j > pos and not text[j - 1].isalnum():
            j -= 1
        # Up to three words ending the turn: a known first name, then known surnames ("… hector salazar").
        words: list[tuple[int, int]] = []
        i = j
        while i > pos and len(words) < 3:
            k = i
            while k > pos and (text[k - 1].isalpha() or text[k - 1] == "-"):
                k -= 1
            if k == i or (k > pos and text[k - 1].isalnum()):
                break
            words.insert(0, (k, i))
            if k == pos or text[k - 1] not in " \t":
                break
            i = k - 1
        while words and not _lone_first_name(text[words[0][0] : words[0][1]], stop):
            words.pop(0)
        if words and all(fold(text[a:b]) in SURNAMES for a, b in words[1:]):
            found.append((words[0][0], words[-1][1]))
        pos = end + 1
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


def _lone_first_name(word: str, stop: frozenset[str]) -> bool:
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
    for value in sorted({" ".join(fold(v).split()) for v in values}, key=len, reverse=True):
        full = aliases.get(value, value)
        aliases.setdefault(value, full)
        for token in value.split():
            if len(token) >= 3 and token not in PARTICLES and token not in FUNCTION_WORDS:
                aliases.setdefault(token, full)
    return dict(sorted(aliases.items(), key=lambda kv: len(kv[0]), reverse=True))


def alias_needs_capital(alias: str) -> bool:
    """A later mention of this alias counts only when capitalised: a surname or a name that is also a word
    ("Flores" the surname, "flores" the flowers)."""
    return " " not in alias and (alias in NOT_ALONE or alias not in FIRST_NAMES)
