"""`chatkit train`: supervised fine-tuning with TRL's SFTTrainer and a PEFT LoRA adapter.

Order matters: everything that can be wrong (recipe, model, data, template, device) is checked before
the model is loaded, and the pre-flight's labels are the labels trained on.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.models.load import (
    load_model,
    load_tokenizer,
    pick_device,
    pick_dtype,
    quantization_config,
    resolve_model,
)
from kit.models.template import (
    IGNORE,
    ChatEncoder,
    Encoded,
    PreflightReport,
    choose_pad_token,
    preflight,
    print_report,
)
from kit.recipe import Recipe
from kit.runfolder import CHECKPOINTS
from kit.train.data import (
    PackedCollator,
    PreparedData,
    encode_all,
    load_prepared,
    pack_rows,
    to_dataset,
    to_rows,
)


@dataclass
class Checked:
    """What the pre-flight built: reused by training so the checked labels are the trained labels."""

    report: PreflightReport
    tokenizer: Any
    encoder: ChatEncoder
    data: PreparedData
    encoded: list[Encoded]
    model_path: str  # the base resolved once: 'tiny-es' or a hub id must mean the same weights all run long


@dataclass
class TrainResult:
    run_dir: Path
    report: PreflightReport
    record: dict[str, Any] | None = None  # run.json; None after --check


def is_main_process() -> bool:
    return int(os.environ.get("RANK", "0")) == 0


def stop_ids(model_path: str) -> set[int]:
    """Token ids generation stops at, from the model folder's generation_config.json / config.json."""
    ids: set[int] = set()
    for name in ("generation_config.json", "config.json"):
        path = Path(model_path) / name
        if path.is_file():
            value = json.loads(path.read_text(encoding="utf-8")).get("eos_token_id")
            ids.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, int))
    return ids


def last_checkpoint(run_dir: Path) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    folder = run_dir / CHECKPOINTS
    return get_last_checkpoint(str(folder)) if folder.is_dir() else None


def prepare_run_dir(run_dir: Path, resume: bool, overwrite: bool, clean: bool = True) -> str | None:
    """The checkpoint to resume from (None: fresh start); refuses to clobber a run by accident.

    With clean=False only checks (called before the pre-flight); with clean=True an --overwrite
    start also removes the old run's checkpoints and run.json.
    """
    checkpoint = last_checkpoint(run_dir)
    if resume:
        if checkpoint is None:
            raise ChatkitError(f"{run_dir}: no checkpoint to resume from", "start it without --resume")
        return checkpoint
    if checkpoint or (run_dir / "run.json").exists():
        if not overwrite:
            raise ChatkitError(
                f"{run_dir} already holds a run",
                "add --resume to continue it, --overwrite to start over, or --out DIR",
            )
        if clean:
            shutil.rmtree(run_dir / CHECKPOINTS, ignore_errors=True)
            (run_dir / "run.json").unlink(missing_ok=True)
    return None


def check(recipe: Recipe, full: bool = False, quiet: bool = False, explain: bool = True) -> Checked:
    """The pre-flight: device, data, model and template checks, without loading the weights.

    Args:
        full: the token table lists every token, not just the trained/masked boundaries.
        quiet: print nothing when the checks pass.
        explain: on failure, print the token table and every problem before raising (`--check`);
            off, the failure is the one error line, pointing at `--check`.

    Raises:
        ChatkitError: the first problem found.
    """
    cfg = recipe.train
    device = pick_device(recipe.model.device)
    quantization_config(recipe.model, device)  # 4-bit without CUDA fails here, not after loading
    data = load_prepared(recipe.data.prepared, recipe.system_prompt)
    model_path = resolve_model(recipe.model.name, recipe.model.revision)
    tok = load_tokenizer(recipe.model, source=model_path)
    choose_pad_token(tok)
    encoder = ChatEncoder(tok, stop_ids=stop_ids(model_path), assistant_only=cfg.assistant_only_loss)
    encoded = encode_all(encoder, data.train)
    report = preflight(encoder, data.train, cfg.max_length, encoded)
    if (report.problems and explain) or (not report.problems and not quiet):
        print_report(tok, report, full=full)
    if report.problems:
        hint = (
            _hint(report.problems[0]) if explain else "run `chatkit train RECIPE --check` for the token table"
        )
        raise ChatkitError(f"pre-flight failed: {report.problems[0]}", hint)
    return Checked(report, tok, encoder, data, encoded, model_path)


