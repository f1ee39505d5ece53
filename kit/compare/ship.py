"""How to talk to and serve an arm of a report: its `chatkit chat` and `chatkit serve` command lines.

They are built from report.json alone (the arm's record and the settings: model, adapter, index, answer budget,
top_k, the passages' token budget, the model dtype, worked examples, context weight, and the suite's system prompt
where the command would otherwise use another), so a test rebuilds them from the file. The extractive and serve
commands answer as the arm did (tests/test_shipping.py: greedy answers); chat fits passages and history its own
way (it keeps a conversation). A hosted arm is served by its provider: its serve command is None.
"""

from __future__ import annotations

import shlex
from typing import Any


def commands(arm: dict[str, Any], settings: dict[str, Any]) -> dict[str, str | None]:
    """{"chat": command, "serve": command or None, "reason": "hosted" when serve is None, else None}."""
    q = shlex.quote
    budget, model = settings.get("answer_budget", 256), settings.get("budget_tokenizer") or "MODEL"
    index = arm.get("index") or "DIR"  # placeholders where an older report.json does not say
    rag = ""  # retrieval as the suite ran it: the index, passages per question, their token budget
    if arm.get("rag"):
        rag = f" --index {q(index)}" + (f" --k {settings['top_k']}" if settings.get("top_k") else "") + (
            f" --context-tokens {settings['context_tokens']}" if settings.get("context_tokens") else "")
    # the suite's system prompt, where it is not the one the command would use anyway (compare.run.shipped_system_prompt)
    system = f" --system {q(arm['system_prompt'])}" if arm.get("system_prompt") else ""
    if arm.get("api"):
        where = f"--endpoint {q(arm.get('endpoint') or 'URL')} --model {q(arm['api'])}{rag}{system}"
        return {"chat": f"chatkit chat {where} --max-new-tokens {budget}", "serve": None, "reason": "hosted"}
    if arm.get("extractive"):
        where = f"--extractive --index {q(index)} --model {q(model)}"
        return {"chat": f"chatkit chat {where} --max-new-tokens {budget}",
                "serve": f"chatkit serve {where} --max-tokens {budget}", "reason": None}
    where = f"--model {q(model)}" + (f" --adapter {q(arm['adapter'])}" if arm.get("adapter") else "")
    dtype = settings.get("model_dtype")
    where += (f" --dtype {dtype}" if dtype and dtype != "auto" else "") + rag + system
    decoding = (f" --shots {len(arm['shots'])}" if arm.get("shots") else "") + (
        f" --context-weight {arm['context_weight']:g}" if arm.get("context_weight") else "")
    return {"chat": f"chatkit chat {where} --max-new-tokens {budget}{decoding}",
            "serve": f"chatkit serve {where} --max-tokens {budget}{decoding}", "reason": None}
