"""Redaction on the shipped corpus: the personal data the generator planted is caught (recall >= 99%)
and its look-alikes (order numbers, amounts, dates, postal codes, SKUs, public contacts) are kept."""

from __future__ import annotations

import importlib
import sys

import pytest
from conftest import ROOT

COMPANIES = ("shop", "operator", "bank")


@pytest.fixture(scope="module")
def score_planted():
    if str(ROOT) not in sys.path:  # eval/ is a folder of the repository, not an installed package
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("eval.bench.bench_redact").score_planted


@pytest.mark.parametrize("company", COMPANIES)
def test_planted_personal_data_is_caught_and_lookalikes_are_kept(score_planted, company):
    folder = ROOT / "conversations" / company
    if not (folder / "labels.jsonl").exists():
        pytest.skip(f"no shipped corpus in {folder}")
    score = score_planted(folder)
    print(company, {k: score[k] for k in ("recall", "planted", "decoy_false_positive_rate", "decoys")})
    assert score["planted"] >= 500 and score["decoys"] >= 300
    assert score["recall"] >= 0.99, score["missed"]
    assert min(score["recall_by_type"].values()) >= 0.98, score["recall_by_type"]
    assert score["decoy_false_positive_rate"] <= 0.01, score["false_positives_by_type"]
