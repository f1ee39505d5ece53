"""Figures about a generated corpus folder, read back from what is on disk (not from the generator)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kit.corpus.formats import read_conversations
from kit.corpus.validate import normalise
from kit.errors import ChatkitError


def company_folders(path: Path) -> list[Path]:
    """The company folders under `path` (or `path` itself when it is one), sorted by name.

    Raises:
        ChatkitError: the path does not exist or holds no generated corpus.
    """
    if not path.exists():
        raise ChatkitError(f"{path} not found", hint=f"run `chatkit corpus generate --company all --out {path}`")
    if (path / "labels.jsonl").exists():
        return [path]
    found = sorted(p for p in path.iterdir() if p.is_dir() and (p / "labels.jsonl").exists())
    if not found:
        raise ChatkitError(f"{path}: no generated corpus here (no <company>/labels.jsonl)",
                           hint=f"run `chatkit corpus generate --company all --out {path}`")
    return found


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def folder_stats(folder: Path) -> dict:
    """Conversations, turns, intents, planted data by type and the share of distinct customer phrasings."""
    try:
        conversations = read_conversations(folder)
    except FileNotFoundError as e:
        raise ChatkitError(str(e), hint="regenerate it with `chatkit corpus generate`") from e
    labels = _lines(folder / "labels.jsonl")
    turns = [len(c.messages) for c in conversations]
    customer = [normalise(m.content) for c in conversations for m in c.messages if m.role == "user"]
    intents = Counter(i for record in labels for i in record["intents"])
    pii = Counter(item["type"] for record in labels for item in record["items"] if item["pii"])
    other = Counter(item["type"] for record in labels for item in record["items"] if not item["pii"])
    return {
        "conversations": len(conversations),
        "turns": sum(turns),
        "turns_per_conversation": {"mean": round(sum(turns) / max(1, len(turns)), 2), "min": min(turns, default=0),
                                   "max": max(turns, default=0)},
        "intents": len(intents),
        "conversations_per_intent": dict(sorted(intents.items())),
        "personal_data": dict(sorted(pii.items())),
        "personal_data_total": sum(pii.values()),
        "lookalikes": dict(sorted(other.items())),
        "customer_messages": len(customer),
        "distinct_customer_share": round(len(set(customer)) / max(1, len(customer)), 4),
        "eval_items": len(_lines(folder / "eval.jsonl")),
        "update_items": len(_lines(folder / "eval_update.jsonl")),
        "kb_pages": len(list((folder / "kb").glob("*.md"))),
    }


def corpus_stats(path: Path) -> dict[str, dict]:
    """{company folder name: folder_stats} for every company folder under `path`."""
    return {folder.name: folder_stats(folder) for folder in company_folders(path)}
