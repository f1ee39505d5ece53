"""`chatkit prepare` settings (the recipe's `data:` section)."""

from __future__ import annotations

from kit.config import Field, Section


class DataConfig(Section):
    prepared: str = Field("out/shop/data", description="Folder written by `chatkit prepare` (train/val/test.jsonl).")
    seed: int = Field(0, description="Seed for the split.")
