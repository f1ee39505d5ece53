"""Compare's hosted arms: parsing `api:MODEL[+rag]`, pricing at the model's own (or fine-tuned) prices, and the
self-hosted cost taken from the serve bench's measured throughput. Against a live server: tests/test_serve.py."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT


def test_api_arms_parse_and_price_with_their_own_and_fine_tuned_prices():
    from kit.compare.api_arms import is_fine_tuned, price_api_row, price_key
    from kit.compare.config import Suite
    from kit.compare.cost import load_prices

    suite = Suite(arms=["api:gpt-4o-mini+rag", "api:ft:gpt-4o-mini-2024-07-18:acme::x1", "api:gpt-4.1-nano"])
    rag, ft, nano = suite.arms
    assert (rag.api, rag.rag, price_key(rag), is_fine_tuned(rag)) == ("gpt-4o-mini", True, "gpt-4o-mini", False)
    assert (ft.api, price_key(ft), is_fine_tuned(ft)) == ("ft:gpt-4o-mini-2024-07-18:acme::x1", "gpt-4o-mini", True)
    prices = load_prices(ROOT / "eval/prices.yaml")
    for arm, (price_in, price_out) in [(rag, (0.15, 0.60)), (ft, (0.30, 1.20)), (nano, (0.10, 0.40))]:
        row = {"prompt_tokens": 1000, "completion_tokens": 100}
        price_api_row(suite, arm, row, prices, rate=19.0)
        assert row["cost_api"] == row["cost_self"] == pytest.approx(19.0 * (1000 * price_in + 100 * price_out) / 1e6)
    with pytest.raises(Exception, match="api arm"):
        Suite(arms=[{"name": "x", "api": "gpt-4o-mini", "lora": True}])


def test_self_hosted_seconds_come_from_the_serve_bench_when_it_measured_the_suite_model(tmp_path):
    from kit.compare.config import Suite
    from kit.compare.throughput import served_seconds

    bench = tmp_path / "serve.json"
    levels = [{"concurrency": 1, "answers_per_s": 2.0}, {"concurrency": 16, "answers_per_s": 8.0}]
    bench.write_text(json.dumps({"model_name": "tiny-es", "device": "cpu", "levels": levels}), encoding="utf-8")
    suite = Suite(model={"name": "tiny-es"}, cost={"serve_bench": str(bench)})
    seconds, basis = served_seconds(suite, "cpu")
    assert seconds == pytest.approx(1 / 8.0) and "concurrency 16" in basis
    assert served_seconds(suite.model_copy(update={"cost": suite.cost.model_copy(update={"serve_concurrency": 1})}),
                          "cpu")[0] == pytest.approx(0.5)
    assert served_seconds(suite, "cuda:0") is None  # measured on another kind of device
    assert served_seconds(Suite(model={"name": "otro"}, cost={"serve_bench": str(bench)}), "cpu") is None
    assert served_seconds(Suite(model={"name": "tiny-es"}, cost={"serve_bench": str(tmp_path / "no.json")}),
                          "cpu") is None
