"""`chatkit export openai`: prepared conversations as OpenAI chat fine-tuning files, checked before upload.

Checks, per example (file:line in the report, never the text): valid JSON with a `messages` list, roles
system/user/assistant only, no empty turn, at least one assistant turn, and at most the target model's
fine-tuning context in tokens (counted with the model's own tiktoken encoding, OpenAI's per-message
accounting). Examples failing a check are left out and listed; the export fails when fewer than OpenAI's
minimum (10) remain, or on any problem with --strict. The training cost estimate is the training file's
tokens x epochs x the model's `training` price in eval/prices.yaml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError
from kit.runfolder import write_atomic, write_json

ROLES = ("system", "user", "assistant")
MIN_EXAMPLES = 10  # OpenAI refuses a fine-tuning file with fewer
# Tokens per training example OpenAI accepts, by base model (its fine-tuning guide); others: --max-tokens.
CONTEXT = {"gpt-4o-mini": 65_536, "gpt-4o": 65_536, "gpt-4.1": 65_536, "gpt-4.1-mini": 65_536,
           "gpt-4.1-nano": 65_536, "gpt-3.5-turbo": 16_385}
PER_MESSAGE, PRIMER = 3, 3  # OpenAI's chat token accounting (the cookbook's num_tokens_from_messages)


@dataclass
class Checked:
    kept: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)  # {"where", "reason"}


def count_tokens(encoding: Any, messages: list[dict[str, Any]]) -> int:
    """Tokens of one example as OpenAI bills them: 3 per message + role + content, +3 for the reply primer."""
    total = PRIMER
    for m in messages:
        total += PER_MESSAGE + len(encoding.encode(m["role"])) + len(encoding.encode(m["content"], disallowed_special=()))
    return total


def check_file(path: Path, encoding: Any, max_tokens: int) -> Checked:
    """Every line of a messages JSONL file, checked; good examples keep only `messages` (and `weight`)."""
    out = Checked()
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            example, reason = _example(line)
            if example is not None:
                n = count_tokens(encoding, example["messages"])
                if n > max_tokens:
                    example, reason = None, f"{n} tokens, over the model's {max_tokens} per example"
            if example is None:
                out.problems.append({"where": where, "reason": reason})
                continue
            out.kept.append(example)
            out.tokens.append(n)
    return out


def _example(line: str) -> tuple[dict[str, Any] | None, str]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return None, f"not valid JSON ({e.msg})"
    messages = obj.get("messages") if isinstance(obj, dict) else None
    if not isinstance(messages, list) or not messages:
        return None, "no 'messages' list"
    clean = []
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            return None, f"message {i} is not an object"
        role, content = m.get("role"), m.get("content")
        if role not in ROLES:
            return None, f"message {i}: unknown role {str(role)[:20]!r} (use {', '.join(ROLES)})"
        if not isinstance(content, str) or not content.strip():
            return None, f"message {i} ({role}): empty turn"
        item = {"role": role, "content": content}
        if role == "assistant" and m.get("weight") in (0, 1):
            item["weight"] = m["weight"]
        clean.append(item)
    if not any(m["role"] == "assistant" for m in clean):
        return None, "no assistant turn to learn from"
    return {"messages": clean}, ""


def export_openai(data_dir: str | Path, out: str | Path, model: str = "gpt-4o-mini", epochs: int = 3,
                  prices: str = "eval/prices.yaml", max_tokens: int | None = None, strict: bool = False) -> dict:
    """Write train.jsonl / validation.jsonl / export_report.json into `out`; returns the report.

    Raises:
        ChatkitError: no train.jsonl, too few valid examples, any problem with `strict`, or a model the
            price table does not know.
    """
    from kit.compare.cost import MILLION, load_prices
    from kit.generate.encodings import encoding_for, encoding_name

    data, out = Path(data_dir), Path(out)
    train = data / "train.jsonl"
    if not train.is_file():
        raise ChatkitError(f"{train}: not found", "pass the folder `chatkit prepare --out DIR` wrote")
    base = model.split(":")[1] if model.startswith("ft:") else model
    table = load_prices(prices)
    price = table.model(base)
    limit = max_tokens or CONTEXT.get(base)
    if limit is None:
        raise ChatkitError(f"no known fine-tuning context for model '{base}'", "pass --max-tokens N")
    encoding = encoding_for(base)
    checked = {"train": check_file(train, encoding, limit)}
    val = next((p for p in (data / "val.jsonl", data / "validation.jsonl") if p.is_file()), None)
    if val is not None:
        checked["validation"] = check_file(val, encoding, limit)
    problems = [p for c in checked.values() for p in c.problems]
    if strict and problems:
        p = problems[0]
        raise ChatkitError(f"{data / p['where']}: {p['reason']} ({len(problems)} problem(s) in all)",
                           "fix the data or drop --strict to leave such examples out")
    if len(checked["train"].kept) < MIN_EXAMPLES:
        raise ChatkitError(f"{train}: {len(checked['train'].kept)} valid examples; OpenAI needs at least {MIN_EXAMPLES}",
                           "prepare more conversations (or --set data.examples=per_turn)")
    train_tokens = sum(checked["train"].tokens)
    if price.training is None:
        raise ChatkitError(f"{table.source_file}: model '{base}' has no training price", f"add models.{base}.training")
    report = {
        "model": model, "encoding": encoding_name(base), "max_tokens_per_example": limit, "epochs": epochs,
        "files": {}, "problems": problems,
        "training_tokens": train_tokens * epochs,
        "training_cost": train_tokens * epochs * price.training / MILLION,
        "currency": table.currency,
        "basis": f"{train_tokens:,} tokens x {epochs} epochs x {price.training} per 1M ({table.source_file}, {price.date})",
        "fine_tuned_prices": {"input": price.fine_tuned_input, "output": price.fine_tuned_output},
    }
    for name, c in checked.items():
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in c.kept)
        write_atomic(out / f"{name}.jsonl", lines)
        report["files"][name] = {"path": str(out / f"{name}.jsonl"), "examples": len(c.kept),
                                 "left_out": len(c.problems), "tokens": sum(c.tokens),
                                 "max_example_tokens": max(c.tokens, default=0)}
    write_json(out / "export_report.json", report)
    return report
