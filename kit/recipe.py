"""A recipe: one YAML file per model x method (recipes/), validated into typed sections."""

from __future__ import annotations

from pathlib import Path

from kit.config import Field, Section, load
from kit.data.config import DataConfig
from kit.models.config import ModelConfig
from kit.rag.config import RagConfig
from kit.train.config import LoraConfig, TrainConfig
from kit.tune.config import TuneConfig

DEFAULT_SYSTEM_PROMPT = (
    "Eres el asistente de atención al cliente de la empresa. Responde en español, con amabilidad y "
    "precisión, usando las políticas vigentes. Si no sabes algo, dilo y ofrece pasar con un agente."
)


class Recipe(Section):
    name: str = Field("recipe", description="Short name, used in run folders and reports.")
    description: str = Field("", description="One line saying what this recipe is for.")
    system_prompt: str = Field(DEFAULT_SYSTEM_PROMPT, description="System prompt placed before every conversation.")
    model: ModelConfig = Field(default_factory=ModelConfig, description="Base model to load.")
    data: DataConfig = Field(default_factory=DataConfig, description="Prepared data to train on.")
    lora: LoraConfig = Field(default_factory=LoraConfig, description="LoRA adapter shape.")
    train: TrainConfig = Field(default_factory=TrainConfig, description="SFT loop settings.")
    rag: RagConfig = Field(default_factory=RagConfig, description="Retrieval settings.")
    tune: TuneConfig = Field(default_factory=TuneConfig, description="Hyperparameter search (`chatkit tune`).")


def load_recipe(path: str | Path, overrides: list[str] | None = None) -> Recipe:
    """Load and validate a recipe YAML with `--set` overrides."""
    return load(Recipe, path, overrides)
