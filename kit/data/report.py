"""What `prepare` did, in numbers: the invariant records_in = kept + merged + rejected, and the rest."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SplitStats:
    conversations: int = 0
    examples: int = 0
    tokens_p50: float = 0.0
    tokens_p90: float = 0.0
    tokens_p99: float = 0.0
    tokens_max: int = 0
    truncated: int = 0  # examples longer than data.max_length


@dataclass
class FileStats:
    path: str
    format: str
    encoding: str
    encoding_detected: bool
    records: int = 0


@dataclass
class PairTally:
    """Every question->answer pair considered: taken, or skipped with its reason."""

    taken: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str, n: int = 1) -> None:
        if outcome == "taken":
            self.taken += n
        elif n:
            self.skipped[outcome] = self.skipped.get(outcome, 0) + n

    @staticmethod
    def parse(text: str) -> dict[str, int]:
        """The spill's "pairs:n,reason:n,..." as a dict."""
        return {k: int(v) for k, _, v in (p.partition(":") for p in text.split(",") if p)}

    def skip(self, reasons: dict[str, int]) -> None:
        """Add skip counts {reason: n}."""
        for reason, n in reasons.items():
            self.count(reason, n)

    def to_json(self) -> dict[str, Any]:
        skipped = dict(sorted(self.skipped.items(), key=lambda kv: -kv[1]))
        return {"considered": self.taken + sum(skipped.values()), "taken": self.taken, "skipped": skipped}


@dataclass
class PrepareReport:
    out: str
    records_in: int = 0
    kept: int = 0
    merged: int = 0
    rejected: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    merged_by_kind: dict[str, int] = field(default_factory=dict)  # exact | near
    near_duplicate_groups: int = 0
    near_duplicate_conversations: int = 0
    pii_by_type: dict[str, int] = field(default_factory=dict)
    pii_enabled: bool = True
    languages: dict[str, int] = field(default_factory=dict)
    normalise: dict[str, int] = field(default_factory=dict)  # notices dropped, turns merged, ...
    splits: dict[str, SplitStats] = field(default_factory=dict)
    tokenizer: str = "whitespace"
    max_length: int = 512
    kb_passages: int = 0
    qa_passages: int = 0
    eval_items: int = 0
    eval_from_file: int = 0
    eval_from_test: int = 0
    eval_questions_seen_in_train: int = 0
    eval_split: dict[str, Any] = field(default_factory=dict)  # dev / test counts, facts given / derived / none
    contamination: dict[str, Any] = field(default_factory=dict)  # eval texts found in train / mined pairs, removed
    pairs: dict[str, Any] = field(default_factory=dict)  # question->answer pairs considered, taken, skipped by reason
    files: list[FileStats] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    workers: int = 1
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.records_in == self.kept + self.merged + self.rejected

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["balanced"] = self.balanced
        data["conversations_per_second"] = round(self.records_in / self.seconds, 1) if self.seconds else None
        return data