def _hint(problem: str) -> str:
    if "max_length" in problem:
        return "raise --set train.max_length=N or shorten system_prompt"
    if "end-of-turn" in problem or "masked" in problem:
        return "put the end-of-turn token inside {% generation %}...{% endgeneration %}, or drop the markers"
    return "fix the chat template (model.chat_template) and rerun `chatkit train RECIPE --check`"


def train(
    recipe: Recipe,
    out: str | None = None,
    resume: bool = False,
    overwrite: bool = False,
    callbacks: tuple[Any, ...] = (),
    quiet_check: bool = False,
    worker: bool = False,
) -> TrainResult:
    """Pre-flight, then LoRA SFT; writes the run folder (adapter, tokenizer, run.json, loss.png, logs).

    Args:
        out: run folder (default: recipe train.output_dir).
        resume: continue from the run folder's last checkpoint.
        overwrite: start over in a folder that holds a run.
        callbacks: extra transformers TrainerCallbacks (tests use one that stops at step k).
        quiet_check: do not print the pre-flight (it still fails on problems).
        worker: this is one of several processes started by kit.train.launch.
    """
    started = time.perf_counter()
    run_dir = Path(out or recipe.train.output_dir)
    if not worker:
        prepare_run_dir(run_dir, resume, overwrite, clean=False)  # fail on the folder before the slow part
    checked = check(recipe, quiet=quiet_check or not is_main_process(), explain=False)
    tok = checked.tokenizer
    if worker:  # the launcher already checked the run folder; every rank resumes the same checkpoint
        checkpoint = last_checkpoint(run_dir) if resume else None
    else:
        checkpoint = prepare_run_dir(run_dir, resume, overwrite)
    cfg = recipe.train
    if not worker:  # the launcher gives each process its share of the cores
        import torch

        # A fixed thread count fixes the floating-point summation order: one seed, one set of weights per machine.
        torch.set_num_threads(cfg.threads or max(1, min(os.cpu_count() or 1, 8)))
    rows = to_rows(checked.encoded, cfg.max_length)
    train_rows = pack_rows(rows, cfg.max_length) if cfg.packing else rows
    val_rows = to_rows([checked.encoder.encode(c) for c in checked.data.val], cfg.max_length)
    if not val_rows and is_main_process() and not quiet_check:
        from kit.console import warn

        warn(f"{checked.data.folder}/val.jsonl is missing or empty: no val loss, no early stopping")
    at_path = recipe.model_copy(
        update={"model": recipe.model.model_copy(update={"name": checked.model_path})}
    )
    trainer = build_trainer(at_path, run_dir, tok, train_rows, val_rows, checkpoint, callbacks, started)
    try:
        trainer.train(resume_from_checkpoint=checkpoint)
    except KeyboardInterrupt:
        if is_main_process():
            from kit.console import warn

            warn(f"stopped at step {trainer.state.global_step}; continue with the same command plus --resume")
        raise
    if val_rows and not any(
        h.get("step") == trainer.state.global_step and "eval_loss" in h for h in trainer.state.log_history
    ):
        trainer.evaluate()  # the final adapter's val loss, whatever eval_steps was
    if not is_main_process():
        return TrainResult(run_dir, checked.report, None)
    from kit.train.finish import finish_run

    record = finish_run(recipe, run_dir, trainer, checked, rows)
    return TrainResult(run_dir, checked.report, record)


def quiet_libraries() -> None:
    """Our progress bar and pre-flight replace the libraries' bars, info logs and deprecation notices."""
    import warnings

    import datasets
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    datasets.disable_progress_bars()
    warnings.filterwarnings("ignore", message=r".*(deprecated|will be removed)", category=FutureWarning)


