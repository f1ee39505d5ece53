"""The terminal summary of a study (stderr): trials by state, the best trial, where the outputs are."""

from __future__ import annotations

from typing import Any

from kit.console import err


def print_summary(result: Any) -> None:
    from rich.table import Table

    table = Table(title=f"study {result.study}", show_header=False)
    table.add_row("storage", result.storage)
    table.add_row("trials", ", ".join(f"{n} {s}" for s, n in sorted(result.counts.items())) or "none")
    if result.best:
        values = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in result.best["params"].items())
        table.add_row("best", f"trial {result.best['number']}: {result.best['value']:.4f} ({values})")
        table.add_row("best recipe", f"{result.best_recipe}  ->  chatkit train {result.best_recipe}")
    else:
        table.add_row("best", "no completed trial")
    table.add_row("report", f"{result.reports['html']} · {result.reports['md']}")
    err.print(table)
