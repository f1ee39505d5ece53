"""The prepared data as training rows: read train/val.jsonl, tokenize with the checked mask, pack, collate.

Rows are tokenized here (not inside TRL) so the labels the pre-flight checked are exactly the labels
trained on. Packing is best-fit decreasing into rows of max_length; each row keeps its documents
apart through position_ids that restart at 0 (transformers turns them into a block-diagonal mask), so
packed examples never attend to each other, on CPU and GPU alike.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.models.template import IGNORE, ChatEncoder, Encoded

ROLES = ("system", "user", "assistant")


@dataclass
class PreparedData:
    """train/val conversations (OpenAI messages) and a hash of the files they came from."""

    folder: Path
    train: list[list[dict[str, str]]]
    val: list[list[dict[str, str]]]
    data_hash: str


def read_split(path: Path, system_prompt: str | None = None) -> list[list[dict[str, str]]]:
    """Messages of each line of a prepared JSONL split; a bad line is one error naming path:line."""
    conversations = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ChatkitError(f"{where}: not valid JSON ({e.msg})", "re-run `chatkit prepare`") from None
            messages = record.get("messages") if isinstance(record, dict) else None
            if not isinstance(messages, list) or not messages:
                raise ChatkitError(f'{where}: expected {{"messages": [...]}} with at least one message')
            for k, m in enumerate(messages):
                if (
                    not isinstance(m, dict)
                    or m.get("role") not in ROLES
                    or not isinstance(m.get("content"), str)
                ):
                    raise ChatkitError(
                        f"{where}: messages[{k}] needs a role in {'/'.join(ROLES)} and a string content"
                    )
            if not any(m["role"] == "assistant" for m in messages):
                raise ChatkitError(f"{where}: conversation has no assistant turn to learn from")
            msgs = [{"role": m["role"], "content": m["content"]} for m in messages]
            if system_prompt and msgs[0]["role"] != "system":
                msgs.insert(0, {"role": "system", "content": system_prompt})
            conversations.append(msgs)
    return conversations


def load_prepared(folder: str | Path, system_prompt: str | None = None) -> PreparedData:
    """Read DIR/train.jsonl (required) and DIR/val.jsonl (optional) written by `chatkit prepare`."""
    root = Path(folder)
    train_path, val_path = root / "train.jsonl", root / "val.jsonl"
    if not train_path.is_file():
        what = "not found" if not root.exists() else "has no train.jsonl"
        raise ChatkitError(
            f"prepared data {what}: {root}",
            f"run `chatkit prepare LOGS --out {root}` first, or point data.prepared at its --out folder",
        )
    digest = hashlib.sha256()
    for p in (train_path, val_path):
        if p.is_file():
            digest.update(p.name.encode())
            digest.update(p.read_bytes())
    train = read_split(train_path, system_prompt)
    if not train:
        raise ChatkitError(f"{train_path}: no conversations", f"re-run `chatkit prepare LOGS --out {root}`")
    val = read_split(val_path, system_prompt) if val_path.is_file() else []
    return PreparedData(root, train, val, digest.hexdigest()[:16])


def to_rows(encoded: list[Encoded], max_length: int) -> list[dict[str, list[int]]]:
    """Truncate to max_length (keep the start) and drop rows left without a trained token."""
    rows = []
    for e in encoded:
        labels = e.labels[:max_length]
        if any(label != IGNORE for label in labels):
            rows.append({"input_ids": e.input_ids[:max_length], "labels": labels})
    return rows


def pack_rows(rows: list[dict[str, list[int]]], max_length: int) -> list[dict[str, Any]]:
    """Best-fit decreasing packing into rows of at most max_length, with each document's length kept."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["input_ids"]), reverse=True)
    bins: list[dict[str, Any]] = []
    space: list[int] = []
    for i in order:
        n = len(rows[i]["input_ids"])
        # the fullest bin that still fits (linear scan: thousands of rows, not millions)
        best = min((b for b in range(len(bins)) if space[b] >= n), key=lambda b: space[b], default=None)
        if best is None:
            bins.append({"input_ids": [], "labels": [], "seq_lengths": []})
            space.append(max_length)
            best = len(bins) - 1
        bins[best]["input_ids"] += rows[i]["input_ids"]
        bins[best]["labels"] += rows[i]["labels"]
        bins[best]["seq_lengths"].append(n)
        space[best] -= n
    return bins


def to_dataset(rows: list[dict[str, Any]]) -> Any:
    """A datasets.Dataset of pre-tokenized rows (TRL skips its own tokenization for these)."""
    from datasets import Dataset

    return Dataset.from_list(rows)


class PackedCollator:
    """Right-pads rows and gives position_ids restarting per document, without an attention mask.

    Without the 2D mask, transformers derives a block-diagonal causal mask from the position_ids, so
    documents packed in one row never see each other; pad positions are all 0 (each its own block).

    padding_free=True lays a batch of packed rows end to end as one row with no padding at all (the
    documents stay apart by their position_ids): what chatkit's per-document CPU attention wants, as
    the tail of every packed row is no longer computed. Rows without seq_lengths (unpacked training,
    evaluation) are always padded as before.
    """

    def __init__(self, pad_token_id: int, padding_free: bool = False):
        self.pad_token_id = pad_token_id
        self.padding_free = padding_free

    def __call__(self, examples: list[dict[str, Any]]) -> dict[str, Any]:
        import torch

        if self.padding_free and all(e.get("seq_lengths") for e in examples):
            ids = [t for e in examples for t in e["input_ids"]]
            labels = [t for e in examples for t in _first_tokens_ignored(e)]
            positions = [p for e in examples for n in e["seq_lengths"] for p in range(n)]
            return {
                "input_ids": torch.tensor([ids], dtype=torch.long),
                "labels": torch.tensor([labels], dtype=torch.long),
                "position_ids": torch.tensor([positions], dtype=torch.long),
            }
        width = max(len(e["input_ids"]) for e in examples)
        ids = torch.full((len(examples), width), self.pad_token_id, dtype=torch.long)
        labels = torch.full((len(examples), width), IGNORE, dtype=torch.long)
        positions = torch.zeros((len(examples), width), dtype=torch.long)
        for r, e in enumerate(examples):
            n = len(e["input_ids"])
            ids[r, :n] = torch.tensor(e["input_ids"])
            labels[r, :n] = torch.tensor(_first_tokens_ignored(e) if e.get("seq_lengths") else e["labels"])
            start = 0
            for length in e.get("seq_lengths") or [n]:
                positions[r, start : start + length] = torch.arange(length)
                start += length
        return {"input_ids": ids, "labels": labels, "position_ids": positions}


def _first_tokens_ignored(row: dict[str, Any]) -> list[int]:
    """A packed row's labels with each document's first token untrained: the token before it ends
    another document, so the label would teach one conversation to predict the next."""
    labels = list(row["labels"])
    start = 0
    for length in row["seq_lengths"]:
        labels[start] = IGNORE
        start += length
    return labels


def encode_all(encoder: ChatEncoder, conversations: list[list[dict[str, str]]]) -> list[Encoded]:
    """Encode every conversation (with a progress bar on a terminal)."""
    from kit.console import progress

    return [encoder.encode(c) for c in progress(conversations, "tokenizing", total=len(conversations))]
