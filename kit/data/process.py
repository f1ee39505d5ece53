"""The per-record work of pass 1, a pure function of the raw record so it can run in worker processes.

normalise -> redact -> pseudonymise -> exact key + MinHash signature -> everything pass 2 will write
(examples, token lengths, Q->A passages), pre-rendered as a spill block. Pass 2 then only copies
lines (and builds eval items for the few TEST conversations), so it stays cheap; the main process keeps
the dedup/split state.

Spill block (the main process prefixes the record index, its JSON-quoted path and line, with tabs):
    n_examples \\t n_qa \\t eval_question_hits \\t lengths (comma-separated) \\t pairs:n,skip reason:n,... \\n
    <example JSON line> x n_examples
    <qa key> \\t <passage JSON> x n_qa
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kit.data.assemble import TokenCounter, considered_pairs, examples_of, question_key, render_qa
from kit.data.config import DataConfig
from kit.data.dedup import Signer, conversation_words, exact_key
from kit.data.normalise import Normaliser, short_hash
from kit.data.readers.records import RawConversation, Rejection
from kit.data.schema import Conversation


@dataclass
class Prepared:
    path: str
    line: int
    id: str
    key: int  # exact-duplicate hash
    sig: np.ndarray  # MinHash hash values
    group: str | None  # split group (hashed customer, or data.group_by value)
    topic: str | None  # stratum
    block: str  # spill block (see module docstring)
    pii: dict[str, int] = field(default_factory=dict)


@dataclass
class Batch:
    items: list[Prepared | Rejection]
    counts: Counter[str]
    languages: Counter[str]


@dataclass
class Settings:
    """What a worker needs to rebuild a Processor (plain data, so it pickles under spawn too)."""

    data: dict[str, Any]
    system_prompt: str
    allowlist: list[str]
    eval_keys: set[bytes]


class Processor:
    def __init__(self, settings: Settings):
        self.cfg = DataConfig.model_validate(settings.data)
        self.system_prompt = settings.system_prompt
        self.eval_keys = settings.eval_keys
        self.normaliser = Normaliser(self.cfg)
        self.signer = Signer(self.cfg.num_perm, self.cfg.shingle_words)
        self.tokens = TokenCounter(self.cfg.tokenizer)
        self.redactor = None
        if self.cfg.pii:
            from kit.data.pii import Redactor

            self.redactor = Redactor(allowlist=settings.allowlist, types=self.cfg.pii_types)

    def __call__(self, raws: list[RawConversation | Rejection]) -> Batch:
        before_counts = Counter(self.normaliser.counts)
        before_langs = Counter(self.normaliser.languages)
        items = [self.one(r) for r in raws]
        return Batch(items, self.normaliser.counts - before_counts, self.normaliser.languages - before_langs)

    def one(self, raw: RawConversation | Rejection) -> Prepared | Rejection:
        if isinstance(raw, Rejection):
            return raw
        conv = self.normaliser.normalise(raw)
        if isinstance(conv, Rejection):
            return conv
        pii: Counter[str] = Counter()
        if self.redactor is not None:
            texts, entities = self.redactor.redact_conversation([m.content for m in conv.messages])
            for m, text, found in zip(conv.messages, texts, entities, strict=True):
                m.content = text
                pii.update(e.type for e in found)
        raw_customer = conv.meta.pop("customer_id", None)  # kept only as a short hash: groups, never identifies
        if raw_customer not in (None, ""):
            conv.meta["customer"] = f"c-{short_hash(str(raw_customer))}"
        words = conversation_words(conv)
        return Prepared(raw.path, raw.line, conv.id, exact_key(conv, words), self.signer.signature(words),
                        self._group(conv), self._topic(conv), self._block(conv), dict(pii))

    def _group(self, conv: Conversation) -> str | None:
        key = self.cfg.group_by
        if not key:
            return None
        value = conv.meta.get("customer" if key == "customer_id" else key)
        return None if value in (None, "") else f"{key}={value}"

    def _topic(self, conv: Conversation) -> str | None:
        key = self.cfg.stratify_by
        value = conv.meta.get(key) if key else None
        return None if value in (None, "") else str(value)

    def _block(self, conv: Conversation) -> str:
        cfg = self.cfg
        examples = examples_of(conv, self.system_prompt, cfg.examples, cfg.qa_min_answer_words)
        lengths = self.tokens.lengths(examples) if examples else []
        pairs, skipped = considered_pairs(conv, cfg.qa_min_answer_words)
        qa = render_qa(conv, cfg.qa_min_answer_words, pairs) if cfg.mine_qa else []
        hits = sum(question_key(m.content) in self.eval_keys for m in conv.messages if m.role == "user") if self.eval_keys else 0
        skips = ",".join(f"{k}:{v}" for k, v in {"pairs": len(pairs), **skipped}.items())
        lines = [f"{len(examples)}\t{len(qa)}\t{hits}\t{','.join(map(str, lengths))}\t{skips}"]
        lines += [json.dumps(ex, ensure_ascii=False) for ex in examples]
        lines += [f"{k}\t{j}" for k, j in qa]
        return "\n".join(lines) + "\n"


# -- worker processes -----------------------------------------------------------------------------
_worker: Processor | None = None


def init_worker(settings: Settings) -> None:
    global _worker
    _worker = Processor(settings)


def work(raws: list[RawConversation | Rejection]) -> Batch:
    assert _worker is not None, "init_worker was not called"
    return _worker(raws)


def run_batches(settings: Settings, batches: Iterator[list[RawConversation | Rejection]], workers: int) -> Iterator[Batch]:
    """Process batches in input order, in `workers` processes (1: in this process).

    At most 2 x workers + 2 batches are in flight, so a fast reader never queues the whole input in memory.
    """
    if workers <= 1:
        processor = Processor(settings)
        for batch in batches:
            yield processor(batch)
        return
    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    pool = ctx.Pool(workers, initializer=init_worker, initargs=(settings,))
    try:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(work, (batch,)))
            if len(pending) >= 2 * workers + 2:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def auto_workers(requested: int, input_bytes: int) -> int:
    """0 = auto: one process for small inputs (start-up costs more than it saves), else the CPUs we may use (max 4)."""
    if requested > 0:
        return requested
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cpus = os.cpu_count() or 1
    return 1 if cpus < 2 or input_bytes < 2_000_000 else min(cpus, 4)
