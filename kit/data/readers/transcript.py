"""Plain-text chat transcripts: optional `=== Chat ... ===` headers, `[hh:mm] Speaker: text` lines,
indented continuation lines. Without headers, a blank line separates conversations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from kit.data.readers.records import RawConversation, Rejection
from kit.errors import ChatkitError

_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def compile_pattern(pattern: str, key: str, groups: tuple[str, ...]) -> re.Pattern[str]:
    try:
        rx = re.compile(pattern)
    except re.error as e:
        raise ChatkitError(f"data.{key}: invalid regex: {e}") from None
    missing = [g for g in groups if g not in rx.groupindex]
    if missing:
        raise ChatkitError(f"data.{key}: the regex needs named group(s) {', '.join(missing)}", "e.g. (?P<speaker>...)")
    return rx


def read_transcript(stream: TextIO, path: str, header: re.Pattern[str], speaker: re.Pattern[str]) -> Iterator[RawConversation | Rejection]:
    stem = Path(path).stem
    day = _DATE_IN_NAME.search(stem)
    current: RawConversation | None = None
    headed = False
    stray_start = 0  # first line of text found outside any conversation (reported once per run of lines)
    for number, raw in enumerate(stream, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if current is not None and not headed:
                yield current  # blank line ends a header-less conversation
                current = None
            continue
        m = header.match(line)
        if m:
            if stray_start:
                yield _stray(path, stray_start)
                stray_start = 0
            if current is not None:
                yield current
            groups = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
            meta = {k: v for k, v in groups.items() if k != "id"}
            if day:
                meta.setdefault("created_at", day.group(1))
            current = RawConversation(path, number, groups.get("id") or f"{stem}:{number}", [], meta, free_text_roles=True)
            headed = True
            continue
        continuation = line[:1] in (" ", "\t")
        m = None if continuation else speaker.match(line)
        if m:
            if current is None:
                if stray_start:
                    yield _stray(path, stray_start)
                    stray_start = 0
                meta = {"created_at": day.group(1)} if day else {}
                current = RawConversation(path, number, f"{stem}:{number}", [], meta, free_text_roles=True)
                headed = False
            current.turns.append((m.group("speaker").strip(), m.group("text")))
            continue
        if current is not None and current.turns:
            role, text = current.turns[-1]
            current.turns[-1] = (role, f"{text}\n{line.strip()}")
        elif not stray_start:
            stray_start = number
    if stray_start:
        yield _stray(path, stray_start)
    if current is not None:
        yield current


def _stray(path: str, line: int) -> Rejection:
    return Rejection(path, line, "stray_text", "text outside any chat (no chat header or 'Speaker:' prefix before it)")
