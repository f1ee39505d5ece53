"""How to talk to and serve an arm of a report: its `chatkit chat` and `chatkit serve` command lines.

They are built from report.json alone (the arm's record and the settings: model, adapter, index, answer budget,
top_k, worked examples, context weight), so a test rebuilds them from the file. The extractive arm's commands
answer exactly as the arm did (tests/test_extractive_serving.py); a generating arm's load the same model,
adapter, index and decoding, while the context budget for passages, the dtype and the system prompt come from
the recipe (`--recipe`) as in any chat. A hosted arm is served by its provider: its serve command is None.
"""

from __future__ import annotations

import shlex
from typing import Any


def commands(arm: dict[str, Any], settings: dict[str, Any]) -> dict[str, str | None]:
    """{"chat": command, "serve": command or None, "reason": "hosted" when serve is None, else None}."""
    q = shlex.quote
    budget, model = settings.get("answer_budget", 256), settings.get("budget_tokenizer") or "MODEL"
    index = arm.get("index") or "DIR"  # placeholders where an older report.json does not say
    if arm.get("api"):
        where = f"--endpoint {q(arm.get('endpoint') or 'URL')} --model {q(arm['api'])}"
        where += f" --index {q(index)} --k {settings['top_k']}" if arm.get("rag") else ""
        return {"chat": f"chatkit chat {where} --max-new-tokens {budget}", "serve": None, "reason": "hosted"}
    if arm.get("extractive"):
        where = f"--extractive --index {q(index)} --model {q(model)}"
        return {"chat": f"chatkit chat {where} --max-new-tokens {budget}",
                "serve": f"chatkit serve {where} --max-tokens {budget}", "reason": None}
    where = f"--model {q(model)}" + (f" --adapter {q(arm['adapter'])}" if arm.get("adapter") else "")
    where += f" --index {q(index)}" if arm.get("rag") else ""
    decoding = (f" --shots {len(arm['shots'])}" if arm.get("shots") else "") + (
        f" --context-weight {arm['context_weight']:g}" if arm.get("context_weight") else "")
    k = f" --k {settings['top_k']}" if arm.get("rag") else ""
    return {"chat": f"chatkit chat {where} --max-new-tokens {budget}{k}{decoding}",
            "serve": f"chatkit serve {where} --max-tokens {budget}{k}{decoding}", "reason": None}
