"""Redaction on the shipped corpus: the personal data the generator planted is caught (recall >= 99%)
and its look-alikes (order numbers, amounts, dates, postal codes, SKUs, public contacts) are kept.

Types with check digits and the first detectors keep 100% recall and no look-alike touched; the types
of redaction v2 (addresses, birth dates, passports, plates, handles, obfuscated e-mails and phones,
names in free positions) need recall >= 0.98 each and at most 1% of their look-alikes touched (public
addresses, places named after people, dates that are not birth dates, model numbers)."""

from __future__ import annotations

import importlib
import sys

import pytest
from conftest import ROOT

COMPANIES = ("shop", "operator", "bank")
NEW_TYPES = ("ADDRESS", "BIRTH_DATE", "PASSPORT", "PLATE", "USERNAME", "EMAIL_OBFUSCATED", "PHONE_OBFUSCATED",
             "NAME_FREE")  # fmt: skip
NEW_LOOKALIKES = ("PUBLIC_ADDRESS", "PLACE", "OTHER_DATE", "MODEL")


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


@pytest.mark.parametrize("company", COMPANIES)
def test_new_types_reach_their_recall_and_old_types_stay_perfect(score_planted, company):
    folder = ROOT / "conversations" / company
    if not (folder / "labels.jsonl").exists():
        pytest.skip(f"no shipped corpus in {folder}")
    score = score_planted(folder)
    recall, fp = score["recall_by_type"], score["false_positives_by_type"]
    print(company, {t: recall.get(t) for t in NEW_TYPES}, {t: fp.get(t) for t in NEW_LOOKALIKES})
    for kind in NEW_TYPES:
        assert kind in recall and recall[kind] >= 0.98, (kind, recall.get(kind), score["missed"])
    for kind, value in recall.items():
        if kind not in NEW_TYPES:
            assert value == 1.0, (kind, value, score["missed"])
    for kind in NEW_LOOKALIKES:
        touched, n = map(int, fp[kind].split("/"))
        assert n >= 20 and touched <= 0.01 * n, (kind, fp[kind])
    for kind, value in fp.items():
        if kind not in NEW_LOOKALIKES:
            assert value.startswith("0/"), (kind, value)
