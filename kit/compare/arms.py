"""Run the arms: every arm answers the same eval items; per item the answer, tokens and timings.

Models are loaded one at a time (arms sharing an adapter run back to back), retrieval runs once per
index and is shared by the arms that use it, and every timed pass is preceded by an untimed warm-up.
"""

from __future__ import annotations

import gc
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.compare.config import ArmConfig, Suite
from kit.console import info
from kit.data.schema import EvalItem
from kit.errors import ChatkitError


@dataclass
class Retrieved:
    hits: list[Any]  # kit.rag Hit objects, best first


@dataclass
class ArmOutput:
    arm: ArmConfig
    rows: list[dict[str, Any]]
    wall_s: float  # timed generation wall time of the whole arm (0 for extractive)
    device: str
    passages: dict[str, list[str]] = field(default_factory=dict)  # item id -> texts given to the model
    shots: list[str] = field(default_factory=list)  # ids of the mined pairs shown as worked examples (generation.shots)
    context_weight: float = 0.0  # context-aware decoding weight it answered with (generation.context_weight)


def load_eval(
    path: str | Path,
    limit: int | None = None,
    what: str = "eval",
    split: str | None = None,
    sample: int | None = None,
    seed: int = 0,
    deal: tuple[float, int] | None = None,
) -> list[EvalItem]:
    """Eval items from a JSONL file (only `split`'s when given; an item without a split counts as test).

    `deal` = (dev fraction, seed): items without a split are dealt into dev and test as `chatkit prepare` deals
    eval.jsonl (kit.data.split.assign_eval_splits, stratified by intent) instead of all counting as test: for
    files compare reads straight from the corpus (the policy-update items), so a dev run never sees test ones.

    `limit` keeps the first N items; `sample` a seeded random N of them (all topics, not the first few), in
    file order.

    One-line errors for a missing file, bad JSON, missing references, or no item of the split.
    """
    p = Path(path)
    if not p.is_file():
        raise ChatkitError(f"{what} file not found: {p}", "run `chatkit prepare ... --out DIR` first (it writes eval.jsonl)")
    objs: list[dict[str, Any]] = []
    with p.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise ChatkitError(f"{p}:{number}: not valid JSON ({e.msg})") from None
            if not isinstance(obj, dict) or not str(obj.get("question") or "").strip():
                raise ChatkitError(f"{p}:{number}: an eval item needs a non-empty 'question'")
            if not str(obj.get("reference") or "").strip():
                raise ChatkitError(
                    f"{p}:{number}: item {obj.get('id', number)!s} has no 'reference' answer",
                    "every eval item needs {id, question, reference}; `chatkit prepare` writes them",
                )
            obj.setdefault("id", f"{p.stem}-{number}")
            objs.append(obj)
    if deal is not None:
        from kit.data.split import assign_eval_splits

        for obj, dealt in zip(objs, assign_eval_splits(objs, deal[0], deal[1]), strict=True):
            obj["split"] = dealt
    items: list[EvalItem] = []
    splits: dict[str, int] = {}
    for obj in objs:
        item_split = str(obj.get("split") or "test")
        splits[item_split] = splits.get(item_split, 0) + 1
        if split is not None and item_split != split:
            continue
        items.append(EvalItem.from_json(obj))
        if limit and len(items) >= limit:
            break
    if not items and split is not None and splits:
        found = ", ".join(f"{k} {v}" for k, v in sorted(splits.items()))
        raise ChatkitError(f"{p}: no eval item of split '{split}' (found: {found})",
                           "pick one with --split / --set split=..., or re-run `chatkit prepare` to write dev and test")
    if not items:
        raise ChatkitError(f"{p}: no eval items", "the file is empty")
    if sample and len(items) > sample:
        import random

        keep = sorted(random.Random(seed).sample(range(len(items)), sample))
        items = [items[i] for i in keep]
    return items


def check_inputs(suite: Suite) -> None:
    """Fail early, one line each, on an arm naming a missing adapter or index."""
    for arm in suite.arms:
        adapter = suite.adapter_of(arm)
        if arm.lora:
            if not adapter:
                raise ChatkitError(f"arm '{arm.name}' needs a LoRA adapter", "pass --adapter RUN (a `chatkit train` run folder)")
            from kit.models.weights import require_weights

            require_weights(adapter, f"arm '{arm.name}': ")
        index = suite.index_of(arm)
        if arm.retrieves:
            if not index:
                raise ChatkitError(f"arm '{arm.name}' needs an index", "pass --index DIR (from `chatkit index`)")
            if not (Path(index) / "manifest.json").is_file():
                raise ChatkitError(
                    f"arm '{arm.name}': index not found: {index} (no manifest.json)",
                    "run `chatkit index --kb kb.jsonl --out DIR` and pass --index DIR",
                )


