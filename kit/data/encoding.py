"""Open an input file as text: BOM, then UTF-8, then charset detection on a sample; never crash on bytes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kit.errors import ChatkitError

SAMPLE_BYTES = 64 * 1024


@dataclass
class Encoding:
    name: str  # Python codec name used to read the file
    detected: bool  # True when it came from charset detection (not BOM/UTF-8/--set)
    bom: bool = False


def sniff_encoding(path: Path, forced: str = "auto") -> Encoding:
    """Decide how to decode `path` from its first 64 KB.

    Raises:
        ChatkitError: the file looks binary (NUL bytes, or no text encoding fits).
    """
    with open(path, "rb") as f:
        sample = f.read(SAMPLE_BYTES)
    if forced != "auto":
        try:
            codecs.lookup(forced)
        except LookupError:
            raise ChatkitError(f"data.encoding: unknown encoding '{forced}'", "e.g. utf-8, cp1252, latin-1") from None
        return Encoding(forced, detected=False)
    if sample.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8-sig", detected=False, bom=True)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Encoding("utf-16", detected=False, bom=True)
    if b"\x00" in sample:
        raise ChatkitError(f"{path}: looks like a binary file (NUL bytes in the first 64 KB), not a text export",
                           "pass a JSONL, CSV/TSV or plain-text transcript file")
    if _is_utf8(sample, complete=len(sample) < SAMPLE_BYTES):
        return Encoding("utf-8", detected=False)
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise ChatkitError(f"{path}: not text in any known encoding (binary file?)", "set --set data.encoding=NAME if it is text")
    name = codecs.lookup(best.encoding).name
    # Spanish single-byte exports are cp1252 or latin-1 in practice; cp1252 decodes a superset of latin-1's letters.
    if name in ("iso8859-1", "latin-1", "iso8859-15"):
        name = "cp1252"
    return Encoding(name, detected=True)


def _is_utf8(sample: bytes, complete: bool) -> bool:
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        # A multi-byte character cut by the sample boundary is not an error.
        return not complete and e.start >= len(sample) - 3 and e.reason == "unexpected end of data"


def open_text(path: Path, encoding: Encoding) -> TextIO:
    """Open for streaming text reads; undecodable bytes become U+FFFD instead of raising."""
    return open(path, encoding=encoding.name, errors="replace", newline="")
