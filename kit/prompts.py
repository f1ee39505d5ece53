"""Prompts shared by every stage: the default system prompt, and the RAG layout (retrieved passages placed in
the system turn with ids the answer can cite) that training data, compare, chat and the tiny-es base all use.

The tiny-es base is pretrained on reading exercises in exactly this layout (kit/tiny_es/), so a
RAG prompt at question time looks like what the model practised on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_SYSTEM_PROMPT = (
    "Eres el asistente de atención al cliente de la empresa. Responde en español, con amabilidad y "
    "precisión, usando las políticas vigentes. Si no sabes algo, dilo y ofrece pasar con un agente."
)

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


@dataclass
class Assembled:
    """A prompt ready for generation: the messages, which passages made it in, and what they cost."""

    messages: list[dict[str, str]]
    passages_used: list[str]  # passage ids in prompt order
    context_tokens: (
        int  # tokens the context block adds to the prompt (generator's tokenizer, template included)
    )
    truncated: bool = False  # the last passage was cut to fit the budget


# A passage cut shorter than this many tokens is more noise than help: stop instead.
MIN_CUT_TOKENS = 24


def count_prompt_tokens(tokenizer: Any, messages: Sequence[dict[str, str]]) -> int:
    """Prompt length in tokens as the generator sees it: the chat template when there is one."""
    if getattr(tokenizer, "chat_template", None):
        ids = tokenizer.apply_chat_template(list(messages), tokenize=True, add_generation_prompt=True)
        if isinstance(ids, Mapping) or hasattr(ids, "keys"):
            ids = ids["input_ids"]
        return len(ids)
    text = "\n\n".join(m["content"] for m in messages)
    return len(tokenizer(text, add_special_tokens=True)["input_ids"])


def assemble(
    system_prompt: str,
    question: str,
    hits: Sequence[Any],
    tokenizer: Any,
    budget_tokens: int,
    history: Sequence[dict[str, str]] = (),
) -> Assembled:
    """Place retrieved passages (best first) in the system turn until the context block fills the budget.

    Args:
        hits: objects with `.id` and `.text` (kit.rag.index.Hit) or (id, text) pairs, best first.
        tokenizer: the generator's own tokenizer (its chat template decides the real cost).
        budget_tokens: most tokens the context block may add to the prompt.
    """
    pairs = [(h.id, h.text) if hasattr(h, "id") else (str(h[0]), str(h[1])) for h in hits]
    base = count_prompt_tokens(tokenizer, build_messages(system_prompt, question, (), history))

    def cost(chosen: list[tuple[str, str]]) -> int:
        return count_prompt_tokens(tokenizer, build_messages(system_prompt, question, chosen, history)) - base

    chosen: list[tuple[str, str]] = []
    used = 0
    truncated = False
    for pid, text in pairs:
        whole = cost([*chosen, (pid, text)])
        if whole <= budget_tokens:
            chosen.append((pid, text))
            used = whole
            continue
        cut = _cut_to_fit(text, pid, chosen, cost, budget_tokens, tokenizer)
        if cut is not None:
            chosen.append((pid, cut))
            used = cost(chosen)
            truncated = True
        break
    return Assembled(
        messages=build_messages(system_prompt, question, chosen, history),
        passages_used=[pid for pid, _ in chosen],
        context_tokens=used,
        truncated=truncated,
    )


def _cut_to_fit(text, pid, chosen, cost, budget_tokens, tokenizer) -> str | None:
    """The longest token prefix of `text` (ending in '…') that still fits, or None when too little fits."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    lo, hi, best = MIN_CUT_TOKENS, len(ids) - 1, None
    while lo <= hi:  # binary search on the prefix length: cost grows with it
        mid = (lo + hi) // 2
        candidate = tokenizer.decode(ids[:mid], skip_special_tokens=True).rstrip() + "…"
        if cost([*chosen, (pid, candidate)]) <= budget_tokens:
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best