def retrieve(suite: Suite, index: Any, items: list[EvalItem]) -> dict[str, Retrieved]:
    """Top-k hits per item from a loaded index, the queries embedded in batches (search_many). With a float32
    embedder these are the hits single searches give (all 360 shop eval questions); in bf16 the batch changes
    the rounding (358 of 360 the same top 3). Retrieval is timed per request on the latency sample."""
    hits = index.search_many([item.question for item in items], k=suite.rag.top_k, mode=suite.rag.mode)
    return {item.id: Retrieved(list(found)) for item, found in zip(items, hits, strict=True)}


def fit_passages(hits: list[Any], tokenizer: Any, budget: int) -> tuple[list[tuple[str, str]], int]:
    """Passages in rank order while their prompt lines fit `budget` tokens of the generator's tokenizer.

    The first passage is cut to the budget rather than dropped, so a RAG arm always gets some context.
    """
    from kit.prompts import format_passage

    chosen: list[tuple[str, str]] = []
    used = 0
    for hit in hits:
        ids = tokenizer(format_passage(hit.id, hit.text) + "\n", add_special_tokens=False)["input_ids"]
        if used + len(ids) > budget:
            if not chosen:
                head = tokenizer.decode(ids[: budget - 8], skip_special_tokens=True)
                prefix = f"[{hit.id}] "
                chosen.append((hit.id, head[len(prefix):] if head.startswith(prefix) else head))
                used = budget
            break
        chosen.append((hit.id, hit.text))
        used += len(ids)
    return chosen, used


def _messages(
    suite: Suite, item: EvalItem, tokenizer: Any, hits: list[Any] | None, shots: list[Any] | None = None
) -> tuple[list[dict] | str, int, list[str]]:
    """(prompt, context tokens, passage texts) for one item; earlier turns go before the question. With worked
    examples (`shots`, a base arm that retrieves) the prompt is a plain completion prompt (kit.rag.shots.shots_prompt)."""
    from kit.prompts import build_messages
    from kit.rag.shots import shots_prompt

    if hits is None:
        return build_messages(suite.system_prompt, item.question, history=item.context), 0, []
    passages, used = fit_passages(hits, tokenizer, suite.rag.context_tokens)
    if shots:
        return shots_prompt(shots, item.question, passages, item.context), used, [text for _, text in passages]
    messages = build_messages(suite.system_prompt, item.question, passages, history=item.context)
    return messages, used, [text for _, text in passages]


def contrast_prompt(suite: Suite, item: EvalItem, shots: list[Any] | None = None) -> list[dict] | str:
    """The prompt of `_messages` without retrieved passages: what context-aware decoding contrasts with."""
    from kit.prompts import build_messages
    from kit.rag.shots import shots_prompt

    if shots:
        return shots_prompt(shots, item.question, [], item.context)
    return build_messages(suite.system_prompt, item.question, history=item.context)


def arm_context_weight(suite: Suite, arm: ArmConfig) -> float:
    """generation.context_weight for a local arm that retrieves and whose model reads its passages: the base
    (base+rag) and runs trained on examples with passages (RAFT, raft+rag); 0 for the others. A run trained
    without passages answers from what it learned, and weighing the passages against that lowered it (the
    real-model demo's dev items: lora+rag 27.8% -> 17.6%, raft+rag 64.8% -> 69.4%, at 0.5). An api arm gives no
    token probabilities."""
    weight = suite.generation.context_weight
    if weight <= 0 or not arm.rag or arm.api:
        return 0.0
    from kit.raft import trained_with_passages

    return weight if not arm.lora or trained_with_passages(suite.adapter_of(arm)) else 0.0



def arm_shots(suite: Suite, arm: ArmConfig, index: Any) -> list[Any]:
    """The worked examples of an arm: generation.shots pairs from its index for a local base arm that retrieves."""
    if not suite.generation.shots or not arm.rag or arm.lora or arm.api or index is None:
        return []
    from kit.rag.shots import pick_shots

    shots = pick_shots(index.passages, suite.generation.shots)
    if len(shots) < suite.generation.shots:
        info(f"arm {arm.name}: {len(shots)} of generation.shots={suite.generation.shots} worked examples found in the index "
             "(mined pairs whose numbers a KB passage states)")
    return shots


class ModelCache:
    """Holds one loaded model at a time (base, or base + one adapter)."""

    def __init__(self, suite: Suite, tokenizers: Any = None):
        self.suite, self.tokenizers = suite, tokenizers
        self.key: object = object()
        self.generator: Any = None

    def get(self, adapter: str | None) -> Any:
        if adapter == self.key and self.generator is not None:
            return self.generator
        self.generator = None
        gc.collect()
        from transformers.utils import logging as hf_logging

        from kit.generate.local import LocalGenerator
        from kit.models.load import load_model

        hf_logging.disable_progress_bar()  # one "Loading weights" bar per arm is noise in a compare run

        model, tokenizer = load_model(self.suite.model, adapter=adapter, merge=True, tokenizers=self.tokenizers)
        self.key, self.generator = adapter, LocalGenerator(model, tokenizer)
        return self.generator


