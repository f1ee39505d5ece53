"""Quality of one answer against its eval item: facts, token F1, ROUGE-L, escalation, groundedness.

Embedding cosine needs a model and is computed in batch (`cosine_similarities`); the LLM judge lives in
kit/compare/judge.py. Every score here is a plain number per item; summaries and CIs come later.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from kit.facts import check_facts, contains, fold, normalise, tokens
from kit.text import PLACEHOLDER

# Phrases that hand the customer over to a person (Spanish, formal and informal, MX/ES/CO).
HANDOVER = re.compile(
    r"\b(?:le|te|lo|la|los|las) (?:paso|pasamos|comunico|comunicamos|transfiero|transferimos|canalizo|conecto)\b"
    r"|\b(?:transfier\w*|canaliz\w*|escal\w*|deriv[oa]\w*)\b"
    r"|\bespecialista\b|\bagente (?:de|del|humano|especializado)\b|\bun asesor\b|\buna persona del equipo\b"
)
_EMAIL_OR_URL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:mx|com|es|co|net|org)(?:/[\w/-]*)?")


class _Tokenizer:
    """rouge-score tokenizer that keeps Spanish letters (its default drops every non-ASCII letter)."""

    def tokenize(self, text: str) -> list[str]:
        return tokens(text)


_scorer: Any = None


def rouge_l(answer: str, reference: str) -> float:
    """ROUGE-L F-measure on normalised tokens (rouge-score with a Spanish-aware tokenizer)."""
    global _scorer
    if _scorer is None:
        from rouge_score import rouge_scorer

        _scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=_Tokenizer())
    return float(_scorer.score(reference, answer)["rougeL"].fmeasure)


def token_f1(answer: str, reference: str) -> float:
    """SQuAD-style token F1 on normalised tokens (bag of words, clipped counts)."""
    a, r = tokens(answer), tokens(reference)
    if not a or not r:
        return float(a == r)
    common = sum((Counter(a) & Counter(r)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(a), common / len(r)
    return 2 * precision * recall / (precision + recall)


def escalates(answer: str) -> bool:
    """Does the answer hand the customer over to a person?"""
    return bool(HANDOVER.search(fold(answer)))


def answer_claims(answer: str, known_facts: Sequence[str] = ()) -> list[str]:
    """The checkable claims of an answer: known facts it states, every number with its unit, emails and URLs."""
    norm = normalise(answer)
    claims = [f for f in known_facts if contains(norm, f)]
    words = norm.split()
    for i, word in enumerate(words):
        # "un"/"una" become 1 during normalisation; as a claim it is almost always an article
        if any(ch.isdigit() for ch in word) and word != "1":
            nxt = words[i + 1] if i + 1 < len(words) and not words[i + 1][0].isdigit() else ""
            claims.append(f"{word} {nxt}".strip())
    claims.extend(m.group(0) for m in _EMAIL_OR_URL.finditer(fold(answer)))
    return list(dict.fromkeys(claims))


def groundedness(answer: str, passages: Sequence[str], known_facts: Sequence[str] = ()) -> float | None:
    """Share of the answer's claims found in the retrieved passages; None when the answer makes no claim."""
    claims = answer_claims(answer, known_facts)
    if not claims:
        return None
    context = normalise(" \n ".join(passages))
    return sum(contains(context, c) for c in claims) / len(claims)


def context_recall(passages: Sequence[str], required: Sequence[str]) -> float | None:
    """Share of the required facts present in the passages the model was given (retrieval, not reading)."""
    if not required:
        return None
    context = normalise(" \n ".join(passages))
    return sum(contains(context, f) for f in required) / len(required)


def score_item(
    answer: str,
    reference: str,
    required: Sequence[str],
    stale: Sequence[str] = (),
    escalate: bool | None = None,
    passages: Sequence[str] | None = None,
    question: str = "",
) -> dict[str, Any]:
    """Every per-item quality number except the embedding cosine (batched separately).

    The question lets the judge exempt values the customer stated and refuse facts found only in a copy of it.
    """
    check = check_facts(answer, required, stale, question=question)
    row: dict[str, Any] = {
        "fact_correct": check.correct if required or stale else None,
        "facts_found": len(check.found),
        "facts_required": len(required),
        "fact_recall": len(check.found) / len(required) if required else None,
        "stale_hit": bool(check.stale),
        "token_f1": token_f1(answer, reference),
        "rouge_l": rouge_l(answer, reference),
        "escalated": escalates(answer),
        "escalation_correct": None if escalate is None else escalates(answer) == bool(escalate),
        "grounded": None,
        "context_recall": None,
        # a redaction placeholder ([PERSON_1]) in the answer: learned from redacted training answers or copied from
        # a mined passage, it would reach the customer as is (the placeholders metric: lower is better)
        "placeholder": bool(PLACEHOLDER.search(answer)),
    }
    if passages is not None:
        row["grounded"] = groundedness(answer, passages, [*required, *stale])
        row["context_recall"] = context_recall(passages, required)
    return row


def cosine_similarities(embedder: Any, answers: Sequence[str], references: Sequence[str]) -> list[float]:
    """Cosine of each answer to its reference with a kit.rag.embed.Embedder (vectors are normalised)."""
    if not answers:
        return []
    # each distinct text once: every arm shares the references, and extractive answers repeat passages
    unique = list(dict.fromkeys([*answers, *references]))
    row = {text: i for i, text in enumerate(unique)}
    vectors = embedder.encode_passages(unique)
    a = vectors[[row[t] for t in answers]]
    r = vectors[[row[t] for t in references]]
    return [float(x) for x in (a * r).sum(axis=1)]
