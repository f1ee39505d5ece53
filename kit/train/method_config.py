"""The recipe sections of the methods other than LoRA (`freeze:`, `ia3:`, `prefix:`, `prompt:`, `adapter:`),
and the check that a recipe sets only the section of the method it trains (`train.method`)."""

from __future__ import annotations

from typing import Any, Literal

from kit.config import Field, Section
from kit.errors import ChatkitError


class FreezeConfig(Section):
    layers: int = Field(2, ge=1, description="Train the top N transformer blocks (and the head); the rest stay frozen.")
    train_head: bool = Field(
        True, description="Train the final norm and the LM head too (a tied head is the embedding table)."
    )
    unfreeze_every: int = Field(
        0,
        ge=0,
        description="Gradual unfreezing (ULMFiT): start with the top block, unfreeze the next one down every N "
        "steps (0: all N blocks from the first step).",
    )
    layer_lr_decay: float = Field(
        1.0,
        gt=0,
        le=1.0,
        description="Per-layer learning rate (ULMFiT's discriminative fine-tuning): each block down gets "
        "this factor times the one above (1: one rate; ULMFiT used 1/2.6).",
    )


class IA3Config(Section):
    target_modules: list[str] | None = Field(
        None, description="Modules whose activations get a learned scale (None: PEFT's default for the model)."
    )
    feedforward_modules: list[str] | None = Field(
        None, description="Which of target_modules are feed-forward (scaled at the input; None: PEFT's default)."
    )


class PrefixConfig(Section):
    num_virtual_tokens: int = Field(
        16, ge=1, description="Learned key/value vectors put before every sequence at every layer."
    )
    projection: bool = Field(
        False, description="Reparametrise the prefix through an MLP while training (Li & Liang 2021)."
    )
    encoder_hidden_size: int = Field(256, ge=1, description="Hidden size of that MLP (with projection only).")


class PromptConfig(Section):
    num_virtual_tokens: int = Field(16, ge=1, description="Learned embeddings put before every input.")
    init_text: str | None = Field(
        None,
        description="Start the virtual tokens from this text's embeddings (e.g. 'Responde como agente de "
        "soporte:'); None: random.",
    )


class AdapterConfig(Section):
    bottleneck: int = Field(
        64, ge=1, description="Width of the bottleneck adapter (down-projection size) after attention and MLP."
    )
    activation: Literal["relu", "gelu", "silu"] = Field("relu", description="Non-linearity inside the adapter.")
    places: list[Literal["attention", "mlp"]] = Field(
        ["attention", "mlp"],
        description="Where adapters go in each block: after the attention output, after the MLP (Houlsby: both).",
    )


# train.method -> the recipe section it reads (None: no section)
SECTION_OF: dict[str, str | None] = {
    "full": None,
    "freeze": "freeze",
    "lora": "lora",
    "dora": "lora",
    "qlora": "lora",
    "ia3": "ia3",
    "prefix": "prefix",
    "prompt": "prompt",
    "adapter": "adapter",
}
SECTION_LABEL = {
    "lora": "lora (methods lora, dora, qlora)",
    "freeze": "freeze (method freeze)",
    "ia3": "ia3 (method ia3)",
    "prefix": "prefix (method prefix)",
    "prompt": "prompt (method prompt)",
    "adapter": "adapter (method adapter)",
}
MERGEABLE = {"lora", "dora", "qlora", "ia3", "freeze"}
PEFT_METHODS = {"lora", "dora", "qlora", "ia3", "prefix", "prompt"}
VIRTUAL_TOKENS = {"prefix", "prompt"}


def check_sections(data: dict[str, Any], defaults: dict[str, Section]) -> None:
    """Refuse a key of one method's section written under another's, and a section the method never reads.

    `data` is the raw recipe mapping (before validation); `defaults` maps a section name to its class's
    default instance.

    Raises:
        ChatkitError: names the key, the section it belongs in and the method that reads it.
    """
    method = (data.get("train") or {}).get("method", "lora") if isinstance(data.get("train"), dict) else "lora"
    uses = SECTION_OF.get(method, "")
    keys_of = {name: set(type(section).model_fields) for name, section in defaults.items()}
    for name, keys in keys_of.items():
        written = data.get(name)
        if not isinstance(written, dict):
            continue
        for key in written:
            if key in keys:
                continue
            owners = [other for other, other_keys in keys_of.items() if key in other_keys and other != name]
            if owners:
                raise ChatkitError(
                    f"{name}.{key}: '{key}' is not a key of the {name}: section; it belongs in the "
                    f"{SECTION_LABEL[owners[0]]} section",
                    f"move it under {owners[0]}: and set train.method accordingly",
                )
        if method in SECTION_OF and name != uses and any(
            written[k] != getattr(defaults[name], k) for k in written if k in keys
        ):
            where = f"the {SECTION_LABEL[uses]} section" if uses else "no method section (it trains every weight)"
            raise ChatkitError(
                f"{name}: set, but train.method is '{method}', which reads {where}",
                f"remove the {name}: section, or set train.method to a method that uses it",
            )
