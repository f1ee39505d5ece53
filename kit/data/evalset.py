"""The held-out eval set, finished: facts derived where references carry none, dev/test split, size warning."""

from __future__ import annotations

import math
from typing import Any

from kit.data.split import EVAL_SPLITS, assign_eval_splits

FEW_ITEMS = 100  # below this many test items a share's confidence interval is too wide to choose by


def ci_half_width(n: int) -> float:
    """Half-width of a 95% normal interval for a share at its widest (p = 0.5) over n items: 1.96·√(0.25/n)."""
    return 1.96 * math.sqrt(0.25 / n) if n else 1.0


def finish_eval(items: list[dict[str, Any]], cfg: Any, kb_text: str, contacts: set[str],
                warnings: list[str]) -> dict[str, Any]:
    """Derive missing facts (data.derive_facts), mark each item's split; returns the report's `eval_split` section."""
    facts = {"given": 0, "derived": 0, "none": 0}
    if cfg.derive_facts:
        from kit.data.derive import add_derived_facts

        facts = add_derived_facts(items, kb_text, contacts)
    else:
        for it in items:
            source = "given" if it.get("required_facts") else "none"
            it.setdefault("meta", {})["facts_source"] = source
            facts[source] += 1
    for it, split in zip(items, assign_eval_splits(items, cfg.eval_dev_fraction, cfg.seed), strict=True):
        it["split"] = split
    counts = {name: sum(it["split"] == name for it in items) for name in EVAL_SPLITS}
    if items and counts["test"] < FEW_ITEMS:
        warnings.append(
            f"only {counts['test']} test eval items ({len(items)} in all): a share's 95% CI is up to "
            f"±{ci_half_width(counts['test']):.0%} wide at this size (1.96·√(0.25/n)); {FEW_ITEMS}+ test items "
            "give ±10% or less")
    if facts["none"]:
        warnings.append(f"{facts['none']} eval item(s) have no required facts (none given, none derivable): "
                        "fact accuracy leaves them out")
    return {**counts, "dev_fraction": cfg.eval_dev_fraction, "seed": cfg.seed, "stratified_by": "intent, else topic",
            "facts": facts}
