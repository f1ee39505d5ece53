"""Pieces of pass 2: training examples, token counts, mined Q->A passages, held-out eval items, the
datasets DatasetDict, and publishing the outputs atomically."""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from kit.data.schema import Conversation, Message, Passage

# Every example carries the same meta keys (None when unknown) so the Arrow schema is fixed.
EXAMPLE_META = ("conversation_id", "source", "topic", "intents", "customer", "language", "company", "channel",
                "created_at", "turn")
_WORDS = re.compile(r"\w+")
# A customer turn made only of these words is small talk ("ok, muchas gracias"), not a question to mine.
_COURTESY = frozenset(
    "hola buenas buenos buen dia día dias días tardes noches gracias muchas muchisimas muchísimas mil ok okey oki vale "
    "perfecto perfecta genial listo lista excelente entendido entendida muy amable amables sale bueno buena dale "
    "adios adiós hasta luego pronto saludos que tenga igualmente de nada si sí no claro ya esta está eso es todo "
    "nada mas más quedo atento atenta super súper chevere chévere bacano vaya chao chau y usted ustedes le lo la "
    "por favor a todo bien un una el me mi sumerce sumercé gusto placer ayuda eres sol salvaste crack genio "
    "que qué tal una pregunta duda consulta the thanks thank you hi hello bye".split()
)


def example_meta(conv: Conversation, turn: int | None) -> dict[str, Any]:
    m = conv.meta
    intents = m.get("intents", m.get("intent"))
    if isinstance(intents, str):
        intents = [intents]
    elif not isinstance(intents, list):
        intents = []
    text = lambda k: None if m.get(k) in (None, "") else str(m.get(k))  # noqa: E731
    return {
        "conversation_id": conv.id, "source": text("source"), "topic": text("topic"),
        "intents": [str(i) for i in intents], "customer": text("customer"), "language": text("language"),
        "company": text("company"), "channel": text("channel"), "created_at": text("created_at"), "turn": turn,
    }


def examples_of(conv: Conversation, system_prompt: str, mode: str, min_answer_words: int = 6) -> list[dict[str, Any]]:
    """OpenAI-messages examples: the whole conversation, one per assistant turn (context up to it), or
    one per question->answer pair (mode "qa": the customer's question and the agent's answer that states
    the policy, the same pairs `prepare` mines for the KB; a conversation without one gives no example)."""
    head = [{"role": "system", "content": system_prompt}] if system_prompt else []
    meta = example_meta(conv, None)
    if mode == "qa":
        return [{"id": f"{conv.id}#q{i}",
                 "messages": [*head, {"role": "user", "content": q}, {"role": "assistant", "content": a}],
                 "meta": {**meta, "turn": i}} for _, i, q, a in _pairs(conv, min_answer_words)]
    msgs = [m.to_json() for m in conv.messages]
    if mode != "per_turn":
        return [{"id": conv.id, "messages": head + msgs, "meta": meta}]
    out = []
    seen_user = False
    for i, m in enumerate(msgs):
        seen_user = seen_user or m["role"] == "user"
        if m["role"] == "assistant" and seen_user:
            out.append({"id": f"{conv.id}#t{i}", "messages": head + msgs[: i + 1], "meta": {**meta, "turn": i}})
    return out


class TokenCounter:
    """Token lengths with the configured tokenizer (chat template applied), else whitespace words."""

    def __init__(self, tokenizer: str | None):
        self.name = "whitespace"
        self.tok = None
        self.note = ""
        if tokenizer:
            try:
                from transformers import AutoTokenizer

                self.tok = AutoTokenizer.from_pretrained(tokenizer, trust_remote_code=False)
                self.name = tokenizer
            except Exception as e:  # a missing/unloadable tokenizer should not stop data preparation
                self.note = f"tokenizer '{tokenizer}' not loadable ({type(e).__name__}); counted whitespace words"

    @staticmethod
    def describe(tokenizer: str | None) -> str:
        return tokenizer or "whitespace"

    def lengths(self, examples: list[dict[str, Any]]) -> list[int]:
        if self.tok is None:
            return [sum(len(m["content"].split()) for m in ex["messages"]) for ex in examples]
        if getattr(self.tok, "chat_template", None):
            texts = [self.tok.apply_chat_template(ex["messages"], tokenize=False) for ex in examples]
        else:
            texts = ["\n".join(m["content"] for m in ex["messages"]) for ex in examples]
        return [len(ids) for ids in self.tok(texts, add_special_tokens=False)["input_ids"]]


