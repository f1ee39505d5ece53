"""Bottleneck adapters (Houlsby et al. 2019): a small down-project / non-linearity / up-project with a skip
connection after the attention and the MLP of every block, the base weights frozen.

Hand-written because the maintained library for them, `adapters` 1.3, pins transformers ~=4.57 and chatkit
runs on transformers 5.x; PEFT has no bottleneck adapter. The module sits on the attention / MLP module as a
child named `bottleneck` and is applied by a forward hook to that module's output, before the residual add
(Houlsby's placement); the up-projection starts at zero, so a fresh adapter is the identity.

A run folder keeps `bottleneck_adapters.safetensors` (only the adapters' tensors, named as in the model)
and `bottleneck_config.json` (its shape), and loads back onto the same base with `attach`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

WEIGHTS = "bottleneck_adapters.safetensors"
CONFIG = "bottleneck_config.json"
CHILD = "bottleneck"


def decoder_layers(model: Any) -> Any:
    """The model's list of transformer blocks (the nn.ModuleList as long as config.num_hidden_layers)."""
    import torch

    config = getattr(model, "config", None)
    count = getattr(config, "num_hidden_layers", None)
    for _, module in model.named_modules():
        if isinstance(module, torch.nn.ModuleList) and len(module) == count:
            return module
    raise ValueError(f"{type(model).__name__}: no list of {count} transformer blocks found")


def _targets(layer: Any, places: list[str]) -> list[Any]:
    found = []
    for place, names in (("attention", ("self_attn", "attention", "attn")), ("mlp", ("mlp", "feed_forward"))):
        if place in places:
            module = next((getattr(layer, n) for n in names if hasattr(layer, n)), None)
            if module is None:
                raise ValueError(f"{type(layer).__name__}: no {place} module ({', '.join(names)})")
            found.append(module)
    return found


def _bottleneck_class() -> type:
    import torch

    class Bottleneck(torch.nn.Module):
        def __init__(self, width: int, size: int, activation: str, dtype: Any, device: Any):
            super().__init__()
            self.down = torch.nn.Linear(width, size, dtype=dtype, device=device)
            self.up = torch.nn.Linear(size, width, dtype=dtype, device=device)
            self.act = {"relu": torch.nn.ReLU(), "gelu": torch.nn.GELU(), "silu": torch.nn.SiLU()}[activation]
            torch.nn.init.zeros_(self.up.weight)
            torch.nn.init.zeros_(self.up.bias)

        def forward(self, hidden: Any) -> Any:
            return hidden + self.up(self.act(self.down(hidden)))

    return Bottleneck


def _hook(module: Any, args: Any, output: Any) -> Any:
    adapter = getattr(module, CHILD)
    if isinstance(output, tuple):
        return (adapter(output[0]), *output[1:])
    return adapter(output)


def insert(model: Any, size: int, activation: str, places: list[str]) -> int:
    """Add a bottleneck adapter after each chosen module of every block; returns how many were added."""
    bottleneck = _bottleneck_class()
    width = model.config.hidden_size
    weight = next(model.parameters())
    count = 0
    for layer in decoder_layers(model):
        for module in _targets(layer, places):
            module.add_module(CHILD, bottleneck(width, size, activation, weight.dtype, weight.device))
            module.register_forward_hook(_hook)
            count += 1
    return count


def adapter_state(model: Any) -> dict[str, Any]:
    """The adapters' tensors, named as in the model."""
    return {k: v for k, v in model.state_dict().items() if f".{CHILD}." in k}


def save(model: Any, folder: Path, size: int, activation: str, places: list[str]) -> None:
    """Write the adapters' tensors (safetensors) and their shape into `folder`."""
    from safetensors.torch import save_file

    state = {k: v.detach().contiguous().cpu() for k, v in adapter_state(model).items()}
    save_file(state, str(folder / WEIGHTS))
    shape = {"bottleneck": size, "activation": activation, "places": list(places)}
    (folder / CONFIG).write_text(json.dumps(shape, indent=2) + "\n", encoding="utf-8")


def attach(model: Any, folder: Path) -> Any:
    """Insert the adapters saved in `folder` into `model` (its base) and load their weights."""
    from safetensors.torch import load_file

    shape = json.loads((Path(folder) / CONFIG).read_text(encoding="utf-8"))
    insert(model, shape["bottleneck"], shape["activation"], shape["places"])
    saved = load_file(str(Path(folder) / WEIGHTS))
    expected = adapter_state(model)
    if set(saved) != set(expected):
        raise ValueError(f"{folder}: the saved adapters do not fit this base ({len(saved)} vs {len(expected)} tensors)")
    model.load_state_dict(saved, strict=False)
    return model
