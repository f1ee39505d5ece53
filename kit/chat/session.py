"""The chat session: multi-turn history through the chat template, retrieval, fitting the prompt into the
model's context, /retry, /save, /stats and /compare.

No terminal code here (kit/chat/terminal.py reads input and renders); every slash command is a method, so
the same session serves the interactive chat, `chatkit ask` and the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kit.chat.backend import ChatBackend
from kit.errors import ChatkitError
from kit.prompts import build_messages, format_passage
from kit.runfolder import write_atomic

MAX_K = 50


@dataclass
class Source:
    """One retrieved passage placed in the prompt."""

    id: str
    score: float
    text: str
    rank: int


@dataclass
class Prepared:
    """A question fitted into the context: the messages to send and what had to give way."""

    question: str  # trimmed when it alone overflowed the context
    messages: list[dict[str, str]] | str  # a str: the worked-examples completion prompt (--shots, base + RAG)
    sources: list[Source]
    context_start: int  # index of the first history message still in the prompt
    rag: bool
    notices: list[str] = field(default_factory=list)
    stop: tuple[str, ...] = ()  # where the answer ends (a line break after a completion prompt)
    contrast: list[dict[str, str]] | str | None = None  # the prompt without its passages (--context-weight)
    waited_s: float = 0.0  # retrieval seconds, counted in an extractive answer's times (it has no prompt to run)


@dataclass
class Turn:
    """One answered (or stopped) question with its timings and cost."""

    question: str
    answer: str
    generation: Any  # kit.generate.local.Generation
    sources: list[Source]
    cost: float | None
    rag: bool
    arm: str = "chat"

    @property
    def stopped(self) -> bool:
        return self.generation.stopped == "cancelled"


class ChatSession:
    """A conversation with one backend; holds the history, the RAG switch and the per-turn figures."""

    def __init__(
        self, backend: ChatBackend, max_new_tokens: int = 256, rag: bool | None = None, k: int | None = None,
        shots: int = 0,
        context_weight: float = 0.0,
    ):
        self.backend = backend
        self.gen = backend.generator
        self.notices: list[str] = list(backend.notes)
        self.extractive = backend.extractive
        half = max(self.gen.max_context // 2, 1) if not self.extractive else max_new_tokens
        if max_new_tokens > half:
            self.notices.append(
                f"max new tokens lowered to {half} (half of the model's {self.gen.max_context}-token context)"
            )
        self.max_new_tokens = min(max_new_tokens, half)
        self.system_prompt = backend.system_prompt
        self.rag_on = False
        self.set_rag(backend.index is not None if rag is None else rag)
        self.k = backend.rag.top_k
        if k is not None:
            self.set_k(k)
        self.history: list[dict[str, str]] = []  # the whole conversation, user/assistant pairs
        self.context_start = 0  # history before this index no longer fits the context
        self.turns: list[Turn] = []
        self.last_sources: list[Source] = []
        self.pending: str | None = None  # the question of a stopped answer, for /retry
        self.shots = self._pick_shots(shots)
        self.context_weight = self._check_context_weight(context_weight)

    def _pick_shots(self, count: int) -> list[Any]:
        """Worked examples for the base model's RAG answers (compare's generation.shots), from the index."""
        if not count:
            return []
        from kit.generate.local import LocalGenerator
        from kit.rag.shots import pick_shots

        if not isinstance(self.gen, LocalGenerator):
            raise ChatkitError("--shots is for a local base model (a plain completion prompt)", "drop --shots")
        if self.backend.index is None:
            raise ChatkitError("--shots needs an index: its examples are mined pairs from it", "add --index DIR")
        shots = pick_shots(self.backend.index.passages, count)
        if len(shots) < count:
            self.notices.append(f"{len(shots)} of {count} worked examples found in the index")
        return shots

    def _check_context_weight(self, weight: float) -> float:
        """Context-aware decoding (compare's generation.context_weight) needs a local model and an index."""
        if not weight:
            return 0.0
        from kit.generate.local import LocalGenerator

        if not isinstance(self.gen, LocalGenerator):
            raise ChatkitError("--context-weight is for a local model (it needs the token probabilities)",
                               "drop --context-weight")
        if self.backend.index is None:
            raise ChatkitError("--context-weight needs an index: it weighs the retrieved passages", "add --index DIR")
        return weight

    # -- settings (slash commands) ------------------------------------------------------------------

    def set_rag(self, on: bool) -> None:
        if not on and self.extractive:
            raise ChatkitError("an extractive answer is a sentence of a retrieved passage: RAG stays on",
                               "to chat without retrieval, start without --extractive")
        if on and self.backend.index is None:
            raise ChatkitError("no index loaded, so RAG cannot be on", "start with --index DIR (or --run RUN)")
        self.rag_on = on

    def set_k(self, k: int) -> None:
        if not 1 <= k <= MAX_K:
            raise ChatkitError(f"/k must be between 1 and {MAX_K} (got {k})")
        self.k = k

    def set_system(self, text: str) -> None:
        if self.extractive:
            raise ChatkitError("extractive answers run no model, so there is no system prompt to change")
        if not text.strip():
            raise ChatkitError("/system needs the new prompt: /system Eres el asistente de ...")
        self.system_prompt = text.strip()

    def reset(self) -> None:
        """Forget the conversation (settings and /stats figures stay)."""
        self.history, self.context_start, self.last_sources, self.pending = [], 0, [], None

    def retry(self) -> str:
        """Drop the last answer and return its question, to be asked again."""
        if self.pending is not None:
            return self.pending
        if not self.history:
            raise ChatkitError("nothing to retry yet: ask something first")
        question = self.history[-2]["content"]
        del self.history[-2:]
        self.context_start = min(self.context_start, len(self.history))
        return question

    # -- answering -----------------------------------------------------------------------------------

    def retrieve(self, question: str, k: int) -> list[Source]:
        hits = self.backend.index.search(question, k=k, mode=self.backend.rag.mode)
        return [Source(str(h.id), float(h.score), h.text, int(getattr(h, "rank", i + 1))) for i, h in enumerate(hits)]

    def prepare(
        self, question: str, rag: bool | None = None, history_end: int | None = None, tuned: bool | None = None
    ) -> Prepared:
        """Fit system prompt, passages, history and the question into max_context - max_new_tokens.

        What gives way, in order: an overlong question is cut, passages past the context budget are
        dropped, then the oldest turns leave the prompt (each with a notice). With worked examples (--shots) the
        base model's RAG prompt is compare's completion layout instead of the chat template (tuned: the adapter
        answers, in the chat layout it was trained on; default: whether one is loaded).
        """
        rag = self.rag_on if rag is None else rag
        if self.extractive:
            return self._prepare_extractive(question, history_end)
        tuned = self.backend.adapter is not None if tuned is None else tuned
        shots = self.shots if rag and not tuned else []
        if shots:
            from kit.rag.shots import shots_prompt
        tok = self.gen.tokenizer
        room = self.gen.max_context - self.max_new_tokens
        notices: list[str] = []
        fixed = len(self.gen.encode(build_messages(self.system_prompt, "")))
        budget = room - fixed
        if budget < 1:
            raise ChatkitError(
                f"the system prompt alone fills the model's {self.gen.max_context}-token context",
                "shorten it with /system",
            )
        ids = tok(question, add_special_tokens=False)["input_ids"]
        if len(ids) > budget:
            question = tok.decode(ids[:budget], skip_special_tokens=True).rstrip("\ufffd").strip()
            notices.append(f"input trimmed to {budget} tokens (it had {len(ids)}; the context holds {room})")

        sources = self._fit_sources(question, rag, room, notices)
        passages = [(s.id, s.text) for s in sources]
        end = len(self.history) if history_end is None else history_end
        start = min(self.context_start, end)
        while True:
            history = self.history[start:end]
            messages: list[dict[str, str]] | str = (
                shots_prompt(shots, question, passages, history) if shots
                else build_messages(self.system_prompt, question, passages, history)
            )
            if start >= end or len(self.gen.encode(messages)) <= room:
                break
            start += 2  # drop the oldest user/assistant pair
        dropped = (start - min(self.context_start, end)) // 2
        if dropped:
            notices.append(
                f"history trimmed: {dropped} earlier turn(s) left the prompt to fit the "
                f"{self.gen.max_context}-token context"
            )
        contrast = None
        if self.context_weight and passages:  # the same prompt without the passages (base or tuned)
            contrast = (shots_prompt(shots, question, [], history) if shots
                        else build_messages(self.system_prompt, question, (), history))
        return Prepared(question, messages, sources, start, rag, notices, ("\n",) if shots else (), contrast)

    def _prepare_extractive(self, question: str, history_end: int | None) -> Prepared:
        """The question and the passage the answer comes from: compare's extractive arm searches top_k and
        answers from the first hit (the history plays no part: each question is answered alone)."""
        t0 = time.perf_counter()
        sources = self.retrieve(question, self.k)[:1]
        end = len(self.history) if history_end is None else history_end
        return Prepared(question, "", sources, min(self.context_start, end), True, waited_s=time.perf_counter() - t0)

    def _fit_sources(self, question: str, rag: bool, room: int, notices: list[str]) -> list[Source]:
        if not rag:
            return []
        found = self.retrieve(question, self.k)
        sources: list[Source] = []
        used = 0
        for s in found:  # the index's context budget first (rag.context_tokens) ...
            used += self.gen.count_tokens(format_passage(s.id, s.text)) + 1
            if used > self.backend.rag.context_tokens:
                break
            sources.append(s)
        while sources:  # ... then what the model's context leaves for them
            prompt = build_messages(self.system_prompt, question, [(s.id, s.text) for s in sources])
            if len(self.gen.encode(prompt)) <= room:
                break
            sources.pop()
        if len(sources) < len(found):
            notices.append(f"{len(found) - len(sources)} of {len(found)} passages left out to fit the context")
        return sources

    def stream(
        self,
        prepared: Prepared,
        cancel: threading.Event | None = None,
        arm: str = "chat",
        record: bool = True,
        tuned: bool | None = None,
    ) -> Iterator[str | Turn]:
        """Yield answer text as it is generated, then the Turn; a finished answer joins the history."""
        final = None
        stop: dict[str, Any] = {"stop": prepared.stop} if prepared.stop else {}
        if prepared.contrast is not None:
            stop.update(contrast=prepared.contrast, context_weight=self.context_weight)
        if self.extractive:  # the whole answer at once
            final = self.gen.answer(prepared.question, [s.text for s in prepared.sources], self.max_new_tokens,
                                    waited_s=prepared.waited_s)
            if final.text:
                yield final.text
        else:
            for item in self.gen.stream(prepared.messages, self.max_new_tokens, _Linked(cancel), **stop):
                if isinstance(item, str):
                    yield item
                else:
                    final = item
        if final.stopped == "cancelled" and not (cancel is not None and cancel.is_set()):
            final.stopped = "length"  # see _Linked: the generator's own cleanup set it, not the user
        tuned = self.backend.adapter is not None if tuned is None else tuned
        question_tokens = self.gen.count_tokens(prepared.question) if prepared.rag else 0
        cost = self.backend.pricing.cost(final, fine_tuned=tuned, retrieves=prepared.rag, query_tokens=question_tokens,
                                         generates=not self.extractive)
        turn = Turn(prepared.question, final.text, final, prepared.sources, cost, prepared.rag, arm)
        if record:
            self.turns.append(turn)
            self.last_sources = prepared.sources
            if turn.stopped:
                self.pending = prepared.question  # a cut answer is not kept: /retry asks again
            else:
                self.history += [
                    {"role": "user", "content": prepared.question},
                    {"role": "assistant", "content": final.text},
                ]
                self.context_start, self.pending = prepared.context_start, None
        yield turn

    def ask(self, question: str, cancel: threading.Event | None = None) -> Turn:
        """Answer without streaming (the last item of stream())."""
        prepared = self.prepare(question)
        return list(self.stream(prepared, cancel))[-1]

    # -- /compare --------------------------------------------------------------------------------------

    def arms(self) -> list[tuple[str, bool, bool]]:
        """(name, with adapter, with RAG) for each way this backend can answer."""
        if self.extractive:
            return [("extractive", False, True)]
        arms = [("base", False, False)]
        if self.backend.adapter:
            arms.append(("tuned", True, False))
        if self.backend.index is not None:
            arms.append(("base+RAG", False, True))
            if self.backend.adapter:
                arms.append(("tuned+RAG", True, True))
        return arms

    def compare(self, question: str | None = None, cancel: threading.Event | None = None) -> Iterator[Turn]:
        """The same question to every arm (history as it stands); nothing joins the history."""
        end = len(self.history)
        if not question:
            if not self.history:
                raise ChatkitError("/compare needs a question: /compare ¿Cuánto tarda un reembolso?")
            question, end = self.history[-2]["content"], end - 2  # the last question, as it was asked
        for name, tuned, rag in self.arms():
            if cancel is not None and cancel.is_set():
                return
            prepared = self.prepare(question, rag=rag, history_end=end, tuned=tuned)
            with contextlib.nullcontext() if tuned else self.backend.base_model():
                turn = list(self.stream(prepared, cancel, arm=name, record=False, tuned=tuned))[-1]
            yield turn

    # -- /save, /stats -------------------------------------------------------------------------------

    def conversation(self) -> dict[str, Any]:
        """The conversation as a chatkit/OpenAI messages record (system prompt without passages)."""
        messages = [{"role": "system", "content": self.system_prompt}, *self.history]
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        digest = hashlib.sha256(json.dumps(messages, ensure_ascii=False).encode("utf-8")).hexdigest()[:10]
        meta = {
            "source": "chatkit chat",
            "model": self.backend.model_name,
            "adapter": self.backend.adapter,
            "rag": self.rag_on,
            "created_at": created,
        }
        return {"id": f"chat-{digest}", "messages": messages, "meta": meta}

    def save(self, path: str | Path) -> int:
        """Append the conversation as one JSONL line (UTF-8, atomic rewrite); returns the turns saved."""
        if not self.history:
            raise ChatkitError("nothing to save yet: ask something first")
        path = Path(path).expanduser()
        if path.is_dir():
            raise ChatkitError(f"/save {path}: is a folder, expected a .jsonl file")
        try:
            before = path.read_bytes() if path.exists() else b""
        except OSError as e:
            raise ChatkitError(f"/save {path}: cannot read it ({e.strerror})") from None
        if before and not before.endswith(b"\n"):
            before += b"\n"
        line = json.dumps(self.conversation(), ensure_ascii=False) + "\n"
        try:
            write_atomic(path, before + line.encode("utf-8"))
        except OSError as e:
            raise ChatkitError(f"/save {path}: cannot write there ({e.strerror})") from None
        return len(self.history) // 2

    def stats(self) -> dict[str, Any]:
        """Session figures for /stats (all turns, stopped ones included)."""
        gens = [t.generation for t in self.turns]
        costs = [t.cost for t in self.turns]
        rates = [g.tokens_per_s for g in gens if g.tokens_per_s > 0]
        return {
            "model": self.backend.model_name,
            "adapter": self.backend.adapter,
            "index": self.backend.index_dir,
            "rag": self.rag_on,
            "k": self.k,
            "turns": len(self.turns),
            "stopped": sum(t.stopped for t in self.turns),
            "history_turns": len(self.history) // 2,
            "turns_in_context": (len(self.history) - self.context_start) // 2,
            "max_context": self.gen.max_context,
            "max_new_tokens": self.max_new_tokens,
            "prompt_tokens": sum(g.prompt_tokens for g in gens),
            "completion_tokens": sum(g.completion_tokens for g in gens),
            "ttft_p50_ms": round(statistics.median(g.ttft_s for g in gens) * 1000, 1) if gens else None,
            "tokens_per_s": round(statistics.mean(rates), 1) if rates else None,
            "generation_s": round(sum(g.total_s for g in gens), 2),
            "cost": sum(costs) if costs and all(c is not None for c in costs) else None,
        }


class _Linked(threading.Event):
    """Set when the caller's Event is set. LocalGenerator.stream also sets the Event it gets while its
    thread winds down after the last token; that must neither reach the caller's Event (it would stop
    the next /compare arm) nor label a finished answer "cancelled"."""

    def __init__(self, outer: threading.Event | None):
        super().__init__()
        self.outer = outer

    def is_set(self) -> bool:
        return super().is_set() or (self.outer is not None and self.outer.is_set())

