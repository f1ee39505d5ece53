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


def fold(text: str) -> str:
    """Lower case with accents and diacritics removed (á→a, ñ→n, ü→u); Unicode NFKD first."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain(text: str) -> str:
    """fold(text) with punctuation removed and whitespace collapsed: "¿Envío   gratis?" -> "envio gratis"."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", fold(text)).split())


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
