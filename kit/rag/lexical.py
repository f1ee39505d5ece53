"""BM25 over the passages with Spanish analysis (bm25s + PyStemmer), saved as numpy/json (no pickle).

Analysis: lowercase -> accent folding -> words -> regional synonyms -> Spanish stopwords out -> spelling
by sound -> Snowball stem, plus character 3-grams of each word.
- Accents (and the tilde of ñ) are folded first so "devolucion" and "devolución", "contrasena" and
  "contraseña" meet: customers type without accents far more often than a KB is written without them,
  and año/ano collisions cost less than missing every unaccented query.
- Spelling by sound folds the commonest Spanish misspellings: b/v, z/s/c(e,i), qu/k/c, g(e,i)/j,
  ll/y, silent h, doubled letters ("enbio", "kiero", "targeta", "rembolso" meet their words).
- Character 3-grams (on by default, rag.bm25_ngrams) catch the other typos ("fatura" ~ "factura").
Both sides go through the same analyzer, whose settings are saved with the index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kit.text import fold  # noqa: F401 - rag/expand folds through here

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
ANALYSIS = (
    "lowercase, accent folding, \\w+ words, regional synonyms -> one term, Spanish stopwords (bm25s), "
    "spelling by sound (b/v, s/z/c, k/qu/c, j/g, y/ll, silent h, doubled letters), "
    "Snowball 'spanish' stemmer (PyStemmer), plus character n-grams"
)
# Regional words for the same thing (Mexico, Spain, Colombia, Argentina...): each group is indexed as its
# first word, so "móvil" finds a passage that says "celular". Override with rag.synonyms.
SYNONYMS: list[list[str]] = [
    ["celular", "cel", "movil", "smartphone"],
    ["computadora", "computador", "ordenador", "compu", "pc", "laptop", "portatil"],
    ["dinero", "plata", "lana", "varo", "pasta", "platica"],
    ["coche", "carro", "auto", "automovil"],
    ["boleto", "billete", "tiquete", "pasaje"],
    ["correo", "email", "mail", "e-mail"],
    ["contrasena", "password"],
]




def synonym_map(groups: Sequence[Sequence[str]]) -> dict[str, str]:
    """word -> the first word of its group (folded)."""
    return {fold(word): fold(group[0]) for group in groups if group for word in group}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_SPANISH

    return frozenset(fold(w) for w in STOPWORDS_SPANISH)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("spanish")


# Spelling by sound, applied in order to folded lowercase words ("C" keeps ch apart from c and h).
_SOUNDS = [
    (re.compile(pattern), repl)
    for pattern, repl in (
        ("ch", "C"),
        ("h", ""),
        ("b", "v"),
        ("z", "s"),
        ("c(?=[ei])", "s"),
        ("qu(?=[ei])", "k"),
        ("c", "k"),
        ("g(?=[ei])", "j"),
        ("ll", "y"),
        (r"([a-z])\1", r"\1"),
    )
]


def sound(word: str) -> str:
    """A folded word spelt by its sound: 'envio', 'enbio' -> 'envio'; 'tarjeta', 'targeta' -> 'tarjeta'."""
    if word.isdigit():
        return word
    for pattern, repl in _SOUNDS:
        word = pattern.sub(repl, word)
    return word


def analyze(text: str, synonyms: dict[str, str] | None = None, ngrams: int = 0) -> list[str]:
    """Spanish BM25 terms of one text: stems of sound-spelt words, then '#'-marked character n-grams."""
    stop = _stopwords()
    words = _WORD.findall(fold(text))
    if synonyms:
        words = [synonyms.get(w, w) for w in words]
    words = [w for w in words if w not in stop]
    terms = [_word_terms(w)[0] for w in words]
    if ngrams:
        for w in words:
            terms.extend(_word_grams(w, ngrams))
    return terms


# Words repeat (Zipf): caching per word makes analysis of a 100k-passage KB several times faster.
@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, str]:
    """(stem, sound key) of a folded word."""
    key = sound(word)
    return _stemmer().stemWord(key), key


@lru_cache(maxsize=200_000)
def _word_grams(word: str, n: int) -> tuple[str, ...]:
    key = _word_terms(word)[1]
    if len(key) <= n or key.isdigit():
        return ()
    padded = f"_{key}_"
    return tuple("#" + padded[i : i + n] for i in range(len(padded) - n + 1))


class Lexical:
    """A bm25s index whose document i is passage i of the index folder, with the analysis it was built with."""

    FOLDER = "bm25"
    ANALYZER = "analyzer.json"

    def __init__(self, bm25, synonyms: dict[str, str], ngrams: int):
        self.bm25 = bm25
        self.synonyms = synonyms
        self.ngrams = ngrams

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        k1: float = 1.2,
        b: float = 0.75,
        synonyms: dict[str, str] | None = None,
        ngrams: int = 3,
    ) -> Lexical:
        import bm25s

        synonyms = synonym_map(SYNONYMS) if synonyms is None else synonyms
        bm25 = bm25s.BM25(k1=k1, b=b)
        bm25.index([analyze(t, synonyms, ngrams) for t in texts], show_progress=False)
        return cls(bm25, synonyms, ngrams)

    def save(self, folder: Path) -> None:
        # allow_pickle=False: the arrays are plain .npy and the vocabulary/params JSON.
        self.bm25.save(str(folder / self.FOLDER), allow_pickle=False, show_progress=False)
        text = json.dumps(
            {"ngrams": self.ngrams, "synonyms": self.synonyms}, ensure_ascii=False, sort_keys=True
        )
        (folder / self.FOLDER / self.ANALYZER).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Lexical:
        import bm25s

        bm25 = bm25s.BM25.load(str(folder / cls.FOLDER), allow_pickle=False, load_corpus=False)
        settings = json.loads((folder / cls.FOLDER / cls.ANALYZER).read_text(encoding="utf-8"))
        return cls(bm25, settings["synonyms"], int(settings["ngrams"]))

    @property
    def count(self) -> int:
        return int(self.bm25.scores["num_docs"])

    def search_many(self, queries: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) arrays of shape (len(queries), k'); rows of zero-score documents are -1."""
        import numpy as np

        k = min(k, self.count)
        tokens = [analyze(q, self.synonyms, self.ngrams) or [""] for q in queries]
        rows, scores = self.bm25.retrieve(tokens, k=k, show_progress=False, n_threads=0)
        rows = np.asarray(rows, dtype=np.int64)
        scores = np.asarray(scores, dtype=np.float32)
        # bm25s pads with documents that share no term with the query; they are not matches.
        rows[scores <= 0] = -1
        return rows, scores
