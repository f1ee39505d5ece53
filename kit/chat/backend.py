"""What `chatkit chat` / `chatkit ask` talk to: the model (+ adapter), the index, the system prompt, prices.

`--run RUN` reads a finished `chatkit train` folder: run.json names the base model, resolved_config.yaml
(a Recipe) gives the system prompt, model settings and the index folder, the folder itself is the adapter.
Heavy imports (torch, transformers, faiss) stay inside functions so `chatkit --help` is instant.
"""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.models.config import ModelConfig
from kit.rag.config import RagConfig
from kit.train.recipe import DEFAULT_SYSTEM_PROMPT, Recipe

DEFAULT_PRICES = "eval/prices.yaml"
DEFAULT_PRICE_MODEL = "gpt-4o-mini"  # as `chatkit compare` (cost.api_model)
DTYPES = ("auto", "float32", "bfloat16", "float16")  # model.dtype


@dataclass
class Pricing:
    """Estimated cost of one answer from eval/prices.yaml, priced the way `chatkit compare` does.

    api: the answer's tokens at an API model's prices (its fine-tuned prices when the adapter answered);
    self_hosted: the answer's seconds at the hourly price of the machine kind it ran on (GPU or CPU).
    Without a price table the cost is None, shown as n/a, and `reason` says why.
    """

    prices: Any = None  # kit.compare.cost.Prices
    mode: str = "api"
    model_key: str = DEFAULT_PRICE_MODEL
    device: str = "cpu"
    reason: str = "no price table loaded"

    def cost(self, generation: Any, fine_tuned: bool = False, retrieves: bool = False, query_tokens: int = 0,
             generates: bool = True) -> float | None:
        """This answer's cost through compare's pricing function (kit.compare.cost.price_query).

        One user at a time: the self-hosted view charges the answer's own seconds on the machine. An
        extractive answer (generates=False) pays only its question's embedding, as compare prices that arm.
        """
        if self.prices is None or (retrieves and self.prices.retrieval is None):
            return None
        from kit.compare.cost import price_query

        return price_query(
            self.prices, self.mode, model_key=self.model_key, generates=generates, retrieves=retrieves,
            fine_tuned=fine_tuned, prompt_tokens=generation.prompt_tokens,
            completion_tokens=generation.completion_tokens, query_tokens=query_tokens,
            machine_seconds=generation.total_s, gpu=self.device == "cuda",
        )

    def label(self) -> str:
        if self.prices is None:
            return f"cost n/a: {self.reason}"
        if self.mode == "self_hosted":
            hosting = self.prices.self_hosting
            what = hosting.gpu if self.device == "cuda" else hosting.cpu
            return f"cost: self-hosted, {what or self.device} ({self.prices.currency})"
        return f"cost: {self.model_key} API prices ({self.prices.currency})"

    def format(self, amount: float | None) -> str:
        return "n/a" if amount is None or self.prices is None else f"{amount:.6f} {self.prices.currency}"


def load_pricing(path: str | None, mode: str = "api", model_key: str | None = None, device: str = "cpu") -> Pricing:
    """The price table at `path` (default eval/prices.yaml); problems give a Pricing that answers n/a."""
    key = model_key or DEFAULT_PRICE_MODEL
    if path and not Path(path).is_file():
        raise ChatkitError(f"--prices {path}: file not found", "the shipped table is eval/prices.yaml")
    if not path:  # the shipped table: here, or beside the package when chatting from another folder
        shipped = [Path(DEFAULT_PRICES), Path(__file__).resolve().parent.parent / DEFAULT_PRICES]
        path = str(next((p for p in shipped if p.is_file()), shipped[0]))
    if mode not in ("api", "self_hosted"):
        raise ChatkitError(f"--pricing must be api or self_hosted (got {mode!r})")
    try:
        from kit.compare.cost import load_prices
    except ImportError:
        return Pricing(reason="cost tables are not available in this install (kit.compare.cost)")
    if not Path(path).is_file():
        return Pricing(reason=f"{DEFAULT_PRICES} not found (pass --prices FILE)")
    prices = load_prices(path)  # a broken table is the user's to fix: one-line error
    if mode == "api" and key not in prices.models:
        known = ", ".join(sorted(prices.models))
        return Pricing(reason=f"{path} has no model {key!r} (known: {known}; pass --price-model)")
    return Pricing(prices, mode, key, device)


