"""A rich progress bar over a study's trials on a terminal; a log line per trial otherwise."""

from __future__ import annotations

import sys
from typing import Any

from kit.console import err, info


class TrialProgress:
    """`with TrialProgress(total, done) as bar: bar.advance(done, line)`; training's own bar nests below it."""

    def __init__(self, total: int, done: int) -> None:
        self.total, self.done = total, done
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> TrialProgress:
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("trials"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("{task.fields[last]}"), console=err)
            self.bar.start()
            self.task = self.bar.add_task("trials", total=self.total, completed=min(self.done, self.total), last="")
        return self

    def advance(self, done: int, line: str) -> None:
        """`done` finished trials in the study (every worker's); `line` says how the last one ended."""
        self.done = done
        if self.bar is not None:
            self.bar.update(self.task, completed=min(done, self.total), last=line)
            self.bar.console.print(line)
        else:
            info(f"[{min(done, self.total)}/{self.total}] {line}")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
