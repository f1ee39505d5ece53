"""The extractive arm's answer: the best-matching sentence(s) of the top passage, within the answer budget.

Every arm gets the same answer budget (generation.max_new_tokens, counted with the generating arms'
tokenizer), so the extractive arm cannot win by quoting a whole page: a judge that only checks whether
the required facts appear would otherwise reward an answer that lists every value of the page.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import Any

# Sentence ends (".", "!", "?", ";" followed by space) and line breaks; "2.5" and "$1,500.00" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def answer_part(text: str) -> str:
    """The answer part of a mined Q->A pair, else the passage without its title line."""
    if "Respuesta:" in text:
        return text.split("Respuesta:", 1)[1].strip()
    head, sep, body = text.partition("\n\n")
    return (body if sep and len(head) < 120 else text).strip()


def sentences(text: str) -> list[str]:
    """Non-empty sentences of a passage, in order (list bullets are sentences too)."""
    return [s.strip(" -*•\t") for s in _SENTENCE_END.split(text) if s.strip(" -*•\t")]


def _terms(text: str) -> set[str]:
    from kit.rag.lexical import analyze

    return set(analyze(text))


def token_ids(tokenizer: Any, text: str) -> list[int]:
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def extractive_answer(question: str, passage: str, tokenizer: Any, budget: int) -> str:
    """The sentence(s) of `passage` sharing the most Spanish terms with `question`, at most `budget` tokens.

    Sentences are ranked by terms shared with the question, then by whether they state a value (a digit:
    a support answer gives a time, an amount, a number), then by position; a question back to the
    customer ranks last. Ties of the best rank are kept in passage order while they fit, unless no sentence
    shares a term with the question: then only the first of them. A best sentence longer than the budget is
    cut to it.
    """
    parts = sentences(answer_part(passage))
    if not parts:
        return ""
    wanted = _terms(question)
    ranks = [(-1 if s.rstrip().endswith("?") else len(wanted & _terms(s)), any(ch.isdigit() for ch in s))
             for s in parts]
    best = max(ranks)
    chosen: list[int] = []
    for i in sorted(range(len(parts)), key=lambda i: (ranks[i] != best, i)):
        if ranks[i] != best or (chosen and best[0] <= 0):
            break
        candidate = " ".join(parts[j] for j in sorted([*chosen, i]))
        if len(token_ids(tokenizer, candidate)) <= budget:
            chosen.append(i)
        elif not chosen:  # the best sentence alone is over budget: its first `budget` tokens
            return tokenizer.decode(token_ids(tokenizer, parts[i])[:budget], skip_special_tokens=True).strip()
    return " ".join(parts[j] for j in sorted(chosen))


class Extractor:
    """The extractive arm as an answerer for `chat --extractive` and `serve --extractive`: no model runs; its
    tokenizer only counts the answer budget, as compare counted it (generation.max_new_tokens)."""

    max_context = None  # no prompt is ever built

    def __init__(self, tokenizer: Any):
        self.tokenizer = tokenizer

    def count_tokens(self, text: str) -> int:
        return len(token_ids(self.tokenizer, text))

    def answer(self, question: str, passages: Sequence[str], budget: int, stop: Sequence[str] = (),
               waited_s: float = 0.0) -> Any:
        """A Generation (kit.generate.local) from the first passage (the top hit), as compare's arm answers;
        "" when retrieval found nothing. stop: strings that end the answer (an API request's `stop`).
        waited_s: seconds already spent on this answer (retrieval), counted in its times: the whole answer
        arrives at once, as compare's latency measures it."""
        from kit.generate.local import Generation, stop_at

        t0 = time.perf_counter()
        text = extractive_answer(question, passages[0], self.tokenizer, budget) if passages else ""
        stopped, cut = "extractive", stop_at(text, stop)
        if cut >= 0:
            text, stopped = text[:cut].rstrip(), "stop"
        seconds = waited_s + time.perf_counter() - t0
        return Generation(text, 0, self.count_tokens(text), seconds, seconds, stopped)
