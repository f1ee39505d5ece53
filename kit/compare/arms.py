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
    seconds: float


@dataclass
class ArmOutput:
    arm: ArmConfig
    rows: list[dict[str, Any]]
    wall_s: float  # timed generation wall time of the whole arm (0 for extractive)
    device: str
    passages: dict[str, list[str]] = field(default_factory=dict)  # item id -> texts given to the model


def load_eval(path: str | Path, limit: int | None = None, what: str = "eval") -> list[EvalItem]:
    """Eval items from a JSONL file; one-line errors for a missing file, bad JSON, or missing references."""
    p = Path(path)
    if not p.is_file():
        raise ChatkitError(f"{what} file not found: {p}", "run `chatkit prepare ... --out DIR` first (it writes eval.jsonl)")
    items: list[EvalItem] = []
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
            items.append(EvalItem.from_json(obj))
            if limit and len(items) >= limit:
                break
    if not items:
        raise ChatkitError(f"{p}: no eval items", "the file is empty")
    return items


def check_inputs(suite: Suite) -> None:
    """Fail early, one line each, on an arm naming a missing adapter or index."""
    for arm in suite.arms:
        adapter = suite.adapter_of(arm)
        if arm.lora:
            if not adapter:
                raise ChatkitError(f"arm '{arm.name}' needs a LoRA adapter", "pass --adapter RUN (a `chatkit train` run folder)")
            if not (Path(adapter) / "adapter_model.safetensors").is_file():
                raise ChatkitError(
                    f"arm '{arm.name}': adapter not found: {adapter} (no adapter_model.safetensors)",
                    "run `chatkit train RECIPE --out RUN` and pass --adapter RUN",
                )
        index = suite.index_of(arm)
        if arm.retrieves:
            if not index:
                raise ChatkitError(f"arm '{arm.name}' needs an index", "pass --index DIR (from `chatkit index`)")
            if not (Path(index) / "manifest.json").is_file():
                raise ChatkitError(
                    f"arm '{arm.name}': index not found: {index} (no manifest.json)",
                    "run `chatkit index --kb kb.jsonl --out DIR` and pass --index DIR",
                )


def retrieve(suite: Suite, index_dir: str, items: list[EvalItem]) -> dict[str, Retrieved]:
    """Top-k hits per item, each search timed alone (one untimed warm-up search first)."""
    from kit.rag.index import load_index

    index = load_index(index_dir, suite.rag)
    index.search(items[0].question, k=suite.rag.top_k, mode=suite.rag.mode)  # warm-up: caches, first-call costs
    out: dict[str, Retrieved] = {}
    for item in items:
        start = time.perf_counter()
        hits = index.search(item.question, k=suite.rag.top_k, mode=suite.rag.mode)
        out[item.id] = Retrieved(list(hits), time.perf_counter() - start)
    return out


def extractive_answer(hit: Any) -> str:
    """The top passage as an answer: the answer part of a mined Q->A pair, else the passage without its title line."""
    text = hit.text
    if "Respuesta:" in text:
        return text.split("Respuesta:", 1)[1].strip()
    head, sep, body = text.partition("\n\n")
    return (body if sep and len(head) < 120 else text).strip()


def fit_passages(hits: list[Any], tokenizer: Any, budget: int) -> tuple[list[tuple[str, str]], int]:
    """Passages in rank order while their prompt lines fit `budget` tokens of the generator's tokenizer.

    The first passage is cut to the budget rather than dropped, so a RAG arm always gets some context.
    """
    from kit.rag.prompt import format_passage

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


def _messages(suite: Suite, item: EvalItem, tokenizer: Any, hits: list[Any] | None) -> tuple[list[dict], int, list[str]]:
    """(messages, context tokens, passage texts) for one item; earlier turns go before the question."""
    from kit.rag.prompt import build_messages

    if hits is None:
        return build_messages(suite.system_prompt, item.question, history=item.context), 0, []
    passages, used = fit_passages(hits, tokenizer, suite.rag.context_tokens)
    messages = build_messages(suite.system_prompt, item.question, passages, history=item.context)
    return messages, used, [text for _, text in passages]


class ModelCache:
    """Holds one loaded model at a time (base, or base + one adapter)."""

    def __init__(self, suite: Suite):
        self.suite = suite
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

        model, tokenizer = load_model(self.suite.model, adapter=adapter, merge=True)
        self.key, self.generator = adapter, LocalGenerator(model, tokenizer)
        return self.generator


