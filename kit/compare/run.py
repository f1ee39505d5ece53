"""`chatkit compare`: run the arms, score every answer, price it, test the differences, write the reports."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kit.compare.api_arms import api_record, check_endpoints, price_api_row
from kit.compare.arms import ArmOutput, base_tokenizer, check_inputs, load_eval, run_arms, torch_threads
from kit.compare.config import Suite
from kit.compare.cost import (
    HOURS_PER_MONTH,
    Prices,
    load_prices,
    price_query,
    retrieval_fixed_monthly,
    training_cost,
)
from kit.compare.latency import throughput
from kit.compare.methods_table import RUN_FACTS
from kit.compare.metrics import cosine_similarities, score_item
from kit.compare.throughput import served_seconds
from kit.config import to_yaml
from kit.console import info, warn
from kit.prompts import DEFAULT_SYSTEM_PROMPT
from kit.runfolder import read_run_config, read_run_json, sha256_file, write_run_json


def score_rows(suite: Suite, outputs: list[ArmOutput], embedder: Any | None) -> list[dict[str, Any]]:
    """Per-item quality on every row (cosine batched through one embedder)."""
    rows: list[dict[str, Any]] = []
    for out in outputs:
        for row in out.rows:
            passages = out.passages.get(row["item"]) if out.arm.retrieves else None
            row.update(score_item(row["answer"], row["reference"], row["required_facts"], row["stale_facts"],
                                  row["escalate"], passages, question=row["question"]))
            row.setdefault("judge", None)
            rows.append(row)
    if embedder is not None:
        for row, cos in zip(rows, cosine_similarities(embedder, [r["answer"] for r in rows],
                                                      [r["reference"] for r in rows]), strict=True):
            row["cosine"] = cos
    else:
        for row in rows:
            row["cosine"] = None
    return rows


def price_rows(suite: Suite, outputs: list[ArmOutput], prices: Prices, rate: float, tokenizer: Any) -> None:
    """query_tokens, cost_api and cost_self on every row (report currency), all through cost.price_query.

    Self-hosted machine time per query is the arm's batched wall time over its items (a server answering
    many users at once); a retrieving arm's question is counted with the base model's tokenizer.
    """
    from kit.compare.extractive import token_ids

    for out in outputs:
        arm = out.arm
        # Self-hosted machine time per answer: the throughput `chatkit serve` sustained (serve bench) when it
        # was measured for this model, else this arm's batched wall time over its items.
        served = served_seconds(suite, out.device) if not (arm.api or arm.extractive) else None
        machine = served[0] if served else out.wall_s / max(len(out.rows), 1)
        for row in out.rows:
            if arm.api:  # a hosted answer costs its tokens at the model's own prices, whatever the view
                row["query_tokens"] = 0
                price_api_row(suite, arm, row, prices, rate)
                continue
            row["query_tokens"] = len(token_ids(tokenizer, row["question"])) if arm.retrieves else 0
            common = {
                "model_key": suite.cost.api_model, "generates": not arm.extractive, "retrieves": arm.retrieves,
                "fine_tuned": arm.lora, "prompt_tokens": row["prompt_tokens"],
                "completion_tokens": row["completion_tokens"], "query_tokens": row["query_tokens"],
                "machine_seconds": machine, "gpu": out.device.startswith("cuda"),
            }
            row["cost_api"] = rate * price_query(prices, "api", **common)
            row["cost_self"] = rate * price_query(prices, "self_hosted", **common)


def arm_records(suite: Suite, outputs: list[ArmOutput], prices: Prices, rate: float) -> list[dict[str, Any]]:
    """The `arms` list of report.json: flags, paths, throughput, and the training cost of LoRA arms."""
    records = []
    for out in outputs:
        arm = out.arm
        rec: dict[str, Any] = {
            "name": arm.name, "lora": arm.lora, "rag": arm.rag, "extractive": arm.extractive,
            "generates": not arm.extractive, "retrieves": arm.retrieves,
            "adapter": suite.adapter_of(arm), "index": suite.index_of(arm), "device": out.device,
            "gpu": out.device.startswith("cuda"), "batch": throughput(out.rows, out.wall_s, suite.generation.batch_size),
            "hosting_monthly": rate * retrieval_fixed_monthly(prices, arm.retrieves) if arm.retrieves else 0.0,
        }
        if out.shots:
            rec["shots"] = out.shots  # the mined pairs its prompt showed as worked examples (generation.shots)
        if out.context_weight:
            rec["context_weight"] = out.context_weight  # it answered with context-aware decoding at this weight
        if not (arm.extractive or out.shots) and suite.system_prompt != shipped_system_prompt(suite.adapter_of(arm)):
            rec["system_prompt"] = suite.system_prompt  # what its chat and serve commands must be told (--system)
        served = served_seconds(suite, out.device) if not (arm.api or arm.extractive) else None
        rec["machine_s_per_query"] = served[0] if served else rec["batch"]["machine_s_per_query"]
        if arm.api:
            rec.update(api_record(suite, arm))
        elif not arm.extractive:
            rec["self_hosted_basis"] = served[1] if served else "this compare run's batched wall time"
        if arm.lora:
            run = read_run_json(rec["adapter"])
            if run is None:
                warn(f"{rec['adapter']}: no run.json, so arm '{arm.name}' is priced without its training cost")
                rec.update(training_cost=0.0, training_seconds=None, training_basis="unknown (no run.json)")
            else:
                tc = training_cost(prices, run, suite.cost.pricing, suite.cost.api_model)
                rec.update(training_cost=tc["amount"] * rate, training_basis=tc["basis"],
                           training_seconds=run.get("wall_seconds"), training_tokens=run.get("tokens_trained"),
                           run={k: run.get(k) for k in RUN_FACTS})
        records.append(rec)
    return records


def shipped_system_prompt(adapter: str | None) -> str:
    """The system prompt `chatkit chat/serve --model M [--adapter RUN]` answer with when given no --system: the
    run's recipe's (resolved_config.yaml), else the default."""
    return (read_run_config(adapter).get("system_prompt") if adapter else None) or DEFAULT_SYSTEM_PROMPT


def warn_trained_prompts(suite: Suite) -> None:
    """A warning for each tuned arm whose run trained under another system prompt than the suite's."""
    for arm in suite.arms:
        adapter = suite.adapter_of(arm)
        if arm.lora and adapter and shipped_system_prompt(adapter) != suite.system_prompt:
            warn(f"arm {arm.name}: {adapter} was trained with another system prompt than the suite's system_prompt; "
                 "it answers with the suite's (set system_prompt to the run's to measure it as trained)")


