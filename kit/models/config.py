"""Which base model to load and how (the recipe's `model:` section)."""

from __future__ import annotations

from typing import Literal

from kit.config import Field, Section


class ModelConfig(Section):
    name: str = Field(
        "tiny-es", description="Hub id, local folder, or 'tiny-es' (the offline base chatkit builds)."
    )
    revision: str | None = Field(None, description="Hub revision (branch, tag or commit) to load.")
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        "auto", description="Weights dtype; auto = bf16 on a capable GPU, fp16 on an older one, fp32 on CPU."
    )
    device: Literal["auto", "cpu", "cuda"] = Field(
        "auto", description="Where to run; auto picks CUDA when present."
    )
    load_in_4bit: bool = Field(
        False, description="QLoRA: load the base in 4-bit NF4 (bitsandbytes, CUDA only)."
    )
    trust_remote_code: bool = Field(
        False, description="Run model code from the hub; off unless you trust it."
    )
    chat_template: str | None = Field(
        None,
        description="Jinja file to use instead of the tokenizer's chat template (for base models without one).",
    )
    attn_implementation: Literal["sdpa", "eager", "flash_attention_2"] | None = Field(
        None,
        description="Attention kernel; None: transformers' choice (sdpa where supported), except CPU training "
        "with train.cpu_fast_path, which uses chatkit's per-document sdpa (kit/train/attention.py).",
    )
