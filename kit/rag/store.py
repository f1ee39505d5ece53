"""The index folder on disk: reading kb.jsonl, the manifest, file hashes and the atomic folder swap.

Layout of an index folder:
    manifest.json    embedder (id, dim, prefixes, fingerprint), metric, count, index type + params,
                     BM25 settings, data hash, created/updated, sha256 + size of every file below
    passages.jsonl   {id, text, source, meta}, one per line; line i is BM25 document i
    index.faiss      FAISS index (FAISS binary format), ids = 63-bit hashes of passage ids
    expansions.json  KB chunk id -> customers' questions attached to it (kit/rag/expand.py)
    bm25/            bm25s index: .npy arrays (saved with allow_pickle=False) + vocab/params JSON
A build writes a hidden sibling folder and renames it into place, so a killed build leaves the previous
index untouched; nothing in the folder is a pickle.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kit.data.schema import Passage
from kit.errors import ChatkitError
from kit.runfolder import (
    pid_alive,
    sha256_file,
    write_jsonl,  # noqa: F401 - rag/build and compare/freshness write through store
)

MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
VECTORS = "index.faiss"
EXPANSIONS = "expansions.json"
EXPANDERS = "expanders.jsonl"  # rag.mined false: the mined Q->A pairs kept (not indexed) to expand KB chunks
FORMAT = 1
REBUILD = "rebuild it with `chatkit index --kb KB.jsonl --out DIR`"


def read_passages(path: str | Path) -> list[Passage]:
    """Read and check a kb.jsonl: one line per passage, unique non-empty ids, non-empty text."""
    p = Path(path)
    if not p.is_file():
        raise ChatkitError(f"{p}: file not found", "run `chatkit prepare` first; it writes kb.jsonl")
    passages: list[Passage] = []
    first_line: dict[str, int] = {}
    try:
        with p.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                passage = _passage(line, f"{p}:{number}")
                if passage.id in first_line:
                    raise ChatkitError(
                        f"{p}:{number}: duplicate passage id '{passage.id}' (first at line {first_line[passage.id]})",
                        "passage ids must be unique",
                    )
                first_line[passage.id] = number
                passages.append(passage)
    except UnicodeDecodeError as e:
        raise ChatkitError(f"{p}: not UTF-8 text (byte {e.start})", "save the file as UTF-8") from None
    if not passages:
        raise ChatkitError(f"{p}: no passages (the file is empty)", "a KB needs at least one passage")
    return passages


def _passage(line: str, where: str) -> Passage:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ChatkitError(f"{where}: invalid JSON ({e.msg})") from None
    if not isinstance(obj, dict):
        raise ChatkitError(
            f"{where}: expected a JSON object {{id, text, source, meta}}, got {type(obj).__name__}"
        )
    pid = obj.get("id")
    if isinstance(pid, int) and not isinstance(pid, bool):
        pid = str(pid)
    if not isinstance(pid, str) or not pid.strip():
        raise ChatkitError(f"{where}: passage without an 'id'", "every passage needs a unique string id")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ChatkitError(f"{where}: passage '{pid}' has no 'text'")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise ChatkitError(f"{where}: passage '{pid}': 'meta' must be an object")
    return Passage(id=pid.strip(), text=text, source=str(obj.get("source") or where), meta=meta)




def load_passages(folder: Path, name: str = PASSAGES) -> list[Passage]:
    with (folder / name).open(encoding="utf-8") as f:
        return [Passage(**json.loads(line)) for line in f if line.strip()]


def load_expanders(folder: Path) -> list[Passage]:
    """The mined pairs an index keeps without indexing them (rag.mined false); [] for any other index."""
    return load_passages(folder, EXPANDERS) if (folder / EXPANDERS).is_file() else []


def write_expansions(folder: Path, expansions: dict[str, list[str]]) -> None:
    text = json.dumps(expansions, indent=1, ensure_ascii=False)
    (folder / EXPANSIONS).write_text(text + "\n", encoding="utf-8")


def load_expansions(folder: Path) -> dict[str, list[str]]:
    path = folder / EXPANSIONS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}




def describe_files(folder: Path) -> dict[str, dict[str, Any]]:
    """{relative path: {bytes, sha256}} for every file in the folder but the manifest."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    return {
        p.relative_to(folder).as_posix(): {"bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in files
    }


def write_manifest(folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Write manifest.json last, with the size and hash of every other file; returns what it wrote."""
    manifest = {**manifest, "format": FORMAT, "files": describe_files(folder)}
    (folder / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an index folder, after checking every file against its recorded size and hash."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ChatkitError(
            f"{folder}: no index here", "build one with `chatkit index --kb KB.jsonl --out DIR`"
        )
    if not path.is_file():
        raise ChatkitError(f"{folder}: not a chatkit index (no {MANIFEST})", REBUILD)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
        manifest["embedder"]["id"], manifest["count"], manifest["index_type"]  # noqa: B018 - shape check
    except (ValueError, KeyError, TypeError):
        raise ChatkitError(f"{path}: corrupted manifest", REBUILD) from None
    if manifest.get("format") != FORMAT:
        raise ChatkitError(f"{path}: index format {manifest.get('format')} is not {FORMAT}", REBUILD)
    for name, info in files.items():
        p = folder / name
        if not p.is_file():
            raise ChatkitError(f"{p}: missing from the index folder", REBUILD)
        if p.stat().st_size != info["bytes"] or sha256_file(p) != info["sha256"]:
            raise ChatkitError(f"{p}: corrupted (does not match the manifest's hash)", REBUILD)
    return manifest


def resolve_folder(folder: str | Path) -> Path:
    """The index folder, or its previous version when a swap was interrupted between its two renames."""
    folder = Path(folder)
    old = _sibling(folder, "old")
    if not folder.exists() and (old / MANIFEST).is_file():
        return old
    return folder


def check_replaceable(out: Path) -> None:
    """Refuse an output folder that holds something other than an index (checked before any slow work)."""
    out = Path(out)
    if out.exists() and not (out / MANIFEST).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise ChatkitError(
            f"{out}: exists and is not a chatkit index; refusing to replace it",
            "choose a new or empty folder",
        )


def write_folder(out: Path, fill: Callable[[Path], None]) -> None:
    """Run `fill(tmp)` on a hidden sibling folder, then swap it in place of `out` by renames."""
    out = Path(out)
    check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(out)
    tmp = _sibling(out, f"tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        fill(tmp)
        _fsync_tree(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = _sibling(out, "old")
    if out.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _sibling(out: Path, tag: str) -> Path:
    return out.parent / f".{out.name}.{tag}"


def _clean_stale(out: Path) -> None:
    """Remove temp folders of builds that were killed (their process is gone)."""
    for tmp in out.parent.glob(f".{out.name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)




def _fsync_tree(folder: Path) -> None:
    # Data must be on disk before the rename publishes it, or a power cut could publish empty files.
    for p in folder.rglob("*"):
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
