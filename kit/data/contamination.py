"""Contamination audit: eval references and questions must not be in what the model learns from or retrieves.

After the eval set is final, every train example and every mined question->answer passage is checked
against every eval question and reference; an example or passage that holds one, verbatim or as a near
duplicate, is removed (from train and kb.jsonl, never from eval) and counted by reason:

- verbatim: the folded words of the eval text equal a turn's, or, from `min_words` words up, appear inside it;
- near: word-shingle Jaccard similarity >= `threshold`, with the MinHash signatures of kit/data/dedup.py
  finding the candidates and the exact Jaccard of the shingle sets deciding.

A reference that is only a fact ("3 a 5 días hábiles") inside a longer answer is not a leak: it is the fact
the model should learn; the reference sentence copied is.
"""

from __future__ import annotations

import json
import os
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kit.text import plain

REASONS = ("verbatim_reference", "near_reference", "verbatim_question", "near_question")
_RANK = {r: k for k, r in enumerate(REASONS)}
_MEMO = 1 << 16  # texts whose answer is remembered (agent macros repeat in every conversation)


def _shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    if len(words) <= n:
        return {tuple(words)} if words else set()
    return {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}


@dataclass
class _Text:
    kind: str  # "reference" | "question"
    item: int  # index of its eval item
    words: list[str]
    shingles: set[tuple[str, ...]]


class Audit:
    """The eval texts, indexed for verbatim lookups and near-duplicate candidates."""

    def __init__(self, items: list[dict[str, Any]], threshold: float = 0.7, min_words: int = 8,
                 shingle_words: int = 3, num_perm: int = 64):
        from kit.data.dedup import Signer

        self.threshold, self.min_words, self.n = threshold, min_words, shingle_words
        self.signer = Signer(num_perm, shingle_words)
        self.texts: list[_Text] = []
        for k, it in enumerate(items):
            for kind in ("reference", "question"):
                words = plain(str(it.get(kind) or "")).split()
                if words:
                    self.texts.append(_Text(kind, k, words, _shingles(words, shingle_words)))
        self.exact = {" ".join(t.words): i for i, t in enumerate(self.texts)}
        # verbatim containment: the first min_words words of each long eval text, looked up in every window
        # that starts with one of their first words
        self.heads: dict[str, list[int]] = {}
        for i, t in enumerate(self.texts):
            if len(t.words) >= min_words:
                self.heads.setdefault(" ".join(t.words[:min_words]), []).append(i)
        self.head_words = frozenset(h.split(" ", 1)[0] for h in self.heads)
        # near: Jaccard >= threshold > 0 needs a shared shingle, so an inverted index yields every text
        # that can pass, with its overlap count
        index: dict[tuple[str, ...], list[int]] = {}
        for i, t in enumerate(self.texts):
            for sh in t.shingles:
                index.setdefault(sh, []).append(i)
        self.by_shingle = {sh: np.array(ids, dtype=np.intp) for sh, ids in index.items()}
        self.sizes = np.array([len(t.shingles) for t in self.texts], dtype=np.int64)
        self._memo: dict[str, tuple[str, int] | None] = {}
        sigs = [self.signer.signature([t.words]) for t in self.texts]
        self.sigs = np.stack(sigs).astype(np.uint32) if sigs else np.empty((0, num_perm), np.uint32)

    def reason(self, text: str) -> tuple[str, int] | None:
        """(reason, eval text index) when `text` holds an eval text; verbatim before near, references first."""
        found = self._memo.get(text, self._memo)
        if found is self._memo:
            if len(self._memo) >= _MEMO:
                self._memo.clear()
            found = self._memo[text] = self._reason(text)
        return found

    def _reason(self, text: str) -> tuple[str, int] | None:
        words = plain(text).split()
        if not words or not self.texts:
            return None
        hits: list[tuple[str, int]] = []
        joined = " ".join(words)
        if joined in self.exact:
            t = self.texts[self.exact[joined]]
            hits.append((f"verbatim_{t.kind}", self.exact[joined]))
        if len(words) >= self.min_words and self.heads:
            padded = f" {joined} "
            first = self.head_words
            for k in range(len(words) - self.min_words + 1):
                if words[k] not in first:
                    continue
                for i in self.heads.get(" ".join(words[k : k + self.min_words]), ()):
                    t = self.texts[i]
                    if f" {' '.join(t.words)} " in padded:
                        hits.append((f"verbatim_{t.kind}", i))
        if not hits:
            hits = self._near(words)
        if not hits:
            return None
        return min(hits, key=lambda h: _RANK[h[0]])

    def _near(self, words: list[str]) -> list[tuple[str, int]]:
        # The eval texts whose MinHash estimate clears a generous cut (threshold - 0.2) and whose exact
        # shingle Jaccard reaches the threshold. The exact test runs first, from the inverted index (a
        # signature costs more and is only needed for the rare text that passes it); hits stay in
        # eval-text order.
        mine = _shingles(words, self.n)
        found = [ids for ids in map(self.by_shingle.get, mine) if ids is not None]
        if not found:
            return []
        shared = np.bincount(np.concatenate(found), minlength=len(self.texts))
        # |A & B| / |A | B| in float64, as Python's int / int would give it
        close = np.flatnonzero(shared / np.maximum(1, len(mine) + self.sizes - shared) >= self.threshold).tolist()
        if not close:
            return []
        sig = self.signer.signature([words]).astype(np.uint32)
        return [(f"near_{self.texts[i].kind}", i) for i in close
                if (self.sigs[i] == sig).mean() >= self.threshold - 0.2]

    def example_reason(self, texts: list[str]) -> tuple[str, int] | None:
        """The first of the texts' reasons that ranks highest (a verbatim reference ends the search)."""
        best = None
        for text in texts:
            found = self.reason(text)
            if found is not None and (best is None or _RANK[found[0]] < _RANK[best[0]]):
                best = found
                if _RANK[best[0]] == 0:
                    break
        return best


