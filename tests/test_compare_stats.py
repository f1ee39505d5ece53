"""Statistics and cost: seeded bootstrap, exact McNemar, paired bootstrap, Holm; prices and break-even."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROOT
from scipy.stats import binomtest

from kit.compare import cost
from kit.compare.stats import bootstrap_ci, holm, mcnemar_exact, paired_bootstrap, percentile_ci
from kit.errors import ChatkitError


def test_bootstrap_ci_is_seeded_and_covers_the_mean():
    rng = np.random.default_rng(1)
    x = rng.random(200)
    a = bootstrap_ci(x, resamples=1000, seed=3)
    b = bootstrap_ci(x, resamples=1000, seed=3)
    assert (a.mean, a.low, a.high) == (b.mean, b.low, b.high)
    assert a.low < a.mean < a.high and a.n == 200
    assert a.high - a.low < 0.15
    assert bootstrap_ci([None, True, False, True]).n == 3
    assert bootstrap_ci([]).mean is None
    assert percentile_ci(x, 95, resamples=1000).mean == pytest.approx(np.percentile(x, 95))


def test_mcnemar_exact_matches_binomial_on_discordant_pairs():
    a = [True] * 12 + [False] * 2 + [True] * 30 + [False] * 10
    b = [False] * 12 + [True] * 2 + [True] * 30 + [False] * 10
    res = mcnemar_exact(a, b)
    assert (res["a_only"], res["b_only"]) == (12, 2)
    assert res["p"] == pytest.approx(binomtest(12, 14, 0.5).pvalue)
    assert res["p"] < 0.05
    assert mcnemar_exact([True, False], [True, False])["p"] == 1.0


def test_paired_bootstrap_finds_a_real_difference_and_not_a_null_one():
    rng = np.random.default_rng(0)
    base = rng.random(150)
    better = paired_bootstrap(base + 0.1 + rng.normal(0, 0.02, 150), base, resamples=2000)
    assert better["p"] < 0.01 and better["low"] > 0
    noise = paired_bootstrap(base + rng.normal(0, 0.05, 150), base, resamples=2000)
    assert noise["p"] > 0.05 and noise["low"] < 0 < noise["high"]


def test_holm_step_down():
    adjusted = holm([0.01, 0.04, 0.03, None])
    assert adjusted[0] == pytest.approx(0.03)
    assert adjusted[2] == pytest.approx(0.06)
    assert adjusted[1] == pytest.approx(0.06)  # monotone: never below a smaller p's adjustment
    assert adjusted[3] is None


@pytest.fixture
def prices(tmp_path):
    return cost.load_prices(ROOT / "eval" / "prices.yaml")


def test_cost_per_query_and_fine_tuned_premium(prices):
    assert cost.cost_per_query(prices, "gpt-4o-mini", 1_000_000, 0) == pytest.approx(0.15)
    assert cost.cost_per_query(prices, "gpt-4o-mini", 0, 1_000_000, fine_tuned=True) == pytest.approx(1.20)
    with pytest.raises(ChatkitError, match="no price for model 'nope'"):
        cost.cost_per_query(prices, "nope", 1, 1)
    assert prices.rate("mxn") > 1
    with pytest.raises(ChatkitError, match="no exchange rate"):
        prices.rate("XYZ")


def test_training_cost_and_break_even(prices):
    run = {"tokens_trained": 2_000_000, "gpu_hours": 0.0, "wall_seconds": 7200}
    api = cost.training_cost(prices, run, "api", "gpt-4o-mini")
    assert api["amount"] == pytest.approx(6.0)
    cpu = cost.training_cost(prices, run, "self_hosted", "gpt-4o-mini")
    assert cpu["amount"] == pytest.approx(2 * prices.self_hosting.cpu_hour)
    gpu = cost.training_cost(prices, {**run, "gpu_hours": 0.5}, "self_hosted", "gpt-4o-mini")
    assert gpu["amount"] == pytest.approx(0.5 * prices.self_hosting.gpu_hour)
    fixed = cost.monthly_fixed(12.0, retrains_per_year=3)
    assert fixed == pytest.approx(4.0)
    volume = cost.break_even_volume(0.001, 0.003, fixed)
    assert volume == pytest.approx(2000)
    # at the break-even volume both cost the same per month
    assert cost.monthly_cost(0.001, volume, fixed) == pytest.approx(cost.monthly_cost(0.003, volume))
    assert cost.break_even_volume(0.003, 0.001, fixed) is None


def test_price_table_errors_are_one_line(tmp_path):
    bad = tmp_path / "prices.yaml"
    bad.write_text("currency: USD\nmodels:\n  m:\n    input: 1\n    output: -2\n", encoding="utf-8")
    with pytest.raises(ChatkitError) as e:
        cost.load_prices(bad)
    assert "models.m.output" in str(e.value) and str(bad) in str(e.value) and "\n" not in str(e.value)
