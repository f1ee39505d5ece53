"""Records that cross module lines. JSON shapes are the on-disk contract between stages.

Conversation JSONL (OpenAI fine-tuning format, what TRL consumes), one per line:
    {"id": "...", "messages": [{"role": "system|user|assistant", "content": "..."}], "meta": {...}}
Passage (kb.jsonl):   {"id", "text", "source", "meta"}
EvalItem (eval.jsonl): {"id", "context", "question", "reference", "required_facts", "stale_facts", "kb_ids", "split", "meta"}
    split: "dev" (everything that chooses sees only these) or "test" (what compare reports).
Every record carries `source` ("path:line") tracing it back to its input.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ROLES = ("system", "user", "assistant")


@dataclass
class Message:
    role: str  # one of ROLES
    content: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass
class Conversation:
    id: str
    messages: list[Message]
    meta: dict[str, Any] = field(default_factory=dict)  # source, customer_id, intents, company, created_at...

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "messages": [m.to_json() for m in self.messages], "meta": self.meta}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Conversation:
        return cls(
            id=str(obj["id"]),
            messages=[Message(m["role"], m["content"]) for m in obj["messages"]],
            meta=dict(obj.get("meta") or {}),
        )


@dataclass
class Passage:
    id: str
    text: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)  # title, kb page id, kind: "kb" | "qa"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EvalItem:
    id: str
    question: str
    reference: str
    context: list[dict[str, str]] = field(default_factory=list)  # earlier turns, OpenAI messages
    required_facts: list[str] = field(default_factory=list)  # strings a correct answer must contain
    stale_facts: list[str] = field(default_factory=list)  # old values a fresh answer must NOT contain
    kb_ids: list[str] = field(default_factory=list)  # KB page ids that hold the answer
    split: str = "test"  # "dev": for choosing (recipe values, thresholds, base checks); "test": for reporting
    meta: dict[str, Any] = field(default_factory=dict)  # intent, escalate, source

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> EvalItem:
        known = {k: obj[k] for k in cls.__dataclass_fields__ if k in obj}
        return cls(**known)
