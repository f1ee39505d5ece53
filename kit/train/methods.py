"""Each `train.method` on one harness: which weights train, the optimizer when it is not the Trainer's own,
and what the run folder keeps (kit/models/weights.py loads it back).

  full      every weight                               model.safetensors (a standalone model folder)
  freeze    the top N blocks (+ final norm and head)   trained_weights.safetensors (those tensors only)
  lora/dora/qlora/ia3/prefix/prompt   PEFT's adapter    adapter_model.safetensors
  adapter   bottleneck adapters (kit/models/bottleneck) bottleneck_adapters.safetensors
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.models import bottleneck
from kit.models.weights import FREEZE_WEIGHTS
from kit.train.method_config import PEFT_METHODS
from kit.train.recipe import Recipe


def check_freeze_depth(recipe: Recipe, model_path: str) -> None:
    """`freeze.layers` above the model's depth is an error (read from config.json, before loading weights)."""
    if recipe.train.method != "freeze":
        return
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(model_path, trust_remote_code=recipe.model.trust_remote_code)
    depth = getattr(config, "num_hidden_layers", None) or getattr(config.get_text_config(), "num_hidden_layers", 0)
    if recipe.freeze.layers > depth:
        raise ChatkitError(
            f"freeze.layers is {recipe.freeze.layers} but {recipe.model.name} has {depth} blocks",
            f"set freeze.layers between 1 and {depth} (or train.method=full to train every block)",
        )


def token_ids(tokens: list[str], vocab: dict[str, int], model_name: str) -> list[int]:
    """The vocabulary ids of `lora.trainable_tokens` (each must be one token of the base's tokenizer).

    Raises:
        ChatkitError: a string that is not a single token of the vocabulary.
    """
    missing = [t for t in tokens if t not in vocab]
    if missing:
        raise ChatkitError(
            f"lora.trainable_tokens: {missing[0]!r} is not one token of {model_name}'s vocabulary",
            "list tokens as the tokenizer spells them, e.g. [<start_of_turn>, <end_of_turn>]",
        )
    return [vocab[t] for t in tokens]


def _trainable_token_ids(recipe: Recipe, model_path: str) -> list[int]:
    if not recipe.lora.trainable_tokens:
        return []
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_path, trust_remote_code=recipe.model.trust_remote_code)
    return token_ids(recipe.lora.trainable_tokens, tok.get_vocab(), recipe.model.name)


def peft_config(recipe: Recipe, model_path: str) -> Any:
    """The PEFT config of a PEFT method (None for full, freeze and adapter)."""
    import peft

    method = recipe.train.method
    if method not in PEFT_METHODS:
        return None
    if method in ("lora", "dora", "qlora"):
        lora = recipe.lora
        return peft.LoraConfig(
            r=lora.rank,
            lora_alpha=lora.alpha,
            lora_dropout=lora.dropout,
            target_modules=lora.target_modules,
            modules_to_save=lora.modules_to_save or None,
            trainable_token_indices=_trainable_token_ids(recipe, model_path) or None,
            ensure_weight_tying=bool(lora.modules_to_save or lora.trainable_tokens),
            use_dora=method == "dora",
            bias="none",
            task_type="CAUSAL_LM",
        )
    if method == "ia3":
        return peft.IA3Config(
            target_modules=recipe.ia3.target_modules,
            feedforward_modules=recipe.ia3.feedforward_modules,
            task_type="CAUSAL_LM",
        )
    if method == "prefix":
        cfg = recipe.prefix
        return peft.PrefixTuningConfig(
            num_virtual_tokens=cfg.num_virtual_tokens,
            prefix_projection=cfg.projection,
            encoder_hidden_size=cfg.encoder_hidden_size,
            task_type="CAUSAL_LM",
        )
    cfg = recipe.prompt
    text = {"prompt_tuning_init_text": cfg.init_text, "tokenizer_name_or_path": model_path} if cfg.init_text else {}
    return peft.PromptTuningConfig(
        num_virtual_tokens=cfg.num_virtual_tokens,
        prompt_tuning_init=peft.PromptTuningInit.TEXT if cfg.init_text else peft.PromptTuningInit.RANDOM,
        task_type="CAUSAL_LM",
        **text,
    )


def freeze_groups(model: Any, recipe: Recipe) -> list[list[Any]]:
    """The parameters freeze trains, top first: [head (final norm + LM head)], top block, the one below, ..."""
    layers = bottleneck.decoder_layers(model)
    n = recipe.freeze.layers
    if n > len(layers):
        raise ChatkitError(f"freeze.layers is {n} but the model has {len(layers)} blocks")
    groups: list[list[Any]] = []
    if recipe.freeze.train_head:
        head = list(model.get_output_embeddings().parameters())
        decoder = model.get_decoder() if hasattr(model, "get_decoder") else None
        norm = getattr(decoder, "norm", None)
        groups.append(head + (list(norm.parameters()) if norm is not None else []))
    groups += [list(layers[len(layers) - 1 - i].parameters()) for i in range(n)]
    return groups


