"""A recipe: one YAML file per model x method (recipes/), validated into typed sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import model_validator

from kit.config import Field, Section, apply_overrides, load_yaml, validate
from kit.data.config import DataConfig
from kit.errors import ChatkitError
from kit.models.config import ModelConfig
from kit.prompts import DEFAULT_SYSTEM_PROMPT
from kit.rag.config import RagConfig
from kit.train.config import LoraConfig, TrainConfig
from kit.train.method_config import (
    VIRTUAL_TOKENS,
    AdapterConfig,
    FreezeConfig,
    IA3Config,
    PrefixConfig,
    PromptConfig,
    check_sections,
)
from kit.tune.config import TuneConfig


class Recipe(Section):
    name: str = Field("recipe", description="Short name, used in run folders and reports.")
    description: str = Field("", description="One line saying what this recipe is for.")
    system_prompt: str = Field(DEFAULT_SYSTEM_PROMPT, description="System prompt placed before every conversation.")
    model: ModelConfig = Field(default_factory=ModelConfig, description="Base model to load.")
    data: DataConfig = Field(default_factory=DataConfig, description="Prepared data to train on.")
    lora: LoraConfig = Field(default_factory=LoraConfig, description="LoRA adapter shape (lora, dora, qlora).")
    freeze: FreezeConfig = Field(default_factory=FreezeConfig, description="Partial fine-tuning (method freeze).")
    ia3: IA3Config = Field(default_factory=IA3Config, description="IA3 activation scales (method ia3).")
    prefix: PrefixConfig = Field(default_factory=PrefixConfig, description="Prefix tuning (method prefix).")
    prompt: PromptConfig = Field(default_factory=PromptConfig, description="Prompt tuning (method prompt).")
    adapter: AdapterConfig = Field(
        default_factory=AdapterConfig, description="Bottleneck adapters (method adapter)."
    )
    train: TrainConfig = Field(default_factory=TrainConfig, description="SFT loop settings.")
    rag: RagConfig = Field(default_factory=RagConfig, description="Retrieval settings.")
    tune: TuneConfig = Field(default_factory=TuneConfig, description="Hyperparameter search (`chatkit tune`).")

    @model_validator(mode="before")
    @classmethod
    def _method_sections(cls, data: Any) -> Any:
        if isinstance(data, dict):
            check_sections(data, METHOD_SECTIONS)
        return data

    @model_validator(mode="after")
    def _method_fits(self) -> Recipe:
        method = self.train.method
        if method == "qlora":
            self.model.load_in_4bit = True
        elif self.model.load_in_4bit:
            if method != "lora":
                raise ChatkitError(
                    f"model.load_in_4bit is QLoRA's 4-bit base, but train.method is '{method}'",
                    "set train.method=qlora, or model.load_in_4bit=false",
                )
            self.train.method = "qlora"  # recipes written before train.method existed
        if method in VIRTUAL_TOKENS and self.train.packing:
            raise ChatkitError(
                f"train.packing: {method} tuning puts virtual tokens before each row, so packed documents "
                "would share them and see each other",
                "set train.packing=false",
            )
        return self


METHOD_SECTIONS: dict[str, Section] = {
    "lora": LoraConfig(),
    "freeze": FreezeConfig(),
    "ia3": IA3Config(),
    "prefix": PrefixConfig(),
    "prompt": PromptConfig(),
    "adapter": AdapterConfig(),
}


def load_recipe(path: str | Path, overrides: list[str] | None = None) -> Recipe:
    """Load and validate a recipe YAML with `--set` overrides.

    Raises:
        ChatkitError: the file, then the first problem (an unknown key, a bad value, a method's key in
            another method's section).
    """
    data = apply_overrides(load_yaml(path), overrides)
    try:
        return validate(Recipe, data, str(path))
    except ChatkitError as e:
        if e.message.startswith(str(path)):
            raise
        raise ChatkitError(f"{path}: {e.message}", e.hint) from None
