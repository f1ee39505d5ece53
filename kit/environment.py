"""What `chatkit env` reports: versions, device, offline mode, caches."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from typing import Any

PACKAGES = [
    "torch",
    "transformers",
    "trl",
    "peft",
    "datasets",
    "accelerate",
    "sentence-transformers",
    "faiss-cpu",
    "bm25s",
    "datasketch",
    "rich",
    "typer",
    "pydantic",
]


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def environment_report() -> dict[str, Any]:
    """Versions and device facts, safe to print (no personal data)."""
    from kit import __version__

    report: dict[str, Any] = {
        "chatkit": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
    }
    for name in PACKAGES:
        report[name] = package_version(name)
    try:
        import torch

        report["cuda_available"] = torch.cuda.is_available()
        report["device"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"
        report["torch_threads"] = torch.get_num_threads()
    except ImportError:
        report["cuda_available"] = False
        report["device"] = "cpu (torch not installed)"
    report["hf_hub_offline"] = os.environ.get("HF_HUB_OFFLINE", "0") in ("1", "true", "True")
    report["hf_home"] = os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface"))
    report["chatkit_cache"] = cache_dir()
    return report


def cache_dir() -> str:
    """Where chatkit keeps built artifacts (the tiny-es base); CHATKIT_CACHE overrides."""
    return os.environ.get("CHATKIT_CACHE", os.path.join(os.path.expanduser("~/.cache"), "chatkit"))
