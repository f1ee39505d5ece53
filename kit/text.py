"""The one place that folds and normalises Spanish text: PII, the facts judge, BM25 and the corpus checks use it.

Two kinds of folding, for two jobs:
- `fold`: lower case without accents, diaeresis or tildes, Unicode NFKD ("Devolución Pingüino Año" ->
  "devolucion pinguino ano"). For comparing and indexing; the length may change.
- `fold_same_length` / `fold_words`: the same for Spanish letters, one character for one, so offsets into the
  folded text are offsets into the original (PII redaction reports spans of the original text).
"""

from __future__ import annotations

import re
import unicodedata

# A redaction placeholder as kit.data.pii writes it: [PERSON_1], [EMAIL_2], [NATIONAL_ID_1].
PLACEHOLDER = re.compile(r"\[[A-Z]+(?:_[A-Z]+)*_\d+\]")


def fold(text: str) -> str:
    """Lower case with accents and diacritics removed (á→a, ñ→n, ü→u); Unicode NFKD first."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if decomposed.isascii():  # nothing to drop
        return decomposed
    decomposed = _LATIN_MARKS.sub("", decomposed)  # the accents and tildes of Spanish text, in one C pass
    if decomposed.isascii():
        return decomposed
    # Any other combining mark: looked up once per distinct character, not once per character.
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(marks) if marks else decomposed


# The combining marks of the Combining Diacritical Marks block (U+034F, the grapheme joiner, is not one).
_LATIN_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]")


_NOT_WORD = re.compile(r"[^\w\s]|_")


def plain(text: str) -> str:
    """fold(text) with punctuation removed and whitespace collapsed: "¿Envío   gratis?" -> "envio gratis"."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


_ACCENTED = "áéíóúüàèìòùñÁÉÍÓÚÜÀÈÌÒÙÑ"
_FOLD = bytes.maketrans(_ACCENTED.encode("latin-1"), b"aeiouuaeiounAEIOUUAEIOUN")
# fold_words: letters and digits folded as in fold_same_length(); everything else (punctuation, emoji) a space.
_KEEP = "abcdefghijklmnopqrstuvwxyz0123456789"
_WORDS_TABLE = bytes(
    ord(c) if c in _KEEP else ord("aeiouuaeiounaeiouuaeioun"[_ACCENTED.index(c)]) if c in _ACCENTED else 32
    for c in (chr(b) for b in range(256))
)


def _lower(text: str) -> str:
    """str.lower, one character for one: "İ" lowers to two ("i" + a combining dot), which would shift
    every offset after it; such a character keeps only the first one."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)


def fold_same_length(text: str) -> str:
    """Lower case without Spanish accents ("Íñigo" -> "inigo"), one character for one (offsets hold).

    Characters outside Latin-1 (emoji) become "?". Done on bytes: str.translate with a dict is much slower.
    """
    low = _lower(text)
    if low.isascii():
        return low
    return low.encode("latin-1", "replace").translate(_FOLD).decode("latin-1")


def fold_words(text: str) -> str:
    """fold_same_length(text) with every character that is not a letter or digit a space (offsets hold)."""
    return _lower(text).encode("latin-1", "replace").translate(_WORDS_TABLE).decode("latin-1")
