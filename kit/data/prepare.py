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
import platform
import shutil
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from kit.console import progress
from kit.data.assemble import (
    EvalPicker,
    QaMiner,
    TokenCounter,
    considered_pairs,
    conversation_of_example,
    passage_json,
    publish,
    question_key,
    render_eval,
    save_dataset,
)
from kit.data.config import DataConfig
from kit.data.contamination import audit_outputs
from kit.data.dedup import Deduper, UnionFind
from kit.data.evalset import finish_eval
from kit.data.kb import kb_files, kb_passages
from kit.data.process import Processor, Settings, auto_workers, run_batches
from kit.data.readers import InputFile, expand_inputs, open_input, read_input
from kit.data.readers.records import RawConversation, Rejection
from kit.data.report import FileStats, PairTally, PrepareReport, SplitStats
from kit.data.schema import EvalItem
from kit.data.split import EVAL_SPLITS, SPLITS, assign_splits
from kit.errors import ChatkitError
from kit.runfolder import versions, write_jsonl

_BATCH = 128  # raw records per unit of work handed to a worker
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
        self.normalised: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.rejected_file: IO[str] | None = None
        self.eval_items: list[dict[str, Any]] = []  # from --eval files, then the ones picked from the test split
        self.kb_text = ""
        self.allow: list[str] = []

    def reject(self, r: Rejection) -> None:
        assert self.rejected_file is not None
        self.rejected_file.write(_dumps(r.to_json()) + "\n")
        if r.kind == "merged":
            self.report.merged += 1
        else:
            self.report.rejected += 1
            self.reasons[r.code] += 1

    # -- pass 1 ------------------------------------------------------------------------------------
    def _batches(self, opened: list[InputFile]) -> Iterator[list[RawConversation | Rejection]]:
        for inp in opened:
            stats = FileStats(str(inp.path), inp.format, inp.encoding.name, inp.encoding.detected)
            self.report.files.append(stats)
            batch: list[RawConversation | Rejection] = []
            for item in progress(read_input(inp, self.cfg), f"reading {inp.path.name}"):
                stats.records += 1
                self.report.records_in += 1
                batch.append(item)
                if len(batch) >= _BATCH:
                    yield batch
                    batch = []
            if batch:
                yield batch

    def pass_one(self, settings: Settings, spill: IO[str]) -> tuple[Deduper, UnionFind, list[int], list[str]]:
        cfg = self.cfg
        files = expand_inputs(self.config.inputs)
        opened = [open_input(p, cfg) for p in files]  # fail fast on a binary/unknown file, before any work
        workers = auto_workers(cfg.workers, sum(p.stat().st_size for p in files))
        self.report.workers = workers
        dedup = Deduper(cfg.near_dup_threshold, cfg.num_perm)
        groups = UnionFind()  # customers (or data.group_by values) that must share a split
        first_of_group: dict[str, int] = {}
        topics: dict[str, int] = {}
        strata: list[int] = []
        ids: list[str] = []
        for batch in run_batches(settings, self._batches(opened), workers):
            self.normalised.update(batch.counts)
            self.languages.update(batch.languages)
            for item in batch.items:
                if isinstance(item, Rejection):
                    self.reject(item)
                    continue
                self.pii.update(item.pii)
                first = dedup.exact_duplicate_of(item.key)
                if first is not None:
                    self.merged_kinds["exact"] += 1
                    self.reject(Rejection(item.path, item.line, "duplicate",
                                          f"exact duplicate of conversation '{ids[first]}' (after normalisation and redaction)",
                                          kind="merged"))
                    continue
                idx = dedup.add(item.key, item.sig)
                groups.add()
                ids.append(item.id)
                if item.group is not None:
                    groups.union(first_of_group.setdefault(item.group, idx), idx)
                strata.append(topics.setdefault(item.topic, len(topics)) if item.topic is not None else -1)
                spill.write(f"{idx}\t{json.dumps(item.path)}\t{item.line}\t{item.block}")
        return dedup, groups, strata, ids

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

    # -- pass 2: copy the pre-rendered lines of each spill block to where its split sends them ---------
    def pass_two(self, spill_path: Path, splits: bytearray, active: bytearray, ids: list[str], near: UnionFind) -> None:
        cfg = self.cfg
        miner = QaMiner(cfg.qa_max if cfg.mine_qa else 0)
        every, mining, picking = PairTally(), PairTally(), PairTally()
        use_test = cfg.eval_from_test == "always" or (cfg.eval_from_test == "auto" and not self.config.eval_files)
        picker = EvalPicker(cfg.eval_max if use_test else 0)
        files = {name: open(self.staging / f"{name}.jsonl", "w", encoding="utf-8") for name in SPLITS}
        lengths = {name: array("I") for name in SPLITS}
        stats = {name: SplitStats() for name in SPLITS}
        with open(spill_path, encoding="utf-8") as spill, open(self.staging / "kb.jsonl", "a", encoding="utf-8") as kb:
            for head in progress(spill, "writing splits", total=len(splits)):
                idx_s, path, line, n_ex, n_qa, hits, lens, skips = head.rstrip("\n").split("\t")  # path is JSON-quoted
                idx = int(idx_s)
                body = [next(spill) for _ in range(int(n_ex) + int(n_qa))]
                if not active[idx]:
                    self.merged_kinds["near"] += 1
                    self.reject(Rejection(json.loads(path), int(line), "near_duplicate",
                                          f"near-duplicate of conversation '{ids[near.find(idx)]}' (data.near_duplicates=merge)",
                                          kind="merged"))
                    continue
                name = SPLITS[splits[idx]]
                tally = PairTally.parse(skips)
                pairs_found = tally.pop("pairs", 0)
                every.skip(tally)
                every.count("taken", pairs_found)
                self.report.kept += 1
                stats[name].conversations += 1
                stats[name].examples += int(n_ex)
                files[name].writelines(body[: int(n_ex)])
                if lens:
                    lengths[name].extend(int(x) for x in lens.split(","))
                if name == "train":
                    self.report.eval_questions_seen_in_train += int(hits)
                    mining.skip(tally)
                    for qa in body[int(n_ex): int(n_ex) + int(n_qa)]:
                        key, _, passage = qa.partition("\t")
                        outcome = miner.take(key)
                        mining.count(outcome)
                        if outcome == "taken":
                            kb.write(passage)
                elif name == "test" and picker.limit and int(n_ex):
                    # The last example holds the whole conversation (up to its last agent turn).
                    conv = conversation_of_example(json.loads(body[int(n_ex) - 1]))
                    pairs, skipped = considered_pairs(conv, cfg.qa_min_answer_words)
                    picking.skip(skipped)
                    found = render_eval(conv, cfg.seed, cfg.qa_min_answer_words)
                    if found:
                        picker.offer(*found)
                        picking.count("one_per_conversation", len(pairs) - 1)
        for f in files.values():
            f.close()
        self.report.qa_passages = miner.count
        picked = picker.items()
        picking.count("taken", len(picked))
        picking.count("over_eval_max", picker.dropped)
        self.report.eval_from_test = len(picked)
        self.eval_items += [json.loads(item) for item in picked]
        self.report.eval_items = len(self.eval_items)
        self.report.eval_split = finish_eval(self.eval_items, cfg, self.kb_text, set(self.allow), self.report.warnings)
        write_jsonl(self.staging / "eval.jsonl", self.eval_items)
        contamination, lengths["train"] = audit_outputs(self.staging, self.eval_items, lengths["train"], cfg)
        removed = contamination["train_examples"]["removed"]
        stats["train"].examples -= removed
        mining.count("contaminated", contamination["mined_passages"]["removed"])
        mining.count("taken", -contamination["mined_passages"]["removed"])
        self.report.qa_passages -= contamination["mined_passages"]["removed"]
        self.report.contamination = contamination
        self.report.pairs = {"every split (substantive pairs)": every.to_json(),
                             "mining (train split -> kb.jsonl)": mining.to_json(),
                             "eval picking (test split -> eval.jsonl)": picking.to_json() if picker.limit else
                             {"run": False, "why": "eval items come from --eval (data.eval_from_test=auto)"}}
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
                    if obj.get("split", "test") not in EVAL_SPLITS:
                        raise ValueError(f"split must be one of {', '.join(EVAL_SPLITS)} (got {obj['split']!r})")
                    item = EvalItem.from_json({"id": f"{path.stem}:{number}", **obj})
                except (json.JSONDecodeError, ValueError, TypeError) as e:
                    raise ChatkitError(f"{path}:{number}: not an eval item ({e})",
                                       "expected {id, question, reference, required_facts?, kb_ids?, split?}") from None
                item.meta = {**(item.meta or {}), "from": "file", "source": f"{path}:{number}"}
                row = item.to_json()
                if "split" not in obj:
                    del row["split"]  # prepare deals it (dev/test, stratified)
                items.append(row)
    return items