@dataclass
class SourceCounts:
    checked: int = 0
    found: int = 0  # holding an eval text
    removed: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)

    def add(self, reason: str, remove: bool) -> None:
        self.found += 1
        self.removed += remove
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1

    def to_json(self) -> dict[str, Any]:
        return {"checked": self.checked, "found": self.found, "removed": self.removed,
                "by_reason": dict(sorted(self.by_reason.items())),
                "share_found": round(self.found / self.checked, 4) if self.checked else 0.0,
                "left": self.found - self.removed}


def _rewrite(path: Path, keep) -> None:
    """Rewrite a JSONL file keeping the lines `keep(obj, index)` accepts (atomic: a sibling, then a rename)."""
    tmp = path.with_name(path.name + ".audit")
    with open(path, encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as dst:
        for k, line in enumerate(src):
            if keep(json.loads(line), k):
                dst.write(line)
    os.replace(tmp, path)


def audit_outputs(staging: Path, items: list[dict[str, Any]], lengths: array, cfg: Any) -> tuple[dict[str, Any], array]:
    """Find (and with data.contamination=remove, remove) contaminated train examples and mined passages.

    Returns the `contamination` section of prepare_report.json and the token lengths of the kept train examples.
    """
    remove = cfg.contamination == "remove"
    audit = Audit(items, cfg.contamination_threshold, cfg.contamination_min_words, cfg.shingle_words, cfg.num_perm)
    train, kb = SourceCounts(), SourceCounts()
    touched: set[str] = set()  # eval texts found (joined folded words)
    kept_lengths = array("I")

    def keep_example(ex: dict[str, Any], k: int) -> bool:
        train.checked += 1
        hit = audit.example_reason([m["content"] for m in ex["messages"] if m["role"] != "system"])
        if hit:
            train.add(hit[0], remove)
            touched.add(" ".join(audit.texts[hit[1]].words))
            if remove:
                return False
        if k < len(lengths):
            kept_lengths.append(lengths[k])
        return True

    def keep_passage(p: dict[str, Any], _: int) -> bool:
        if (p.get("meta") or {}).get("kind") != "qa":
            return True
        kb.checked += 1
        question, _, answer = p["text"].removeprefix("Pregunta: ").partition("\nRespuesta: ")
        hit = audit.example_reason([question, answer])
        if hit:
            kb.add(hit[0], remove)
            touched.add(" ".join(audit.texts[hit[1]].words))
            return not remove
        return True

    if audit.texts:
        _rewrite(staging / "train.jsonl", keep_example)
        _rewrite(staging / "kb.jsonl", keep_passage)
    else:
        kept_lengths = lengths
    section = {
        "mode": cfg.contamination, "eval_items": len(items), "eval_texts": len(audit.texts), "eval_items_found": len({t.item for t in audit.texts if " ".join(t.words) in touched}),
        "threshold": cfg.contamination_threshold, "min_words": cfg.contamination_min_words,
        "train_examples": train.to_json(), "mined_passages": kb.to_json(),
    }
    return section, kept_lengths
