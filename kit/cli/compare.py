"""`chatkit compare` (registered on import; heavy imports stay inside the commands)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kit.cli import app


def _flag_overrides(**flags: object) -> list[str]:
    """Flags as `--set` overrides (flags win over the suite file, like --set)."""
    keys = {
        "arms": "arms", "eval_file": "eval", "index": "index", "adapter": "adapter", "model": "model.name",
        "lang": "report.lang", "currency": "cost.currency", "volume": "cost.monthly_volume",
        "pricing": "cost.pricing", "api_model": "cost.api_model", "prices": "cost.prices",
        "limit": "generation.limit", "batch_size": "generation.batch_size",
        "max_new_tokens": "generation.max_new_tokens", "out": "report.out", "split": "split",
    }  # fmt: skip
    out = []
    for name, value in flags.items():
        if value is None:
            continue
        if name == "arms":
            value = "[" + ", ".join(json.dumps(a.strip()) for a in str(value).split(",") if a.strip()) + "]"
        elif isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)  # quoted: YAML must not read "1e3" or "no" as non-strings
        out.append(f"{keys[name]}={value}")
    return out


@app.command()
def compare(
    suite: Annotated[str | None, typer.Argument(help="Suite YAML, e.g. eval/suites/shop.yaml (defaults when omitted).")] = None,
    arms: Annotated[str | None, typer.Option("--arms", help="Comma-separated: base,base+rag,lora,lora+rag,extractive")] = None,
    eval_file: Annotated[str | None, typer.Option("--eval", help="Eval items JSONL (from `chatkit prepare`).")] = None,
    split: Annotated[str | None, typer.Option("--split", help="Eval split: test (report, default) or dev (choose).")] = None,
    index: Annotated[str | None, typer.Option("--index", help="Index folder (from `chatkit index`).")] = None,
    adapter: Annotated[str | None, typer.Option("--adapter", help="LoRA run folder (from `chatkit train`).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="Base model: hub id, folder or tiny-es.")] = None,
    out: Annotated[str | None, typer.Option("--out", help="Run folder for the reports.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Report language: en or es.")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="Report currency, e.g. USD, MXN, EUR.")] = None,
    volume: Annotated[int | None, typer.Option("--volume", help="Your queries per month.")] = None,
    pricing: Annotated[str | None, typer.Option("--pricing", help="Headline cost: api or self_hosted.")] = None,
    api_model: Annotated[str | None, typer.Option("--api-model", help="Price-table model for the API view.")] = None,
    prices: Annotated[str | None, typer.Option("--prices", help="Price table YAML (default eval/prices.yaml).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N eval items (quick runs).")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", help="Answers generated together.")] = None,
    max_new_tokens: Annotated[int | None, typer.Option("--max-new-tokens", help="Most tokens per answer.")] = None,
    no_freshness: Annotated[bool, typer.Option("--no-freshness", help="Skip the policy-update check.")] = False,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a suite key: --set stats.resamples=5000")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the headline summary as JSON on stdout.")] = False,
) -> None:
    """Fine-tuning vs RAG on your eval items: accuracy with CIs, latency, tokens, cost and a recommendation."""
    from kit.compare.config import Suite, load_suite
    from kit.compare.report_md import print_terminal
    from kit.compare.run import compare as run_compare
    from kit.config import apply_overrides, validate

    overrides = list(set_ or []) + _flag_overrides(
        arms=arms, eval_file=eval_file, index=index, adapter=adapter, model=model, lang=lang, currency=currency,
        volume=volume, pricing=pricing, api_model=api_model, prices=prices, limit=limit, batch_size=batch_size,
        max_new_tokens=max_new_tokens, out=out, split=split,
    )
    if no_freshness:
        overrides.append("freshness.enabled=false")
    loaded = load_suite(suite, overrides) if suite else validate(Suite, apply_overrides({}, overrides), "--set")
    report = run_compare(loaded, Path(loaded.report.out))
    print_terminal(report)
    if as_json:
        typer.echo(json.dumps({k: report[k] for k in ("suite", "settings", "summary", "recommendation", "freshness")}
                              | {"report": str(Path(loaded.report.out) / "report.html")}, indent=1, ensure_ascii=False))
    else:
        typer.echo(str(Path(loaded.report.out) / "report.html"))
