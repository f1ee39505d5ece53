"""Statistics over per-item rows: seeded bootstrap CIs, exact McNemar, paired bootstrap, Holm correction.

All arms answer the same items, so comparisons are paired. Bootstrap resamples items (not answers)
with a seeded numpy Generator; the same seed gives the same intervals, which is what lets a test
recompute every headline number from report.json.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class Estimate:
    mean: float | None
    low: float | None
    high: float | None
    n: int

    def to_json(self) -> dict[str, float | int | None]:
        return {"mean": self.mean, "low": self.low, "high": self.high, "n": self.n}


def _clean(values: Sequence[float | bool | None]) -> np.ndarray:
    return np.array([float(v) for v in values if v is not None and not np.isnan(float(v))], dtype=float)


def bootstrap_ci(
    values: Sequence[float | bool | None], resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> Estimate:
    """Mean with a percentile bootstrap interval; None values (not applicable) are left out."""
    x = _clean(values)
    if x.size == 0:
        return Estimate(None, None, None, 0)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(resamples, x.size))
    means = x[idx].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return Estimate(float(x.mean()), float(low), float(high), int(x.size))


def percentile_ci(
    values: Sequence[float | None], q: float, resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> Estimate:
    """A percentile (e.g. p95 latency) with a bootstrap interval."""
    x = _clean(values)
    if x.size == 0:
        return Estimate(None, None, None, 0)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(resamples, x.size))
    stats = np.percentile(x[idx], q, axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(stats, [tail, 100 - tail])
    return Estimate(float(np.percentile(x, q)), float(low), float(high), int(x.size))


def mcnemar_exact(a: Sequence[bool | None], b: Sequence[bool | None]) -> dict[str, float | int]:
    """Exact McNemar test on paired binary outcomes (binomial test on the discordant pairs).

    Returns:
        {"a_only": items A got right and B wrong, "b_only": the reverse, "p": two-sided p-value}.
    """
    from scipy.stats import binomtest

    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    a_only = sum(1 for x, y in pairs if x and not y)
    b_only = sum(1 for x, y in pairs if y and not x)
    n = a_only + b_only
    p = 1.0 if n == 0 else float(binomtest(a_only, n, 0.5, alternative="two-sided").pvalue)
    return {"a_only": a_only, "b_only": b_only, "p": p}


def paired_bootstrap(
    a: Sequence[float | None], b: Sequence[float | None], resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> dict[str, float | int | None]:
    """Mean difference A - B over items both scored, its bootstrap CI and a two-sided p-value.

    The p-value bootstraps the differences re-centred on zero (the null of no difference) and counts
    resampled means at least as far from zero as the observed one, with the usual +1 correction.
    """
    d = np.array(
        [float(x) - float(y) for x, y in zip(a, b, strict=True) if x is not None and y is not None], dtype=float
    )
    if d.size == 0:
        return {"diff": None, "low": None, "high": None, "p": None, "n": 0}
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, d.size, size=(resamples, d.size))
    means = d[idx].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    observed = float(d.mean())
    null = (d - observed)[idx].mean(axis=1)
    extreme = int(np.sum(np.abs(null) >= abs(observed) - 1e-12))
    p = 1.0 if np.allclose(d, 0) else (extreme + 1) / (resamples + 1)
    return {"diff": observed, "low": float(low), "high": float(high), "p": float(p), "n": int(d.size)}


def holm(pvalues: Sequence[float | None]) -> list[float | None]:
    """Holm-Bonferroni adjusted p-values (step-down, monotone, capped at 1); None stays None."""
    present = [(p, i) for i, p in enumerate(pvalues) if p is not None]
    m = len(present)
    adjusted: list[float | None] = [None] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(present)):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted
