"""KB expansion from the support logs: customers' own questions attached to the KB chunk that answers them.

`chatkit prepare` mines question -> answer pairs from the TRAIN split (kind "qa", text "Pregunta: ...
\\nRespuesta: ..."). The agent's answer quotes the KB (same facts, same words), so BM25 over the KB chunks
with the answer as query finds the chunk it came from; when the best chunk clearly beats the runner-up
the customer's question is attached to that chunk. At search time a chunk is then also found through
the words customers use for it ("regresar un paquete" -> Devoluciones), in BM25 (its text plus its
questions) and in the dense index (one extra vector per question, keyed to the chunk: max-similarity).
This is document expansion (doc2query, Nogueira et al. 2019) with real queries instead of generated
ones. Eval questions are held out of the logs, so nothing of the eval set leaks in.
"""

from __future__ import annotations

from collections.abc import Sequence

from kit.data.schema import Passage
from kit.rag.lexical import analyze, fold

QUESTION, ANSWER = "Pregunta:", "Respuesta:"


def qa_parts(passage: Passage) -> tuple[str, str] | None:
    """(question, answer) of a mined Q->A passage, or None for any other passage."""
    if passage.meta.get("kind") != "qa":
        return None
    text = passage.text.strip()
    if not text.startswith(QUESTION) or f"\n{ANSWER}" not in text:
        return None
    question, _, answer = text[len(QUESTION) :].partition(f"\n{ANSWER}")
    question, answer = question.strip(), answer.strip()
    return (question, answer) if question and answer else None


def is_kb(passage: Passage) -> bool:
    return passage.meta.get("kind", "kb") != "qa"


def link_questions(
    passages: Sequence[Passage], ratio: float, limit: int, synonyms: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """KB chunk id -> up to `limit` customer questions whose answer it confidently holds (best first).

    Args:
        ratio: the best chunk's BM25 score must be at least `ratio` times the runner-up's.
        limit: most questions kept per chunk (distinct after accent/case folding).
    """
    if limit <= 0:
        return {}
    import bm25s
    import numpy as np

    kb = [p for p in passages if is_kb(p)]
    pairs = [parts for p in passages if (parts := qa_parts(p))]
    if not kb or not pairs:
        return {}
    index = bm25s.BM25()
    index.index([analyze(p.text, synonyms) for p in kb], show_progress=False)
    k = min(2, len(kb))
    rows, scores = index.retrieve([analyze(a, synonyms) or [""] for _, a in pairs], k=k, show_progress=False)
    rows, scores = np.asarray(rows), np.asarray(scores, dtype=np.float64)
    second = scores[:, 1] if k > 1 else np.zeros(len(pairs))
    confidence = np.where(second > 0, scores[:, 0] / np.maximum(second, 1e-9), np.inf)
    linked: dict[str, list[tuple[float, str]]] = {}
    for (question, _), row, top, conf in zip(pairs, rows[:, 0], scores[:, 0], confidence, strict=True):
        if top > 0 and conf >= ratio:
            linked.setdefault(kb[int(row)].id, []).append((float(conf), question))
    out: dict[str, list[str]] = {}
    for chunk_id, items in linked.items():
        seen: set[str] = set()
        kept: list[str] = []
        for _, question in sorted(items, key=lambda item: (-item[0], item[1])):
            key = " ".join(fold(question).split())
            if key not in seen:
                seen.add(key)
                kept.append(question)
            if len(kept) >= limit:
                break
        out[chunk_id] = kept
    return dict(sorted(out.items()))
