"""What a run folder keeps besides the adapter: run.json, resolved_config.yaml, the loss curve PNG.

run.json is what `chatkit compare` prices training from: keep `wall_seconds`, `gpu_hours`,
`tokens_trained`, `device`, `base_model` and `epochs` stable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def loss_summary(values: list[float]) -> dict[str, float | None]:
    """first / last / best (lowest) of a loss series; None when it is empty."""
    if not values:
        return {"first": None, "last": None, "best": None}
    return {"first": round(values[0], 5), "last": round(values[-1], 5), "best": round(min(values), 5)}


def split_history(
    log_history: list[dict[str, Any]],
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """(step, train loss) and (step, val loss) pairs from the Trainer's log history."""
    train = [(int(h["step"]), float(h["loss"])) for h in log_history if "loss" in h]
    val = [(int(h["step"]), float(h["eval_loss"])) for h in log_history if "eval_loss" in h]
    return train, val






def plot_losses(
    run_dir: Path, train: list[tuple[int, float]], val: list[tuple[int, float]], title: str
) -> Path | None:
    """loss.png: train and val loss against the optimizer step (None when nothing was logged)."""
    if not train and not val:
        return None
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    if train:
        ax.plot(*zip(*train, strict=True), label="train loss", color="#1f77b4")
    if val:
        ax.plot(*zip(*val, strict=True), label="val loss", color="#d62728", marker="o")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (assistant tokens)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path = run_dir / "loss.png"
    tmp = run_dir / ".loss.tmp.png"
    fig.savefig(tmp)
    plt.close(fig)
    os.replace(tmp, path)
    return path
