"""The SFTTrainer of a run: TRL's arguments from the recipe, the method's trainable weights, our callbacks,
and the CPU fast path where the recipe and the device allow it (kit/train/fast_path.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.models.load import load_model, pick_device, pick_dtype
from kit.runfolder import CHECKPOINTS
from kit.train.data import PackedCollator, to_dataset
from kit.train.recipe import Recipe


def quiet_libraries() -> None:
    """Our progress bar and pre-flight replace the libraries' bars, info logs and deprecation notices."""
    import warnings

    import datasets
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    datasets.disable_progress_bars()
    warnings.filterwarnings("ignore", message=r".*(deprecated|will be removed)", category=FutureWarning)


def _check_modules_to_save(model: Any, names: list[str]) -> None:
    """PEFT silently ignores a modules_to_save name that matches no module: say so before training."""
    full = {name for name, _ in model.named_modules()}
    leaves = {name.rsplit(".", 1)[-1] for name in full}
    for entry in names:
        if entry not in leaves | full:
            known = sorted(n for n in leaves if n and not n.isdigit())
            raise ChatkitError(
                f"lora.modules_to_save: no module named '{entry}' in {type(model).__name__}",
                f"use module names such as {', '.join(known[:12])}",
            )


def build_trainer(
    recipe: Recipe,
    run_dir: Path,
    tok: Any,
    train_rows: list[dict[str, Any]],
    val_rows: list[dict[str, Any]],
    checkpoint: str | None,
    extra_callbacks: tuple[Any, ...],
    started: float,
) -> Any:
    """SFTTrainer over pre-tokenized rows, training what `train.method` says, with our callbacks.

    `recipe.model.name` is the resolved base folder (train() passes it so); the method's trained weights
    are set here (full, freeze, adapter) or by TRL from the PEFT config (lora, dora, qlora, ia3, prefix,
    prompt).
    """
    import peft
    import torch
    from transformers import EarlyStoppingCallback, PrinterCallback
    from transformers.integrations import TensorBoardCallback
    from trl import SFTConfig, SFTTrainer

    from kit.train import methods
    from kit.train.callbacks import ProgressCallback, WallClockCallback, previous_wall_seconds
    from kit.train.fast_path import cpu_trainer_class, fast_path

    quiet_libraries()
    cfg, method = recipe.train, recipe.train.method
    device = pick_device(recipe.model.device)
    fast = fast_path(recipe, device)
    if fast.allocator:
        from kit.train.allocator import keep_freed_memory

        keep_freed_memory()  # each step's tensors change size; glibc would unmap and refault them
    dtype = pick_dtype(recipe.model, device)
    has_val = bool(val_rows)
    eval_strategy = "no" if not has_val else ("steps" if cfg.eval_steps else "epoch")
    early = cfg.early_stopping_patience > 0 and has_val
    args = SFTConfig(
        output_dir=str(run_dir / CHECKPOINTS),
        learning_rate=cfg.learning_rate,
        lr_scheduler_type=cfg.lr_scheduler,
        warmup_steps=cfg.warmup_ratio,
        weight_decay=cfg.weight_decay,
        max_grad_norm=cfg.max_grad_norm,
        num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps,
        per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=cfg.batch_size,
        prediction_loss_only=True,  # no metric reads the eval logits: they are not gathered and kept
        gradient_accumulation_steps=cfg.grad_accum,
        max_length=cfg.max_length,
        packing=False,  # rows arrive tokenized, masked and packed by kit.train.data
        assistant_only_loss=False,  # labels already carry the checked assistant-only mask
        activation_checkpointing=cfg.gradient_checkpointing,
        eval_strategy=eval_strategy,
        eval_steps=cfg.eval_steps or None,
        eval_on_start=has_val,  # step 0 = the base model's val loss (LoRA/adapters start as a no-op)
        save_strategy=eval_strategy if early else "steps",
        save_steps=cfg.eval_steps if early and cfg.eval_steps else cfg.save_steps,
        save_total_limit=1,
        load_best_model_at_end=early,
        metric_for_best_model="eval_loss" if early else None,
        greater_is_better=False if early else None,
        logging_steps=cfg.logging_steps,
        logging_first_step=True,
        report_to="none",
        disable_tqdm=True,
        seed=cfg.seed,
        data_seed=cfg.seed,
        bf16=device == "cuda" and dtype == torch.bfloat16,
        fp16=device == "cuda" and dtype == torch.float16,
        use_cpu=device == "cpu",
        include_num_input_tokens_seen="non_padding",
        dataloader_num_workers=0,
        ddp_find_unused_parameters=False,
    )
    model, _ = load_model(recipe.model, for_training=True)
    model.config.pad_token_id = tok.pad_token_id
    if method in ("lora", "dora", "qlora"):
        _check_modules_to_save(model, recipe.lora.modules_to_save)
    if fast.per_document:
        from kit.train.attention import register

        # per-document causal attention: packed rows stop paying for the scores they mask out
        model.set_attn_implementation(register())
    if recipe.model.load_in_4bit:
        model = peft.prepare_model_for_kbit_training(
            model, use_gradient_checkpointing=cfg.gradient_checkpointing
        )
    model = methods.prepare(model, recipe)
    peft_config = methods.peft_config(recipe, recipe.model.name)
    optimizer = methods.freeze_optimizer(model, recipe) if method == "freeze" else None
    tensorboard = TensorBoardCallback()
    tensorboard.logging_dir = str(run_dir / "logs")
    callbacks: list[Any] = [
        ProgressCallback(),
        WallClockCallback(previous_wall_seconds(checkpoint), started),
        tensorboard,
    ]
    if early:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=cfg.early_stopping_patience))
    if method == "freeze" and recipe.freeze.unfreeze_every:
        callbacks.append(methods.unfreeze_callback(model, recipe))
    trainer_class = cpu_trainer_class() if fast.trained_positions else SFTTrainer
    trainer = trainer_class(
        model=model,
        args=args,
        train_dataset=to_dataset(train_rows),
        eval_dataset=to_dataset(val_rows) if has_val else None,
        processing_class=tok,
        # with per-document attention a packed batch goes as one row with no padding at all
        data_collator=PackedCollator(tok.pad_token_id, padding_free=fast.per_document),
        peft_config=peft_config,
        optimizers=(optimizer, None),
        callbacks=[*callbacks, *extra_callbacks],
    )
    trainer.remove_callback(PrinterCallback)  # it prints raw log dicts on stdout, which is for results
    _head_bias_for_fused_loss(trainer.model)
    if fast.fused_lora:
        from kit.train.fused_lora import fuse_lora

        fuse_lora(trainer.model)  # each LoRA layer one autograd node: fewer passes over the activations
    if fast.sparse_tokens:
        from kit.train.sparse_tokens import sparse_tokens

        sparse_tokens(trainer.model)  # the trained rows only, not a copy of the whole table each forward
    return trainer


def _head_bias_for_fused_loss(model: Any) -> None:
    """TRL's fused LM-head loss (SFTTrainer's, off the CPU fast path) reads `lm_head.weight` and `lm_head.bias`.
    PEFT's TrainableTokensWrapper (`lora.trainable_tokens` on a tied head) answers `.weight` with the table
    holding the trained rows, but has no `.bias`: the first loss failed with an AttributeError. A bias-free
    head gets `bias = None`, what the wrapped layer holds."""
    import torch
    from peft.utils.other import TrainableTokensWrapper

    for module in model.modules():
        if isinstance(module, TrainableTokensWrapper):
            base = module.original_module
            if isinstance(base, torch.nn.Linear) and base.bias is None:
                module.bias = None