@dataclass
class ChatBackend:
    """A loaded model with its optional adapter and index, ready to answer."""

    generator: Any  # kit.generate.local.LocalGenerator
    model_name: str
    system_prompt: str = DEFAULT_SYSTEM_PROMPT
    adapter: str | None = None
    index: Any = None  # kit.rag.index.Index
    index_dir: str | None = None
    rag: RagConfig = field(default_factory=RagConfig)
    pricing: Pricing = field(default_factory=Pricing)
    notes: list[str] = field(default_factory=list)  # said once at start (e.g. the run's index is missing)
    extractive: bool = False  # the generator is kit.compare.extractive.Extractor: sentences of the top passage

    @contextlib.contextmanager
    def base_model(self) -> Iterator[None]:
        """Inside this block the adapter is switched off: the base model answers (for /compare)."""
        disable = getattr(self.generator.model, "disable_adapter", None) if self.adapter is not None else None
        if disable is None:
            yield
            return
        with disable():
            yield


@dataclass
class ChatSource:
    """Where the model, adapter, index and system prompt come from (the CLI options, resolved)."""

    model: ModelConfig
    adapter: str | None
    index: str | None
    system_prompt: str
    rag: RagConfig
    notes: list[str]


def resolve_source(
    model: str | None = None,
    adapter: str | None = None,
    index: str | None = None,
    run: str | None = None,
    recipe: str | None = None,
    device: str | None = None,
    dtype: str | None = None,
    context_tokens: int | None = None,
) -> ChatSource:
    """Combine --model/--adapter/--index/--run/--recipe into one description (no heavy imports); --dtype and
    --context-tokens override the recipe's model.dtype and rag.context_tokens (what a compare suite may have set).

    Raises:
        ChatkitError: no model named, --run mixed with --model/--adapter, or a run folder that is not a
            finished `chatkit train` run.
    """
    if run and (model or adapter):
        raise ChatkitError(
            "--run takes the model and adapter from the run folder", "pass either --run RUN or --model/--adapter"
        )
    base = _load_recipe(recipe) if recipe else None
    notes: list[str] = []
    run_folder = run or adapter
    run_recipe, run_base = _read_run(run_folder, strict=bool(run)) if run_folder else (None, None)
    source = base or run_recipe or Recipe()  # an explicit --recipe wins over the run's own config
    cfg = source.model.model_copy()
    name = model or run_base or (base.model.name if base else None)
    if not name:
        raise ChatkitError("no model to chat with", "pass --model NAME_OR_FOLDER, or --run RUN from `chatkit train`")
    cfg.name = name
    if device:
        if device not in ("auto", "cpu", "cuda"):
            raise ChatkitError(f"--device must be auto, cpu or cuda (got {device!r})")
        cfg.device = device
    if dtype:
        if dtype not in DTYPES:
            raise ChatkitError(f"--dtype must be one of {', '.join(DTYPES)} (got {dtype!r})")
        cfg.dtype = dtype
    if index is not None and not Path(index).is_dir():
        raise ChatkitError(f"index folder not found: {index}", "build one with `chatkit index`")
    index_dir = index
    if index_dir is None and run and run_recipe is not None:
        candidate = run_recipe.rag.index
        if Path(candidate).is_dir():
            index_dir = candidate
        else:
            notes.append(f"the run's index {candidate} was not found: RAG is off (pass --index DIR)")
    rag = source.rag.model_copy(update={"context_tokens": context_tokens} if context_tokens else {})
    return ChatSource(cfg, run_folder, index_dir, source.system_prompt, rag, notes)


def _load_recipe(path: str) -> Recipe:
    from kit.train.recipe import load_recipe

    return load_recipe(path)


def _read_run(folder: str, strict: bool) -> tuple[Recipe | None, str | None]:
    """(recipe, base model) of a run folder; an adapter-only folder gives (None, None) unless strict."""
    path = Path(folder)
    if not path.is_dir():
        raise ChatkitError(f"run folder not found: {folder}", "pass a folder written by `chatkit train --out RUN`")
    from kit.models.weights import require_weights

    require_weights(path)
    config = path / "resolved_config.yaml"
    recipe = _load_recipe(str(config)) if config.is_file() else None
    base = None
    record = path / "run.json"
    if record.is_file():
        try:
            base = json.loads(record.read_text(encoding="utf-8")).get("base_model")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ChatkitError(f"{record}: not valid JSON", "re-run `chatkit train` or fix the file") from None
    if strict and recipe is None and base is None:
        raise ChatkitError(
            f"{folder}: neither run.json nor resolved_config.yaml (cannot tell the base model)",
            "use --model BASE --adapter RUN",
        )
    return recipe, base or (recipe.model.name if recipe else None)


