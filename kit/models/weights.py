"""What a `chatkit train` run folder holds, per method, and how it goes back onto its base model.

  peft      adapter_model.safetensors + adapter_config.json   lora, dora, qlora, ia3, prefix, prompt (PEFT)
  freeze    trained_weights.safetensors                         the trained blocks' tensors only
  adapter   bottleneck_adapters.safetensors + _config.json      bottleneck adapters (kit/models/bottleneck.py)
  full      config.json + model*.safetensors                    a standalone model folder
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.models import bottleneck

PEFT_WEIGHTS = "adapter_model.safetensors"
FREEZE_WEIGHTS = "trained_weights.safetensors"
KINDS = {"peft": PEFT_WEIGHTS, "freeze": FREEZE_WEIGHTS, "adapter": bottleneck.WEIGHTS}


def run_kind(folder: str | Path) -> str | None:
    """'peft', 'freeze', 'adapter' or 'full' by the weights the folder holds; None: no trained weights."""
    path = Path(folder)
    for kind, name in KINDS.items():
        if (path / name).is_file():
            return kind
    is_run = (path / "run.json").is_file() or (path / "resolved_config.yaml").is_file()
    if is_run and (path / "config.json").is_file() and any(path.glob("model*.safetensors")):
        return "full"  # a plain model folder is a base, not a run
    return None


def require_weights(folder: str | Path, what: str = "") -> str:
    """The run folder's kind; a one-line error when it holds no trained weights."""
    kind = run_kind(folder)
    if kind is None:
        raise ChatkitError(
            f"{what}adapter not found: {folder} (no {PEFT_WEIGHTS}, {FREEZE_WEIGHTS}, {bottleneck.WEIGHTS}, "
            "or a full run's model.safetensors with run.json): not a finished chatkit train run",
            "run `chatkit train RECIPE --out RUN` first, or `--resume` an interrupted run",
        )
    return kind


def attach(model: Any, folder: str | Path, trainable: bool = False) -> Any:
    """Put the run's trained weights onto `model`, its base ('full' runs are loaded from the folder instead)."""
    kind = require_weights(folder)
    if kind == "peft":
        from peft import PeftModel

        return PeftModel.from_pretrained(model, str(folder), is_trainable=trainable)
    if kind == "freeze":
        from safetensors.torch import load_file

        saved = load_file(str(Path(folder) / FREEZE_WEIGHTS))
        known = set(model.state_dict())
        if not set(saved) <= known:
            raise ChatkitError(f"{folder}: its trained tensors do not fit this base model", "load it with the base it was trained on")
        model.load_state_dict(saved, strict=False)
        return model
    if kind == "adapter":
        try:
            return bottleneck.attach(model, Path(folder))
        except ValueError as e:
            raise ChatkitError(str(e), "load it with the base it was trained on") from None
    return model


def mergeable(model: Any) -> bool:
    """True for a PEFT model whose adapter folds into the base weights (not prefix or prompt tuning)."""
    config = getattr(model, "active_peft_config", None)
    return config is not None and not config.is_prompt_learning
