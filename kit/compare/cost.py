"""Money: API token prices, self-hosting at the measured throughput, retrieval, training, break-even volume.

`price_query` is the one pricing function: `chatkit compare` prices every row with it and `chatkit chat`
prices every answer with it (kit/chat/backend.py).

The price table (eval/prices.yaml) is the user's to edit: every entry carries the date and source of
its numbers. Amounts in the table are in its `currency`; reports convert with its exchange rates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.config import Field, Section, load
from kit.errors import ChatkitError

MILLION = 1_000_000
HOURS_PER_MONTH = 730  # 365 x 24 / 12: an always-on machine's hours in an average month


class ModelPrice(Section):
    input: float = Field(..., ge=0, description="Price per 1M input (prompt) tokens.")
    output: float = Field(..., ge=0, description="Price per 1M output (completion) tokens.")
    fine_tuned_input: float | None = Field(None, ge=0, description="Per 1M input tokens on a fine-tuned copy.")
    fine_tuned_output: float | None = Field(None, ge=0, description="Per 1M output tokens on a fine-tuned copy.")
    fine_tuned_premium: float = Field(
        2.0, ge=1.0, description="Multiplier on input/output prices when fine_tuned_* are not given."
    )
    training: float | None = Field(None, ge=0, description="Fine-tuning price per 1M training tokens (tokens x epochs).")
    date: str = Field(..., description="When these prices were read (YYYY-MM-DD).")
    source: str = Field(..., description="Where they were read (URL).")


class SelfHosting(Section):
    gpu_hour: float = Field(..., ge=0, description="Price of one GPU-hour.")
    gpu: str = Field("", description="Which GPU / instance the price is for.")
    cpu_hour: float = Field(..., ge=0, description="Price of one hour of the CPU machine the compare ran on.")
    cpu: str = Field("", description="Which CPU instance the price is for.")
    date: str = Field(..., description="When these prices were read.")
    source: str = Field(..., description="Where they were read.")


class RetrievalPrices(Section):
    host_hour: float = Field(..., ge=0, description="Price of one hour of the always-on machine holding the index.")
    host: str = Field("", description="Which instance the price is for.")
    embedding: float = Field(..., ge=0, description="Price per 1M tokens of embedding a query with an API model.")
    embedding_model: str = Field("", description="Which embedding model the price is for.")
    date: str = Field(..., description="When these prices were read.")
    source: str = Field(..., description="Where they were read.")


class ExchangeRates(Section):
    rates: dict[str, float] = Field(..., description="Units of each currency per 1 unit of the table's currency.")
    date: str = Field(..., description="When the rates were read.")
    source: str = Field(..., description="Where they were read.")


class Prices(Section):
    currency: str = Field("USD", description="Currency of every amount in this table.")
    models: dict[str, ModelPrice] = Field(..., description="API models by name.")
    self_hosting: SelfHosting = Field(..., description="Hourly prices for running the model yourself.")
    retrieval: RetrievalPrices | None = Field(
        None, description="Hosting the index and embedding queries (needed by rag and extractive arms)."
    )
    exchange: ExchangeRates | None = Field(None, description="Conversion to other report currencies.")
    source_file: str = Field("", description="Filled on load: the path this table came from.")

    def model(self, key: str) -> ModelPrice:
        """The prices of `key`, or a one-line error naming the table and the known models."""
        if key not in self.models:
            where = self.source_file or "the price table"
            raise ChatkitError(
                f"{where}: no price for model '{key}' (known: {', '.join(sorted(self.models))})",
                f"add '{key}' under models: with input/output prices per 1M tokens, or pick a known one",
            )
        return self.models[key]

    def rate(self, currency: str) -> float:
        """How many `currency` units one unit of the table's currency buys."""
        if currency.upper() == self.currency.upper():
            return 1.0
        rates = {k.upper(): v for k, v in (self.exchange.rates if self.exchange else {}).items()}
        if currency.upper() not in rates:
            raise ChatkitError(
                f"{self.source_file or 'prices'}: no exchange rate for currency '{currency}' "
                f"(known: {', '.join(sorted([self.currency.upper(), *rates]))})",
                "add it under exchange.rates",
            )
        return rates[currency.upper()]


def load_prices(path: str | Path) -> Prices:
    """Load and validate the price table (one-line errors for a missing file, typo or bad value)."""
    prices = load(Prices, path)
    prices.source_file = str(path)
    return prices


def token_prices(prices: Prices, model_key: str, fine_tuned: bool = False) -> tuple[float, float]:
    """(input, output) price per 1M tokens for a model, fine-tuned or not."""
    p = prices.model(model_key)
    if not fine_tuned:
        return p.input, p.output
    return (
        p.fine_tuned_input if p.fine_tuned_input is not None else p.input * p.fine_tuned_premium,
        p.fine_tuned_output if p.fine_tuned_output is not None else p.output * p.fine_tuned_premium,
    )


