"""Rich console on stderr (logs, progress, tables); results go to stdout so commands compose."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console

T = TypeVar("T")

# Logs and progress go to stderr. `out` is for results (--json, tables a user asked for).
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one message = one line, even when piped
out = Console(highlight=False)


def info(message: str) -> None:
    """One log line on stderr."""
    err.print(message)


def warn(message: str) -> None:
    """A warning line on stderr."""
    err.print(f"[yellow]warning:[/yellow] {message}")


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate with a rich progress bar (ETA included) on stderr; plain iteration when not a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        yield from bar.track(items, total=total, description=description)
