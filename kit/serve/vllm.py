"""`chatkit serve --engine vllm`: the base model with its LoRA adapter behind vLLM's OpenAI-compatible server.

vLLM is a maintained engine for real traffic (continuous batching, paged attention); chatkit only builds its
command line. It needs a CUDA GPU and the `vllm` package (not a chatkit dependency: it pins its own torch).
Retrieval is not done server-side here: put it in the client (compare's `api:NAME+rag` arms do).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError


def vllm_command(source: Any, cfg: Any) -> list[str]:
    """The `python -m vllm.entrypoints.openai.api_server ...` command for this model and adapter."""
    from kit.models.load import resolve_model

    name = served_name(source, cfg.served_name)
    base = str(resolve_model(source.model.name, source.model.revision))
    cmd = [sys.executable, "-m", "vllm.entrypoints.openai.api_server", "--model", base, "--host", cfg.host,
           "--port", str(cfg.port), "--max-num-seqs", str(cfg.max_batch)]
    if source.adapter:
        rank = _lora_rank(source.adapter)
        cmd += ["--enable-lora", "--lora-modules", f"{name}={source.adapter}", "--max-lora-rank", str(rank)]
        cmd += ["--served-model-name", f"{name}-base"]
    else:
        cmd += ["--served-model-name", name]
    return cmd


def _lora_rank(adapter: str) -> int:
    config = Path(adapter) / "adapter_config.json"
    try:
        r = int(json.loads(config.read_text(encoding="utf-8")).get("r", 16))
    except (OSError, ValueError):
        r = 16
    return next(x for x in (8, 16, 32, 64, 128, 256, 512) if x >= r)  # vLLM accepts these ranks


def check_vllm() -> None:
    """One line when this machine cannot run vLLM."""
    import torch

    if not torch.cuda.is_available():
        raise ChatkitError("--engine vllm needs a CUDA GPU and this machine has none", "use --engine local")
    if importlib.util.find_spec("vllm") is None:
        raise ChatkitError("--engine vllm needs the vllm package", "pip install vllm (on the GPU machine)")


def serve_vllm(source: Any, cfg: Any) -> int:
    """Run vLLM's OpenAI server in the foreground; returns its exit code."""
    check_vllm()
    if source.index:
        raise ChatkitError("--index is served by the local engine only",
                           "with vLLM, retrieve in the client (compare's api:NAME+rag arms do)")
    from kit.console import info

    cmd = vllm_command(source, cfg)
    info("starting vLLM: " + " ".join(cmd[1:]))
    return subprocess.call(cmd)

def served_name(source: Any, explicit: str | None) -> str:
    if explicit:
        return explicit
    return Path(source.adapter or source.model.name).name or "chatkit"
