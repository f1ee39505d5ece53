"""Trainer callbacks: a progress bar with ETA, wall time that survives --resume, the loss history."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

WALL_FILE = "wall.json"  # inside each checkpoint: seconds spent before it, so resumed runs price honestly


def _fmt_seconds(s: float) -> str:
    s = int(max(0, s))
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class ProgressCallback(TrainerCallback):
    """One bar on stderr (rich, with ETA) on a terminal; a log line every `logging_steps` otherwise."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.start = 0.0
        self.first_step = 0
        self.last_loss: float | None = None

    def on_train_begin(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        self.start, self.first_step = time.perf_counter(), state.global_step
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            from kit.console import err

            self.bar = Progress(
                TextColumn("training"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[loss]}"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(
                "train", total=state.max_steps, completed=state.global_step, loss=""
            )

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        from kit.console import info

        if "loss" in logs:
            self.last_loss = float(logs["loss"])
            if self.bar is not None:
                self.bar.update(self.task, loss=f"loss {self.last_loss:.3f}")
                return
            done = state.global_step - self.first_step
            elapsed = time.perf_counter() - self.start
            eta = elapsed / done * (state.max_steps - state.global_step) if done else 0.0
            info(
                f"step {state.global_step}/{state.max_steps} · loss {self.last_loss:.3f} · "
                f"{_fmt_seconds(elapsed)} elapsed · ETA {_fmt_seconds(eta)}"
            )
        if "eval_loss" in logs:
            info(f"step {state.global_step}: val loss {float(logs['eval_loss']):.3f}")

    def on_step_end(self, args, state, control, **kwargs):
        if self.bar is not None and state.is_world_process_zero:
            self.bar.update(self.task, completed=state.global_step)

    def on_train_end(self, args, state, control, **kwargs):
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


class WallClockCallback(TrainerCallback):
    """Wall seconds of this run, plus those of earlier attempts recorded in the resumed checkpoint."""

    def __init__(self, previous_seconds: float = 0.0, start: float | None = None) -> None:
        self.previous = previous_seconds
        self.start = time.perf_counter() if start is None else start

    @property
    def seconds(self) -> float:
        return self.previous + time.perf_counter() - self.start

    def on_save(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        if folder.is_dir():
            (folder / WALL_FILE).write_text(json.dumps({"wall_seconds": self.seconds}), encoding="utf-8")


def previous_wall_seconds(checkpoint: str | None) -> float:
    """Seconds recorded in a checkpoint by WallClockCallback (0 when none)."""
    if not checkpoint:
        return 0.0
    path = Path(checkpoint) / WALL_FILE
    try:
        return float(json.loads(path.read_text(encoding="utf-8"))["wall_seconds"])
    except (OSError, ValueError, KeyError):
        return 0.0


class StopAtStep(TrainerCallback):
    """Raise KeyboardInterrupt after optimizer step `step`: simulates a killed run (tests, benches)."""

    def __init__(self, step: int) -> None:
        self.step = step

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step >= self.step:
            raise KeyboardInterrupt(f"stopped at step {state.global_step}")
