"""The tiny-es pretraining loop: plain torch, fp32 on CPU, AdamW + cosine, loss on assistant tokens.

Deterministic for a seed: the data order comes from random.Random(seed), the init from
torch.manual_seed(seed), and nothing else draws random numbers (no dropout).
"""

from __future__ import annotations

import math
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

IGNORE = -100  # label of tokens the loss skips (system, user, context, padding)


def threads_for_load(available: int) -> int:
    """Torch threads to use now: every core on a quiet machine, fewer on a busy one.

    OpenMP threads that have to wait for a core stall each other at every barrier: on a loaded 2-core
    machine two threads can run several times slower than one. Results do not depend on the thread count.
    The load average counts this process too once it has been busy, so one runnable task is taken
    as ours: only whole cores busy with OTHER work are given up.
    """
    try:
        others = max(0.0, os.getloadavg()[0] - 1.0)
    except OSError:
        return available
    return max(1, min(available, (os.cpu_count() or 1) - int(others)))


@dataclass
class Example:
    ids: list[int]
    labels: list[int]  # the token id where trained, IGNORE elsewhere


def encode_all(
    tokenizer, conversations: Sequence[list[dict[str, str]]], max_len: int, loss_on: str = "assistant"
) -> list[Example]:
    """ChatML conversations -> ids + labels (assistant content and its <|im_end|> trained).

    loss_on="all" trains every token but the line breaks between turns (system turn with its
    passages, customer turns, role headers), as plain language-model pretraining does: about four
    times the signal per token seen.

    Builds exactly what tiny-es's CHATML template renders (a test compares it with
    apply_chat_template's assistant mask) but tokenizes every message in one batched call, far faster
    than rendering the template per example. Too long: trailing turns are dropped (a cut mid-answer
    would teach answers that never end); a first turn still too long is cut at max_len. Examples
    with nothing trained are left out.
    """
    start, end = tokenizer.convert_tokens_to_ids(["<|im_start|>", "<|im_end|>"])
    newline = tokenizer.encode("\n", add_special_tokens=False)
    roles = {r: tokenizer.encode(f"{r}\n", add_special_tokens=False) for r in ("system", "user", "assistant")}
    flat = [m["content"] for msgs in conversations for m in msgs]
    content_ids = tokenizer(flat, add_special_tokens=False)["input_ids"] if flat else []
    examples, k = [], 0
    for msgs in conversations:
        ids: list[int] = []
        labels: list[int] = []
        turn_ends = []  # lengths after each assistant turn: where a cut may fall
        for m in msgs:
            body = content_ids[k] + [end]
            k += 1
            head = [start, *roles[m["role"]]]
            trained = m["role"] == "assistant" or loss_on == "all"
            ids += head + body + newline
            labels += (head if loss_on == "all" else [IGNORE] * len(head)) + (
                body if trained else [IGNORE] * len(body)
            ) + [IGNORE] * len(newline)
            if m["role"] == "assistant":
                turn_ends.append(len(ids) - len(newline))  # just after the answer's <|im_end|>
        if len(ids) > max_len:
            fitting = [n for n in turn_ends if n <= max_len]
            cut = fitting[-1] if fitting else max_len
            ids, labels = ids[:cut], labels[:cut]
        if any(label != IGNORE for label in labels):
            examples.append(Example(ids, labels))
    return examples


def batches(examples: Sequence[Example], batch_tokens: int, rng: random.Random) -> Iterator[list[Example]]:
    """Endless batches of about `batch_tokens` padded tokens: shuffled, length-bucketed (little padding)."""
    while True:
        order = list(range(len(examples)))
        rng.shuffle(order)
        window = 256
        epoch: list[list[Example]] = []
        for start in range(0, len(order), window):
            group = sorted((examples[i] for i in order[start : start + window]), key=lambda e: len(e.ids))
            batch: list[Example] = []
            for ex in group:
                longest = max([len(ex.ids)] + [len(e.ids) for e in batch])
                if batch and longest * (len(batch) + 1) > batch_tokens:
                    epoch.append(batch)
                    batch = []
                batch.append(ex)
            if batch:
                epoch.append(batch)
        rng.shuffle(epoch)
        yield from epoch


def collate(batch: list[Example], pad_id: int):
    """Right-padded tensors: input_ids, attention_mask, labels."""
    import torch

    width = max(len(e.ids) for e in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    attn = torch.zeros((len(batch), width), dtype=torch.long)
    for row, ex in enumerate(batch):
        n = len(ex.ids)
        ids[row, :n] = torch.tensor(ex.ids)
        labels[row, :n] = torch.tensor(ex.labels)
        attn[row, :n] = 1
    return ids, attn, labels


def make_optimizer(model, lr: float, weight_decay: float):
    """AdamW with weight decay on matrices only (not norms or biases)."""
    import torch

    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=lr,
        betas=(0.9, 0.95),
        eps=1e-8,
    )


@dataclass
class TrainStats:
    steps: int
    tokens_seen: int  # real (unpadded) tokens through the model
    tokens_trained: int  # tokens that carried loss
    first_loss: float
    final_loss: float  # mean of the last 10% of steps
    seconds: float
    losses: list[float]


def pretrain(
    model,
    examples: Sequence[Example],
    *,
    steps: int,
    batch_tokens: int,
    lr: float,
    warmup: int,
    weight_decay: float,
    pad_id: int,
    seed: int,
    on_step: Callable[[int, float], None] | None = None,
    track: Callable[[range], Iterable[int]] = lambda steps: steps,
    constant_lr: bool = False,
    optim=None,
) -> TrainStats:
    """Train `model` in place for `steps` optimizer steps (`track` wraps them in a progress bar)."""
    import torch

    model.train()
    optim = optim or make_optimizer(model, lr, weight_decay)
    for group in optim.param_groups:
        group["lr"] = group["initial_lr"] = lr
    warmup = max(1, min(warmup, steps // 4 or 1))

    def factor(step: int) -> float:  # linear warm-up, then cosine down to 10% of the peak
        if constant_lr:
            return 1.0
        if step < warmup:
            return (step + 1) / warmup
        progress = (step - warmup) / max(1, steps - warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress))

    sched = torch.optim.lr_scheduler.LambdaLR(optim, factor)
    stream = batches(examples, batch_tokens, random.Random(seed))
    losses: list[float] = []
    seen = trained = 0
    start = time.perf_counter()
    for step in track(range(steps)):
        ids, attn, labels = collate(next(stream), pad_id)
        loss = model(input_ids=ids, attention_mask=attn, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))
        seen += int(attn.sum())
        trained += int((labels != IGNORE).sum())
        if on_step is not None:
            on_step(step, losses[-1])
    tail = losses[-max(1, steps // 10) :]
    return TrainStats(
        steps=steps,
        tokens_seen=seen,
        tokens_trained=trained,
        first_loss=losses[0],
        final_loss=sum(tail) / len(tail),
        seconds=time.perf_counter() - start,
        losses=losses,
    )
