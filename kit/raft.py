"""RAFT training data (Zhang et al. 2024): training examples that carry retrieved passages, so the model learns
to read them (`data.context` in the recipe).

For a share of the TRAIN examples, the first user turn's passages are retrieved from an index built from
the TRAIN split only, and put in the system turn exactly as compare's RAG arms put them (kit/rag/prompt.py):
the top hybrid hits (the example's own conversation left out: at test time a question's own conversation
is never in the index), plus random distractor passages, shuffled. In a share of those the gold passage
(the one sharing most of the answer's words) is withheld, so the model still answers when retrieval
misses; in another share a number in both the answer and the shown gold passage is changed in both
(counterfactual), so the model copies what the passage says rather than what it memorised.

The result is a prepared-data folder (train.jsonl with passages, val.jsonl as it was, raft.json with the
counts) that `chatkit train` then trains on. It joins kit.data's prepared files and kit.rag's index, so
it lives beside them, not inside kit.train (which must not import kit.rag).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.text import fold_words

NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d])")
SEARCH_DEPTH = 12  # hits looked at to find the gold passage and fill the shown ones


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def conversation_of(record: dict[str, Any]) -> str:
    """The source conversation id of a prepared example (meta.conversation_id, else the id before '#')."""
    meta = record.get("meta") or {}
    return str(meta.get("conversation_id") or str(record.get("id", "")).split("#", 1)[0])


def check_train_only(index: Any, prepared: Path, index_dir: str) -> None:
    """Every mined passage of the index must come from a TRAIN conversation; refuse one from val/test/eval.

    Raises:
        ChatkitError: the first passage from held-out data, or an index with mined passages of unknown origin.
    """
    train = {conversation_of(r) for r in _read_jsonl(prepared / "train.jsonl")}
    held = {conversation_of(r) for name in ("val.jsonl", "test.jsonl") for r in _read_jsonl(prepared / name)}
    held |= {conversation_of(r) for r in _read_jsonl(prepared / "eval.jsonl")}
    held -= {""}
    for passage in index.passages:
        meta = passage.meta or {}
        if meta.get("kind") != "qa":
            continue  # knowledge-base pages: company documents, not conversations
        source = str(meta.get("conversation_id", ""))
        if source in held or source not in train:
            where = "the val/test/eval data" if source in held else "no TRAIN conversation"
            raise ChatkitError(
                f"data.context.index {index_dir}: passage {passage.id} comes from {where}: RAFT may only read "
                "passages built from the TRAIN split",
                f"rebuild it from this prepared folder's kb.jsonl: chatkit index --kb {prepared / 'kb.jsonl'} --out DIR",
            )


def _overlap(answer: set[str], text: str) -> float:
    return len(answer & set(fold_words(text).split())) / max(1, len(answer))


def _counterfactual(answer: str, gold: str, rng: random.Random) -> tuple[str, str] | None:
    """The answer and the gold passage with one number they share changed in both; None if they share none."""
    shared = sorted(set(NUMBER.findall(answer)) & set(NUMBER.findall(gold)))
    if not shared:
        return None
    old = rng.choice(shared)
    used = set(NUMBER.findall(answer)) | set(NUMBER.findall(gold))  # a new value must not read as another fact
    low = 10 ** (len(old) - 1) if len(old) > 1 else 1
    options = [str(n) for n in range(low, 10 ** len(old)) if str(n) not in used] if len(old) < 4 else []
    new = rng.choice(options) if options else str(int(old) + rng.randint(1, 9) * 10 ** (len(old) - 2))
    if new in used:
        return None
    pattern = re.compile(rf"(?<![\d.,]){re.escape(old)}(?!\d)")
    return pattern.sub(new, answer), pattern.sub(new, gold)


def _cut(text: str, limit: int) -> str:
    """The passage's first `limit` characters, cut at a word and marked with '…' (as compare cuts its context)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def add_context(record: dict[str, Any], hits: list[Any], pool: list[Any], cfg: Any, rng: random.Random) -> dict[str, Any]:
    """One example with passages in its system turn; `meta.context` says what was done to it."""
    from kit.prompts import rag_system_prompt

    messages = [dict(m) for m in record["messages"]]
    user = next((i for i, m in enumerate(messages) if m["role"] == "user"), None)
    reply = next((i for i, m in enumerate(messages) if m["role"] == "assistant" and user is not None and i > user), None)
    own = conversation_of(record)
    hits = [h for h in hits if str((h.meta or {}).get("conversation_id", "")) != own]
    if user is None or reply is None or not hits:
        return record
    answer_words = set(fold_words(messages[reply]["content"]).split())
    gold = max(hits, key=lambda h: _overlap(answer_words, h.text))
    gold = gold if _overlap(answer_words, gold.text) > 0 else None
    withheld = gold is not None and rng.random() < cfg.withhold_gold
    shown = [h for h in hits if not (withheld and h.id == gold.id)][: cfg.passages]
    if gold is not None and not withheld and all(h.id != gold.id for h in shown):
        shown[-1] = gold  # the gold passage is shown whenever it is not withheld
    taken = {h.id for h in shown} | ({gold.id} if gold else set())
    choices = [p for p in pool if p.id not in taken]
    shown += rng.sample(choices, min(cfg.distractors, len(choices)))
    rng.shuffle(shown)
    texts = {h.id: _cut(h.text, cfg.passage_chars) for h in shown}
    changed = False
    if gold is not None and not withheld and rng.random() < cfg.counterfactual:
        swapped = _counterfactual(messages[reply]["content"], texts[gold.id], rng)
        if swapped is not None:
            messages[reply]["content"], texts[gold.id] = swapped
            changed = True
    system = next((i for i, m in enumerate(messages) if m["role"] == "system"), None)
    passages = [(h.id, texts[h.id]) for h in shown]
    if system is None:
        messages.insert(0, {"role": "system", "content": rag_system_prompt("", passages).lstrip()})
    else:
        messages[system]["content"] = rag_system_prompt(messages[system]["content"], passages)
    facts = {"passages": [h.id for h in shown], "gold": gold.id if gold else None, "withheld": withheld,
             "counterfactual": changed}
    return {**record, "messages": messages, "meta": {**(record.get("meta") or {}), "context": facts}}


