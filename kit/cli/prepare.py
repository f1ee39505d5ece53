"""`chatkit prepare`: support logs -> PII-free instruction data, KB passages and an eval set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from kit.cli import app
from kit.errors import ChatkitError

_SKIP_IN_COMPANY = ("kb", "eval", "labels", "readme")


def _pairs(flag: str, text: str | None) -> dict[str, str]:
    """`a=b,c=d` -> {a: b, c: d}; a malformed item is one error naming the flag."""
    out: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ChatkitError(f"{flag} {item.strip()!r}: expected KEY=VALUE pairs separated by commas",
                               f"e.g. {flag} conversation_id=ticket_id,role=author_type")
        out[key.strip()] = value.strip()
    return out


def _company(name: str) -> tuple[list[str], list[str], list[str]]:
    """Inputs, KB and eval files of a shipped corpus folder conversations/<name>/."""
    root = Path("conversations") / name
    if not root.is_dir():
        known = sorted(p.name for p in Path("conversations").glob("*") if p.is_dir()) if Path("conversations").is_dir() else []
        raise ChatkitError(f"--company {name}: no folder {root}", f"known: {', '.join(known)}" if known else "run from the repo root")
    inputs = [str(p) for p in sorted(root.iterdir())
              if not p.name.startswith(".") and not p.name.lower().startswith(_SKIP_IN_COMPANY)
              and (p.is_dir() or p.suffix.lower() in (".jsonl", ".json", ".csv", ".tsv", ".txt"))]
    kb = [str(root / "kb")] if (root / "kb").is_dir() else []
    evals = [str(root / "eval.jsonl")] if (root / "eval.jsonl").is_file() else []
    return inputs, kb, evals


def _tokenizer_available(name: str) -> bool:
    """The recipe's model tokenizer counts tokens when it is on disk already (a folder or the HF cache)."""
    if Path(name).is_dir():
        return True
    if "/" not in name:
        return False
    try:
        from huggingface_hub import try_to_load_from_cache

        return isinstance(try_to_load_from_cache(name, "tokenizer_config.json"), str)
    except Exception:  # a malformed repo id is simply "not available"
        return False


