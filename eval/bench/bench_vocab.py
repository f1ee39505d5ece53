"""Restricting Gemma 3's 262,144-token output vocabulary to the tokens the shop's corpus uses: speed and answers.

Issue 21 asks what makes a 262k-vocabulary model cheap on a CPU, measured for equal answers. The LM head of
Gemma 3 270M is 262,144 x 640 (168M of its 268M parameters): every decode step multiplies each row by all of
it. A restricted head keeps only the rows of tokens that occur in the shop's conversation logs and KB pages
(rendered with the chat template, plus the special tokens) and scores every other token -inf.

Measured: 32 questions (the customers' first messages in the logs, not eval items), each with three KB
passages in the RAG layout, 48 new tokens, greedy, batch 16, bf16, the full head against the restricted one in
the same process. Reported: both times, the ratio, the kept vocabulary and how many answers are identical.
Needs Gemma (`chatkit models install gemma-3-270m --accept-license`); reports "skipped" without it.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "conversations" / "shop"


def run(quick: bool = False) -> dict:
    import torch

    from kit.models.offline import prepared_folder

    if prepared_folder("gemma-3-270m") is None:
        return {"skipped": "gemma-3-270m is not installed (chatkit models install gemma-3-270m --accept-license)"}
    from kit.generate.local import LocalGenerator
    from kit.models.config import ModelConfig
    from kit.models.load import load_model
    from kit.prompts import DEFAULT_SYSTEM_PROMPT, build_messages

    model, tok = load_model(ModelConfig(name="gemma-3-270m", device="cpu", dtype="bfloat16"))
    gen = LocalGenerator(model, tok)
    logs = [json.loads(line) for line in (SHOP / "conversations.jsonl").open(encoding="utf-8")]
    pages = [p.read_text(encoding="utf-8") for p in sorted((SHOP / "kb").glob("*.md"))]
    keep: set[int] = set(gen.eos_ids) | set(tok.all_special_ids)
    for conv in logs:
        keep.update(tok.apply_chat_template(conv["messages"], tokenize=True, return_dict=True)["input_ids"])
    for page in pages:
        keep.update(tok(page, add_special_tokens=False)["input_ids"])

    rng = random.Random(0)
    n = 16 if quick else 32
    questions = [c["messages"][0]["content"] for c in rng.sample(logs, n)]
    chunks = [page[i:i + 600] for page in pages for i in range(0, len(page), 600)]
    prompts = [build_messages(DEFAULT_SYSTEM_PROMPT, q, [(f"kb:{j}", rng.choice(chunks)) for j in range(3)])
               for q in questions]

    def answer() -> tuple[float, list[str]]:
        gen.generate(prompts[:2], max_new_tokens=4, batch_size=2)  # warm-up
        start = time.perf_counter()
        out = gen.generate(prompts, max_new_tokens=48, batch_size=16)
        return time.perf_counter() - start, [g.text for g in out]

    full_s, full = answer()
    head = model.get_output_embeddings()
    rows = torch.tensor(sorted(keep))
    vocab = head.weight.shape[0]

    class RestrictedHead(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(head.weight[rows].detach().clone(), requires_grad=False)

        def forward(self, hidden: torch.Tensor) -> torch.Tensor:
            logits = torch.full((*hidden.shape[:-1], vocab), float("-inf"), dtype=hidden.dtype)
            logits[..., rows] = hidden.contiguous() @ self.weight.T
            return logits

    model.lm_head = RestrictedHead()
    restricted_s, restricted = answer()
    return {
        "model": "gemma-3-270m (bf16)",
        "prompts": n,
        "prompt_tokens_mean": round(sum(len(gen.encode(p)) for p in prompts) / n, 1),
        "max_new_tokens": 48,
        "vocab": vocab,
        "vocab_kept": len(keep),
        "full_head_s": round(full_s, 2),
        "restricted_head_s": round(restricted_s, 2),
        "speedup": round(full_s / restricted_s, 2),
        "identical_answers": sum(a == b for a, b in zip(full, restricted, strict=True)),
        "same_first_12_chars": sum(a[:12] == b[:12] for a, b in zip(full, restricted, strict=True)),
    }
