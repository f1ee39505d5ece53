"""`chatkit prepare` settings (the recipe's `data:` section).

Every knob of the readers, normalisation, PII, dedup, split and outputs is one typed field here, so a
recipe or `--set data.x=y` can change it and `resolved_config.yaml` records it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from kit.config import Field, Section

FORMATS = ("auto", "messages", "sharegpt", "csv", "qa", "transcript")
# Logical column names a `--columns` mapping may use (per-message CSV and question/answer CSV).
COLUMN_KEYS = (
    "conversation_id", "role", "text", "time", "customer_id", "topic", "intent", "channel",
    "question", "answer", "category", "id",
)
ROLE_TARGETS = ("system", "user", "assistant", "drop")

# Speaker lines: "[10:32] Cliente: texto" or "Agente Laura: texto" (not indented; indented = continuation).
DEFAULT_SPEAKER = r"^(?:\[(?P<time>[0-9:. apmAPM]{1,12})\]\s*)?(?P<speaker>[^\s:\[\]][^:\[\]]{0,39}?)\s*:\s?(?P<text>.*)$"
# Chat headers: "=== Chat 123 · web · cliente C-9 ===" (fields after the id optional).
DEFAULT_HEADER = (
    r"^={2,}\s*(?:Chat|Conversaci[oó]n|Conversation)\s+(?P<id>[^\s·|=]+)"
    r"(?:\s*[·|]\s*(?P<channel>[^·|=]+?))?(?:\s*[·|]\s*(?:cliente|customer)\s+(?P<customer_id>[^\s·|=]+))?\s*={2,}\s*$"
)
# Helpdesk notices that are not part of the dialogue (matched against a whole message).
DEFAULT_DROP = [
    r"(?i)^\W*(?:el|la)?\s*(?:agente|asesor[a]?|cliente|usuario)\b.{0,40}\b(?:se ha unido|ha entrado|ha salido|abandon[oó]|se uni[oó])\b.{0,40}$",
    r"(?i)^\W*(?:chat|conversaci[oó]n|ticket|caso)\b.{0,40}\b(?:iniciad[oa]|cerrad[oa]|finalizad[oa]|transferid[oa]|asignad[oa]|reabiert[oa]|cread[oa])\b.{0,80}$",
    r"(?i)^\W*(?:la conversaci[oó]n|el chat|su solicitud) (?:ha sido|fue) (?:transferid|asignad|cerrad|escalad)[oa]\b.{0,80}$",
    r"(?i)^\W*(?:mensaje autom[aá]tico|respuesta autom[aá]tica|auto-?reply|automatic reply)\b.*$",
]
# Agent signatures and macros stripped from assistant turns (regex, applied with re.sub).
DEFAULT_STRIP = [
    r"(?ms)^-- ?\n.*\Z",  # RFC-style signature block: "--" line to the end
    r"(?im)^enviado desde mi .*$",
    r"(?ims)^(?:saludos cordiales|atentamente|un cordial saludo),?\s*\n(?:[^\n]{1,60}\n?){1,3}\Z",
    # A closing line "Ximena · Soporte Tienda" / "Iker | Atención al cliente": agent name and team.
    r"\n[A-ZÁÉÍÓÚÑ][\w.]*(?: [A-ZÁÉÍÓÚÑ][\w.]*)? [·|–-] [^\n]{0,40}"
    r"(?i:soporte|atenci[oó]n|equipo|servicio|support|team|ayuda|cliente)[^\n]{0,40}\Z",
]


class ContextConfig(Section):
    """RAFT (Zhang et al. 2024): train on examples that carry retrieved passages, so the model learns to read them."""

    share: float = Field(
        0.0, ge=0.0, le=1.0,
        description="Share of training examples given retrieved passages in compare's RAG prompt layout (0: off).",
    )
    index: str | None = Field(
        None, description="Index built from the TRAIN split's kb.jsonl (`chatkit index`); None: the recipe's rag.index."
    )
    passages: int = Field(3, ge=1, description="Retrieved passages shown (top hybrid hits; the example's own conversation left out).")
    distractors: int = Field(1, ge=0, description="Random passages of the index added to the retrieved ones (RAFT's distractors).")
    passage_chars: int = Field(
        400, ge=50, description="Longest passage text shown, in characters (compare likewise cuts to rag.context_tokens)."
    )
    withhold_gold: float = Field(
        0.2, ge=0.0, le=1.0,
        description="Share of those examples whose gold passage (the one sharing most of the answer's words) is left out.",
    )
    counterfactual: float = Field(
        0.3, ge=0.0, le=1.0,
        description="Share of those examples where a number in both the answer and the shown gold passage is changed in both.",
    )
    seed: int = Field(0, description="Seed for which examples get passages, distractors and changes.")


class DataConfig(Section):
    prepared: str = Field("out/shop/data", description="Folder written by `chatkit prepare` (train/val/test.jsonl).")
    seed: int = Field(0, description="Seed for the split.")
    context: ContextConfig = Field(
        default_factory=ContextConfig, description="RAFT: retrieved passages in training examples (kit/raft.py)."
    )

    # Readers
    format: Literal["auto", "messages", "sharegpt", "csv", "qa", "transcript"] = Field(
        "auto", description="Input format; auto detects it per file from its extension and first records."
    )
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="CSV column mapping, logical=header, e.g. {conversation_id: ticket_id, role: author_type, text: body}.",
    )
    roles: dict[str, str] = Field(
        default_factory=dict,
        description="Extra role names, label=system|user|assistant|drop (on top of Spanish/English defaults).",
    )
    delimiter: str | None = Field(None, description="CSV delimiter; None sniffs it (tab for .tsv).")
    encoding: str = Field("auto", description="Input encoding; auto = BOM, then UTF-8, then charset detection.")
    transcript_header: str = Field(DEFAULT_HEADER, description="Regex of a chat header line (groups: id, channel, customer_id).")
    transcript_speaker: str = Field(DEFAULT_SPEAKER, description="Regex of a speaker line (groups: speaker, text, optional time).")

    workers: int = Field(0, ge=0, le=64, description="Processes for normalise/redact/sign (0: auto, 1 for small inputs).")

    # Normalise
    html: bool = Field(True, description="Turn HTML fragments in messages into plain text.")
    merge_turns: bool = Field(True, description="Merge consecutive messages of one role into one turn.")
    drop_patterns: list[str] = Field(default_factory=lambda: list(DEFAULT_DROP), description="Regexes of system/bot notices to drop (whole message).")
    strip_patterns: list[str] = Field(default_factory=lambda: list(DEFAULT_STRIP), description="Regexes of agent signatures/macros removed from assistant turns.")
    min_chars: int = Field(10, ge=0, description="Reject conversations with fewer characters of dialogue.")
    max_message_chars: int = Field(20_000, ge=1, description="Reject conversations with a longer message.")
    max_turns: int = Field(200, ge=2, description="Reject conversations with more turns (after merging).")
    language: str = Field("es", description="Expected language (ISO 639-1); others are flagged in meta.language.")
    language_action: Literal["keep", "drop"] = Field("keep", description="What to do with conversations in another language.")

    # PII
    pii: bool = Field(True, description="Redact personal data before anything is written.")
    pii_types: list[str] | None = Field(None, description="PII types to redact (None: all), e.g. [EMAIL, PHONE, DNI].")
    allowlist: list[str] = Field(default_factory=list, description="Public values never redacted (the company's own phones, emails...).")
    allowlist_file: str | None = Field(None, description="File with one public value per line, never redacted.")

    # Dedup
    near_dup_threshold: float = Field(0.85, gt=0.0, le=1.0, description="Jaccard similarity (word shingles) above which conversations are near-duplicates.")
    near_duplicates: Literal["group", "merge"] = Field("group", description="group: keep them on one side of every split; merge: keep the first only.")
    num_perm: int = Field(64, ge=16, le=512, description="MinHash permutations (more: finer, slower, more memory).")
    shingle_words: int = Field(3, ge=1, le=10, description="Words per shingle for near-duplicate detection.")

    # Split
    val_fraction: float = Field(0.1, ge=0.0, lt=1.0, description="Share of conversations for validation.")
    test_fraction: float = Field(0.1, ge=0.0, lt=1.0, description="Share of conversations for test.")
    group_by: str | None = Field("customer_id", description="Meta key whose conversations share a split (None: no grouping).")
    stratify_by: str | None = Field("topic", description="Meta key to stratify the split by when present (None: no strata).")

    # Outputs
    examples: Literal["conversation", "per_turn", "qa"] = Field(
        "conversation",
        description="conversation: one example each; per_turn: one example per assistant turn; qa: one per "
        "question->answer pair (the customer's question, the agent's answer; what teaches a small model the facts).",
    )
    max_length: int = Field(512, ge=8, description="Token budget an example must fit (for the 'would be truncated' count).")
    tokenizer: str | None = Field(None, description="Tokenizer (path or local hub id) for token counts; None: whitespace words.")
    kb_chunk_chars: int = Field(1200, ge=200, description="Largest KB passage, in characters (chunks split by heading, then paragraph).")
    mine_qa: bool = Field(True, description="Add question->answer passages mined from the TRAIN split to kb.jsonl.")
    qa_max: int = Field(20_000, ge=0, description="Most mined question->answer passages.")
    qa_min_answer_words: int = Field(6, ge=1, description="Shortest agent answer worth mining, in words.")
    eval_from_test: Literal["auto", "always", "never"] = Field(
        "auto", description="Held-out items from the TEST split: auto = only when no --eval file is given."
    )
    eval_max: int = Field(500, ge=0, description="Most eval items taken from the TEST split.")
    derive_facts: bool = Field(
        True, description="Give eval items without required facts the values their reference states (marked meta.facts_source=derived).",
    )
    contamination: Literal["remove", "report"] = Field(
        "remove", description="Train examples and mined pairs holding an eval question or reference: remove them, or only report them.",
    )
    contamination_threshold: float = Field(
        0.7, gt=0.0, le=1.0, description="Word-shingle Jaccard from which a train turn or mined pair is a near duplicate of an eval text (then removed).",
    )
    contamination_min_words: int = Field(
        8, ge=1, description="Shortest eval text whose verbatim copy inside a longer train turn counts as a leak (shorter: whole-turn equality only).",
    )
    eval_dev_fraction: float = Field(
        0.3, ge=0.0, lt=1.0,
        description="Share of eval items marked split=dev (what chooses recipe values, thresholds, base checks); the rest is test (what compare reports).",
    )

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, v: dict[str, str]) -> dict[str, str]:
        import difflib

        for key in v:
            if key not in COLUMN_KEYS:
                near = difflib.get_close_matches(key, COLUMN_KEYS, n=1)
                hint = f"did you mean '{near[0]}'?" if near else f"valid: {', '.join(COLUMN_KEYS)}"
                raise ValueError(f"unknown column key '{key}' ({hint})")
        return v

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, v: dict[str, str]) -> dict[str, str]:
        out = {}
        for label, role in v.items():
            if role not in ROLE_TARGETS:
                raise ValueError(f"role for '{label}' must be one of {', '.join(ROLE_TARGETS)} (got '{role}')")
            out[label.strip().lower()] = role
        return out

    @model_validator(mode="after")
    def _fractions(self) -> DataConfig:
        if self.val_fraction + self.test_fraction >= 1.0:
            raise ValueError("val_fraction + test_fraction must be < 1 (the rest is train)")
        return self
