"""Streaming readers for support-log exports, with per-file format and encoding detection.

Formats: messages (OpenAI JSONL / JSON array), sharegpt (JSONL / JSON array), csv (one row per message),
qa (CSV, one row per question/answer pair), transcript (plain text with speaker prefixes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kit.data.config import DataConfig
from kit.data.encoding import Encoding, open_text, sniff_encoding
from kit.data.readers.jsonl import read_json_array, read_jsonl
from kit.data.readers.records import RawConversation, Rejection
from kit.data.readers.table import looks_like_qa, read_message_csv, read_qa_csv, sniff_delimiter
from kit.data.readers.transcript import compile_pattern, read_transcript
from kit.errors import ChatkitError

__all__ = ["InputFile", "RawConversation", "Rejection", "expand_inputs", "open_input", "read_input"]

INPUT_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".txt", ".log"}
_SAMPLE_CHARS = 16 * 1024


@dataclass
class InputFile:
    path: Path
    format: str  # messages | sharegpt | csv | qa | transcript
    encoding: Encoding
    container: str = "lines"  # lines (JSONL) | array (one JSON document) -- JSON formats only
    delimiter: str = ","


def expand_inputs(paths: list[str | Path]) -> list[Path]:
    """Files named, plus the export files found (recursively, sorted) in folders named."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise ChatkitError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise ChatkitError(f"{p}: folder holds no export files ({', '.join(sorted(INPUT_SUFFIXES))})")
            files.extend(found)
        else:
            files.append(p)
    return files


def open_input(path: Path, cfg: DataConfig) -> InputFile:
    """Decide encoding and format of one file from its extension and first 16 KB."""
    enc = sniff_encoding(path, cfg.encoding)
    with open_text(path, enc) as f:
        sample = f.read(_SAMPLE_CHARS)
    head = sample.lstrip()
    suffix = path.suffix.lower()
    first_line = sample.splitlines()[0] if sample.strip() else ""
    fmt = cfg.format
    if not head:
        return InputFile(path, "messages" if fmt == "auto" else fmt, enc)  # empty file: no records
    if fmt in ("messages", "sharegpt") or (fmt == "auto" and head[0] in "[{"):
        container = "array" if head[0] == "[" or (suffix == ".json" and not _first_line_is_json(head)) else "lines"
        if fmt == "auto":
            fmt = "sharegpt" if re.match(r'[\[\s]*\{[^{]*?"conversations"\s*:', head) else "messages"
        return InputFile(path, fmt, enc, container)
    if fmt in ("csv", "qa") or (fmt == "auto" and suffix in (".csv", ".tsv")):
        delim = sniff_delimiter(first_line, path, cfg.delimiter)
        if fmt == "auto":
            header = next(iter(_csv_header(first_line, delim)), [])
            fmt = "qa" if looks_like_qa(header, cfg.columns) else "csv"
        return InputFile(path, fmt, enc, delimiter=delim)
    if fmt == "transcript" or suffix in (".txt", ".log"):
        return InputFile(path, "transcript", enc)
    header_rx = compile_pattern(cfg.transcript_header, "transcript_header", ("id",))
    speaker_rx = compile_pattern(cfg.transcript_speaker, "transcript_speaker", ("speaker", "text"))
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    if lines and sum(bool(header_rx.match(ln) or speaker_rx.match(ln)) for ln in lines) >= max(1, len(lines) // 2):
        return InputFile(path, "transcript", enc)
    delim = sniff_delimiter(first_line, path, cfg.delimiter)
    if first_line.count(delim) >= 1:
        header = next(iter(_csv_header(first_line, delim)), [])
        return InputFile(path, "qa" if looks_like_qa(header, cfg.columns) else "csv", enc, delimiter=delim)
    raise ChatkitError(
        f"{path}: unknown format (not JSON, CSV/TSV or a 'Speaker: text' transcript)",
        "pass --format messages|sharegpt|csv|qa|transcript",
    )


def _first_line_is_json(head: str) -> bool:
    import json

    try:
        json.loads(head.splitlines()[0])
        return True
    except (json.JSONDecodeError, IndexError):
        return False


def _csv_header(line: str, delim: str) -> list[list[str]]:
    import csv

    return list(csv.reader([line], delimiter=delim))


def read_input(inp: InputFile, cfg: DataConfig) -> Iterator[RawConversation | Rejection]:
    """Stream raw conversations and rejections from one opened input file."""
    path = str(inp.path)
    if inp.format in ("messages", "sharegpt"):
        with open_text(inp.path, inp.encoding) as f:
            yield from (read_json_array(f, path) if inp.container == "array" else read_jsonl(f, path))
    elif inp.format == "qa":
        with open_text(inp.path, inp.encoding) as f:
            yield from read_qa_csv(f, path, inp.delimiter, cfg.columns)
    elif inp.format == "csv":
        yield from read_message_csv(lambda: open_text(inp.path, inp.encoding), path, inp.delimiter, cfg.columns, cfg.roles)
    elif inp.format == "transcript":
        header = compile_pattern(cfg.transcript_header, "transcript_header", ("id",))
        speaker = compile_pattern(cfg.transcript_speaker, "transcript_speaker", ("speaker", "text"))
        with open_text(inp.path, inp.encoding) as f:
            yield from read_transcript(f, path, header, speaker)
    else:  # pragma: no cover - guarded by DataConfig.format
        raise ChatkitError(f"unknown format '{inp.format}'")
