"""Hosted arms: `api:MODEL` and `api:MODEL+rag` answer through an OpenAI-compatible endpoint.

The prompt is the local arms' (system prompt, retrieved passages fitted by compare's fit_passages, with the
hosted model's own tokenizer: tiktoken), answers come back with the endpoint's usage tokens, and each row is
priced with the model's own prices from eval/prices.yaml (its fine_tuned_* prices for an `ft:` model id).
Every endpoint is checked before any arm runs, so a wrong URL or key costs one line and no partial report.
"""

from __future__ import annotations

import re
from typing import Any

from kit.compare.config import ArmConfig, Suite
from kit.errors import ChatkitError

_DATED = re.compile(r"-\d{4}-\d{2}-\d{2}$")


def endpoint_of(suite: Suite, arm: ArmConfig) -> Any:
    """The suite's endpoint settings with this arm's base_url, if it names one."""
    return suite.api.model_copy(update={"base_url": arm.endpoint}) if arm.endpoint else suite.api


def is_fine_tuned(arm: ArmConfig) -> bool:
    return bool(arm.fine_tuned) if arm.fine_tuned is not None else bool(arm.api and arm.api.startswith("ft:"))


def price_key(arm: ArmConfig) -> str:
    """The price-table model of an api arm: price_model, else the id (an `ft:BASE:org::id` id gives BASE)."""
    if arm.price_model:
        return arm.price_model
    model = arm.api or ""
    if model.startswith("ft:"):
        model = model.split(":")[1]
    return _DATED.sub("", model)


def generator_for(suite: Suite, arm: ArmConfig) -> Any:
    from kit.generate.openai_api import ApiGenerator

    endpoint = endpoint_of(suite, arm)
    return ApiGenerator(arm.api or "", endpoint, who=f"arm '{arm.name}' ({endpoint.base_url})")


def check_endpoints(suite: Suite, prices: Any = None) -> None:
    """Before any work: each api arm's price is known and its endpoint answers with the key given."""
    for arm in suite.arms:
        if not arm.api:
            continue
        if prices is not None:
            try:
                prices.model(price_key(arm))
            except ChatkitError as e:
                raise ChatkitError(f"arm '{arm.name}': {e}", "set the arm's price_model to a model in the table") from None
        generator_for(suite, arm).check()



def price_api_row(suite: Suite, arm: ArmConfig, row: dict, prices: Any, rate: float) -> None:
    """A hosted answer costs its tokens at the model's prices, whatever the pricing view."""
    from kit.compare.cost import cost_per_query

    cost = rate * cost_per_query(prices, price_key(arm), row["prompt_tokens"], row["completion_tokens"],
                                 fine_tuned=is_fine_tuned(arm))
    row["cost_api"] = row["cost_self"] = cost


def api_record(suite: Suite, arm: ArmConfig) -> dict[str, Any]:
    return {"api": arm.api, "endpoint": endpoint_of(suite, arm).base_url, "price_model": price_key(arm),
            "fine_tuned": is_fine_tuned(arm)}
