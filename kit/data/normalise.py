"""Raw conversation -> clean Conversation: roles mapped, text cleaned, notices and signatures removed,
turns merged, length and language filters applied. Anything unusable becomes a Rejection with a reason."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser

from kit.data.config import DataConfig
from kit.data.language import guess_language
from kit.data.readers.records import RawConversation, Rejection
from kit.data.roles import map_role
from kit.data.schema import Conversation, Message
from kit.errors import ChatkitError

_LOOKS_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|/[a-zA-Z][a-zA-Z0-9]*\s*)>|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # lone surrogates cannot be written as UTF-8
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Anything clean_text would change; most chat messages have none of it and skip the work.
_NEEDS_WORK = re.compile(
    r"[<&\r\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u00ad\u2000-\u200d\u2060\u202f\u205f\u3000\ufeff\ud800-\udfff]"
    r"|  | \n|\n |\n\n\n|^\s|\s$"
)
_BLOCK_TAGS = {"p", "div", "br", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"}


class _TextExtractor(HTMLParser):
    """HTML fragment -> text: block tags become line breaks, script/style vanish, entities are decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def clean_text(text: str, html: bool = True) -> tuple[str, bool]:
    """NFC, HTML to text, invisible/control characters out, spaces collapsed per line. Returns (text, was_html)."""
    if not _NEEDS_WORK.search(text):
        return (text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)), False
    was_html = bool(html and _LOOKS_HTML.search(text))
    if was_html:
        text = html_to_text(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip(), was_html


def short_hash(value: str) -> str:
    """Stable 8-hex fingerprint used instead of a raw value in messages and reports."""
    return hashlib.blake2b(value.encode("utf-8", "replace"), digest_size=4).hexdigest()


class Normaliser:
    """Holds compiled patterns and counters; `normalise` is called once per raw conversation."""

    def __init__(self, cfg: DataConfig):
        self.cfg = cfg
        self.drop = _combined([_compile(p, "drop_patterns", i) for i, p in enumerate(cfg.drop_patterns)])
        self.strip = [_compile(p, "strip_patterns", i) for i, p in enumerate(cfg.strip_patterns)]
        self.counts: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()

    def normalise(self, raw: RawConversation) -> Conversation | Rejection:
        cfg = self.cfg
        reject = lambda code, reason: Rejection(raw.path, raw.line, code, reason)  # noqa: E731
        turns: list[list[str]] = []
        for i, (label, text) in enumerate(raw.turns):
            role = map_role(label, cfg.roles)
            if role is None:
                shown = f"speaker #{short_hash(label)}" if raw.free_text_roles else f"'{label.strip()[:40]}'"
                fix = "NAME=user|assistant|system|drop" if raw.free_text_roles else f"{label.strip()[:40]}=user"
                return reject("unknown_role", f"unknown role {shown} in message {i + 1} (map it: --roles {fix})")
            if len(text) > cfg.max_message_chars:
                return reject("message_too_long",
                              f"message {i + 1} has {len(text):,} characters (limit data.max_message_chars={cfg.max_message_chars})")
            if role in ("drop", "system"):
                self.counts["system_messages_dropped"] += 1
                continue
            text, was_html = clean_text(text, cfg.html)
            self.counts["html_messages"] += was_html
            self.counts["replaced_characters"] += text.count("\ufffd")
            if not text:
                continue
            if self.drop is not None and self.drop.search(text):
                self.counts["notices_dropped"] += 1
                continue
            if role == "assistant" and self.strip:
                stripped = text
                for p in self.strip:
                    stripped = p.sub("", stripped)
                if stripped != text:
                    self.counts["signatures_stripped"] += 1
                    text = stripped.strip()
                    if not text:
                        continue
            if cfg.merge_turns and turns and turns[-1][0] == role:
                turns[-1][1] += "\n" + text
                self.counts["turns_merged"] += 1
            else:
                turns.append([role, text])
        if not turns:
            return reject("empty", "empty conversation (no message with text)")
        roles = {r for r, _ in turns}
        if "assistant" not in roles:
            return reject("customer_only", "only customer turns (no agent reply to learn from)")
        if "user" not in roles:
            return reject("agent_only", "only agent turns (no customer message)")
        if len(turns) > cfg.max_turns:
            return reject("too_many_turns", f"{len(turns)} turns (limit data.max_turns={cfg.max_turns})")
        chars = sum(len(t) for _, t in turns)
        if chars < cfg.min_chars:
            return reject("too_short", f"{chars} characters of dialogue (minimum data.min_chars={cfg.min_chars})")
        language = guess_language(" ".join(t for _, t in turns))
        self.languages[language] += 1
        if language not in (cfg.language, "und") and cfg.language_action == "drop":
            return reject("language", f"language looks like '{language}', not '{cfg.language}' (data.language_action=drop)")
        meta = dict(raw.meta)
        meta["source"] = raw.source
        meta["language"] = language
        return Conversation(raw.id, [Message(r, t) for r, t in turns], meta)


def _compile(pattern: str, key: str, index: int) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ChatkitError(f"data.{key}[{index}]: invalid regex: {e}") from None


def _combined(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One alternation instead of N searches per message; leading global flags become scoped groups."""
    if not patterns:
        return None
    parts = []
    for p in patterns:
        m = re.match(r"\(\?([imsx]+)\)", p.pattern)
        parts.append(f"(?{m.group(1)}:{p.pattern[m.end():]})" if m else f"(?:{p.pattern})")
    try:
        return re.compile("|".join(parts))
    except re.error:  # exotic flags (a, L, u): fall back to one search per pattern
        return _AnyOf(patterns)  # type: ignore[return-value]


class _AnyOf:
    def __init__(self, patterns: list[re.Pattern[str]]):
        self.patterns = patterns

    def search(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)
