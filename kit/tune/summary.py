"""A study's trials counted by state, and its terminal summary (stderr): the best trial, where the outputs are."""

from __future__ import annotations

from typing import Any

from kit.console import err


def state_of(trial: Any, stale: set[int]) -> str:
    """A trial's state for counts and reports: 'interrupted' for one whose values run again (its worker was
    stopped, or its heartbeat went stale: `stale` holds those numbers), else Optuna's state in lower case."""
    if trial.user_attrs.get("interrupted") or trial.number in stale:
        return "interrupted"
    return trial.state.name.lower()


def stale_numbers(trials: list[Any]) -> set[int]:
    """Numbers of the trials Optuna failed for a stale heartbeat (each has a rerun that says so)."""
    return {t.user_attrs["retry_of"] for t in trials if t.user_attrs.get("retry_reason") == "stale"}


def tally(study: Any) -> tuple[int, int, dict[str, int]]:
    """(finished, running, count per state); an interrupted trial is not finished (its values run again)."""
    from optuna.trial import TrialState

    done = running = 0
    counts: dict[str, int] = {}
    trials = study.get_trials(deepcopy=False)
    stale = stale_numbers(trials)
    for t in trials:
        state = state_of(t, stale)
        counts[state] = counts.get(state, 0) + 1
        if t.state in (TrialState.COMPLETE, TrialState.PRUNED) or state == "fail":
            done += 1
        elif t.state == TrialState.RUNNING:
            running += 1
    return done, running, counts


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