def run_generating_arm(
    suite: Suite, arm: ArmConfig, items: list[EvalItem], generator: Any, retrieved: dict[str, Retrieved] | None
) -> ArmOutput:
    """Generate every item's answer in length-bucketed batches; time them after a warm-up pass."""
    gen_cfg = suite.generation
    prompts, context_tokens, passages = [], [], {}
    for item in items:
        hits = retrieved[item.id].hits if retrieved is not None else None
        messages, ctx, texts = _messages(suite, item, generator.tokenizer, hits)
        prompts.append(messages)
        context_tokens.append(ctx)
        if retrieved is not None:
            passages[item.id] = texts
    if gen_cfg.warmup:
        generator.generate(prompts[: gen_cfg.warmup], max_new_tokens=min(8, gen_cfg.max_new_tokens),
                           batch_size=gen_cfg.batch_size)
    start = time.perf_counter()
    gens = generator.generate(prompts, max_new_tokens=gen_cfg.max_new_tokens, batch_size=gen_cfg.batch_size)
    wall = time.perf_counter() - start
    rows = []
    for item, g, ctx in zip(items, gens, context_tokens, strict=True):
        rows.append(_base_row(arm, item, retrieved) | {
            "answer": g.text, "prompt_tokens": g.prompt_tokens, "context_tokens": ctx,
            "completion_tokens": g.completion_tokens, "ttft_s": g.ttft_s, "total_s": g.total_s,
            "tokens_per_s": g.tokens_per_s if g.completion_tokens > 1 else None, "stopped": g.stopped,
        })
    device = str(getattr(generator.model, "device", "cpu"))
    return ArmOutput(arm, rows, wall, device, passages)


def run_extractive_arm(arm: ArmConfig, items: list[EvalItem], retrieved: dict[str, Retrieved]) -> ArmOutput:
    rows, passages = [], {}
    for item in items:
        hits = retrieved[item.id].hits
        answer = extractive_answer(hits[0]) if hits else ""
        passages[item.id] = [h.text for h in hits[:1]]
        rows.append(_base_row(arm, item, retrieved) | {
            "answer": answer, "prompt_tokens": 0, "context_tokens": 0, "completion_tokens": 0,
            "ttft_s": None, "total_s": None, "tokens_per_s": None, "stopped": "extractive",
        })
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
        "retrieved": ids, "kb_hit": kb_hit, "retrieval_s": r.seconds if r else None,
    }


def run_arms(suite: Suite, items: list[EvalItem], index_override: dict[str, str] | None = None) -> list[ArmOutput]:
    """Every arm of the suite on `items`, models loaded once per adapter, retrieval once per index."""
    check_inputs(suite)
    from kit.compare.api_arms import check_endpoints, run_api_arm

    check_endpoints(suite)  # hosted arms: a wrong URL or key fails here, before any local work
    if suite.generation.threads:
        import torch

        torch.set_num_threads(suite.generation.threads)
    index_override = index_override or {}
    retrieval: dict[str, dict[str, Retrieved]] = {}
    for arm in suite.arms:
        index = suite.index_of(arm)
        if index and index not in retrieval:
            info(f"retrieving for {len(items)} items from {index_override.get(index, index)}")
            retrieval[index] = retrieve(suite, index_override.get(index, index), items)
    cache = ModelCache(suite)
    outputs: dict[str, ArmOutput] = {}
    # Arms sharing a model run back to back so each model loads once.
    order = sorted(suite.arms, key=lambda a: (a.extractive, suite.adapter_of(a) or ""))
    for arm in order:
        index = suite.index_of(arm)
        retrieved = retrieval[index] if index else None
        if arm.extractive:
            outputs[arm.name] = run_extractive_arm(arm, items, retrieved or {})
            continue
        info(f"arm {arm.name}: generating {len(items)} answers")
        if arm.api:
            outputs[arm.name] = run_api_arm(suite, arm, items, retrieved if arm.rag else None)
            continue
        generator = cache.get(suite.adapter_of(arm))
        outputs[arm.name] = run_generating_arm(suite, arm, items, generator, retrieved if arm.rag else None)
    return [outputs[a.name] for a in suite.arms]