def prepare(model: Any, recipe: Recipe) -> Any:
    """Set which weights train for full, freeze and adapter (PEFT methods are wrapped by the Trainer)."""
    method = recipe.train.method
    if method == "freeze":
        model.requires_grad_(False)
        groups = freeze_groups(model, recipe)
        live = groups if not recipe.freeze.unfreeze_every else groups[: 1 + recipe.freeze.train_head]
        for group in live:
            for param in group:
                param.requires_grad_(True)
    elif method == "adapter":
        model.requires_grad_(False)
        cfg = recipe.adapter
        bottleneck.insert(model, cfg.bottleneck, cfg.activation, cfg.places)
    return model


def freeze_optimizer(model: Any, recipe: Recipe) -> Any:
    """AdamW over every block freeze will train (frozen ones get no gradient, so AdamW skips them until
    they are unfrozen), one group per block with ULMFiT's per-layer rate: lr x decay^depth from the top."""
    import torch

    cfg = recipe.train
    groups = []
    blocks = freeze_groups(model, recipe)
    offset = 1 if recipe.freeze.train_head else 0
    for i, params in enumerate(blocks):
        depth = max(0, i - offset)  # the head trains at the top block's rate
        lr = cfg.learning_rate * recipe.freeze.layer_lr_decay**depth
        for decay in (True, False):
            chosen = [p for p in params if (p.ndim >= 2) == decay]
            if chosen:
                groups.append({"params": chosen, "lr": lr, "weight_decay": cfg.weight_decay if decay else 0.0})
    return torch.optim.AdamW(groups, lr=cfg.learning_rate)


def unfreeze_callback(model: Any, recipe: Recipe) -> Any:
    """Gradual unfreezing: one more block down every `freeze.unfreeze_every` steps (resume-safe)."""
    from transformers import TrainerCallback

    groups = freeze_groups(model, recipe)
    first, every = 1 + recipe.freeze.train_head, recipe.freeze.unfreeze_every

    class GradualUnfreeze(TrainerCallback):
        def _apply(self, step: int) -> None:
            for group in groups[: first + step // every]:
                for param in group:
                    param.requires_grad_(True)

        def on_train_begin(self, args, state, control, **kwargs):
            self._apply(state.global_step)

        def on_step_end(self, args, state, control, **kwargs):
            self._apply(state.global_step)

    return GradualUnfreeze()


def declared(model: Any, recipe: Recipe) -> dict[str, Any]:
    """Name -> parameter of every weight the method trains (tied weights once, under their first name)."""
    method = recipe.train.method
    params = dict(model.named_parameters())
    if method == "freeze":
        ids = {id(p) for group in freeze_groups(model, recipe) for p in group}
        return {n: p for n, p in params.items() if id(p) in ids}
    if method == "adapter":
        return {n: p for n, p in params.items() if f".{bottleneck.CHILD}." in n}
    if method == "full":
        return params
    return {n: p for n, p in params.items() if p.requires_grad}


def save_weights(model: Any, tok: Any, run_dir: Path, recipe: Recipe) -> int:
    """The trained weights (safetensors) and the tokenizer into the run folder, each file renamed into
    place; returns the bytes of the weight files (the 'adapter size on disk')."""
    from safetensors.torch import save_file

    method = recipe.train.method
    run_dir.mkdir(parents=True, exist_ok=True)
    size = 0
    with tempfile.TemporaryDirectory(prefix=".weights.", dir=run_dir) as tmp:
        folder = Path(tmp)
        if method == "freeze":
            state = model.state_dict()
            save_file({n: state[n].detach().contiguous().cpu() for n in declared(model, recipe)}, str(folder / FREEZE_WEIGHTS))
        elif method == "adapter":
            cfg = recipe.adapter
            bottleneck.save(model, folder, cfg.bottleneck, cfg.activation, cfg.places)
        else:  # PEFT methods write their adapter, full fine-tuning the whole model
            model.save_pretrained(tmp, safe_serialization=True)
        size = sum(p.stat().st_size for p in folder.glob("*.safetensors"))
        tok.save_pretrained(tmp)
        for path in folder.iterdir():
            if path.is_file():
                path.chmod(0o644)
                os.replace(path, run_dir / path.name)
    return size


def parameter_counts(model: Any, recipe: Recipe) -> tuple[int, int]:
    """(trained, total) parameters; PEFT's own count for its methods (virtual tokens included)."""
    if hasattr(model, "get_nb_trainable_parameters"):
        trainable, total = model.get_nb_trainable_parameters()
        return int(trainable), int(total)
    total = sum(p.numel() for p in model.parameters())
    return sum(p.numel() for p in declared(model, recipe).values()), total