def _allowlist(cfg: DataConfig, kb_text: str) -> list[str]:
    """Public values never redacted: data.allowlist, data.allowlist_file, and the contacts found in the KB."""
    allow = set(cfg.allowlist)
    if cfg.allowlist_file:
        p = Path(cfg.allowlist_file)
        if not p.is_file():
            raise ChatkitError(f"data.allowlist_file: {p}: no such file")
        allow.update(ln.strip() for ln in p.read_text(encoding="utf-8-sig").splitlines() if ln.strip())
    if kb_text and cfg.pii:
        from kit.data.pii import allowlist_from_text

        allow.update(allowlist_from_text(kb_text))
    return sorted(allow)


def prepare(config: PrepareConfig) -> PrepareReport:
    """Run the whole preparation; outputs land in config.out. Rejections are reported, never raised.

    Raises:
        ChatkitError: unusable input as a whole (missing file, binary file, unknown format, missing columns).
    """
    start = time.perf_counter()
    run = _Run(config)
    if run.out.exists() and not run.out.is_dir():
        raise ChatkitError(f"--out {run.out}: exists and is not a folder")
    passages, kb_text = kb_passages(kb_files(config.kb), config.data.kb_chunk_chars) if config.kb else ([], "")
    eval_items = read_eval_files(config.eval_files)
    run.eval_items, run.kb_text, run.allow = eval_items, kb_text, _allowlist(config.data, kb_text)
    settings = Settings(config.data.model_dump(mode="json"), config.system_prompt, run.allow,
                        {question_key(it["question"]) for it in eval_items})
    Processor(settings)  # validates patterns and the tokenizer here, once, before any worker starts
    shutil.rmtree(run.staging, ignore_errors=True)
    run.staging.mkdir(parents=True)
    try:
        with open(run.staging / "kb.jsonl", "w", encoding="utf-8") as kb:
            kb.writelines(_dumps(passage_json(p)) + "\n" for p in passages)
        run.report.kb_passages = len(passages)
        run.report.eval_from_file = len(eval_items)
        spill_path = run.staging / "spill.txt"
        with open(run.staging / "rejected.jsonl", "w", encoding="utf-8") as rejected:
            run.rejected_file = rejected
            with open(spill_path, "w", encoding="utf-8") as spill:
                dedup, groups, strata, ids = run.pass_one(settings, spill)
            splits, active = run.decide(dedup, groups, strata)
            repeated = len(ids) - len(set(ids))
            if repeated:
                run.report.warnings.append(f"{repeated} conversation id(s) repeat across inputs: output ids are not unique")
            del strata, groups
            run.pass_two(spill_path, splits, active, ids, dedup.near)
        spill_path.unlink()
        save_dataset(run.staging, {name: run.staging / f"{name}.jsonl" for name in SPLITS})
        report = run.report
        report.tokenizer = TokenCounter.describe(config.data.tokenizer)
        report.rejected_by_reason = dict(run.reasons.most_common())
        report.merged_by_kind = dict(run.merged_kinds)
        report.pii_by_type = dict(run.pii.most_common())
        report.normalise = dict(run.normalised)
        report.languages = dict(run.languages.most_common())
        report.versions = {"python": platform.python_version(), **versions(("datasketch", "datasets", "charset-normalizer"))}
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
