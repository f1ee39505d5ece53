"""`chatkit train`: supervised fine-tuning with TRL's SFTTrainer, by any `train.method` (kit/train/methods.py).

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
    load_tokenizer,
    pick_device,
    quantization_config,
    resolve_model,
)
from kit.models.template import (
    ChatEncoder,
    Encoded,
    PreflightReport,
    choose_pad_token,
    preflight,
    print_report,
)
from kit.runfolder import CHECKPOINTS
from kit.train.data import PreparedData, encode_all, load_prepared, pack_rows, to_rows
from kit.train.methods import check_freeze_depth, token_ids
from kit.train.recipe import Recipe


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
    check_freeze_depth(recipe, model_path)
    tok = load_tokenizer(recipe.model, source=model_path)
    token_ids(recipe.lora.trainable_tokens, tok.get_vocab(), recipe.model.name)  # an unknown one fails here
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
    """Pre-flight, then SFT by train.method; writes the run folder (weights, tokenizer, run.json, loss.png, logs).

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
    val = checked.data.val[: cfg.val_examples] if cfg.val_examples else checked.data.val
    val_rows = to_rows([checked.encoder.encode(c) for c in val], cfg.max_length)
    if not val_rows and is_main_process() and not quiet_check:
        from kit.console import warn

        warn(f"{checked.data.folder}/val.jsonl is missing or empty: no val loss, no early stopping")
    at_path = recipe.model_copy(
        update={"model": recipe.model.model_copy(update={"name": checked.model_path})}
    )
    from kit.train.trainer import build_trainer

    memory = None
    if cfg.count_memory:
        from kit.train.memory import TensorMemory, memory_callback

        memory = TensorMemory()
        callbacks = (*callbacks, memory_callback(memory))
    trainer = build_trainer(at_path, run_dir, tok, train_rows, val_rows, checkpoint, callbacks, started)
    try:
        if memory is not None:
            with memory.hooks():
                trainer.train(resume_from_checkpoint=checkpoint)
        else:
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

    record = finish_run(recipe, run_dir, trainer, checked, rows, memory.figures if memory else None)
    return TrainResult(run_dir, checked.report, record)


