"""What readers yield: raw conversations (roles still as the export spells them) or rejections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawConversation:
    path: str  # input file
    line: int  # 1-based line where the record starts (CSV: the first row's line)
    id: str
    turns: list[tuple[str, str]]  # (role label as exported, text)
    meta: dict[str, Any] = field(default_factory=dict)
    free_text_roles: bool = False  # role labels are speaker names (transcripts): never echo them raw

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Rejection:
    path: str
    line: int
    code: str  # stable reason code, e.g. "malformed_json"
    reason: str  # one human line; never contains raw values from the record
    kind: str = "rejected"  # "rejected", or "merged" for a duplicate of a kept record

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"

    def to_json(self) -> dict[str, Any]:
        return {"source": self.path, "line_or_row": self.line, "reason": self.reason, "code": self.code, "kind": self.kind}
