"""Does a tiny-es build read? Greedy answers to held-out shop questions with and without the right passage.

The base never saw the shop, so without a passage it should almost never state a shop fact; with the
right KB passage in the RAG layout it should copy the fact. Both shares are what `chatkit base check`
prints and eval/bench/bench_tiny.py records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from kit.facts import check_facts


@dataclass
class CheckItem:
    id: str
    question: str
    required_facts: list[str]
    passages: list[tuple[str, str]]  # the KB chunks that state the facts


def has_facts(answer: str, facts: list[str], question: str = "") -> bool:
    """A correct answer by the facts judge compare uses (kit/facts.py): every fact, no conflicting value, no listing."""
    return check_facts(answer, facts, question=question).correct


def check_items(company: str = "shop", n: int = 50, corpus_seed: int = 0, seed: int = 0) -> list[CheckItem]:
    """n held-out DEV eval items of `company`, each with the KB chunks holding its required facts.

    A base check chooses (which base to build, which recipe to train), so it sees the dev split only: the
    split `chatkit prepare` deals with its default data.seed and data.eval_dev_fraction (by item id).
    """
    from kit.corpus.generate import generate
    from kit.data.config import DataConfig
    from kit.data.split import assign_eval_splits
    from kit.tiny_es.data import chunk_markdown

    out = generate(company, corpus_seed, n=1)
    chunks = [c for page_id, title, md in out.kb_pages for c in chunk_markdown(page_id, title, md)]
    defaults = DataConfig()
    # as prepare reads them: no split named, so one is dealt (the dataclass default "test" is not a choice)
    unsplit = [{k: v for k, v in it.to_json().items() if k != "split"} for it in out.eval_items]
    splits = assign_eval_splits(unsplit, defaults.eval_dev_fraction, defaults.seed)
    items = []
    for item, split in zip(out.eval_items, splits, strict=True):
        if split != "dev" or not item.required_facts or item.context:
            continue
        gold: list[tuple[str, str]] = []
        for fact in item.required_facts:
            hit = [c for c in chunks if c.id.split("#")[0] in item.kb_ids and fact in c.text]
            hit = hit or [c for c in chunks if fact in c.text]
            if hit and (hit[0].id, hit[0].text) not in gold:
                gold.append((hit[0].id, hit[0].text))
        if gold:
            items.append(CheckItem(item.id, item.question, list(item.required_facts), gold))
    random.Random(seed).shuffle(items)  # a spread of intents, not the first few
    return items[:n]


def answer_all(
    model, tokenizer, conversations: list[list[dict[str, str]]], max_new_tokens: int = 96, batch_size: int = 8
) -> list[tuple[str, bool]]:
    """Greedy answers (text, ended with the end-of-turn token) for chat prompts, through compare's generator."""
    from kit.generate.local import LocalGenerator

    gens = LocalGenerator(model, tokenizer).generate(conversations, max_new_tokens, batch_size)
    return [(g.text, g.stopped == "eos") for g in gens]


def reading_check(
    folder: str | Path, company: str = "shop", n: int = 50, corpus_seed: int = 0, max_new_tokens: int = 96
) -> dict:
    """Share of answers holding all required facts with the right passage and without any passage."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from kit.tiny_es.train import threads_for_load

    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder).eval()
    items = check_items(company, n, corpus_seed)
    threads = torch.get_num_threads()
    torch.set_num_threads(threads_for_load(threads))
    try:
        return _check(model, tokenizer, items, company, max_new_tokens)
    finally:
        torch.set_num_threads(threads)


def _recall(rows: list[dict], key: str) -> float:
    """Share of single required facts found (partial credit, a finer signal than all-facts)."""
    found = sum(len(check_facts(r[key], r["required_facts"]).found) for r in rows)
    return found / max(1, sum(len(r["required_facts"]) for r in rows))


def _check(model, tokenizer, items: list[CheckItem], company: str, max_new_tokens: int) -> dict:
    from kit.prompts import DEFAULT_SYSTEM_PROMPT, build_messages

    with_ctx = answer_all(
        model,
        tokenizer,
        [build_messages(DEFAULT_SYSTEM_PROMPT, i.question, i.passages) for i in items],
        max_new_tokens,
    )
    without = answer_all(
        model, tokenizer, [build_messages(DEFAULT_SYSTEM_PROMPT, i.question) for i in items], max_new_tokens
    )
    rows = [
        {
            "id": i.id,
            "question": i.question,
            "required_facts": i.required_facts,
            "with_passage": a,
            "with_passage_ok": has_facts(a, i.required_facts, i.question),
            "without_passage": b,
            "without_passage_ok": has_facts(b, i.required_facts, i.question),
            "ended": e1 and e2,
        }
        for i, (a, e1), (b, e2) in zip(items, with_ctx, without, strict=True)
    ]
    k = max(1, len(rows))
    return {
        "company": company,
        "items": len(rows),
        "facts_with_passage": sum(r["with_passage_ok"] for r in rows) / k,
        "facts_without_passage": sum(r["without_passage_ok"] for r in rows) / k,
        "ended_with_im_end": sum(r["ended"] for r in rows) / k,
        "fact_recall_with_passage": _recall(rows, "with_passage"),
        "fact_recall_without_passage": _recall(rows, "without_passage"),
        "rows": rows,
    }
