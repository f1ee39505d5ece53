"""Dynamic batching of concurrent chat requests on one LocalGenerator.

One worker thread owns the model. Requests wait in a bounded queue; whenever the model is free the worker
takes every waiting request with the same sampling settings (up to `max_batch`) and decodes them together,
left padded, exactly as LocalGenerator does (same chat template, generate() call and eos ids, so a greedy
answer is the one LocalGenerator gives). Each row stops on its own: end of turn, its own max_tokens, a
stop string, or its client gone; the batch ends when every row has. New requests wait for the next batch
(dynamic, not continuous batching: transformers' generate() cannot take rows in mid-flight).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
    ended: float | None = None
    batch: int = 0  # rows in the batch it ran in


class Batcher:
    """Owns the generator; `submit` from any thread, results come back through each job's `emit`."""

    def __init__(self, generator: Any, max_batch: int = 16, max_queue: int = 64, gather_s: float = 0.02):
        self.gen = generator
        self.gather_s = gather_s
        self._recent: deque[int] = deque(maxlen=8)  # sizes of the last batches
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

    def _take(self) -> list[Job]:
        """The next batch: every waiting job with the first one's sampling settings (up to max_batch).

        Clients whose answers just finished send their next question a few milliseconds later; starting
        the batch at once would leave them for the batch after, and batches would alternate between a few
        rows and the rest. So when recent batches were larger than what is waiting now, wait up to
        `gather_s` for the rest to arrive (never with a single client: its recent batches are all 1).
        """
        with self._cond:
            while not self.waiting and not self._stopped:
                self._cond.wait()
            if self._stopped:
                return []
            batch = [self.waiting.popleft()]
            self._fill(batch)
            target = min(self.max_batch, max(self._recent, default=1))
            deadline = time.perf_counter() + self.gather_s
            while len(batch) < target and not self._stopped:
                left = deadline - time.perf_counter()
                if left <= 0:
                    break
                self._cond.wait(left)
                self._fill(batch)
            self._recent.append(len(batch))
            self.running = len(batch)
            return batch

    def _fill(self, batch: list[Job]) -> None:
        keep: deque[Job] = deque()
        while self.waiting and len(batch) < self.max_batch:
            job = self.waiting.popleft()
            (batch if job.temperature == batch[0].temperature else keep).append(job)
        self.waiting.extendleft(reversed(keep))

    def _loop(self) -> None:
        while True:
            batch = self._take()
            if not batch:
                return
            live = [j for j in batch if not j.cancel.is_set()]
            for job in batch:
                if job.cancel.is_set():
                    job.finish = "cancelled"
                    job.emit("done", job)
            try:
                if live:
                    self._run(live)
            except Exception as e:  # a model failure answers these requests with 500 and keeps serving
                for job in live:
                    if job.finish is None:
                        job.emit("error", f"generation failed ({type(e).__name__})")
            finally:
                with self._cond:
                    self.running = 0
                    self.served += len(batch)

    def _run(self, jobs: list[Job]) -> None:
        import torch
        from transformers import StoppingCriteriaList

        gen = self.gen
        pad = gen.tokenizer.pad_token_id
        width = max(len(j.ids) for j in jobs)
        input_ids = torch.tensor([[pad] * (width - len(j.ids)) + j.ids for j in jobs])
        attention = torch.tensor([[0] * (width - len(j.ids)) + [1] * len(j.ids) for j in jobs])
        rows = _Rows(jobs, gen.tokenizer, set(gen.eos_ids))
        temperature = jobs[0].temperature
        sampling = {"do_sample": True, "temperature": temperature} if temperature > 0 else {"do_sample": False}
        device = getattr(gen.model, "device", None) or "cpu"
        now = time.perf_counter()
        for job in jobs:
            job.started, job.batch = now, len(jobs)
        with torch.inference_mode():
            gen.model.generate(
                input_ids=input_ids.to(device),
                attention_mask=attention.to(device),
                max_new_tokens=max(j.max_tokens for j in jobs),
                pad_token_id=pad,
                eos_token_id=gen.eos_ids,
                stopping_criteria=StoppingCriteriaList([rows]),
                streamer=rows,
                **sampling,
            )
        rows.finish_all()


class _Rows:
    """Streamer and stopping criterion at once: gets each step's new token of every row, decodes it into
    that row's text, and tells generate() which rows are finished."""

    def __init__(self, jobs: list[Job], tokenizer: Any, eos: set[int]):
        self.jobs = jobs
        self.tok = tokenizer
        self.eos = eos
        self.prompt_seen = False
        self.longest_stop = max((len(s) for j in jobs for s in j.stop), default=0)

    # -- streamer interface (transformers BaseStreamer) ---------------------------------------------
    def put(self, value: Any) -> None:
        if not self.prompt_seen:  # generate() first hands over the prompt ids
            self.prompt_seen = True
            return
        now = time.perf_counter()
        for job, token in zip(self.jobs, value.reshape(-1).tolist(), strict=True):
            if job.finish is not None:
                continue
            if job.first is None:
                job.first = now
            if job.cancel.is_set():
                self._finish(job, "cancelled")
                continue
            if token in self.eos:
                job.completion_tokens = len(job.tokens) + 1  # the end-of-turn token counts, as LocalGenerator's
                self._finish(job, "stop")
                continue
            job.tokens.append(token)
            job.completion_tokens = len(job.tokens)
            text = self._text(job)
            cut = _stop_at(text, job.stop)
            if cut is not None:
                self._finish(job, "stop", text[:cut])
                continue
            if len(job.tokens) >= job.max_tokens:
                self._finish(job, "length")
                continue
            self._send(job, text, final=False)

    def end(self) -> None:
        pass

    # -- stopping criterion ---------------------------------------------------------------------------
    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        done = [j.finish is not None or j.cancel.is_set() for j in self.jobs]
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    # -- text ----------------------------------------------------------------------------------------
    def _text(self, job: Job) -> str:
        return self.tok.decode(job.tokens, skip_special_tokens=True)

    def _send(self, job: Job, text: str, final: bool) -> None:
        """Send the part of `text` not sent yet; while running, hold back what may still change (trailing
        space, a split UTF-8 character, the start of a stop string)."""
        text = text.strip() if final else text.lstrip()
        if not final:
            text = text.rstrip().rstrip("\ufffd")
            if self.longest_stop > 1:
                text = text[: max(len(text) - (self.longest_stop - 1), 0)]
        if text.startswith(job.text) and len(text) > len(job.text):
            job.emit("delta", text[len(job.text) :])
            job.text = text

    def _finish(self, job: Job, reason: str, text: str | None = None) -> None:
        job.answer = (self._text(job) if text is None else text).strip()
        self._send(job, job.answer, final=True)
        job.finish = reason
        job.ended = time.perf_counter()
        job.emit("done", job)

    def finish_all(self) -> None:
        for job in self.jobs:  # rows cut by the batch's max_new_tokens (another row's longer budget)
            if job.finish is None:
                self._finish(job, "cancelled" if job.cancel.is_set() else "length")


def _stop_at(text: str, stops: list[str]) -> int | None:
    found = [text.find(s) for s in stops if s and s in text]
    return min(found) if found else None
