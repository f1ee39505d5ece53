"""Prompt assembly: retrieved passages placed in the system turn with ids the answer can cite.

The tiny-es base is pretrained on reading exercises in exactly this layout (kit/models/tiny.py), so a
RAG prompt at question time looks like what the model practised on.
"""

from __future__ import annotations

from collections.abc import Sequence

CONTEXT_HEADER = "Documentos de la empresa (usa solo esta información y cita el id entre corchetes):"


def format_passage(passage_id: str, text: str) -> str:
    """One passage as it appears in the prompt: `[id] text` on one line."""
    return f"[{passage_id}] {' '.join(text.split())}"


def rag_system_prompt(system_prompt: str, passages: Sequence[tuple[str, str]]) -> str:
    """The system prompt followed by the context block; unchanged when there are no passages."""
    if not passages:
        return system_prompt
    block = "\n".join(format_passage(pid, text) for pid, text in passages)
    return f"{system_prompt}\n\n{CONTEXT_HEADER}\n{block}"


def build_messages(
    system_prompt: str,
    question: str,
    passages: Sequence[tuple[str, str]] = (),
    history: Sequence[dict[str, str]] = (),
) -> list[dict[str, str]]:
    """OpenAI-style messages: system (+context), earlier turns, then the user's question."""
    messages = [{"role": "system", "content": rag_system_prompt(system_prompt, passages)}]
    messages.extend({"role": m["role"], "content": m["content"]} for m in history if m["role"] != "system")
    messages.append({"role": "user", "content": question})
    return messages
