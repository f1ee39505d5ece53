"""Knowledge-base documents -> passages, chunked by heading and then by size.

Markdown pages may open with YAML front matter (id, title, version). JSONL files hold one passage-like
object per line ({id, text, title?, meta?}).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from kit.data.schema import Passage
from kit.errors import ChatkitError

KB_SUFFIXES = {".md", ".markdown", ".txt", ".jsonl"}
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def kb_files(paths: list[str | Path], flag: str = "--kb") -> list[Path]:
    """The KB files of the given files and folders (`flag`: the option that named them, for the error)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise ChatkitError(f"{flag} {p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KB_SUFFIXES
                           and f.name.lower() != "readme.md")
            if not found:
                raise ChatkitError(f"{flag} {p}: no .md or .jsonl files in this folder", "give the folder of KB pages")
            files.extend(found)
        else:
            files.append(p)
    return files


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return path.read_bytes().decode("cp1252", errors="replace")


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    """(front matter, body, line number where the body starts)."""
    if not text.startswith("---"):
        return {}, text, 1
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text, 1
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as e:
        raise ChatkitError(f"{path}: front matter is not valid YAML ({getattr(e, 'problem', 'syntax error')})") from None
    if not isinstance(meta, dict):
        meta = {}
    body_start = text.find("\n", end + 4)
    body = text[body_start + 1:] if body_start >= 0 else ""
    return meta, body, text[: body_start + 1].count("\n") + 1 if body_start >= 0 else 1


def _split_size(text: str, limit: int) -> list[str]:
    """Paragraph-packed chunks of at most `limit` characters (a longer paragraph is cut at sentence ends)."""
    pieces: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        while len(para) > limit:
            cut = max(para.rfind(". ", 0, limit), para.rfind("\n", 0, limit))
            cut = cut + 1 if cut > limit // 3 else limit
            pieces.append(para[:cut].strip())
            para = para[cut:].strip()
        if para:
            pieces.append(para)
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 2 + len(piece) <= limit:
            chunks[-1] += "\n\n" + piece
        else:
            chunks.append(piece)
    return chunks


def markdown_sections(body: str, line0: int = 0) -> list[tuple[str, int, int, list[str]]]:
    """A markdown body split at its headings: (heading, level, line number, lines) per section, the text before
    the first heading first (heading "", level 0). The one splitter prepare's KB and the tiny-es builder use."""
    sections: list[tuple[str, int, int, list[str]]] = [("", 0, line0, [])]
    for offset, line in enumerate(body.split("\n")):
        m = _HEADING.match(line)
        if m:
            sections.append((m.group(2), len(m.group(1)), line0 + offset, []))
        else:
            sections[-1][3].append(line)
    return sections


def markdown_passages(path: Path, text: str, limit: int) -> Iterator[Passage]:
    meta, body, line0 = split_front_matter(text, path)
    page_id = str(meta.get("id") or path.stem)
    title = str(meta.get("title") or path.stem)
    sections = markdown_sections(body, line0)
    for previous, (heading, level, _, _) in zip(sections, sections[1:], strict=False):
        if level == 1 and not meta.get("title") and not previous[3]:
            title = heading  # "# Title" line when there is no front matter title
    n = 0
    for heading, _, line, lines in sections:
        content = "\n".join(lines).strip()
        if not content:
            continue
        for chunk in _split_size(content, limit):
            label = f"{title} — {heading}" if heading and heading != title else title
            yield Passage(
                id=f"{page_id}#{n}",
                text=f"{label}\n\n{chunk}",
                source=f"{path}:{line}",
                meta={"kind": "kb", "kb_id": page_id, "title": title, "section": heading,
                      "version": str(meta.get("version", ""))},
            )
            n += 1


def jsonl_passages(path: Path, text: str, limit: int) -> Iterator[Passage]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ChatkitError(f"{path}:{number}: malformed JSON ({e.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ChatkitError(f"{path}:{number}: a KB line needs a 'text' string", "expected {id, text, title?, meta?}")
        page_id = str(obj.get("id") or f"{path.stem}-{number}")
        meta = dict(obj.get("meta") or {})
        meta.setdefault("kind", "kb")
        meta.setdefault("kb_id", page_id)
        if obj.get("title"):
            meta.setdefault("title", obj["title"])
        for k, chunk in enumerate(_split_size(obj["text"], limit)):
            yield Passage(f"{page_id}#{k}", chunk, f"{path}:{number}", dict(meta))


def kb_passages(files: list[Path], limit: int) -> tuple[list[Passage], str]:
    """All passages of the KB files and their concatenated raw text (to find the company's public contacts)."""
    passages: list[Passage] = []
    texts: list[str] = []
    for path in files:
        text = read_text(path)
        texts.append(text)
        gen = jsonl_passages if path.suffix.lower() == ".jsonl" else markdown_passages
        passages.extend(gen(path, text, limit))
    return passages, "\n\n".join(texts)
