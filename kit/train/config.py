"""LoRA and SFT settings (the recipe's `lora:` and `train:` sections)."""

from __future__ import annotations

from kit.config import Field, Section


class LoraConfig(Section):
    rank: int = Field(16, ge=1, description="LoRA rank r.")
    alpha: int = Field(32, ge=1, description="LoRA alpha (scale = alpha / rank).")
    dropout: float = Field(0.05, ge=0.0, lt=1.0, description="Dropout on the LoRA path.")
    target_modules: list[str] | str = Field("all-linear", description="Modules to adapt; 'all-linear' = every linear layer.")


class TrainConfig(Section):
    output_dir: str = Field("runs/lora", description="Run folder (adapter, logs, run.json).")
    learning_rate: float = Field(2e-4, gt=0, description="Peak learning rate.")
    epochs: float = Field(1.0, gt=0, description="Passes over the train split (ignored when max_steps > 0).")
    max_steps: int = Field(-1, description="Stop after this many optimizer steps (-1: use epochs).")
    batch_size: int = Field(8, ge=1, description="Per-device batch size.")
    grad_accum: int = Field(1, ge=1, description="Gradient accumulation steps.")
    max_length: int = Field(512, ge=8, description="Truncate examples to this many tokens.")
    packing: bool = Field(False, description="Pack several examples into one sequence.")
    seed: int = Field(0, description="Seed for init and data order.")
