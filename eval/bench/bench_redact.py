"""Redaction speed and quality on the shipped corpus (`python -m eval.bench redact [--quick]`).

Speed: the corpus logs (conversations/*/conversations.jsonl, tickets.csv, transcripts/*.txt) read as
text lines, redacted line by line, in MB/s, next to a baseline that only reads and splits the same text
in the same run; and whole conversations through `Redactor.redact_conversation` (what `chatkit prepare`
calls), in conversations/s, next to reading them. Quality: recall on the personal data the generator
planted (labels.jsonl, `pii: true`) and the false-positive rate on its look-alikes (`pii: false`: order
numbers, amounts, dates, postal codes, SKUs, tracking codes, the company's public contacts).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from eval.bench.machine import peak_rss_mb, timer

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "conversations"
LOGS = ("conversations.jsonl", "tickets.csv", "transcripts")


def log_files(corpus: Path = CORPUS) -> list[Path]:
    """The chat-log files of every company folder (not labels, eval sets or KB pages)."""
    files: list[Path] = []
    for company in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for name in LOGS:
            path = company / name
            files += sorted(path.glob("*.txt")) if path.is_dir() else [path] if path.exists() else []
    return files


def kb_allowlist(folder: Path) -> set[str]:
    """Public contacts found in a company's KB pages, as `chatkit prepare` gathers them."""
    from kit.data.pii import allowlist_from_text

    return allowlist_from_text(
        "\n".join(p.read_text(encoding="utf-8") for p in sorted((folder / "kb").glob("*.md")))
    )


def score_planted(folder: Path) -> dict:
    """Recall on planted personal data and false positives on look-alikes for one company folder.

    A planted value counts as caught when one entity covers all of it; a look-alike is a false positive
    when any entity touches it. Conversations are read as the generator's labels index them.
    """
    from kit.corpus.formats import read_conversations
    from kit.data.pii import Redactor

    redactor = Redactor(allowlist=kb_allowlist(folder))
    turns = {c.id: [m.content for m in c.messages] for c in read_conversations(folder)}
    caught, planted, touched, decoys = Counter(), Counter(), Counter(), Counter()
    missed: list[str] = []
    with open(folder / "labels.jsonl", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            entities = redactor.redact_conversation(turns[record["id"]])[1]
            for item in record["items"]:
                spans = [(e.start, e.end) for e in entities[item["message"]]]
                if item["pii"]:
                    planted[item["type"]] += 1
                    if any(s <= item["start"] and item["end"] <= e for s, e in spans):
                        caught[item["type"]] += 1
                    else:
                        missed.append(f"{record['id']}:{item['message']}:{item['type']}")
                else:
                    decoys[item["type"]] += 1
                    touched[item["type"]] += any(s < item["end"] and item["start"] < e for s, e in spans)
    return {
        "recall": round(sum(caught.values()) / max(1, sum(planted.values())), 4),
        "planted": sum(planted.values()),
        "recall_by_type": {t: round(caught[t] / n, 4) for t, n in sorted(planted.items())},
        "decoy_false_positive_rate": round(sum(touched.values()) / max(1, sum(decoys.values())), 4),
        "decoys": sum(decoys.values()),
        "false_positives_by_type": {t: f"{touched[t]}/{n}" for t, n in sorted(decoys.items())},
        "missed": missed[:20],  # conversation:message:type, never the value
    }


def run(quick: bool = False) -> dict:
    if not CORPUS.is_dir() or not log_files():
        return {
            "skipped": f"no shipped corpus in {CORPUS}; run `chatkit corpus generate --company all --out conversations`"
        }
    from kit.corpus.formats import read_conversations
    from kit.data.pii import Placeholders, Redactor

    files = log_files()
    redactor = Redactor()
    repeat = 1 if quick else 3  # best of: the machine is shared
    with timer() as t:
        lines, size = _read_lines(files)
    base = t()
    for _ in range(repeat - 1):
        with timer() as t:
            _read_lines(files)
        base = min(base, t())
    best = float("inf")
    for _ in range(repeat):
        with timer() as t:
            read, _ = _read_lines(files)
            mapping = Placeholders()
            entities = sum(len(redactor.redact(line, mapping)[1]) for line in read)
        best = min(best, t())

    folders = sorted({f.parent if f.name in LOGS else f.parent.parent for f in files})
    with timer() as t:
        conversations = [
            [m.content for m in c.messages] for folder in folders for c in read_conversations(folder)
        ]
    read_rate = len(conversations) / t()
    if quick:
        conversations = conversations[: len(conversations) // 4]
    conv_best = cpu_best = float("inf")
    for _ in range(repeat):
        cpu = time.process_time()
        with timer() as t:
            for turns in conversations:
                redactor.redact_conversation(turns)
        conv_best = min(conv_best, t())
        cpu_best = min(cpu_best, time.process_time() - cpu)  # CPU seconds: steadier on a shared machine
    mb = size / 1e6
    quality = {f.name: score_planted(f) for f in folders if (f / "labels.jsonl").exists()}
    return {
        "corpus_mb": round(mb, 2),
        "lines": len(lines),
        "entities": entities,
        "baseline_read_split_mb_s": round(mb / base, 1),
        "redact_lines_mb_s": round(mb / best, 2),
        "redact_over_read_throughput": round(base / best, 4),
        "conversations": len(conversations),
        "redact_conversations_per_s": round(len(conversations) / conv_best),
        "redact_conversations_per_cpu_s": round(len(conversations) / cpu_best),
        "redact_us_per_conversation_cpu": round(cpu_best / len(conversations) * 1e6, 1),
        "read_conversations_per_s": round(read_rate),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "quality": quality,
    }


def _read_lines(files: list[Path]) -> tuple[list[str], int]:
    lines: list[str] = []
    size = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        lines += data.decode("utf-8", errors="replace").splitlines()
    return lines, size
