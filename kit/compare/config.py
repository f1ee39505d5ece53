"""A compare suite (eval/suites/*.yaml): which arms answer which eval items, and how they are scored and priced."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import field_validator, model_validator

from kit.config import Field, Section, load
from kit.generate.openai_api import EndpointConfig
from kit.models.config import ModelConfig
from kit.prompts import DEFAULT_SYSTEM_PROMPT
from kit.rag.config import RagConfig

# Arm shorthands accepted in `arms:` and `--arms`.
SHORTHANDS: dict[str, dict[str, Any]] = {
    "base": {"name": "base"},
    "base+rag": {"name": "base+rag", "rag": True},
    "lora": {"name": "lora", "lora": True},
    "lora+rag": {"name": "lora+rag", "lora": True, "rag": True},
    "extractive": {"name": "extractive", "extractive": True},
}


class ArmConfig(Section):
    name: str = Field(..., min_length=1, description="Label in tables and plots, e.g. base+rag.")
    lora: bool = Field(False, description="Answer with a trained run (any train.method) on top of the base model.")
    rag: bool = Field(False, description="Put retrieved passages in the prompt.")
    extractive: bool = Field(
        False, description="No generation: answer with the top passage's best-matching sentence(s), within the answer budget."
    )
    adapter: str | None = Field(None, description="Run folder of this arm's adapter (default: the suite's adapter).")
    index: str | None = Field(None, description="Index folder of this arm (default: the suite's index).")
    api: str | None = Field(None, description="Model id at an OpenAI-compatible endpoint: a hosted arm (api:ID).")
    endpoint: str | None = Field(None, description="This api arm's base URL (default: the suite's api.base_url).")
    price_model: str | None = Field(None, description="Price-table model of an api arm (default: from its id).")
    fine_tuned: bool | None = Field(None, description="Price an api arm as a fine-tuned copy (default: id starts ft:).")

    @model_validator(mode="after")
    def _consistent(self) -> ArmConfig:
        if self.adapter:
            self.__dict__["lora"] = True
        if self.extractive and self.lora:
            raise ValueError("an extractive arm does not generate, so it cannot use a LoRA adapter")
        if self.api and (self.lora or self.extractive):
            raise ValueError("an api arm answers through its endpoint: it takes no LoRA adapter and is not extractive")
        return self

    @property
    def retrieves(self) -> bool:
        return self.rag or self.extractive


class GenerationConfig(Section):
    max_new_tokens: int = Field(
        96, ge=1, description="Most tokens per answer: every arm's budget (the extractive arm's too, same tokenizer)."
    )
    batch_size: int = Field(16, ge=1, description="Answers generated together (length-bucketed batches).")
    warmup: int = Field(2, ge=0, description="Items answered once before timing starts (excluded from latency).")
    limit: int | None = Field(None, ge=1, description="Use only the first N eval items (quick runs).")
    sample: int | None = Field(
        None, ge=1, description="Use a seeded random N of the eval items (stats.seed; every topic, unlike limit): sized runs."
    )
    threads: int | None = Field(
        None, ge=1, description="torch threads (set once, recorded); None: the machine's cores, at most 8, never the load."
    )
    shots: int = Field(
        0, ge=0, le=8,
        description="Worked examples before the question of local base arms that retrieve (base+rag): mined "
        "question->answer pairs from the arm's index, each with the KB passage that states its facts, in a plain "
        "completion prompt instead of the chat template; the answer ends at its first line break. For base models "
        "that are not instruction-tuned. 0: the chat layout every arm shares.",
    )
    context_weight: float = Field(
        0.0, ge=0.0, le=4.0,
        description="Context-aware decoding for local arms that retrieve and whose model reads the passages: the "
        "base (base+rag) and runs trained with passages (RAFT, data.context.share > 0; their contrast is the chat "
        "prompt without passages), not runs trained without them (it lowered lora+rag on dev). Each token's "
        "log-probabilities given the retrieved passages are pushed away from those without them, (1 + w) * "
        "log p(y | passages, question) - w * log p(y | question), so the passages outweigh what the model believed "
        "(a changed policy). Costs one more forward pass a token over the prompt without passages. 0: off; 0.5 as in "
        "Shi et al. 2023.",
    )


class LatencyConfig(Section):
    sample: int = Field(
        50, ge=1, description="Items per arm answered one request at a time for TTFT and end-to-end (all when fewer)."
    )
    warmup: int = Field(1, ge=0, description="Requests answered once before the timed ones (excluded).")


class JudgeConfig(Section):
    enabled: bool = Field(False, description="Score answers with an LLM judge (off by default; never in tests).")
    base_url: str = Field("http://localhost:8000/v1", description="OpenAI-compatible endpoint (…/v1).")
    model: str = Field("gpt-4o-mini", description="Judge model name at that endpoint.")
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable holding the API key.")
    timeout_s: float = Field(60.0, gt=0, description="Seconds per judge request.")


class MetricsConfig(Section):
    cosine: bool = Field(True, description="Embedding cosine to the reference (with metrics.embedder).")
    embedder: str = Field(
        "default", description="sentence-transformers model for the cosine (default: as rag.embedder's default)."
    )
    dtype: Literal["float32", "bfloat16", "auto"] = Field(
        "float32", description="The cosine embedder's weights (auto: bf16 where the hardware has it; see rag.dtype)."
    )
    judge: JudgeConfig = Field(default_factory=JudgeConfig, description="Optional LLM judge.")


class StatsConfig(Section):
    resamples: int = Field(2000, ge=1000, description="Bootstrap resamples (at least 1,000).")
    seed: int = Field(0, description="Seed of every bootstrap.")
    level: float = Field(0.95, gt=0.5, lt=1.0, description="Confidence level of the intervals.")
    alpha: float = Field(0.05, gt=0.0, lt=0.5, description="Significance level after Holm correction.")
    baseline: str = Field("base", description="Arm every other arm is compared with first.")


class CostConfig(Section):
    prices: str = Field("eval/prices.yaml", description="Price table (API per 1M tokens, GPU-hour, training).")
    pricing: Literal["api", "self_hosted"] = Field(
        "api", description="Headline cost: an API model's token prices, or self-hosting at the measured throughput."
    )
    api_model: str = Field("gpt-4o-mini", description="Model in the price table whose prices the API view uses.")
    currency: str = Field("USD", description="Currency of the report (converted with the table's exchange rates).")
    monthly_volume: int = Field(30_000, ge=1, description="Your queries per month (for the recommendation).")
    serve_bench: str | None = Field(
        "eval/bench/results/serve.json",
        description="Serve bench result: self-hosted cost uses its measured answers/s (same model and device).",
    )
    serve_concurrency: int = Field(16, ge=1, description="Concurrency level of the serve bench to price at.")
    retrains_per_year: float = Field(
        4.0, ge=0, description="Refreshes of the fine-tuned model per year (policies change; each costs a training)."
    )


class FreshnessConfig(Section):
    enabled: bool = Field(True, description="Run the policy-update check (needs eval_update and kb_update).")
    eval_update: str | None = Field(None, description="Eval items whose required facts are the NEW values.")
    kb_update: str | None = Field(
        None, description="The updated KB applied with `index --update`: a folder of pages (kb_v2/) or a whole kb.jsonl."
    )
    sample: int | None = Field(
        None, ge=1, description="Use a seeded random N of the eval_update items (stats.seed); None: as generation.sample."
    )
    retire_outdated_qa: bool = Field(
        True, description="With a folder of pages: drop mined Q->A passages quoting page text the update removed."
    )
    revise_outdated_qa: bool = Field(
        True, description="With a folder of pages: first rewrite a mined Q->A passage that quotes a changed sentence in "
        "the page's own words to the new wording (the pairs still quoting removed text are then retired).",
    )
    dev_fraction: float = Field(
        0.3, ge=0.0, lt=1.0,
        description="Share of eval_update items without a split dealt to dev (as `chatkit prepare` deals eval.jsonl, "
        "stratified by intent; seed 0); the run's `split` picks which share it asks.",
    )


class ReportConfig(Section):
    lang: Literal["en", "es"] = Field("en", description="Report language (labels and recommendation).")
    out: str = Field("out/compare", description="Run folder for report.md / report.html / report.json.")


class Suite(Section):
    name: str = Field("suite", description="Short name shown in reports.")
    description: str = Field("", description="One line saying what this suite measures.")
    eval: str = Field("out/shop/data/eval.jsonl", description="Eval items (from `chatkit prepare`).")
    split: Literal["dev", "test"] = Field(
        "test", description="Eval items of this split: test reports, dev chooses (items without a split count as test)."
    )
    model: ModelConfig = Field(default_factory=ModelConfig, description="Base model every arm starts from.")
    adapter: str | None = Field(None, description="LoRA run folder (from `chatkit train`) for lora arms.")
    runs: dict[str, str] = Field(
        default_factory=dict,
        description="Named run folders of any method ({lora: runs/lora, full: runs/full, raft: runs/raft}): one arm "
        "each, named after it; with runs, the default arms are base, base+rag and extractive.",
    )
    retrieval: list[str] = Field(
        default_factory=list, description="Names in runs that also get an arm with retrieval (NAME+rag)."
    )
    retrieval_only: list[str] = Field(
        default_factory=list,
        description="Names in runs that get only the arm with retrieval (NAME+rag), e.g. a RAFT run: saves an arm.",
    )
    index: str | None = Field(None, description="Index folder (from `chatkit index`) for rag and extractive arms.")
    system_prompt: str = Field(DEFAULT_SYSTEM_PROMPT, description="System prompt of every generating arm.")
    arms: list[ArmConfig] = Field(
        default_factory=lambda: [ArmConfig(**SHORTHANDS[k]) for k in SHORTHANDS],
        description="Arms to run: shorthands (base, base+rag, lora, lora+rag, extractive) or mappings.",
    )
    generation: GenerationConfig = Field(default_factory=GenerationConfig, description="Decoding settings.")
    latency: LatencyConfig = Field(default_factory=LatencyConfig, description="Per-request latency sample.")
    api: EndpointConfig = Field(default_factory=EndpointConfig, description="Endpoint of the api:MODEL arms.")
    rag: RagConfig = Field(default_factory=RagConfig, description="Retrieval settings (top_k, mode, budget).")
    metrics: MetricsConfig = Field(default_factory=MetricsConfig, description="Quality metrics.")
    stats: StatsConfig = Field(default_factory=StatsConfig, description="Confidence intervals and tests.")
    cost: CostConfig = Field(default_factory=CostConfig, description="Prices and volume.")
    freshness: FreshnessConfig = Field(default_factory=FreshnessConfig, description="Policy-update check.")
    report: ReportConfig = Field(default_factory=ReportConfig, description="Where and in which language.")

    @field_validator("arms", mode="before")
    @classmethod
    def _shorthands(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            return value
        out = []
        for arm in value:
            if isinstance(arm, str) and arm.startswith("api:") and len(arm) > 4:
                model, rag = (arm[4:-4], True) if arm.endswith("+rag") else (arm[4:], False)
                arm = {"name": arm, "api": model, "rag": rag}
            elif isinstance(arm, str):
                if arm not in SHORTHANDS:
                    raise ValueError(f"unknown arm '{arm}'; use one of {', '.join(SHORTHANDS)}, api:MODEL[+rag] or a mapping")
                arm = dict(SHORTHANDS[arm])
            out.append(arm)
        return out

    @model_validator(mode="after")
    def _unique(self) -> Suite:
        for key in ("retrieval", "retrieval_only"):
            unknown = next((n for n in getattr(self, key) if n not in self.runs), None)
            if unknown:
                raise ValueError(f"{key}: '{unknown}' is not one of runs ({', '.join(self.runs) or 'none'})")
        if self.runs:
            if "arms" not in self.model_fields_set:
                self.__dict__["arms"] = [ArmConfig(**SHORTHANDS[k]) for k in ("base", "base+rag", "extractive")]
            added = []
            for name, folder in self.runs.items():
                if name not in self.retrieval_only:
                    added.append(ArmConfig(name=name, adapter=folder))
                if name in self.retrieval or name in self.retrieval_only:
                    added.append(ArmConfig(name=f"{name}+rag", adapter=folder, rag=True))
            self.__dict__["arms"] = [*self.arms, *added]
        names = [a.name for a in self.arms]
        if not names:
            raise ValueError("arms: give at least one arm")
        dup = next((n for n in names if names.count(n) > 1), None)
        if dup:
            raise ValueError(f"arms: two arms are named '{dup}'")
        return self

    def adapter_of(self, arm: ArmConfig) -> str | None:
        return (arm.adapter or self.adapter) if arm.lora else None

    def index_of(self, arm: ArmConfig) -> str | None:
        return (arm.index or self.index) if arm.retrieves else None


def load_suite(path: str | Path, overrides: list[str] | None = None) -> Suite:
    """Load and validate a suite YAML with `--set` overrides."""
    return load(Suite, path, overrides)