def with_context(recipe: Any, out: str | Path) -> Any:
    """Write the RAFT training folder `out` from the recipe's prepared data; returns the recipe reading it.

    Raises:
        ChatkitError: data.context.share > 0 without an index, a missing index, or one holding passages
            from held-out data.
    """
    from kit.rag.index import load_index

    cfg = recipe.data.context
    if cfg.share <= 0:
        return recipe
    index_dir = cfg.index or recipe.rag.index
    if not index_dir:
        raise ChatkitError(
            "data.context.share > 0 but no index: RAFT needs passages from an index of the TRAIN split",
            f"chatkit index --kb {Path(recipe.data.prepared) / 'kb.jsonl'} --out DIR, then --set data.context.index=DIR",
        )
    if not (Path(index_dir) / "manifest.json").is_file():
        raise ChatkitError(
            f"data.context.index: index not found: {index_dir} (no manifest.json)",
            f"chatkit index --kb {Path(recipe.data.prepared) / 'kb.jsonl'} --out {index_dir}",
        )
    prepared = Path(recipe.data.prepared)
    records = _read_jsonl(prepared / "train.jsonl")
    if not records:
        raise ChatkitError(f"prepared data has no train.jsonl: {prepared}", f"run `chatkit prepare LOGS --out {prepared}` first")
    index = load_index(index_dir, recipe.rag)
    check_train_only(index, prepared, index_dir)
    rng = random.Random(cfg.seed)
    chosen = sorted(rng.sample(range(len(records)), round(cfg.share * len(records))))
    questions = [next((m["content"] for m in records[i]["messages"] if m["role"] == "user"), "") for i in chosen]
    found = index.search_many(questions, SEARCH_DEPTH, mode="hybrid") if chosen else []
    for i, hits in zip(chosen, found, strict=True):
        records[i] = add_context(records[i], hits, index.passages, cfg, rng)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    from kit.runfolder import write_json, write_jsonl

    write_jsonl(folder / "train.jsonl", records)
    if (prepared / "val.jsonl").is_file():
        shutil.copyfile(prepared / "val.jsonl", folder / "val.jsonl")
    facts = [r["meta"]["context"] for r in records if "context" in (r.get("meta") or {})]
    write_json(folder / "raft.json", {
        "from": str(prepared), "index": str(index_dir), "index_data_hash": index.manifest.get("data_hash"),
        "examples": len(records), "with_passages": len(facts),
        "gold_shown": sum(1 for f in facts if f["gold"] and not f["withheld"]),
        "gold_withheld": sum(1 for f in facts if f["withheld"]),
        "no_gold_found": sum(1 for f in facts if not f["gold"]),
        "counterfactual": sum(1 for f in facts if f["counterfactual"]),
        "settings": cfg.model_dump(),
    })
    return recipe.model_copy(update={"data": recipe.data.model_copy(update={"prepared": str(folder)})})


def trained_with_passages(run: str | None) -> bool:
    """Whether a run folder's examples carried retrieved passages (its resolved_config.yaml: data.context.share > 0)."""
    from kit.runfolder import read_run_config

    share = ((read_run_config(run).get("data") or {}).get("context") or {}).get("share")
    return isinstance(share, (int, float)) and share > 0