@app.command()
def prepare(
    inputs: Annotated[list[str] | None, typer.Argument(help="Export files or folders (JSONL, JSON, CSV/TSV, TXT transcripts).")] = None,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Output folder (default: the recipe's data.prepared).")] = None,
    kb: Annotated[list[str] | None, typer.Option("--kb", help="KB folder or files (.md with front matter, .jsonl); repeatable.")] = None,
    eval_files: Annotated[list[str] | None, typer.Option("--eval", help="Eval items JSONL to include in eval.jsonl; repeatable.")] = None,
    format_: Annotated[str | None, typer.Option("--format", help="auto|messages|sharegpt|csv|qa|transcript (default auto).")] = None,
    columns: Annotated[str | None, typer.Option("--columns", help="CSV mapping, e.g. conversation_id=ticket_id,role=author_type,text=body,time=created_at")] = None,
    roles: Annotated[str | None, typer.Option("--roles", help="Role names, e.g. end-user=user,agent=assistant,bot=drop")] = None,
    recipe: Annotated[str | None, typer.Option("--recipe", help="Recipe YAML (system prompt, data: section, max length).")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a key: --set data.seed=3")] = None,
    company: Annotated[str | None, typer.Option("--company", help="Shortcut for the shipped corpus conversations/NAME (inputs, kb, eval).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any record is rejected.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")] = False,
) -> None:
    """Turn support logs into PII-free train/val/test data, kb.jsonl passages and eval.jsonl.

    Every input record is kept, merged as a duplicate, or rejected with a reason (DIR/rejected.jsonl).
    """
    from kit.config import apply_overrides, validate
    from kit.data.prepare import PrepareConfig
    from kit.data.prepare import prepare as run_prepare
    from kit.train.recipe import Recipe, load_recipe

    sets = list(set_ or [])
    rec = load_recipe(recipe, sets) if recipe else validate(Recipe, apply_overrides({}, sets), "--set")
    from kit.data.config import FORMATS

    data: dict[str, Any] = rec.data.model_dump()
    if format_:
        if format_ not in FORMATS:
            raise ChatkitError(f"--format {format_!r}: expected one of {', '.join(FORMATS)}")
        data["format"] = format_
    if columns:
        data["columns"] = {**data["columns"], **_pairs("--columns", columns)}
        validate(type(rec.data), data, "--columns")
    if roles:
        data["roles"] = {**data["roles"], **_pairs("--roles", roles)}
        validate(type(rec.data), data, "--roles")
    if recipe and not any(s.startswith("data.max_length=") for s in sets):
        data["max_length"] = rec.train.max_length
    if recipe and data["tokenizer"] is None and _tokenizer_available(rec.model.name):
        data["tokenizer"] = rec.model.name
    data_cfg = validate(type(rec.data), data, "--recipe/--set")
    kb_list, eval_list, input_list = list(kb or []), list(eval_files or []), list(inputs or [])
    if company:
        c_inputs, c_kb, c_eval = _company(company)
        input_list = input_list or c_inputs
        kb_list = kb_list or c_kb
        eval_list = eval_list or c_eval
        out = out or f"out/{company}/data"
    if not input_list:
        raise ChatkitError("no input given", "chatkit prepare FILE_OR_FOLDER... --out DIR (or --company shop)")
    config = PrepareConfig(inputs=input_list, out=out or data_cfg.prepared, data=data_cfg, kb=kb_list,
                           eval_files=eval_list, system_prompt=rec.system_prompt)
    report = run_prepare(config)
    _render(report)
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    if strict and report.rejected:
        top = ", ".join(f"{k} {v}" for k, v in list(report.rejected_by_reason.items())[:3])
        raise ChatkitError(f"--strict: {report.rejected} record(s) rejected ({top})", f"see {Path(config.out) / 'rejected.jsonl'}")


def _render(report: Any) -> None:
    """The terminal summary (stderr): accounting, rejections, personal data, splits, token lengths."""
    from rich.table import Table

    from kit.console import err

    head = Table(title=f"chatkit prepare -> {report.out}", show_header=False, title_justify="left")
    head.add_row("records in", f"{report.records_in:,}")
    head.add_row("conversations kept", f"{report.kept:,}")
    merged = ", ".join(f"{k} {v:,}" for k, v in report.merged_by_kind.items())
    head.add_row("merged as duplicates", f"{report.merged:,}" + (f" ({merged})" if merged else ""))
    head.add_row("rejected", f"{report.rejected:,}" + ("" if report.rejected == 0 else "  (see rejected.jsonl)"))
    for code, n in report.rejected_by_reason.items():
        head.add_row(f"  {code}", f"{n:,}")
    head.add_row("near-duplicate groups", f"{report.near_duplicate_groups:,} ({report.near_duplicate_conversations:,} conversations)")
    pii = ", ".join(f"{k} {v:,}" for k, v in report.pii_by_type.items()) or "none found"
    head.add_row("personal data redacted", pii if report.pii_enabled else "off (data.pii=false)")
    for f in report.files:
        if f.encoding_detected:
            head.add_row("encoding detected", f"{f.encoding} in {Path(f.path).name} (bytes not valid UTF-8)")
    if report.normalise.get("replaced_characters"):
        head.add_row("undecodable bytes replaced", f"{report.normalise['replaced_characters']:,}")
    other = {k: v for k, v in report.languages.items() if k not in ("es", "und")}
    if other:
        head.add_row("other languages (flagged)", ", ".join(f"{k} {v:,}" for k, v in other.items()))
    head.add_row("kb.jsonl", f"{report.kb_passages:,} KB passages + {report.qa_passages:,} mined Q->A (train only)")
    head.add_row("eval.jsonl", f"{report.eval_items:,} items ({report.eval_from_file:,} from --eval, {report.eval_from_test:,} from test)")
    if report.eval_split:
        split, facts = report.eval_split, report.eval_split.get("facts", {})
        head.add_row("  dev / test", f"{split['dev']:,} / {split['test']:,} (dev chooses, test reports)")
        head.add_row("  required facts", ", ".join(f"{k} {v:,}" for k, v in facts.items() if v) or "none")
    for name, tally in report.pairs.items():
        if tally.get("considered"):
            skipped = ", ".join(f"{k} {v:,}" for k, v in tally["skipped"].items())
            head.add_row(f"pairs: {name.split(' (')[0]}", f"{tally['taken']:,} of {tally['considered']:,} taken"
                         + (f" (skipped: {skipped})" if skipped else ""))
    for source in ("train_examples", "mined_passages"):
        c = report.contamination.get(source)
        if c and c["found"]:
            reasons = ", ".join(f"{k} {v:,}" for k, v in c["by_reason"].items())
            head.add_row(f"[yellow]eval leaks in {source.replace('_', ' ')}[/yellow]",
                         f"{c['found']:,} of {c['checked']:,} ({c['share_found']:.1%}; {reasons}), {c['removed']:,} removed")
    if report.eval_questions_seen_in_train:
        head.add_row("[yellow]eval questions seen in train[/yellow]", f"{report.eval_questions_seen_in_train:,}")
    head.add_row("time", f"{report.seconds:.1f} s ({report.records_in / max(report.seconds, 1e-9):,.0f} records/s)")
    err.print(head)
    splits = Table(title=f"splits (tokens: {report.tokenizer}; max_length {report.max_length})", title_justify="left")
    for col in ("split", "conversations", "examples", "p50", "p90", "p99", "max", "truncated"):
        splits.add_column(col, justify="left" if col == "split" else "right")
    for name, s in report.splits.items():
        splits.add_row(name, f"{s.conversations:,}", f"{s.examples:,}", f"{s.tokens_p50:g}", f"{s.tokens_p90:g}",
                       f"{s.tokens_p99:g}", f"{s.tokens_max:,}", f"{s.truncated:,}")
    err.print(splits)
    for w in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {w}")