def settings_of(suite: Suite) -> dict[str, Any]:
    s, c = suite.stats, suite.cost
    return {
        "resamples": s.resamples, "seed": s.seed, "level": s.level, "alpha": s.alpha, "baseline": s.baseline,
        "pricing": c.pricing, "api_model": c.api_model, "monthly_volume": c.monthly_volume,
        "retrains_per_year": c.retrains_per_year, "currency": c.currency.upper(),
        "max_new_tokens": suite.generation.max_new_tokens, "batch_size": suite.generation.batch_size,
        "top_k": suite.rag.top_k, "retrieval_mode": suite.rag.mode, "split": suite.split,
        "answer_budget": suite.generation.max_new_tokens, "budget_tokenizer": suite.model.name,
        "latency_sample": suite.latency.sample, "threads": torch_threads(suite), "hours_per_month": HOURS_PER_MONTH,
        "shots": suite.generation.shots, "context_weight": suite.generation.context_weight,
        "model_dtype": suite.model.dtype, "context_tokens": suite.rag.context_tokens,
    }




def git_commit() -> str | None:
    try:
        res = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10,
                             cwd=Path(__file__).resolve().parent)
    except (OSError, subprocess.SubprocessError):
        return None
    return res.stdout.strip() or None


def metadata(suite: Suite, items: int, prices: Prices, outputs: list[ArmOutput]) -> dict[str, Any]:
    from kit.environment import environment_report

    env = environment_report()
    resolved = to_yaml(suite)
    return {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "suite_hash": hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16],
        "eval_file": suite.eval,
        "eval_hash": sha256_file(suite.eval)[:16],
        "prices_file": prices.source_file,
        "prices_hash": sha256_file(prices.source_file)[:16],
        "n_items": items,
        "split": suite.split,
        "threads": torch_threads(suite),
        "device": next((o.device for o in outputs if not o.arm.extractive), "cpu"),
        "batch_size": suite.generation.batch_size,
        "seed": suite.stats.seed,
        "versions": {k: env[k] for k in ("chatkit", "python", "torch", "transformers", "peft",
                                          "sentence-transformers", "faiss-cpu") if k in env},
        "hardware": {k: env.get(k) for k in ("platform", "cpu_count", "device", "torch_threads")},
        "suite": json.loads(suite.model_dump_json()),
    }


def compare(suite: Suite, out: Path) -> dict[str, Any]:
    """Run the suite and write report.json / report.md / report.html into `out`. Returns the report."""
    from kit.compare.freshness import run_freshness
    from kit.compare.judge import judge_rows
    from kit.compare.report import build_report, write_reports
    from kit.models.load import TokenizerMemo

    prices = load_prices(suite.cost.prices)
    prices.model(suite.cost.api_model)  # a model with no price fails before any work
    if any(a.retrieves for a in suite.arms):
        from kit.compare.cost import retrieval_prices

        retrieval_prices(prices)
    check_endpoints(suite, prices)  # api arms: price known, endpoint reachable, key accepted
    rate = prices.rate(suite.cost.currency)
    check_inputs(suite)
    warn_trained_prompts(suite)
    items = load_eval(suite.eval, suite.generation.limit, split=suite.split, sample=suite.generation.sample,
                      seed=suite.stats.seed)
    if suite.stats.baseline not in [a.name for a in suite.arms]:
        warn(f"stats.baseline '{suite.stats.baseline}' is not one of the arms; the report compares every pair only")
    tokenizers = TokenizerMemo()  # base, LoRA and RAFT runs share one tokenizer, loaded once for the whole run
    outputs = run_arms(suite, items, tokenizers=tokenizers)
    embedder = None
    if suite.metrics.cosine:
        from kit.rag.config import RagConfig
        from kit.rag.embed import Embedder

        embedder = Embedder(RagConfig(embedder=suite.metrics.embedder, dtype=suite.metrics.dtype))
    rows = score_rows(suite, outputs, embedder)
    judge_rows(suite.metrics.judge, rows)
    price_rows(suite, outputs, prices, rate, base_tokenizer(suite, tokenizers))
    arms = arm_records(suite, outputs, prices, rate)
    fresh = run_freshness(suite, out, outputs, tokenizers) if suite.freshness.enabled else None
    settings = settings_of(suite) | {"rate": rate}
    meta = metadata(suite, len(items), prices, outputs)
    report = build_report(suite.name, rows, arms, settings, meta, fresh, suite.report.lang,
                          prices=json.loads(prices.model_dump_json()))
    paths = write_reports(report, out)
    write_run_json(out, {"command": "compare", "seed": suite.stats.seed, "threads": settings["threads"],
                         "split": suite.split, "created": meta["created"], "git_commit": meta["git_commit"],
                         "suite_hash": meta["suite_hash"], "eval_hash": meta["eval_hash"], "versions": meta["versions"]})
    info(f"report: {paths['html']}")
    return report