def run_generating_arm(
    suite: Suite, arm: ArmConfig, items: list[EvalItem], generator: Any, retrieved: dict[str, Retrieved] | None,
    index: Any = None, latency_sample: int | None = None,
) -> ArmOutput:
    """Every item's answer from length-bucketed batches (throughput), then a sample answered one at a time (latency)."""
    from kit.compare import latency

    gen_cfg = suite.generation
    shots = arm_shots(suite, arm, index)
    # a completion prompt's answer is one line; only local generators take stop strings, and shots arms are local
    stop: dict[str, Any] = {"stop": ("\n",)} if shots else {}
    weight = arm_context_weight(suite, arm) if retrieved is not None else 0.0
    prompts, context_tokens, passages = [], [], {}
    for item in items:
        hits = retrieved[item.id].hits if retrieved is not None else None
        messages, ctx, texts = _messages(suite, item, generator.tokenizer, hits, shots)
        prompts.append(messages)
        context_tokens.append(ctx)
        if retrieved is not None:
            passages[item.id] = texts

    def decoding(chosen: list[EvalItem]) -> dict[str, Any]:
        """Stop strings, and with a context weight each chosen item's prompt without its passages."""
        if not weight:
            return stop
        return {**stop, "contrast": [contrast_prompt(suite, it, shots) for it in chosen], "context_weight": weight}

    if gen_cfg.warmup:
        generator.generate(prompts[: gen_cfg.warmup], max_new_tokens=min(8, gen_cfg.max_new_tokens),
                           batch_size=gen_cfg.batch_size, **decoding(items[: gen_cfg.warmup]))
    start = time.perf_counter()
    gens = generator.generate(prompts, max_new_tokens=gen_cfg.max_new_tokens, batch_size=gen_cfg.batch_size,
                              **decoding(items))
    wall = time.perf_counter() - start
    rows = []
    for item, g, ctx in zip(items, gens, context_tokens, strict=True):
        rows.append(_base_row(arm, item, retrieved) | {
            "answer": g.text, "prompt_tokens": g.prompt_tokens, "context_tokens": ctx,
            "completion_tokens": g.completion_tokens, "stopped": g.stopped,
        })

    def request(item: EvalItem) -> tuple[float, float, int, float | None]:
        # the whole request as a user waits for it: search, prompt, generation (one at a time)
        t0 = time.perf_counter()
        hits = index.search(item.question, k=suite.rag.top_k, mode=suite.rag.mode) if index is not None else None
        searched = time.perf_counter() - t0 if index is not None else None
        messages, how = _messages(suite, item, generator.tokenizer, hits, shots)[0], decoding([item])
        before = time.perf_counter() - t0
        g = generator.generate([messages], max_new_tokens=gen_cfg.max_new_tokens, batch_size=1, **how)[0]
        return before + g.ttft_s, before + g.total_s, g.completion_tokens, searched

    size = suite.latency.sample if latency_sample is None else latency_sample
    sample = latency.sample_indices(len(items), size, suite.stats.seed) if size else []
    latency.apply(rows, latency.one_at_a_time(items, sample, suite.latency.warmup, request) if sample else {})
    device = str(getattr(generator.model, "device", "cpu"))
    return ArmOutput(arm, rows, wall, device, passages, [s.pair_id for s in shots], weight)


def run_api_arm(suite: Suite, arm: ArmConfig, items: list, retrieved: dict | None) -> ArmOutput:
    """The arm's answers through its OpenAI-compatible endpoint (the generating-arm loop, hosted generator)."""
    from kit.compare.api_arms import generator_for

    out = run_generating_arm(suite, arm, items, generator_for(suite, arm), retrieved)
    out.device = "api"
    return out


