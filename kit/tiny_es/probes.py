"""Probes a tiny-es build records in build.json: can it copy from its context, does its answer depend on the question."""

from __future__ import annotations

import random


def copy_probe(model, seed: int = 0, batch: int = 16, length: int = 40) -> dict[str, float]:
    """Mean loss on a random token sequence and on its immediate repeat: can the model copy?

    Without an induction circuit both are about ln(vocab); a model that copies from its context
    (what reading a retrieved passage takes) has a far lower loss on the repeat.
    """
    import torch

    gen = torch.Generator().manual_seed(seed)
    first = torch.randint(16, model.config.vocab_size, (batch, length), generator=gen)
    ids = torch.cat([first, first], dim=1)
    with torch.no_grad():
        logp = torch.log_softmax(model(input_ids=ids).logits.float(), dim=-1)
    nll = -logp[:, :-1].gather(-1, ids[:, 1:, None])[..., 0]
    return {"first": round(float(nll[:, : length - 1].mean()), 3), "second": round(float(nll[:, length:].mean()), 3)}


def question_probe(model, tokenizer, seed: int = 0, n: int = 48) -> dict[str, float]:
    """Does the answer depend on the question? Mean loss of a first answer (nats per answer) after its
    own question and after a question of another intent, on fresh operator and bank Q->A dialogues.

    A model that answers what was asked has a far lower loss after its own question (the intent of
    one of ~56 is worth up to ln 56 = 4 nats); a gap near 0 means the reply is chosen without looking
    at the question, whatever the chat or the fine-tune on top teaches afterwards.
    """
    import torch

    from kit.prompts import DEFAULT_SYSTEM_PROMPT
    from kit.tiny_es.data import SOURCE_COMPANIES, intent_dialogues, load_company

    rng = random.Random(seed + 7)
    dialogues = []
    for key in SOURCE_COMPANIES:
        company = load_company(key)
        for msgs in intent_dialogues(company, DEFAULT_SYSTEM_PROMPT, rng, n // len(SOURCE_COMPANIES)):
            dialogues.append(msgs[:3])
    # the question of the dialogue half the list away: the other company's (one pair aside), so another intent
    k = len(dialogues) // 2 + 1
    others = [dialogues[(i + k) % len(dialogues)][1] for i in range(len(dialogues))]

    def answer_loss(question_sets) -> float:
        total = 0.0
        for (system, _, answer), question in question_sets:
            prompt = tokenizer.apply_chat_template([system, question], tokenize=False, add_generation_prompt=True)
            p_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
            a_ids = tokenizer(answer["content"] + "<|im_end|>", add_special_tokens=False)["input_ids"]
            ids = torch.tensor([p_ids + a_ids])
            with torch.no_grad():
                logp = torch.log_softmax(model(input_ids=ids).logits[0, :-1].float(), dim=-1)
            target = ids[0, 1:]
            total += float(-logp.gather(-1, target[:, None])[len(p_ids) - 1 :].sum())
        return total / len(question_sets)

    own = answer_loss([(d, d[1]) for d in dialogues])
    other = answer_loss(list(zip(dialogues, others, strict=True)))
    return {"own": round(own, 2), "other": round(other, 2), "gap": round(other - own, 2)}
