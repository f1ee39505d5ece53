"""Retrieval settings (the recipe's `rag:` section, `chatkit index` / `search`)."""

from __future__ import annotations

from typing import Literal

from kit.config import Field, Section


class RagConfig(Section):
    embedder: str = Field(
        "all-MiniLM-L6-v2", description="sentence-transformers model id or path; the default is the packaged offline one."
    )
    index: str = Field("out/shop/index", description="Index folder written by `chatkit index`.")
    mode: Literal["dense", "bm25", "hybrid"] = Field("hybrid", description="Retrieval mode; hybrid fuses both by RRF.")
    top_k: int = Field(3, ge=1, description="Passages placed in the prompt.")
