"""Worked examples for a base model's RAG prompt, picked from an index's own passages (`generation.shots`).

A base model (not instruction-tuned) continues a prompt rather than answering it; a few worked examples in the
prompt show it what comes after "Respuesta del agente:". The examples are question -> answer pairs mined from
TRAIN conversations (passages of kind "qa", already audited against every eval item by `chatkit prepare`), each
shown with the KB passage that states its facts, so what they demonstrate is reading a policy.

A pair qualifies when its answer is short, holds at least one number, every number in it appears in one KB
passage of the same index, and its question holds no redaction placeholder. Pairs are ranked by how much of the
answer that passage covers; the best pair of each KB page is taken, best first, ties broken by passage id. The
choice depends on the index alone: after a policy update (`index --update`) the pairs whose numbers the KB no
longer states drop out by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kit.data.schema import Passage
from kit.prompts import format_passage
from kit.rag.expand import is_kb, qa_parts
from kit.text import fold

MAX_ANSWER_CHARS = 160  # one or two sentences: what the examples teach the answer's length to be
_WORD = re.compile(r"\w+")
# Broader than kit.text.PLACEHOLDER (the redactor's [TYPE_n]): any all-caps bracket keeps a pair out of the examples.
_PLACEHOLDER = re.compile(r"\[[A-Z_]+(?:_\d+)?\]")


@dataclass(frozen=True)
class Shot:
    """One worked example: a mined pair and the KB passage that states its facts."""

    pair_id: str
    question: str
    answer: str
    passage_id: str
    passage_text: str


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) > 3 or any(c.isdigit() for c in w)}


def pick_shots(passages: Sequence[Passage], k: int) -> list[Shot]:
    """Up to `k` worked examples from an index's passages, one per KB page."""
    if k <= 0:
        return []
    kb = [(p, _words(p.text)) for p in passages if is_kb(p)]
    scored: list[tuple[float, str, str, Shot]] = []
    for p in passages:
        pair = qa_parts(p)
        if pair is None:
            continue
        question, answer = pair
        if len(answer) > MAX_ANSWER_CHARS or _PLACEHOLDER.search(question) or _PLACEHOLDER.search(answer):
            continue
        words = _words(answer)
        numbers = {w for w in words if any(c.isdigit() for c in w)}
        if not numbers:
            continue
        best: tuple[float, Any] | None = None
        for page, page_words in kb:
            if numbers <= page_words:
                cover = len(words & page_words) / len(words)
                if best is None or cover > best[0]:
                    best = (cover, page)
        if best is None:
            continue
        cover, page = best
        shot = Shot(p.id, question, answer, page.id, page.text)
        scored.append((-cover, p.id, str((page.meta or {}).get("kb_id") or page.id.split("#")[0]), shot))
    scored.sort(key=lambda s: (s[0], s[1]))
    chosen: list[Shot] = []
    pages: set[str] = set()
    for _, _, page, shot in scored:
        if page in pages:
            continue
        pages.add(page)
        chosen.append(shot)
        if len(chosen) == k:
            break
    return chosen


# The plain-text layout of a base model's prompt with worked examples (generation.shots): no chat template,
# each example and then the question as "Documentos / Pregunta del cliente / Respuesta del agente" blocks. The
# answer is the text after the last label, up to its first line break.
SHOT_DOCUMENTS = "Documentos:"
SHOT_QUESTION = "Pregunta del cliente:"
SHOT_ANSWER = "Respuesta del agente:"
SHOT_PREVIOUS = {"user": "Cliente:", "assistant": "Agente:"}


def shots_prompt(
    shots: Sequence[Any],
    question: str,
    passages: Sequence[tuple[str, str]],
    history: Sequence[dict[str, str]] = (),
) -> str:
    """A completion prompt: worked examples (objects with .question, .answer, .passage_id, .passage_text), then the
    retrieved passages, the earlier turns of this conversation if any, and the question."""

    def block(docs: Sequence[tuple[str, str]], q: str, earlier: Sequence[dict[str, str]] = ()) -> str:
        lines = [SHOT_DOCUMENTS, *(format_passage(pid, text) for pid, text in docs)]
        lines += [f"{SHOT_PREVIOUS[m['role']]} {' '.join(m['content'].split())}" for m in earlier
                  if m["role"] in SHOT_PREVIOUS]
        lines.append(f"{SHOT_QUESTION} {' '.join(q.split())}")
        return "\n".join(lines)

    parts = [f"{block([(s.passage_id, s.passage_text)], s.question)}\n{SHOT_ANSWER} {' '.join(s.answer.split())}\n"
             for s in shots]
    parts.append(f"{block(passages, question, history)}\n{SHOT_ANSWER}")
    return "\n".join(parts)