def _norm_key(*parts: str) -> bytes:
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(" ".join(_WORDS.findall(p.casefold())).encode("utf-8", "replace"))
        h.update(b"\x1f")
    return h.digest()


def _asks_back(text: str) -> bool:
    return text.rstrip().endswith("?") and len(text.split()) < 25


def _is_detail(text: str) -> bool:
    """A short reply that only hands over a detail ("es MC-4923174"), not a question of its own."""
    return "?" not in text and len(text.split()) <= 8


SKIP_REASONS = ("short_answer", "asks_back", "small_talk", "goodbye")


def considered_pairs(conv: Conversation, min_answer_words: int) -> tuple[list[tuple[int, int, str, str]], dict[str, int]]:
    """(question index, answer index, question, answer) for each substantive agent answer, and the count of
    the other agent answers that follow a customer turn, by the reason they were skipped (SKIP_REASONS).

    When the agent first asked back for a detail ("¿me da su número de pedido?") and the customer only
    handed it over ("es MC-4923174"), the question is the customer turn before that exchange. The first
    customer turn is a question with or without "?" (helpdesk exports of question/answer rows rarely carry
    one); a later last exchange without "?" is the goodbye.
    """
    out = []
    skipped: dict[str, int] = {}
    msgs = conv.messages
    first_user = next((k for k, m in enumerate(msgs) if m.role == "user"), -1)

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    for i in range(1, len(msgs)):
        q, a = msgs[i - 1], msgs[i]
        if q.role != "user" or a.role != "assistant":
            continue
        words = len(a.content.split())
        if words < min_answer_words:
            skip("short_answer")
            continue
        if _asks_back(a.content):
            skip("asks_back")
            continue
        qi = i - 1
        while (qi >= 2 and _is_detail(msgs[qi].content) and msgs[qi - 1].role == "assistant"
               and _asks_back(msgs[qi - 1].content) and msgs[qi - 2].role == "user"):
            qi -= 2
        question = msgs[qi].content
        q_words = _WORDS.findall(question.casefold())
        # later in a chat a one- or two-word turn is small talk ("ok listo"); a first one is a subject ("check invoice")
        if all(w in _COURTESY for w in q_words) or (len(q_words) < 3 and (qi > first_user or q_words[0] in _COURTESY)):
            skip("small_talk")
            continue
        if i == len(msgs) - 1 and qi > first_user and "?" not in question:
            skip("goodbye")  # the last exchange after the real questions, without one ("mil gracias, me salvaste")
            continue
        out.append((qi, i, question, a.content))
    return out, skipped


def _pairs(conv: Conversation, min_answer_words: int) -> list[tuple[int, int, str, str]]:
    return considered_pairs(conv, min_answer_words)[0]


def passage_json(p: Passage) -> dict[str, Any]:
    return {"id": p.id, "text": p.text, "source": p.source, "meta": p.meta}  # asdict() deep-copies: slow


def render_qa(conv: Conversation, min_answer_words: int,
              pairs: list[tuple[int, int, str, str]] | None = None) -> list[tuple[str, str]]:
    """(dedup key, passage JSON) for each question->answer pair worth mining from this conversation.

    Args:
        pairs: `considered_pairs(conv, min_answer_words)[0]` when the caller has it already.
    """
    out = []
    pairs = _pairs(conv, min_answer_words) if pairs is None else pairs
    if not pairs:
        return out
    meta = example_meta(conv, None)
    for _, i, q, a in pairs:
        p = Passage(id=f"qa:{conv.id}#{i}", text=f"Pregunta: {q}\nRespuesta: {a}", source=meta["source"] or "",
                    meta={"kind": "qa", "conversation_id": conv.id, "topic": meta["topic"], "intents": meta["intents"]})
        out.append((_norm_key(q, a).hex(), json.dumps(passage_json(p), ensure_ascii=False)))
    return out