def cpu_trainer_class() -> type:
    """SFTTrainer whose loss is the model's own cross-entropy, over the trained positions only, for CPU training.

    TRL projects the LM head in tiles through a fused kernel (and computes entropy and top-1 accuracy for its
    logs); without Triton that kernel runs as a chain of elementwise torch ops over every tile, ~40% of a packed
    step of the tiny-es LoRA. On a CPU, log_softmax + NLL is one fused ATen kernel each way; and only the
    positions whose next token is trained (the assistant turns) go through the LM head at all
    (`logits_to_keep`, a boolean mask): the prompt and padding positions' logits were computed and then
    ignored by the loss. Same loss, same gradients, same gradient-accumulation normalisation (num_items_in_batch).
    """
    from transformers import Trainer
    from trl import SFTTrainer

    class CpuSFTTrainer(SFTTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            inputs["use_cache"] = False
            labels = inputs.get("labels")
            if labels is not None:  # evaluation too: prediction_loss_only, its logits are not kept
                inputs.update(trained_positions(labels))
            return Trainer.compute_loss(
                self, model, inputs, return_outputs=return_outputs, num_items_in_batch=num_items_in_batch
            )

    return CpuSFTTrainer


def trained_positions(labels: Any) -> dict[str, Any]:
    """Model inputs that compute logits only where the next token is trained.

    Position t predicts labels[t + 1] (the causal shift of transformers' loss, the last position predicting
    nothing); `logits_to_keep` keeps the positions whose target is trained, and `shift_labels` gives the
    loss those targets, already shifted, in the same (flattened) order.
    """
    import torch

    shifted = torch.full_like(labels, IGNORE)
    shifted[:, :-1] = labels[:, 1:]
    keep = shifted != IGNORE
    return {"logits_to_keep": keep, "shift_labels": shifted[keep]}


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
    adapter: bool = True,
) -> Any:
    """SFTTrainer over pre-tokenized rows, with the LoRA adapter and our callbacks.

    adapter=False trains every weight (full fine-tuning): the memory baseline of eval/bench/bench_train.py.
    """
    import peft
    import torch
    from transformers import EarlyStoppingCallback, PrinterCallback
    from transformers.integrations import TensorBoardCallback
    from trl import SFTConfig, SFTTrainer

    from kit.train.callbacks import ProgressCallback, WallClockCallback, previous_wall_seconds

    quiet_libraries()
    cfg, lora = recipe.train, recipe.lora
    device = pick_device(recipe.model.device)
    if device == "cpu":
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
        eval_on_start=has_val,  # step 0 = the base model's val loss (LoRA starts as a no-op)
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
    _check_modules_to_save(model, lora.modules_to_save)
    per_document = device == "cpu" and not recipe.model.attn_implementation
    if per_document:
        from kit.train.attention import register

        # per-document causal attention: packed rows stop paying for the scores they mask out
        model.set_attn_implementation(register())
    if recipe.model.load_in_4bit:
        model = peft.prepare_model_for_kbit_training(
            model, use_gradient_checkpointing=cfg.gradient_checkpointing
        )
    peft_config = peft.LoraConfig(
        r=lora.rank,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=lora.target_modules,
        modules_to_save=lora.modules_to_save or None,
        ensure_weight_tying=bool(lora.modules_to_save),
        bias="none",
        task_type="CAUSAL_LM",
    )
    tensorboard = TensorBoardCallback()
    tensorboard.logging_dir = str(run_dir / "logs")
    callbacks: list[Any] = [
        ProgressCallback(),
        WallClockCallback(previous_wall_seconds(checkpoint), started),
        tensorboard,
    ]
    if early:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=cfg.early_stopping_patience))
    trainer_class = cpu_trainer_class() if device == "cpu" else SFTTrainer
    trainer = trainer_class(
        model=model,
        args=args,
        train_dataset=to_dataset(train_rows),
        eval_dataset=to_dataset(val_rows) if has_val else None,
        processing_class=tok,
        # with per-document attention a packed batch goes as one row with no padding at all
        data_collator=PackedCollator(tok.pad_token_id, padding_free=per_document),
        peft_config=peft_config if adapter else None,
        callbacks=[*callbacks, *extra_callbacks],
    )
    trainer.remove_callback(PrinterCallback)  # it prints raw log dicts on stdout, which is for results
    if device == "cpu" and adapter:
        from kit.train.fused_lora import fuse_lora

        fuse_lora(trainer.model)  # each LoRA layer one autograd node: fewer passes over the activations
    return trainer
