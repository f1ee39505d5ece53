"""Pairwise tests as one compact matrix per metric: cell (row, column) = row − column, Holm-corrected p."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.compare.summary import QUALITY, comparison

# Metrics whose per-item values are shares (shown as percentage points); the rest are plain numbers.
SHARES = {"fact_accuracy", "fact_recall", "escalation_accuracy", "groundedness", "context_recall", "placeholders"}


@dataclass
class Cell:
    text: str
    significant: bool = False


def diff_text(metric: str, diff: float | None) -> str:
    """A difference as shown in a matrix cell and in the appendix: "+12.5 pp" or "+0.031"."""
    if diff is None:
        return "—"
    if metric in SHARES:
        return f"{diff * 100:+.1f} pp"
    return f"{diff:+.3f}"


def p_text(p: float | None) -> str:
    return "—" if p is None else f"{p:.2g}"


def metrics_tested(report: dict[str, Any]) -> list[str]:
    """Quality metrics with at least one test, in the report's order."""
    present = {t["metric"] for t in report["summary"]["comparisons"]}
    return [name for name, _, _ in QUALITY if name in present]


def matrix(report: dict[str, Any], metric: str) -> tuple[list[str], list[list[Cell]]]:
    """Arm names (columns) and one row of cells per arm: the diff row − column and its Holm-corrected p."""
    arms = [a["name"] for a in report["arms"]]
    rows: list[list[Cell]] = []
    for a in arms:
        row = [Cell(a)]
        for b in arms:
            if a == b:
                row.append(Cell("·"))
                continue
            test = comparison(report["summary"], metric, a, b)
            if test is None:
                row.append(Cell("—"))
                continue
            row.append(Cell(f"{diff_text(metric, test.get('diff'))} (p {p_text(test.get('p_holm'))})",
                            bool(test.get("significant"))))
        rows.append(row)
    return arms, rows


def matrix_markdown(report: dict[str, Any], metric: str, corner: str) -> str:
    """The matrix as a Markdown table; significant cells in bold."""
    arms, rows = matrix(report, metric)
    lines = ["| " + " | ".join([corner, *arms]) + " |", "|" + "---|" * (len(arms) + 1)]
    for row in rows:
        cells = [row[0].text, *(f"**{c.text}**" if c.significant else c.text for c in row[1:])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def matrix_html(report: dict[str, Any], metric: str, corner: str) -> str:
    """The matrix as an HTML table; significant cells in bold."""
    import html

    arms, rows = matrix(report, metric)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in [corner, *arms])
    body = "".join(
        "<tr><th>" + html.escape(row[0].text) + "</th>"
        + "".join(f"<td class=\"{'sig' if c.significant else ''}\">{html.escape(c.text)}</td>" for c in row[1:])
        + "</tr>"
        for row in rows
    )
    return f'<table class="matrix" data-metric="{html.escape(metric)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
