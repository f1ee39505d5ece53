"""Continuous batching of concurrent chat requests on one LocalGenerator.

One worker thread owns the model and decodes every running request together, one token per step
(kit.serve.decode.Decoder: one KV cache whose rows join and leave between steps). Requests wait in a bounded
queue and join the running batch as rows free up (up to `max_batch` rows), so a short answer's row is reused at
once instead of idling until the batch's longest answer ends. Prompts are prefilled left padded with the chat
template LocalGenerator uses, and greedy rows take the argmax, so a greedy answer is the one LocalGenerator
gives. Each row stops on its own: end of turn, its own max_tokens, a stop string, or its client gone.
A row's text goes to its client at most every `stream_interval_s` (the first text and the end at once): under
load the event loop then handles a few larger stream events per answer instead of one per token.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kit.generate.local import stop_at

# ("delta", text) | ("done", Job) | ("error", message) | ("unavailable", message), from the worker thread
Emit = Callable[[str, Any], None]


class QueueFull(Exception):
    """More requests are waiting than the queue holds (HTTP 429)."""


class Stopped(Exception):
    """The batcher is shut down (HTTP 503)."""


@dataclass
class Job:
    ids: list[int]  # the prompt's token ids (chat template applied), already fitted to the context
    max_tokens: int
    emit: Emit
    temperature: float = 0.0
    stop: list[str] = field(default_factory=list)
    cancel: threading.Event = field(default_factory=threading.Event)
    # filled by the worker
    tokens: list[int] = field(default_factory=list)
    text: str = ""  # the answer so far, as sent to the client
    answer: str = ""  # the whole answer once finished (what LocalGenerator would return)
    finish: str | None = None  # stop | length | cancelled
    completion_tokens: int = 0
    submitted: float = field(default_factory=time.perf_counter)
    started: float | None = None
    first: float | None = None
    sent: float | None = None  # when text last went to the client
    ended: float | None = None
    batch: int = 0  # rows running when it joined (itself included)
    query_tokens: int = 0  # the question's tokens when the server retrieved for it (priced as compare prices)
    prompt: Any = None  # for WholeBatcher: the prompt itself (chat messages, or a completion prompt str)
    contrast: Any = None  # for WholeBatcher: the prompt without its passages (context-aware decoding)


class Batcher:
    """Owns the generator; `submit` from any thread, results come back through each job's `emit`.

    Each join costs a prefill forward, so with many rows running the waiting requests join a few at a time (a
    quarter as many as are running, or every free row) or once the oldest has waited `gather_s`; with few or
    none running a request joins at once.
    """

    def __init__(self, generator: Any, max_batch: int = 16, max_queue: int = 64, gather_s: float = 0.02,
                 prefix_cache: bool = True, stream_interval_s: float = 0.02):
        self.gen = generator
        self.stream_interval_s = stream_interval_s
        self.prefix_cache = prefix_cache
        self.gather_s = gather_s
        self.max_batch = max_batch
        self.max_queue = max_queue
        self.waiting: deque[Job] = deque()
        self.running = 0
        self.served = 0
        self._cond = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="chatkit-batcher", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        with self._cond:
            if self._stopped:
                raise Stopped()
            if len(self.waiting) >= self.max_queue:
                raise QueueFull()
            self.waiting.append(job)
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._stopped = True
            for job in self.waiting:
                job.emit("unavailable", "server shutting down")
            self.waiting.clear()
            self._cond.notify_all()
        self._thread.join(timeout=30)

    def _take(self, running: int) -> list[Job] | None:
        """Jobs to join the running rows now ([] for none yet); None once stopped with nothing running."""
        with self._cond:
            self.running = running
            while not self.waiting and not running and not self._stopped:
                self._cond.wait()
            if self._stopped and not running:
                return None
            free = self.max_batch - running
            if not self.waiting or free <= 0 or self._stopped:
                return []
            # Each join costs a prefill forward: with many rows running, wait for a few joiners (or gather_s).
            need = min(free, max(1, running // 4))
            if len(self.waiting) < need and time.perf_counter() - self.waiting[0].submitted < self.gather_s:
                return []
            jobs = [self.waiting.popleft() for _ in range(min(free, len(self.waiting)))]
            self.running = running + len(jobs)
            return jobs

    def _loop(self) -> None:
        from kit.serve.decode import Decoder

        gen = self.gen
        def fresh() -> Decoder:
            return Decoder(gen.model, gen.tokenizer.pad_token_id, min_prefix=16 if self.prefix_cache else 0)

        dec = fresh()
        eos = set(gen.eos_ids)
        while True:
            jobs = self._take(len(dec))
            if jobs is None:
                return
            try:
                live = [j for j in jobs if not self._dropped(j)]
                if live:
                    now = time.perf_counter()
                    tokens = dec.add(live, [j.ids for j in live], [j.temperature for j in live])
                    for job in live:
                        job.started, job.batch = now, len(dec)
                    self._accept(dec, live, tokens, eos, start=len(dec) - len(live))
                if len(dec):
                    self._accept(dec, dec.rows, dec.step(), eos, start=0)
            except Exception as e:  # a model failure answers these requests with 500 and keeps serving
                failed = {id(j): j for j in [*dec.rows, *jobs] if j.finish is None}
                for job in failed.values():
                    job.emit("error", f"generation failed ({type(e).__name__})")
                with self._cond:
                    self.served += len(failed)
                    self.running = 0
                dec = fresh()

    def _dropped(self, job: Job) -> bool:
        if not job.cancel.is_set():
            return False
        job.finish = "cancelled"
        job.emit("done", job)
        with self._cond:
            self.served += 1
            self.running -= 1
        return True

    def _accept(self, dec: Any, rows: list[Job], tokens: list[int], eos: set[int], start: int) -> None:
        """Give each row its new token; rows that finished leave the decoder."""
        now = time.perf_counter()
        done = 0
        finished = set()
        for i, (job, token) in enumerate(zip(rows, tokens, strict=True)):
            if _Text.put(self.gen.tokenizer, job, token, eos, now, self.stream_interval_s):
                finished.add(start + i)
                done += 1
        if done:
            dec.keep([i for i in range(len(dec)) if i not in finished])
            with self._cond:
                self.served += done
                self.running = len(dec)


class WholeBatcher(Batcher):
    """Answers the waiting requests together with LocalGenerator.generate, the path compare's arms take, for what
    continuous batching does not decode: context-aware decoding (a second, contrast prompt per row) and the
    worked-examples completion prompt served with it. So an answer is the one compare's arm gives. Requests
    with the same max_tokens, stop strings and temperature share one batch; each answer goes out whole when its
    batch ends (a streamed answer arrives as one piece)."""

    def __init__(self, generator: Any, context_weight: float = 0.0, **kwargs: Any):
        self.context_weight = context_weight
        super().__init__(generator, **kwargs)

    def _loop(self) -> None:
        while True:
            jobs = self._take(0)
            if jobs is None:
                return
            groups: dict[tuple, list[Job]] = {}
            for job in jobs:
                if not self._dropped(job):
                    key = (job.max_tokens, tuple(job.stop), job.temperature > 0, job.contrast is not None)
                    groups.setdefault(key, []).append(job)
            for (limit, stop, sampled, contrasted), group in groups.items():
                self._answer(group, limit, list(stop), sampled, contrasted)

    def _answer(self, group: list[Job], limit: int, stop: list[str], sampled: bool, contrasted: bool) -> None:
        now = time.perf_counter()
        for job in group:
            job.started, job.batch = now, len(group)
        contrast = [j.contrast for j in group] if contrasted and self.context_weight else None
        try:
            gens = self.gen.generate([j.prompt for j in group], max_new_tokens=limit, batch_size=len(group),
                                     greedy=not sampled, stop=stop, contrast=contrast,
                                     context_weight=self.context_weight if contrast else 0.0)
        except Exception as e:  # a model failure answers these requests with 500 and keeps serving
            for job in group:
                job.emit("error", f"generation failed ({type(e).__name__})")
        else:
            for job, g in zip(group, gens, strict=True):
                job.first, job.ended = now + g.ttft_s, now + g.total_s
                job.answer = job.text = g.text
                job.completion_tokens = g.completion_tokens
                job.finish = "length" if g.stopped == "length" else "stop"
                if g.text:
                    job.emit("delta", g.text)
                job.emit("done", job)
        with self._cond:
            self.served += len(group)
            self.running -= len(group)


class _Text:
    """One row's answer text: decodes its tokens, holds back what may still change, sees stop strings."""

    @staticmethod
    def put(tok: Any, job: Job, token: int, eos: set[int], now: float, interval: float) -> bool:
        """Take the row's new token; True when the row is finished (and its "done" was emitted). Text is sent
        at most once per `interval` seconds per row (the first text and the end at once)."""
        if job.first is None:
            job.first = now
        if job.cancel.is_set():
            return _Text.finish(tok, job, "cancelled")
        if token in eos:
            job.completion_tokens = len(job.tokens) + 1  # the end-of-turn token counts, as LocalGenerator's
            return _Text.finish(tok, job, "stop")
        job.tokens.append(token)
        job.completion_tokens = len(job.tokens)
        if not job.stop and len(job.tokens) < job.max_tokens and job.sent is not None and now - job.sent < interval:
            return False  # the text goes out with a later token (or the last): fewer, larger stream events
        text = tok.decode(job.tokens, skip_special_tokens=True)
        cut = stop_at(text, job.stop)
        if cut >= 0:
            return _Text.finish(tok, job, "stop", text[:cut])
        if len(job.tokens) >= job.max_tokens:
            return _Text.finish(tok, job, "length", text)
        if _Text.send(job, text, final=False):
            job.sent = now
        return False

    @staticmethod
    def send(job: Job, text: str, final: bool) -> bool:
        """Send the part of `text` not sent yet; while running, hold back what may still change (trailing
        space, a split UTF-8 character, the start of a stop string)."""
        text = text.strip() if final else text.lstrip()
        if not final:
            text = text.rstrip().rstrip("\ufffd")
            longest = max((len(s) for s in job.stop), default=0)
            if longest > 1:
                text = text[: max(len(text) - (longest - 1), 0)]
        if text.startswith(job.text) and len(text) > len(job.text):
            job.emit("delta", text[len(job.text) :])
            job.text = text
            return True
        return False

    @staticmethod
    def finish(tok: Any, job: Job, reason: str, text: str | None = None) -> bool:
        job.answer = (tok.decode(job.tokens, skip_special_tokens=True) if text is None else text).strip()
        _Text.send(job, job.answer, final=True)
        job.finish = reason
        job.ended = time.perf_counter()
        job.emit("done", job)
        return True

