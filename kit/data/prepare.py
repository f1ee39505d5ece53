"""`chatkit prepare`: support logs -> PII-free train/val/test, kb.jsonl, eval.jsonl, rejected.jsonl, report.

Two passes keep memory flat. Pass 1 streams every input: read -> normalise -> redact -> exact hash and
MinHash signature; each surviving conversation is spilled (already redacted) to a temp JSONL, and only
hashes, signatures and integer group links stay in memory. Between passes, near-duplicates are grouped
and the split is decided on indices. Pass 2 re-reads the spill and writes the outputs. Everything is
built in a staging folder beside --out and moved in at the end, so a killed run leaves no half file.
Invariant: records_in == kept + merged + rejected.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from kit.console import progress
from kit.data.build import EvalPicker, QaMiner, TokenCounter, examples_of, publish, question_key, save_dataset
from kit.data.config import DataConfig
from kit.data.dedup import Deduper, UnionFind, conversation_words, exact_key
from kit.data.kb import kb_files, kb_passages
from kit.data.normalise import Normaliser, short_hash
from kit.data.readers import expand_inputs, open_input, read_input
from kit.data.readers.records import Rejection
from kit.data.report import FileStats, PrepareReport, SplitStats
from kit.data.schema import Conversation, EvalItem
from kit.data.split import SPLITS, assign_splits
from kit.errors import ChatkitError

OUTPUTS = ["train.jsonl", "val.jsonl", "test.jsonl", "dataset", "kb.jsonl", "eval.jsonl", "rejected.jsonl",
           "resolved_config.yaml", "prepare_report.json"]


@dataclass
class PrepareConfig:
    inputs: list[str]
    out: str
    data: DataConfig = field(default_factory=DataConfig)
    kb: list[str] = field(default_factory=list)  # KB folders or files (.md with front matter, .jsonl)
    eval_files: list[str] = field(default_factory=list)  # EvalItem JSONL files (e.g. the corpus's eval.jsonl)
    system_prompt: str = ""  # put first in every example (the recipe's system_prompt)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


class _Run:
    """State of one prepare run (counters, open files); `prepare()` is the public entry."""

    def __init__(self, config: PrepareConfig):
        self.config, self.cfg = config, config.data
        self.out = Path(config.out)
        self.staging = self.out.parent / f".{self.out.name}.staging-{os.getpid()}"
        self.report = PrepareReport(out=str(self.out), pii_enabled=self.cfg.pii, max_length=self.cfg.max_length)
        self.reasons: Counter[str] = Counter()
        self.pii: Counter[str] = Counter()
        self.merged_kinds: Counter[str] = Counter()
        self.rejected_file: IO[str] | None = None

    # -- bookkeeping -------------------------------------------------------------------------------
    def reject(self, r: Rejection) -> None:
        assert self.rejected_file is not None
        self.rejected_file.write(_dumps(r.to_json()) + "\n")
        if r.kind == "merged":
            self.report.merged += 1
        else:
            self.report.rejected += 1
            self.reasons[r.code] += 1

    # -- pass 1 ------------------------------------------------------------------------------------
    def pass_one(self, redactor: Any, spill: IO[str]) -> tuple[Deduper, UnionFind, list[int], list[str]]:
        cfg = self.cfg
        files = expand_inputs(self.config.inputs)
        opened = [open_input(p, cfg) for p in files]  # fail fast on a binary/unknown file, before any work
        normaliser = Normaliser(cfg)
        dedup = Deduper(cfg.near_dup_threshold, cfg.num_perm, cfg.shingle_words)
        groups = UnionFind()  # customers (or data.group_by values) that must share a split
        customers: dict[str, int] = {}
        topics: dict[str, int] = {}
        strata: list[int] = []
        ids: list[str] = []
        for inp in opened:
            stats = FileStats(str(inp.path), inp.format, inp.encoding.name, inp.encoding.detected)
            self.report.files.append(stats)
            for item in progress(read_input(inp, cfg), f"reading {inp.path.name}"):
                stats.records += 1
                self.report.records_in += 1
                conv = item if isinstance(item, Rejection) else normaliser.normalise(item)
                if isinstance(conv, Rejection):
                    self.reject(conv)
                    continue
                if redactor is not None:
                    texts, entities = redactor.redact_conversation([m.content for m in conv.messages])
                    for m, text, found in zip(conv.messages, texts, entities, strict=True):
                        m.content = text
                        for e in found:
                            self.pii[e.type] += 1
                self._pseudonymise(conv)
                words = conversation_words(conv)
                key = exact_key(conv, words)
                first = dedup.exact_duplicate_of(key)
                if first is not None:
                    self.merged_kinds["exact"] += 1
                    self.reject(Rejection(item.path, item.line, "duplicate",
                                          f"exact duplicate of conversation '{ids[first]}' (after normalisation and redaction)",
                                          kind="merged"))
                    continue
                idx = dedup.add(key, words)
                groups.add()
                ids.append(conv.id)
                group_key = self._group_key(conv)
                if group_key:
                    groups.union(customers.setdefault(group_key, idx), idx)
                topic = conv.meta.get(cfg.stratify_by) if cfg.stratify_by else None
                strata.append(topics.setdefault(str(topic), len(topics)) if topic not in (None, "") else -1)
                spill.write(_dumps({"i": idx, **conv.to_json()}) + "\n")
        self.report.normalise = dict(normaliser.counts)
        self.report.languages = dict(normaliser.languages)
        return dedup, groups, strata, ids

    @staticmethod
    def _pseudonymise(conv: Conversation) -> None:
        # Customer ids are kept only as short hashes: enough to group, useless to identify.
        raw = conv.meta.pop("customer_id", None)
        if raw not in (None, ""):
            conv.meta["customer"] = f"c-{short_hash(str(raw))}"

    def _group_key(self, conv: Conversation) -> str | None:
        key = self.cfg.group_by
        if not key:
            return None
        value = conv.meta.get("customer" if key == "customer_id" else key)
        return None if value in (None, "") else f"{key}={value}"

    # -- between passes ----------------------------------------------------------------------------
    def decide(self, dedup: Deduper, groups: UnionFind, strata: list[int]) -> tuple[bytearray, bytearray]:
        near = dedup.finish()
        n = len(groups.parent)
        active = bytearray(b"\x01") * n
        seen: set[int] = set()
        for i in range(n):
            root = dedup.near.find(i)
            if self.cfg.near_duplicates == "merge" and root in seen:
                active[i] = 0  # merged into the first conversation of its near-duplicate cluster
            seen.add(root)
            groups.union(i, root)
        self.report.near_duplicate_groups, self.report.near_duplicate_conversations = near.groups, near.grouped
        val, test = self.cfg.val_fraction, self.cfg.test_fraction
        splits = assign_splits(groups, strata, (1 - val - test, val, test), self.cfg.seed, active)
        return splits, active

    # -- pass 2 ------------------------------------------------------------------------------------
    def pass_two(self, spill_path: Path, splits: bytearray, active: bytearray, ids: list[str],
                 near: UnionFind, eval_items: list[dict[str, Any]], eval_keys: set[bytes]) -> None:
        cfg = self.cfg
        counter = TokenCounter(cfg.tokenizer)
        if counter.note:
            self.report.warnings.append(counter.note)
        self.report.tokenizer = counter.name
        miner = QaMiner(cfg.qa_min_answer_words, cfg.qa_max if cfg.mine_qa else 0)
        use_test = cfg.eval_from_test == "always" or (cfg.eval_from_test == "auto" and not self.config.eval_files)
        picker = EvalPicker(cfg.eval_max if use_test else 0, cfg.seed, cfg.qa_min_answer_words)
        files = {name: open(self.staging / f"{name}.jsonl", "w", encoding="utf-8") for name in SPLITS}
        lengths = {name: array("I") for name in SPLITS}
        stats = {name: SplitStats() for name in SPLITS}
        pending: dict[str, list[dict[str, Any]]] = {name: [] for name in SPLITS}
        kb = open(self.staging / "kb.jsonl", "a", encoding="utf-8")

        def flush(name: str) -> None:
            batch = pending[name]
            if batch:
                lengths[name].extend(counter.lengths(batch))
                files[name].write("".join(_dumps(ex) + "\n" for ex in batch))
                batch.clear()

        with open(spill_path, encoding="utf-8") as spill:
            for line in progress(spill, "writing splits", total=len(splits)):
                rec = json.loads(line)
                idx = rec.pop("i")
                conv = Conversation.from_json(rec)
                if not active[idx]:
                    first = ids[near.find(idx)]
                    path, _, where = str(conv.meta.get("source", "")).rpartition(":")
                    self.merged_kinds["near"] += 1
                    self.reject(Rejection(path, int(where or 0), "near_duplicate",
                                          f"near-duplicate of conversation '{first}' (data.near_duplicates=merge)", kind="merged"))
                    continue
                name = SPLITS[splits[idx]]
                self.report.kept += 1
                stats[name].conversations += 1
                exs = examples_of(conv, self.config.system_prompt, cfg.examples)
                stats[name].examples += len(exs)
                pending[name].extend(exs)
                if len(pending[name]) >= 256:
                    flush(name)
                if name == "train":
                    kb.write("".join(_dumps(p.to_json()) + "\n" for p in miner.mine(conv)))
                    if eval_keys:
                        self.report.eval_questions_seen_in_train += sum(
                            question_key(m.content) in eval_keys for m in conv.messages if m.role == "user")
                elif name == "test":
                    picker.offer(conv)
        for name in SPLITS:
            flush(name)
            files[name].close()
        kb.close()
        self.report.qa_passages = miner.count
        picked = picker.items()
        self.report.eval_from_test = len(picked)
        with open(self.staging / "eval.jsonl", "w", encoding="utf-8") as f:
            for item in eval_items + picked:
                f.write(_dumps(item) + "\n")
        self.report.eval_items = len(eval_items) + len(picked)
        for name in SPLITS:
            _percentiles(stats[name], lengths[name], cfg.max_length)
        self.report.splits = stats


def _percentiles(stats: SplitStats, lengths: array, max_length: int) -> None:
    if not lengths:
        return
    import numpy as np

    arr = np.frombuffer(lengths, dtype=np.uint32)
    stats.tokens_p50, stats.tokens_p90, stats.tokens_p99 = (round(float(x), 1) for x in np.percentile(arr, [50, 90, 99]))
    stats.tokens_max = int(arr.max())
    stats.truncated = int((arr > max_length).sum())


def read_eval_files(paths: list[str]) -> list[dict[str, Any]]:
    """EvalItem JSONL files, validated line by line (a bad line is one error naming file:line)."""
    items: list[dict[str, Any]] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise ChatkitError(f"--eval {path}: no such file")
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                    if not isinstance(obj, dict) or not isinstance(obj.get("question"), str) or not isinstance(obj.get("reference"), str):
                        raise ValueError("needs 'question' and 'reference' strings")
                    item = EvalItem.from_json(obj)
                except (json.JSONDecodeError, ValueError, TypeError) as e:
                    raise ChatkitError(f"{path}:{number}: not an eval item ({e})",
                                       "expected {id, question, reference, required_facts?, kb_ids?}") from None
                item.id = item.id or f"{path.stem}:{number}"
                item.meta = {**(item.meta or {}), "from": "file", "source": f"{path}:{number}"}
                items.append(item.to_json())
    return items


def _redactor(cfg: DataConfig, kb_text: str) -> Any:
    if not cfg.pii:
        return None
    from kit.data.pii import Redactor, allowlist_from_text

    allow = set(cfg.allowlist)
    if cfg.allowlist_file:
        p = Path(cfg.allowlist_file)
        if not p.is_file():
            raise ChatkitError(f"data.allowlist_file: {p}: no such file")
        allow.update(ln.strip() for ln in p.read_text(encoding="utf-8-sig").splitlines() if ln.strip())
    if kb_text:
        allow.update(allowlist_from_text(kb_text))
    return Redactor(allowlist=sorted(allow), types=cfg.pii_types)


def prepare(config: PrepareConfig) -> PrepareReport:
    """Run the whole preparation; outputs land in config.out. Rejections are reported, never raised.

    Raises:
        ChatkitError: unusable input as a whole (missing file, binary file, unknown format, missing columns).
    """
    start = time.perf_counter()
    run = _Run(config)
    if run.out.exists() and not run.out.is_dir():
        raise ChatkitError(f"--out {run.out}: exists and is not a folder")
    files = kb_files(config.kb) if config.kb else []
    passages, kb_text = kb_passages(files, config.data.kb_chunk_chars)
    eval_items = read_eval_files(config.eval_files)
    eval_keys = {question_key(it["question"]) for it in eval_items}
    redactor = _redactor(config.data, kb_text)
    shutil.rmtree(run.staging, ignore_errors=True)
    run.staging.mkdir(parents=True)
    try:
        with open(run.staging / "kb.jsonl", "w", encoding="utf-8") as kb:
            kb.writelines(_dumps(p.to_json()) + "\n" for p in passages)
        run.report.kb_passages = len(passages)
        run.report.eval_from_file = len(eval_items)
        spill_path = run.staging / "spill.jsonl"
        with open(run.staging / "rejected.jsonl", "w", encoding="utf-8") as rejected:
            run.rejected_file = rejected
            with open(spill_path, "w", encoding="utf-8") as spill:
                dedup, groups, strata, ids = run.pass_one(redactor, spill)
            splits, active = run.decide(dedup, groups, strata)
            del strata, groups
            run.pass_two(spill_path, splits, active, ids, dedup.near, eval_items, eval_keys)
        spill_path.unlink()
        save_dataset(run.staging, {name: run.staging / f"{name}.jsonl" for name in SPLITS})
        report = run.report
        report.rejected_by_reason = dict(run.reasons.most_common())
        report.merged_by_kind = dict(run.merged_kinds)
        report.pii_by_type = dict(run.pii.most_common())
        report.seconds = round(time.perf_counter() - start, 3)
        _warn(report, 1 - config.data.val_fraction - config.data.test_fraction)
        resolved = {"inputs": [str(p) for p in config.inputs], "kb": config.kb, "eval": config.eval_files,
                    "system_prompt": config.system_prompt, "data": config.data.model_dump(mode="json")}
        (run.staging / "resolved_config.yaml").write_text(
            yaml.safe_dump(resolved, sort_keys=False, allow_unicode=True), encoding="utf-8")
        (run.staging / "prepare_report.json").write_text(
            json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        publish(run.staging, run.out, OUTPUTS)
    finally:
        shutil.rmtree(run.staging, ignore_errors=True)
    return run.report


def _warn(report: PrepareReport, train_target: float) -> None:
    kept = report.kept
    if not kept:
        report.warnings.append("no conversation kept: see rejected.jsonl for the reasons")
        return
    for name in ("val", "test"):
        if report.splits[name].conversations == 0:
            report.warnings.append(f"the {name} split is empty ({kept} conversations kept)")
    train_share = report.splits["train"].conversations / kept
    if kept >= 50 and abs(train_share - train_target) > 0.1:
        report.warnings.append(f"train holds {train_share:.0%} of conversations: large customer or near-duplicate groups")
    if not report.balanced:  # pragma: no cover - a bug, never expected
        report.warnings.append("records_in != kept + merged + rejected")