def cost_per_query(
    prices: Prices, model_key: str, prompt_tokens: float, completion_tokens: float, fine_tuned: bool = False
) -> float:
    """API cost of one query in the table's currency: tokens x price per 1M tokens."""
    price_in, price_out = token_prices(prices, model_key, fine_tuned)
    return (prompt_tokens * price_in + completion_tokens * price_out) / MILLION


def self_hosted_per_query(hour_price: float, seconds_per_query: float) -> float:
    """Cost of one query on a machine rented by the hour, at the measured seconds per query."""
    return hour_price * seconds_per_query / 3600


def retrieval_prices(prices: Prices) -> RetrievalPrices:
    """The table's retrieval prices, or a one-line error saying what to add."""
    if prices.retrieval is None:
        raise ChatkitError(
            f"{prices.source_file or 'the price table'}: no retrieval prices (rag and extractive arms host an index)",
            "add retrieval: {host_hour, embedding, date, source} (see eval/prices.yaml)",
        )
    return prices.retrieval


def price_query(
    prices: Prices,
    view: str,
    *,
    model_key: str,
    generates: bool,
    retrieves: bool,
    fine_tuned: bool = False,
    prompt_tokens: float = 0,
    completion_tokens: float = 0,
    query_tokens: float = 0,
    machine_seconds: float = 0.0,
    gpu: bool = False,
) -> float:
    """Cost of one query in the table's currency; what compare and chat both charge.

    api: the model's tokens at `model_key`'s prices (fine-tuned prices for an adapter) plus, when the arm
    retrieves, the question's tokens at the embedding price. self_hosted: the seconds of model machine
    the query holds (`machine_seconds`) at the GPU or CPU hour price; the query's embedding and search run
    on the index host, paid by the hour (`retrieval_fixed_monthly`), not per query.
    """
    if view == "api":
        amount = cost_per_query(prices, model_key, prompt_tokens, completion_tokens, fine_tuned) if generates else 0.0
        if retrieves:
            amount += query_tokens * retrieval_prices(prices).embedding / MILLION
        return amount
    if view != "self_hosted":
        raise ChatkitError(f"cost.pricing must be api or self_hosted (got {view!r})")
    hour = prices.self_hosting.gpu_hour if gpu else prices.self_hosting.cpu_hour
    return self_hosted_per_query(hour, machine_seconds) if generates else 0.0


def retrieval_fixed_monthly(prices: Prices, retrieves: bool) -> float:
    """Monthly cost of the always-on index host of an arm that retrieves (table currency); 0 otherwise."""
    return retrieval_prices(prices).host_hour * HOURS_PER_MONTH if retrieves else 0.0


def training_cost(prices: Prices, run: dict[str, Any], pricing: str, model_key: str) -> dict[str, Any]:
    """One-off cost of the training run in run.json.

    API view: tokens_trained (every epoch's tokens, as the Trainer counts them) x the training price.
    Self-hosted view: GPU-hours x the GPU-hour price; a CPU run is priced by its wall hours x the CPU price.
    """
    if pricing == "api":
        price = prices.model(model_key).training
        if price is None:
            raise ChatkitError(
                f"{prices.source_file}: model '{model_key}' has no training price",
                f"add models.{model_key}.training (price per 1M training tokens)",
            )
        tokens = float(run.get("tokens_trained", 0))
        return {"amount": tokens * price / MILLION, "basis": f"{tokens:,.0f} tokens x {price} per 1M"}
    gpu_hours = float(run.get("gpu_hours") or 0.0)
    if gpu_hours > 0:
        return {
            "amount": gpu_hours * prices.self_hosting.gpu_hour,
            "basis": f"{gpu_hours:.4f} GPU-hours x {prices.self_hosting.gpu_hour}/h",
        }
    hours = float(run.get("wall_seconds", 0.0)) / 3600
    return {"amount": hours * prices.self_hosting.cpu_hour, "basis": f"{hours:.4f} CPU-hours x {prices.self_hosting.cpu_hour}/h"}


def monthly_fixed(training: float, retrains_per_year: float) -> float:
    """Training spread over a year: the first training plus each refresh, divided by 12 months."""
    return training * (1 + retrains_per_year) / 12


def monthly_cost(per_query: float, volume: float, fixed: float = 0.0) -> float:
    return fixed + per_query * volume


def break_even_volume(
    per_query_ft: float, per_query_rag: float, fixed_ft_monthly: float, fixed_rag_monthly: float = 0.0
) -> float | None:
    """Monthly queries above which the fine-tuned arm is cheaper than the RAG arm; None if it never is.

    0 when it is cheaper at any volume (lower fixed and per-query costs).
    """
    saving = per_query_rag - per_query_ft
    extra = fixed_ft_monthly - fixed_rag_monthly
    if saving <= 0:
        return 0.0 if saving == 0 and extra < 0 else None
    return max(0.0, extra / saving)
