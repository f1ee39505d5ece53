"""How to talk to and serve an arm of a report: its `chatkit chat` and `chatkit serve` command lines.

They are built from report.json alone (the arm's record and the settings: model, adapter, index, answer budget,
top_k, worked examples, context weight), so a test rebuilds them from the file. Where chatkit cannot run the arm
one way (`serve` takes no worked examples or context-aware decoding; a hosted arm is served by its provider),
that command is None and `reason` says why.
"""

from __future__ import annotations

import shlex
from typing import Any


def commands(arm: dict[str, Any], settings: dict[str, Any]) -> dict[str, str | None]:
    """{"chat": command, "serve": command or None, "reason": why serve is None (or None)}."""
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
    chat = f"chatkit chat {where} --max-new-tokens {budget}" + (f" --k {settings['top_k']}" if arm.get("rag") else "")
    if decoding:
        return {"chat": chat + decoding, "serve": None, "reason": "decoding"}
    return {"chat": chat, "serve": f"chatkit serve {where} --max-tokens {budget}", "reason": None}
