"""Local generation with transformers: batched greedy answers with timings, and token streaming.

Latency is measured per step through a StoppingCriteria hook (called once per generated token), so time to
first token is the prefill plus one decode step — the same definition batched and streamed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

Messages = Sequence[dict[str, str]]
Prompt = Messages | str  # chat messages (rendered with the chat template), or a plain completion prompt


@dataclass
class Generation:
    text: str
    prompt_tokens: int
    completion_tokens: int
    ttft_s: float  # seconds from the call to the first generated token
    total_s: float  # seconds from the call to the last token
    stopped: str = "eos"  # eos | stop (a stop string) | length | cancelled
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def tokens_per_s(self) -> float:
        decode = self.total_s - self.ttft_s
        return (self.completion_tokens - 1) / decode if decode > 0 and self.completion_tokens > 1 else 0.0


class _StepClock:
    """A StoppingCriteria that records when each token was produced and can cancel the run."""

    def __init__(self, cancel: threading.Event | None = None):
        self.times: list[float] = []
        self.cancel = cancel

    def __call__(self, input_ids, scores, **kwargs):
        import torch

        self.times.append(time.perf_counter())
        stop = bool(self.cancel is not None and self.cancel.is_set())
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)


class ContextAwareDecoding:
    """Context-aware decoding (Shi et al., 2023, "Trusting Your Evidence"): at every step the log-probabilities
    given the retrieved passages are pushed away from the same model's without them,
    (1 + w) * log p(y | passages, prompt) - w * log p(y | prompt), so that what the passages say outweighs what the
    model believed before reading them (a policy that changed since its pretraining, a code named "BIENVENIDA10"
    that gives 15%). The contrast prompt (the same prompt without the passages) runs alongside, with its own
    KV cache: one more forward pass a step, over a shorter prompt, and the LM head for the last position only (as
    generate's own prefill: the head over every prompt position is 262,144 logits a token for Gemma). A
    LogitsProcessor for model.generate."""

    def __init__(self, model: Any, input_ids: Any, attention_mask: Any, weight: float):
        self.model, self.ids, self.mask, self.weight = model, input_ids, attention_mask, weight
        self.cache: Any = None

    def __call__(self, input_ids, scores):
        import torch

        if self.cache is None:  # the first step: the whole contrast prompt (its prefill)
            out = self.model(input_ids=self.ids, attention_mask=self.mask, use_cache=True, logits_to_keep=1)
        else:  # then the token just generated, as the main branch sees it
            self.mask = torch.cat([self.mask, self.mask.new_ones((self.mask.shape[0], 1))], dim=1)
            out = self.model(input_ids=input_ids[:, -1:], attention_mask=self.mask, cache=self.cache,
                             use_cache=True, logits_to_keep=1)
        self.cache = out.cache
        without = torch.log_softmax(out.logits[:, -1].float(), dim=-1)
        given = torch.log_softmax(scores.float(), dim=-1)
        return given + self.weight * (given - without)


def _left_padded(rows: Sequence[Sequence[int]], pad: int) -> tuple[Any, Any, int]:
    """(input ids, attention mask, width) of token rows left-padded to the longest."""
    import torch

    width = max(len(ids) for ids in rows)
    input_ids = torch.tensor([[pad] * (width - len(ids)) + list(ids) for ids in rows])
    attention = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in rows])
    return input_ids, attention, width


def stop_at(text: str, stop: Sequence[str]) -> int:
    """Where the first (non-empty) stop string in `text` starts, or -1 when none is there."""
    return min((i for i in (text.find(s) for s in stop if s) if i >= 0), default=-1)


def _stop_prefix(text: str, stop: Sequence[str]) -> int:
    """Length of the longest end of `text` that begins a stop string (0: none), e.g. "…días há" with "hábiles"."""
    return max((n for s in stop for n in range(min(len(s) - 1, len(text)), 0, -1) if text.endswith(s[:n])), default=0)


class _StopText:
    """A StoppingCriteria that ends a row once its generated text (never the prompt) holds a stop string.

    transformers' own stop_strings also match across the end of the prompt ("agente:" + ":" is "::").
    """

    def __init__(self, tokenizer: Any, stop: Sequence[str], width: int):
        self.tokenizer, self.stop, self.width = tokenizer, list(stop), width

    def __call__(self, input_ids, scores, **kwargs):
        import torch

        texts = self.tokenizer.batch_decode(input_ids[:, self.width :], skip_special_tokens=True)
        done = [stop_at(t, self.stop) >= 0 for t in texts]
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)


class LocalGenerator:
    """Answers chat messages with a causal LM and its chat template (greedy by default)."""

    def __init__(self, model: Any, tokenizer: Any, max_context: int | None = None):
        self.model = model
        self.tokenizer = tokenizer
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        limit = getattr(model.config, "max_position_embeddings", None) or 2048
        self.max_context = max_context or int(limit)
        self.eos_ids = self._eos_ids()

    def _eos_ids(self) -> list[int]:
        ids = {self.tokenizer.eos_token_id}
        gen_eos = getattr(getattr(self.model, "generation_config", None), "eos_token_id", None)
        if isinstance(gen_eos, int):
            ids.add(gen_eos)
        elif isinstance(gen_eos, list):
            ids.update(gen_eos)
        return sorted(i for i in ids if i is not None)

    def encode(self, messages: Prompt) -> list[int]:
        """Token ids of the rendered prompt, ending with the assistant header; a str is a plain completion prompt."""
        if isinstance(messages, str):
            return list(self.tokenizer(messages, add_special_tokens=True)["input_ids"])
        out = self.tokenizer.apply_chat_template(
            list(messages), add_generation_prompt=True, tokenize=True, return_dict=True
        )
        return list(out["input_ids"])

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def generate(
        self,
        conversations: Sequence[Prompt],
        max_new_tokens: int = 128,
        batch_size: int = 8,
        greedy: bool = True,
        stop: Sequence[str] = (),
        contrast: Sequence[Prompt] | None = None,
        context_weight: float = 0.0,
    ) -> list[Generation]:
        """Answer each conversation; batches are formed from prompts of similar length (left padded).

        stop: strings that end an answer (e.g. "\\n" after a completion prompt); the answer is the text before
        the first one, and its completion tokens count up to the token that completed it.
        contrast, context_weight: with a weight > 0, each conversation's prompt without its retrieved passages
        (one per conversation), for context-aware decoding (ContextAwareDecoding).
        """
        encoded = [self.encode(m) for m in conversations]
        against = [self.encode(m) for m in contrast] if contrast is not None and context_weight > 0 else None
        if against is not None and len(against) != len(encoded):
            raise ValueError(f"{len(against)} contrast prompts for {len(encoded)} conversations")
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        results: list[Generation | None] = [None] * len(encoded)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            gens = self._run([encoded[i] for i in chunk], max_new_tokens, greedy, stop=stop,
                             contrast=[against[i] for i in chunk] if against is not None else None,
                             context_weight=context_weight)
            for i, gen in zip(chunk, gens, strict=True):
                results[i] = gen
        return [r for r in results if r is not None]

    def _budget(self, ids: list[int], max_new_tokens: int) -> list[int]:
        # Keep the most recent tokens when a prompt would overflow the context window.
        room = max(self.max_context - max_new_tokens, 1)
        return ids[-room:] if len(ids) > room else ids

    def _run(self, batch: list[list[int]], max_new_tokens: int, greedy: bool, cancel=None, streamer=None,
             stop: Sequence[str] = (), contrast: list[list[int]] | None = None, context_weight: float = 0.0):
        import torch
        from transformers import LogitsProcessorList, StoppingCriteriaList

        batch = [self._budget(ids, max_new_tokens) for ids in batch]
        pad = self.tokenizer.pad_token_id
        input_ids, attention, width = _left_padded(batch, pad)
        device = getattr(self.model, "device", None) or "cpu"
        processors = LogitsProcessorList()
        if contrast is not None and context_weight > 0:
            ids, mask, _ = _left_padded([self._budget(ids, max_new_tokens) for ids in contrast], pad)
            processors.append(ContextAwareDecoding(self.model, ids.to(device), mask.to(device), context_weight))
        clock = _StepClock(cancel)
        start = time.perf_counter()
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids.to(device),
                attention_mask=attention.to(device),
                max_new_tokens=max_new_tokens,
                do_sample=not greedy,
                pad_token_id=pad,
                eos_token_id=self.eos_ids,
                stopping_criteria=StoppingCriteriaList([clock, _StopText(self.tokenizer, stop, width)] if stop else [clock]),
                streamer=streamer,
                logits_processor=processors,
            )
        end = time.perf_counter()
        new = output[:, width:].tolist()
        results = []
        for ids, row in zip(batch, new, strict=True):
            cut, stopped = len(row), "length"
            for j, tok in enumerate(row):
                if tok in self.eos_ids:
                    cut, stopped = j, "eos"
                    break
            if stop:
                cut, stopped = self._stop_cut(row, cut, stopped, stop)
            if cancel is not None and cancel.is_set() and stopped not in ("eos", "stop"):
                stopped = "cancelled"
            # Token j of this row was produced at clock step j (the hook runs once per step).
            last = clock.times[min(max(cut, 1), len(clock.times)) - 1] if clock.times else end
            text = self.tokenizer.decode(row[:cut], skip_special_tokens=True)
            if stopped == "stop":
                text = text[: stop_at(text, stop)]
            text = text.strip()
            results.append(
                Generation(
                    text=text,
                    prompt_tokens=len(ids),
                    completion_tokens=cut + (1 if stopped == "eos" else 0),
                    ttft_s=(clock.times[0] if clock.times else end) - start,
                    total_s=last - start,
                    stopped=stopped,
                )
            )
        return results

    def _stop_cut(self, row: list[int], cut: int, stopped: str, stop: Sequence[str]) -> tuple[int, str]:
        """(tokens through the one that completes the first stop string, "stop"), or (cut, stopped) unchanged."""
        for j in range(cut):
            if stop_at(self.tokenizer.decode(row[: j + 1], skip_special_tokens=True), stop) >= 0:
                return j + 1, "stop"
        return cut, stopped

    def stream(
        self, messages: Prompt, max_new_tokens: int = 256, cancel: threading.Event | None = None,
        stop: Sequence[str] = (), contrast: Prompt | None = None, context_weight: float = 0.0,
    ) -> Iterator[str | Generation]:
        """Yield text pieces as they are generated, then the finished Generation (with timings); with `stop`, the
        pieces end where the answer does (before the first stop string), as the Generation's text does.
        contrast, context_weight: the prompt without its passages, for context-aware decoding (as generate)."""
        from transformers import TextIteratorStreamer

        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancel = cancel or threading.Event()
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                against = [self.encode(contrast)] if contrast is not None and context_weight > 0 else None
                box["result"] = self._run([self.encode(messages)], max_new_tokens, True, cancel, streamer, stop,
                                          against, context_weight)[0]
            except BaseException as e:  # surfaced in the caller's thread below
                box["error"] = e
                streamer.end()

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        finished = False
        text, sent, ended = "", 0, False  # the answer so far; how much of it went out; a stop string reached
        try:
            for piece in streamer:
                if stop:
                    if ended:
                        continue
                    text += piece
                    cut = stop_at(text, stop)
                    if cut >= 0:
                        end, ended = cut, True
                    else:  # hold back an end that may be the start of a stop string the next piece completes
                        end = len(text) - _stop_prefix(text, stop)
                    piece, sent = text[sent:end], max(sent, end)
                if piece:
                    yield piece
            if stop and not ended and text[sent:]:
                yield text[sent:]  # the held-back end never became a stop string
            finished = True
        finally:
            # Cancel only when the caller stopped reading early; a finished stream is not "cancelled".
            if not finished and thread.is_alive():
                cancel.set()
            thread.join()
        if "error" in box:
            raise box["error"]
        yield box["result"]
