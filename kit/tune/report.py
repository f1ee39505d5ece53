"""The study report: report.md (tables) and report.html (the same, plus Optuna's plotly plots).

The HTML is one self-contained file: plotly.js is inlined once (no CDN; nothing is fetched when it opens).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from kit.runfolder import write_atomic
from kit.tune.summary import stale_numbers, state_of

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left}
th{background:#f4f4f4}figure{margin:1em 0;border:1px solid #eee;padding:.5em}small{color:#666}
"""


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def trial_rows(study: Any) -> tuple[list[str], list[list[str]]]:
    """The trials table: number, state, value, duration, every parameter, and how it ended."""
    trials = study.get_trials(deepcopy=False)
    params = list(dict.fromkeys(p for t in trials for p in t.params))
    header = ["trial", "state", "value", "duration (s)", *params, "note"]
    rows = []
    stale = stale_numbers(trials)
    for t in trials:
        state = state_of(t, stale)
        note = t.user_attrs.get("error") or ("no heartbeat for too long (its worker died or hung); its values run "
                                             "again" if t.number in stale else "")
        if t.user_attrs.get("pruned_at") is not None:
            note = f"pruned at step {t.user_attrs['pruned_at']}"
        if t.user_attrs.get("retry_of") is not None:
            note = f"{note}; reruns trial {t.user_attrs['retry_of']}".lstrip("; ")
        duration = t.duration.total_seconds() if t.duration is not None else None
        rows.append([str(t.number), state, _fmt(t.value), _fmt(duration),
                     *(_fmt(t.params.get(p)) for p in params), note])
    return header, rows


def importances(study: Any) -> tuple[dict[str, float] | None, str]:
    """fANOVA parameter importances (seeded), or None and why they cannot be computed yet."""
    import optuna
    from optuna.trial import TrialState

    complete = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    if len(complete) < 2:
        return None, f"needs at least 2 completed trials ({len(complete)} so far)"
    try:
        evaluator = optuna.importance.FanovaImportanceEvaluator(seed=0)
        return optuna.importance.get_param_importances(study, evaluator=evaluator), ""
    except (ValueError, RuntimeError) as e:  # e.g. every completed trial drew the same values
        return None, str(e).splitlines()[0]


def _summary(study: Any, metric: str, storage: str) -> list[tuple[str, str]]:
    from kit.tune.summary import tally

    _, _, counts = tally(study)
    lines = [("study", study.study_name), ("storage", storage),
             ("objective", f"{metric} ({study.direction.name.lower()})"),
             ("trials", ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "none")]
    try:
        best = study.best_trial
        values = ", ".join(f"{k}={_fmt(v)}" for k, v in best.params.items())
        lines.append(("best", f"trial {best.number}: {metric} {_fmt(best.value)} with {values}"))
    except ValueError:
        lines.append(("best", "no completed trial yet"))
    return lines


def render_markdown(study: Any, metric: str, storage: str) -> str:
    out = [f"# Study `{study.study_name}`", ""]
    out += [f"- **{k}**: {v}" for k, v in _summary(study, metric, storage)]
    out += ["", "The best recipe is `best_recipe.yaml` beside this file: `chatkit train best_recipe.yaml`.",
            "Plots (optimisation history, importances, parallel coordinates, slices) are in report.html.", ""]
    imp, why = importances(study)
    out += ["## Parameter importances (fANOVA)", ""]
    if imp:
        out += ["| parameter | importance |", "| --- | --- |"]
        out += [f"| {k} | {v:.3f} |" for k, v in imp.items()]
    else:
        out.append(f"Not computed: {why}.")
    header, rows = trial_rows(study)
    out += ["", "## Trials", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def figures(study: Any) -> list[tuple[str, Any]]:
    """Optuna's plotly figures that this study has enough trials for."""
    import optuna
    from optuna import visualization as vis

    def plot_importances(study: Any) -> Any:  # the table's evaluator and seed, so plot and table agree
        if importances(study)[0] is None:
            raise ValueError("too few completed trials")
        return vis.plot_param_importances(study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0))

    out = []
    for title, make in (("Optimisation history", vis.plot_optimization_history),
                        ("Parameter importances", plot_importances),
                        ("Parallel coordinates", vis.plot_parallel_coordinate),
                        ("Slices", vis.plot_slice)):
        try:
            fig = make(study)
        except (ValueError, RuntimeError):  # too few completed trials for this plot
            continue
        if fig.data:
            out.append((title, fig))
    return out


def render_html(study: Any, metric: str, storage: str) -> str:
    from plotly.offline import get_plotlyjs

    esc = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>Study {esc(study.study_name)}</title>",
             f"<style>{CSS}</style><script>{get_plotlyjs()}</script></head><body>",
             f"<h1>Study <code>{esc(study.study_name)}</code></h1><table>"]
    parts += [f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _summary(study, metric, storage)]
    parts.append("</table><p>The best recipe is <code>best_recipe.yaml</code> beside this file.</p>")
    for title, fig in figures(study):
        div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
        parts.append(f"<figure><figcaption>{esc(title)}</figcaption>{div}</figure>")
    imp, why = importances(study)
    parts.append("<h2>Parameter importances (fANOVA)</h2>")
    if imp:
        parts.append("<table><tr><th>parameter</th><th>importance</th></tr>"
                     + "".join(f"<tr><td>{esc(k)}</td><td>{v:.3f}</td></tr>" for k, v in imp.items()) + "</table>")
    else:
        parts.append(f"<p>Not computed: {esc(why)}.</p>")
    header, rows = trial_rows(study)
    parts.append("<h2>Trials</h2><table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
    parts += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows]
    parts.append("</table></body></html>\n")
    return "".join(parts)


def write_reports(study: Any, folder: Path, metric: str, storage: str) -> dict[str, Path]:
    """report.md and report.html in the study folder, each written atomically."""
    paths = {"md": folder / "report.md", "html": folder / "report.html"}
    write_atomic(paths["md"], render_markdown(study, metric, storage))
    write_atomic(paths["html"], render_html(study, metric, storage))
    return paths
