"""`chatkit compare`: run the arms, score every answer, price it, test the differences, write the reports."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kit.compare.arms import ArmOutput, check_inputs, load_eval, run_arms
from kit.compare.config import Suite
from kit.compare.cost import Prices, cost_per_query, load_prices, self_hosted_per_query, training_cost
from kit.compare.methods_table import RUN_FACTS
from kit.compare.metrics import cosine_similarities, score_item
from kit.config import to_yaml
from kit.console import info, warn
from kit.runfolder import read_run_json


def score_rows(suite: Suite, outputs: list[ArmOutput], embedder: Any | None) -> list[dict[str, Any]]:
    """Per-item quality on every row (cosine batched through one embedder)."""
    rows: list[dict[str, Any]] = []
    for out in outputs:
        for row in out.rows:
            passages = out.passages.get(row["item"]) if out.arm.retrieves else None
            row.update(score_item(row["answer"], row["reference"], row["required_facts"], row["stale_facts"],
                                  row["escalate"], passages))
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


def price_rows(suite: Suite, outputs: list[ArmOutput], prices: Prices, rate: float) -> None:
    """cost_api and cost_self on every row, in the report currency (`rate` per table unit)."""
    hour = None
    for out in outputs:
        n = max(len(out.rows), 1)
        on_gpu = out.device.startswith("cuda")
        hour = prices.self_hosting.gpu_hour if on_gpu else prices.self_hosting.cpu_hour
        for row in out.rows:
            if out.arm.extractive:
                row["cost_api"] = 0.0
            else:
                row["cost_api"] = rate * cost_per_query(prices, suite.cost.api_model, row["prompt_tokens"],
                                                        row["completion_tokens"], fine_tuned=out.arm.lora)
            # Self-hosted: this arm's batched wall time shared over its items, plus this item's retrieval.
            seconds = out.wall_s / n + (row.get("retrieval_s") or 0.0)
            row["cost_self"] = rate * self_hosted_per_query(hour, seconds)




def arm_records(suite: Suite, outputs: list[ArmOutput], prices: Prices, rate: float) -> list[dict[str, Any]]:
    """The `arms` list of report.json: flags, paths, throughput, and the training cost of LoRA arms."""
    records = []
    for out in outputs:
        arm = out.arm
        rec: dict[str, Any] = {
            "name": arm.name, "lora": arm.lora, "rag": arm.rag, "extractive": arm.extractive,
            "adapter": suite.adapter_of(arm), "index": suite.index_of(arm), "device": out.device,
            "wall_s": out.wall_s, "items_per_s": len(out.rows) / out.wall_s if out.wall_s else None,
        }
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


def settings_of(suite: Suite) -> dict[str, Any]:
    s, c = suite.stats, suite.cost
    return {
        "resamples": s.resamples, "seed": s.seed, "level": s.level, "alpha": s.alpha, "baseline": s.baseline,
        "pricing": c.pricing, "api_model": c.api_model, "monthly_volume": c.monthly_volume,
        "retrains_per_year": c.retrains_per_year, "currency": c.currency.upper(),
        "max_new_tokens": suite.generation.max_new_tokens, "batch_size": suite.generation.batch_size,
        "top_k": suite.rag.top_k, "retrieval_mode": suite.rag.mode,
    }


def file_hash(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


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
        "eval_hash": file_hash(suite.eval),
        "prices_file": prices.source_file,
        "prices_hash": file_hash(prices.source_file),
        "n_items": items,
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

    prices = load_prices(suite.cost.prices)
    prices.model(suite.cost.api_model)  # a model with no price fails before any work
    rate = prices.rate(suite.cost.currency)
    check_inputs(suite)
    items = load_eval(suite.eval, suite.generation.limit)
    if suite.stats.baseline not in [a.name for a in suite.arms]:
        warn(f"stats.baseline '{suite.stats.baseline}' is not one of the arms; the report compares every pair only")
    outputs = run_arms(suite, items)
    embedder = None
    if suite.metrics.cosine:
        from kit.rag.config import RagConfig
        from kit.rag.embed import Embedder

        embedder = Embedder(RagConfig(embedder=suite.metrics.embedder))
    rows = score_rows(suite, outputs, embedder)
    judge_rows(suite.metrics.judge, rows)
    price_rows(suite, outputs, prices, rate)
    arms = arm_records(suite, outputs, prices, rate)
    fresh = run_freshness(suite, out, outputs) if suite.freshness.enabled else None
    report = build_report(suite.name, rows, arms, settings_of(suite), metadata(suite, len(items), prices, outputs),
                          fresh, suite.report.lang)
    paths = write_reports(report, out)
    info(f"report: {paths['html']}")
    return report
