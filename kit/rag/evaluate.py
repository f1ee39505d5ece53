"""Retrieval metrics: recall@1/5/10, MRR@10 and nDCG@10 for dense, BM25 and hybrid side by side.

Relevance is binary (gain 1 for a relevant unit, 0 otherwise; nDCG = DCG / ideal DCG with log2(rank+1)
discounts). Eval items name KB PAGE ids (kb_ids) while the index holds chunks "<page>#<n>", so a hit
counts under its page id (meta.kb_id, else the id before '#') unless its own id is listed as relevant;
the ranking is then de-duplicated (a page counts once, at its best rank). Mined Q->A passages (meta.kind
"qa") belong to no page and carry no judgement, so they are left out of the ranking unless listed as
relevant: the "condensed list" treatment of unjudged documents (Sakai, SIGIR 2007). `qa_in_top5` says
how many of them the top 5 held, so the share of the prompt they would take stays visible.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.rag.index import MODES, Hit, Index

CUTOFFS = (1, 5, 10)
DEPTH = (
    1000  # passages ranked per query (at most): 10 distinct pages must survive de-duplication and condensing
)


@dataclass
class Query:
    id: str
    text: str
    relevant: list[str]


def read_queries(path: str | Path, need_relevant: bool) -> tuple[list[Query], list[str]]:
    """Queries from JSONL: {id?, query | question, relevant_ids | kb_ids}; returns (queries, skipped ids).

    With need_relevant, an item without relevant ids (e.g. an off-topic eval question) is skipped and
    its id returned, never dropped silently.
    """
    p = Path(path)
    if not p.is_file():
        raise ChatkitError(f"{p}: file not found", "give a JSONL file of {id, query} lines")
    queries: list[Query] = []
    skipped: list[str] = []
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise ChatkitError(f"{p}: not UTF-8 text (byte {e.start})", "save the file as UTF-8") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ChatkitError(f"{p}:{number}: invalid JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise ChatkitError(f"{p}:{number}: expected a JSON object with 'query'")
        text = obj.get("query", obj.get("question"))
        if not isinstance(text, str) or not text.strip():
            raise ChatkitError(f"{p}:{number}: no 'query' (or 'question') text")
        qid = str(obj.get("id", number))
        relevant = obj.get("relevant_ids", obj.get("kb_ids"))
        if need_relevant:
            if relevant is not None and not (
                isinstance(relevant, list) and all(isinstance(r, str) for r in relevant)
            ):
                raise ChatkitError(f"{p}:{number}: 'relevant_ids' must be a list of passage or page ids")
            if not relevant:
                skipped.append(qid)
                continue
        queries.append(Query(qid, text, list(relevant or [])))
    if not queries:
        what = "with relevant_ids (or kb_ids)" if need_relevant else ""
        raise ChatkitError(f"{p}: no queries {what}".strip())
    return queries, skipped


def ranked_units(hits: Sequence[Hit], relevant: set[str]) -> list[str]:
    """Hits as judged units (page, or the passage itself when listed), de-duplicated, unjudged Q->A left out."""
    seen: dict[str, None] = {}
    for hit in hits:
        if hit.meta.get("kind") == "qa" and hit.id not in relevant:
            continue  # unjudged: a mined Q->A passage is no KB page
        unit = hit.id if hit.id in relevant else hit.page_id
        seen.setdefault(unit, None)
    return list(seen)


def metrics(units: Sequence[str], relevant: set[str]) -> dict[str, float]:
    """recall@1/5/10, MRR@10 and nDCG@10 (binary gain) of one ranking."""
    flags = [u in relevant for u in units[: max(CUTOFFS)]]
    out = {f"recall@{k}": sum(flags[:k]) / len(relevant) for k in CUTOFFS}
    first = next((i for i, f in enumerate(flags, 1) if f), None)
    out["mrr@10"] = 1.0 / first if first else 0.0
    dcg = sum(1.0 / math.log2(i + 1) for i, f in enumerate(flags, 1) if f)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(relevant), 10) + 1))
    out["ndcg@10"] = dcg / ideal
    return out


def evaluate(index: Index, queries: Sequence[Query], modes: Sequence[str] = MODES) -> dict[str, Any]:
    """Mean metrics per mode, plus per-query rankings (first relevant rank, top-10 units, metrics)."""
    per_query: list[dict[str, Any]] = [
        {"id": q.id, "query": q.text, "relevant": q.relevant, "modes": {}} for q in queries
    ]
    summary: dict[str, dict[str, float]] = {}
    for mode in modes:
        results = index.search_many([q.text for q in queries], min(DEPTH, len(index)), mode=mode)
        totals: dict[str, float] = {}
        for row, q, hits in zip(per_query, queries, results, strict=True):
            relevant = set(q.relevant)
            units = ranked_units(hits, relevant)
            m = metrics(units, relevant)
            first = next((i for i, u in enumerate(units, 1) if u in relevant), None)
            m["qa_in_top5"] = sum(h.meta.get("kind") == "qa" for h in hits[:5])
            row["modes"][mode] = {"first_relevant_rank": first, "top": units[:10], **_round(m)}
            for key, value in m.items():
                totals[key] = totals.get(key, 0.0) + value
        summary[mode] = _round({key: value / len(queries) for key, value in totals.items()})
    return {
        "queries": len(queries),
        "gain": "binary (1 if the page or passage is in the query's relevant ids, else 0)",
        "unit": "KB page (hit meta.kb_id, else its id before '#'), unless the passage id itself is relevant",
        "metrics": summary,
        "per_query": per_query,
    }


def _round(values: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in values.items()}
