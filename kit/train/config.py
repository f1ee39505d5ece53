"""LoRA and SFT settings (the recipe's `lora:` and `train:` sections); the other methods' sections are in
kit/train/method_config.py."""

from __future__ import annotations

from typing import Literal

from kit.config import Field, Section


class LoraConfig(Section):
    rank: int = Field(16, ge=1, description="LoRA rank r.")
    alpha: int = Field(32, ge=1, description="LoRA alpha (scale = alpha / rank).")
    dropout: float = Field(0.05, ge=0.0, lt=1.0, description="Dropout on the LoRA path.")
    target_modules: list[str] | str = Field(
        "all-linear", description="Modules to adapt; 'all-linear' = every linear layer."
    )
    modules_to_save: list[str] = Field(
        [],
        description="Modules trained in full next to the adapter and saved with it (e.g. [embed_tokens]: the "
        "embeddings of words the base never saw; a tied output head stays tied).",
    )
    trainable_tokens: list[str] = Field(
        [],
        description="Tokens whose embedding rows are trained beside the adapter (PEFT trainable tokens; a tied "
        "output head's rows follow), e.g. [<start_of_turn>, <end_of_turn>]: a base model that was never "
        "instruction-tuned never learned its chat template's turn markers, so the adapter alone cannot make it "
        "end a turn (README: the real-model demo).",
    )


class LauncherConfig(Section):
    processes: int = Field(
        1, ge=1, description="Training processes (accelerate launch); >1 = data parallel (DDP)."
    )
    config_file: str | None = Field(
        None,
        description="accelerate config YAML (recipes/accelerate/ddp.yaml, fsdp.yaml, deepspeed-zero2.yaml).",
    )


METHODS = ("full", "freeze", "lora", "dora", "qlora", "ia3", "prefix", "prompt", "adapter")
Method = Literal["full", "freeze", "lora", "dora", "qlora", "ia3", "prefix", "prompt", "adapter"]


class TrainConfig(Section):
    output_dir: str = Field("runs/lora", description="Run folder (adapter, logs, run.json).")
    method: Method = Field(
        "lora",
        description="How to adapt the model: full, freeze (top blocks), lora, dora, qlora (4-bit base, CUDA), "
        "ia3, prefix, prompt (virtual tokens) or adapter (bottleneck); each reads its own recipe section.",
    )
    cpu_fast_path: bool = Field(
        True,
        description="On CPU only: per-document attention with padding-free packed batches, the fused LoRA "
        "layer, the LM head over trained positions only, and glibc keeping freed memory; false = plain "
        "TRL/PEFT/transformers (same loss). No effect on CUDA.",
    )
    learning_rate: float = Field(2e-4, gt=0, description="Peak learning rate.")
    lr_scheduler: Literal["cosine", "linear", "constant", "constant_with_warmup"] = Field(
        "cosine", description="Learning-rate schedule after warmup."
    )
    warmup_ratio: float = Field(
        0.03, ge=0.0, lt=1.0, description="Share of the steps spent warming up the LR."
    )
    weight_decay: float = Field(0.0, ge=0.0, description="AdamW weight decay.")
    max_grad_norm: float = Field(1.0, gt=0, description="Gradient clipping norm.")
    epochs: float = Field(1.0, gt=0, description="Passes over the train split (ignored when max_steps > 0).")
    max_steps: int = Field(-1, description="Stop after this many optimizer steps (-1: use epochs).")
    val_examples: int | None = Field(
        None, ge=1, description="Score val loss on the first N val examples only (None: all); a CPU budget's run."
    )
    batch_size: int = Field(8, ge=1, description="Per-device batch size.")
    grad_accum: int = Field(1, ge=1, description="Gradient accumulation steps.")
    max_length: int = Field(
        512, ge=8, description="Truncate examples to this many tokens (the packed length too)."
    )
    packing: bool = Field(
        False, description="Pack several examples into one sequence (best-fit, no cross-attention)."
    )
    assistant_only_loss: bool = Field(
        True,
        description="Train on assistant turns and their end-of-turn token only (checked before training).",
    )
    gradient_checkpointing: bool = Field(False, description="Recompute activations to save memory (slower).")
    eval_steps: int = Field(0, ge=0, description="Evaluate on val every N steps (0: once per epoch).")
    early_stopping_patience: int = Field(
        0, ge=0, description="Stop after this many evaluations without val-loss improvement (0: off)."
    )
    save_steps: int = Field(50, ge=1, description="Checkpoint every N steps, for --resume after a kill.")
    logging_steps: int = Field(5, ge=1, description="Log the train loss every N steps.")
    seed: int = Field(0, description="Seed for init and data order.")
    threads: int | None = Field(
        None, ge=1, description="torch CPU threads (set once, recorded in run.json); None: the cores, at most 8, never the load."
    )
    count_memory: bool = Field(
        False,
        description="Count the training tensors (weights, gradients, optimizer state, peak saved activations) into "
        "run.json tensor_memory_mb; hooks every saved tensor, so a little slower.",
    )
    launcher: LauncherConfig = Field(
        default_factory=LauncherConfig, description="Multi-process launch (accelerate)."
    )