def load_backend(
    source: ChatSource, prices: str | None = None, pricing: str = "api", price_model: str | None = None
) -> ChatBackend:
    """Load the model (+ adapter) and the index described by `source`.

    Raises:
        ChatkitError: the model, adapter or index cannot be loaded (one line each).
    """
    from kit.generate.local import LocalGenerator
    from kit.models.load import load_model

    _quiet_loading()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # library deprecation notes are not the user's to act on
        model, tokenizer = load_model(source.model, adapter=source.adapter)
    if not getattr(tokenizer, "chat_template", None):
        raise ChatkitError(
            f"the tokenizer of {source.model.name} has no chat template",
            "chat needs one: set model.chat_template to a Jinja file in a --recipe",
        )
    index = _load_index(source.index, source.rag) if source.index else None
    generator = LocalGenerator(model, tokenizer)
    # The first forward pass pays one-off kernel and allocator setup; pay it while loading so the first
    # answer's time to first token is the steady-state one.
    generator.generate([[{"role": "user", "content": "hola"}]], max_new_tokens=1)
    device = str(getattr(model, "device", "cpu"))
    return ChatBackend(
        generator=generator,
        model_name=source.model.name,
        system_prompt=source.system_prompt,
        adapter=source.adapter,
        index=index,
        index_dir=source.index,
        rag=source.rag,
        pricing=load_pricing(prices, pricing, price_model, "cuda" if device.startswith("cuda") else "cpu"),
        notes=list(source.notes),
    )


def extractive_backend(
    source: ChatSource, prices: str | None = None, pricing: str = "api", price_model: str | None = None
) -> ChatBackend:
    """compare's extractive arm to talk to (`--extractive`): each answer is the best-matching sentences of the
    top retrieved passage. No model runs; only the tokenizer of `source.model` is loaded, to count the answer
    budget in the tokens compare counted it in.

    Raises:
        ChatkitError: no index, an adapter or run given (nothing would use it), or the tokenizer cannot load.
    """
    from kit.compare.extractive import Extractor
    from kit.models.load import load_tokenizer

    if source.adapter:
        raise ChatkitError("--extractive answers from the index alone: no adapter or run folder answers",
                           "drop --run/--adapter (keep --model: its tokenizer counts the answer budget)")
    if not source.index:
        raise ChatkitError("--extractive answers with sentences of retrieved passages: it needs an index",
                           "add --index DIR")
    _quiet_loading()
    tokenizer = load_tokenizer(source.model)
    return ChatBackend(
        generator=Extractor(tokenizer), model_name=f"extractive (answer budget in {source.model.name} tokens)",
        system_prompt=source.system_prompt, index=_load_index(source.index, source.rag), index_dir=source.index,
        rag=source.rag, pricing=load_pricing(prices, pricing, price_model, "cpu"), notes=list(source.notes),
        extractive=True,
    )


def _load_index(folder: str, cfg: RagConfig) -> Any:
    try:
        from kit.rag.index import load_index
    except ImportError:
        raise ChatkitError(
            "retrieval is not available in this install (kit.rag.index is missing)", "chat without --index"
        ) from None
    if not Path(folder).is_dir():
        raise ChatkitError(f"index folder not found: {folder}", "build one with `chatkit index`")
    index = load_index(folder, cfg)
    index.search("hola", k=1)  # loads the query embedder now, not during the first question
    return index


def _quiet_loading() -> None:
    """No per-file progress bars in a chat: loading a small model takes a second and they clutter the screen."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()


def endpoint_backend(
    endpoint: str, model: str, index: str | None = None, recipe: str | None = None, prices: str | None = None,
    price_model: str | None = None, api_key_env: str = "OPENAI_API_KEY",
) -> ChatBackend:
    """A backend that answers through an OpenAI-compatible endpoint (`chat --endpoint URL --model NAME`);
    retrieval, when --index is given, happens here and the passages go in the prompt.

    Raises:
        ChatkitError: the endpoint is unreachable or refuses the key (one line).
    """
    from kit.generate.openai_api import ApiGenerator, EndpointConfig

    generator = ApiGenerator(model, EndpointConfig(base_url=endpoint, api_key_env=api_key_env), who="--endpoint")
    generator.check()
    source = _load_recipe(recipe) if recipe else Recipe()
    key = price_model or model.split(":")[1] if model.startswith("ft:") else (price_model or model)
    return ChatBackend(
        generator=generator, model_name=f"{model} @ {endpoint}", system_prompt=source.system_prompt,
        index=_load_index(index, source.rag) if index else None, index_dir=index, rag=source.rag.model_copy(),
        pricing=load_pricing(prices, "api", key),
    )