def run_extractive_arm(
    suite: Suite, arm: ArmConfig, items: list[EvalItem], retrieved: dict[str, Retrieved], tokenizer: Any,
    index: Any = None, latency_sample: int | None = None,
) -> ArmOutput:
    """The best-matching sentence(s) of each item's top passage, within generation.max_new_tokens tokens."""
    from kit.compare import latency
    from kit.compare.extractive import Extractor

    budget = suite.generation.max_new_tokens
    extractor = Extractor(tokenizer)
    rows, passages = [], {}
    for item in items:
        hits = retrieved[item.id].hits
        answer = extractor.answer(item.question, [h.text for h in hits[:1]], budget)
        passages[item.id] = [h.text for h in hits[:1]]
        rows.append(_base_row(arm, item, retrieved) | {
            "answer": answer.text, "prompt_tokens": 0, "context_tokens": 0,
            "completion_tokens": answer.completion_tokens, "stopped": "extractive",
        })

    def request(item: EvalItem) -> tuple[float, float, int, float]:
        t0 = time.perf_counter()
        hits = index.search(item.question, k=suite.rag.top_k, mode=suite.rag.mode)
        searched = time.perf_counter() - t0
        answer = extractor.answer(item.question, [h.text for h in hits[:1]], budget, waited_s=searched)
        return answer.total_s, answer.total_s, answer.completion_tokens, searched  # the whole answer at once

    size = suite.latency.sample if latency_sample is None else latency_sample
    sample = latency.sample_indices(len(items), size, suite.stats.seed) if size and index is not None else []
    latency.apply(rows, latency.one_at_a_time(items, sample, suite.latency.warmup, request) if sample else {})
    return ArmOutput(arm, rows, 0.0, "cpu", passages)


def _base_row(arm: ArmConfig, item: EvalItem, retrieved: dict[str, Retrieved] | None) -> dict[str, Any]:
    r = retrieved[item.id] if retrieved is not None else None
    ids = [h.id for h in r.hits] if r else []
    kb_hit = None
    if r and item.kb_ids:
        kb_hit = any((h.meta or {}).get("kb_id") in item.kb_ids for h in r.hits)
    return {
        "arm": arm.name, "item": item.id, "question": item.question, "reference": item.reference,
        "required_facts": list(item.required_facts), "stale_facts": list(item.stale_facts),
        "escalate": item.meta.get("escalate") if isinstance(item.meta.get("escalate"), bool) else None,
        "retrieved": ids, "kb_hit": kb_hit, "retrieval_s": None,  # set on the latency sample (latency.apply)
    }


def torch_threads(suite: Suite) -> int:
    """The torch thread count of a run: generation.threads, else the machine's cores (at most 8); never the load."""
    import os

    return suite.generation.threads or max(1, min(os.cpu_count() or 1, 8))


def run_arms(
    suite: Suite, items: list[EvalItem], index_override: dict[str, str] | None = None, latency_sample: int | None = None,
    tokenizers: Any = None,
) -> list[ArmOutput]:
    """Every arm of the suite on `items`, models loaded once per adapter, retrieval once per index.

    latency_sample: items per arm timed one request at a time (None: latency.sample; 0: none, e.g. freshness).
    tokenizers: a kit.models.load.TokenizerMemo shared with the rest of the run (each tokenizer loaded once).
    """
    import torch

    from kit.compare.api_arms import check_endpoints
    from kit.rag.index import load_index

    check_inputs(suite)
    check_endpoints(suite)  # hosted arms: a wrong URL or key fails here, before any local work
    torch.set_num_threads(torch_threads(suite))  # fixed and recorded: the summation order, hence the rows, repeat
    index_override = index_override or {}
    retrieval: dict[str, dict[str, Retrieved]] = {}
    indexes: dict[str, Any] = {}
    for arm in suite.arms:
        index = suite.index_of(arm)
        if index and index not in retrieval:
            info(f"retrieving for {len(items)} items from {index_override.get(index, index)}")
            indexes[index] = load_index(index_override.get(index, index), suite.rag)
            retrieval[index] = retrieve(suite, indexes[index], items)
    cache = ModelCache(suite, tokenizers)
    outputs: dict[str, ArmOutput] = {}
    # Arms sharing a model run back to back so each model loads once.
    order = sorted(suite.arms, key=lambda a: (a.extractive, suite.adapter_of(a) or ""))
    for arm in order:
        index = suite.index_of(arm)
        retrieved = retrieval[index] if index else None
        if arm.extractive:
            tokenizer = cache.generator.tokenizer if cache.generator is not None else base_tokenizer(suite, tokenizers)
            outputs[arm.name] = run_extractive_arm(suite, arm, items, retrieved or {}, tokenizer, indexes.get(index),
                                                   latency_sample)
            continue
        info(f"arm {arm.name}: generating {len(items)} answers")
        if arm.api:
            outputs[arm.name] = run_api_arm(suite, arm, items, retrieved if arm.rag else None)
            continue
        generator = cache.get(suite.adapter_of(arm))
        outputs[arm.name] = run_generating_arm(suite, arm, items, generator, retrieved if arm.rag else None,
                                               indexes.get(index) if arm.rag else None, latency_sample)
    return [outputs[a.name] for a in suite.arms]


def base_tokenizer(suite: Suite, tokenizers: Any = None) -> Any:
    """The base model's tokenizer: what counts every arm's answer budget (from the run's TokenizerMemo, if given)."""
    from kit.models.load import load_tokenizer

    return tokenizers.get(suite.model) if tokenizers is not None else load_tokenizer(suite.model)
