"""OpenAI `messages` and ShareGPT `conversations` records, as JSONL or as one JSON array (streamed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from kit.data.readers.records import RawConversation, Rejection

MAX_JSON_OBJECT = 64 * 1024 * 1024  # a single array element larger than this is rejected, not buffered forever
_META_KEYS = ("customer_id", "topic", "intent", "intents", "company", "channel", "created_at", "category")


def read_jsonl(stream: TextIO, path: str) -> Iterator[RawConversation | Rejection]:
    """One JSON object per line; blank lines are skipped, anything else unparseable is rejected."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejection(path, number, "malformed_json", f"malformed JSON: {e.msg} (column {e.colno})")
            continue
        yield from_object(obj, path, number)


def read_json_array(stream: TextIO, path: str) -> Iterator[RawConversation | Rejection]:
    """A top-level JSON array of records (or concatenated objects), decoded one element at a time."""
    decoder = json.JSONDecoder()
    buf, pos, line, eof = "", 0, 1, False
    started = False
    index = 0

    def fill() -> bool:
        nonlocal buf, pos
        chunk = stream.read(max(1 << 16, len(buf)))  # doubling reads keep re-decoding of big elements linear
        buf = buf[pos:] + chunk
        pos = 0
        return bool(chunk)

    while True:
        # Skip whitespace, the opening bracket and separators, counting lines for error positions.
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,[]":
                if buf[pos] == "\n":
                    line += 1
                elif buf[pos] == "[":
                    started = True
                pos += 1
            if pos < len(buf) or eof:
                break
            eof = not fill()
        if pos >= len(buf):
            return
        if not started and buf[pos] != "{":  # a bare top-level object (pretty-printed) is fine too
            yield Rejection(path, line, "malformed_json", "expected a JSON array of conversation objects")
            return
        while True:
            try:
                obj, end = decoder.raw_decode(buf, pos)
                break
            except json.JSONDecodeError as e:
                if eof or len(buf) - pos > MAX_JSON_OBJECT:
                    yield Rejection(path, line, "malformed_json", f"malformed JSON in array element {index + 1}: {e.msg}")
                    return
                eof = not fill()
        index += 1
        yield from_object(obj, path, line)
        line += buf.count("\n", pos, end)
        pos = end


def from_object(obj: Any, path: str, line: int) -> RawConversation | Rejection:
    """Turn one decoded record (messages or ShareGPT shape) into a RawConversation, or say why not."""
    if not isinstance(obj, dict):
        return Rejection(path, line, "not_a_conversation", f"expected a JSON object, got {type(obj).__name__}")
    if isinstance(obj.get("messages"), list):
        items, role_key, text_key = obj["messages"], "role", "content"
    elif isinstance(obj.get("conversations"), list):
        items, role_key, text_key = obj["conversations"], "from", "value"
    else:
        keys = ", ".join(sorted(str(k) for k in obj)[:8]) or "none"
        return Rejection(path, line, "not_a_conversation",
                         f"no 'messages' or 'conversations' list (keys present: {keys})")
    turns: list[tuple[str, str]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            return Rejection(path, line, "malformed_message", f"message {i + 1} is not an object")
        role = item.get(role_key, item.get("role", item.get("from")))
        text = item.get(text_key, item.get("content", item.get("value")))
        if not isinstance(role, str):
            return Rejection(path, line, "malformed_message", f"message {i + 1} has no '{role_key}' string")
        text = _content_text(text)
        if text is None:
            return Rejection(path, line, "malformed_message", f"message {i + 1} has no text '{text_key}'")
        turns.append((role, text))
    raw_meta = obj.get("meta", obj.get("metadata"))
    meta = dict(raw_meta) if isinstance(raw_meta, dict) else {}
    for key in _META_KEYS:
        if key in obj and key not in meta:
            meta[key] = obj[key]
    conv_id = obj.get("id", obj.get("conversation_id"))
    conv_id = str(conv_id) if conv_id not in (None, "") else f"{_stem(path)}:{line}"
    return RawConversation(path, line, conv_id, turns, meta)


def _content_text(content: Any) -> str | None:
    """OpenAI content is a string, a list of parts ({"type": "text", "text": ...}), or null (tool calls)."""
    if isinstance(content, str):
        return content
    if content is None:
        return ""
    if isinstance(content, list):
        parts = [p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text", ""), str)]
        return "\n".join(p for p in parts if p)
    if isinstance(content, (int, float)):
        return str(content)
    return None


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