def conversation_of_example(example: dict[str, Any]) -> Conversation:
    """The conversation inside a written example (system prompt dropped, example meta kept)."""
    msgs = [Message(m["role"], m["content"]) for m in example["messages"] if m["role"] != "system"]
    return Conversation(example["meta"]["conversation_id"], msgs, dict(example["meta"]))


def render_eval(conv: Conversation, seed: int, min_answer_words: int) -> tuple[str, str] | None:
    """(seeded rank, EvalItem JSON) for the conversation's most informative answer, if any."""
    pairs = _pairs(conv, min_answer_words)
    if not pairs:
        return None
    qi, i, q, a = max(pairs, key=lambda p: len(p[3]))
    meta = example_meta(conv, i)
    item = {"id": f"test:{conv.id}", "question": q, "reference": a,
            "context": [m.to_json() for m in conv.messages[:qi]], "required_facts": [], "stale_facts": [],
            "kb_ids": [], "meta": {"from": "test", "source": meta["source"], "topic": meta["topic"], "intents": meta["intents"]}}
    rank = hashlib.blake2b(f"{seed}:{conv.id}".encode(), digest_size=8).hexdigest()
    return rank, json.dumps(item, ensure_ascii=False)


class QaMiner:
    """Keeps mined passages from TRAIN conversations only: exact-deduplicated, capped at `limit`."""

    def __init__(self, limit: int):
        self.limit = limit
        self.seen: set[str] = set()
        self.count = 0

    def take(self, key: str) -> str:
        """"taken", or why not: "duplicate" (the same question and answer mined already) or "cap" (data.qa_max)."""
        if key in self.seen:
            return "duplicate"
        if self.count >= self.limit:
            return "cap"
        self.seen.add(key)
        self.count += 1
        return "taken"


class EvalPicker:
    """Up to `limit` held-out items from TEST conversations: the smallest seeded ranks (input-order free)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.heap: list[tuple[str, str]] = []  # max-heap via inverted rank strings
        self.dropped = 0  # items offered but not kept (over data.eval_max)

    def offer(self, rank: str, item_json: str) -> None:
        if self.limit == 0:
            self.dropped += 1
            return
        inverted = rank.translate(_INVERT_HEX)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, (inverted, item_json))
        else:
            self.dropped += 1
            if inverted > self.heap[0][0]:
                heapq.heapreplace(self.heap, (inverted, item_json))

    def items(self) -> list[str]:
        return [j for _, j in sorted(self.heap, reverse=True)]


_INVERT_HEX = str.maketrans("0123456789abcdef", "fedcba9876543210")


def question_key(text: str) -> bytes:
    return _norm_key(text)


def save_dataset(staging: Path, split_files: dict[str, Path]) -> Path:
    """A datasets DatasetDict (train/val/test) from the split JSONL files, saved with save_to_disk."""
    import datasets

    datasets.disable_progress_bars()
    text = datasets.Value("string")
    meta = {k: text for k in EXAMPLE_META if k not in ("intents", "turn")}
    meta["intents"] = datasets.List(text)
    meta["turn"] = datasets.Value("int32")
    features = datasets.Features({
        "id": text,
        "messages": datasets.List({"role": text, "content": text}),
        "meta": meta,
    })
    cache = staging / ".hf-cache"
    parts = {}
    for name, path in split_files.items():
        if path.stat().st_size == 0:
            parts[name] = datasets.Dataset.from_dict({"id": [], "messages": [], "meta": []}, features=features)
        else:
            parts[name] = datasets.Dataset.from_json(str(path), features=features, cache_dir=str(cache), chunksize=1 << 20)
    target = staging / "dataset"
    datasets.DatasetDict(parts).save_to_disk(str(target), max_shard_size="32MB")
    shutil.rmtree(cache, ignore_errors=True)
    return target


def publish(staging: Path, out: Path, names: list[str]) -> None:
    """Move each finished output from the staging folder into `out`, replacing older ones one by one.

    Files are renamed (atomic on one filesystem); a folder is swapped in via a rename of the old one.
    prepare_report.json goes last, so its presence means the set is complete.
    """
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        src, dst = staging / name, out / name
        if not src.exists():
            continue
        if src.is_dir():
            old = out / f".{name}.old-{os.getpid()}"
            if dst.exists():
                dst.rename(old)
            src.rename(dst)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(src, dst)
