"""CSV/TSV exports: one row per message (grouped by conversation id) or one row per question/answer pair."""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from kit.data.readers.records import RawConversation, Rejection
from kit.data.roles import map_role
from kit.errors import ChatkitError

# Header names tried, in order, for each logical column when `--columns` does not name one.
MESSAGE_COLUMNS = {
    "conversation_id": ("conversation_id", "ticket_id", "conversation", "chat_id", "ticket", "thread_id",
                        "session_id", "id_conversacion", "conversacion", "id_ticket", "id_chat"),
    "role": ("role", "author_type", "author_role", "speaker", "sender", "from", "rol", "autor", "tipo_autor", "emisor"),
    "text": ("text", "body", "message", "content", "mensaje", "texto", "cuerpo", "value"),
    "time": ("time", "created_at", "timestamp", "date", "datetime", "fecha", "hora"),
    # Read on customer rows only, so a per-message author column names the customer, never the agent.
    "customer_id": ("customer_id", "cliente_id", "id_cliente", "requester_id", "user_id", "customer", "cliente",
                    "requester", "requester_name", "customer_name", "nombre_cliente", "author_name", "author"),
    "topic": ("topic", "tema"),
    "intent": ("intent", "intencion", "intención"),
    "category": ("category", "categoria", "categoría"),
    "channel": ("channel", "canal"),
}
QA_COLUMNS = {
    "question": ("question", "pregunta", "instruction", "prompt", "input", "query", "consulta"),
    "answer": ("answer", "respuesta", "response", "output", "reply", "completion"),
    "id": ("id", "qa_id", "pair_id"),
    "customer_id": MESSAGE_COLUMNS["customer_id"],
    "topic": MESSAGE_COLUMNS["topic"],
    "intent": MESSAGE_COLUMNS["intent"],
    "category": MESSAGE_COLUMNS["category"],
}
_META = ("customer_id", "topic", "intent", "category", "channel")


def _field_limit() -> None:
    # One huge message must reach the length filter (and be rejected there), not crash the csv module.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def sniff_delimiter(header_line: str, path: Path, forced: str | None) -> str:
    if forced:
        return "\t" if forced in ("\\t", "tab") else forced
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def resolve_columns(header: list[str], wanted: dict[str, tuple[str, ...]], mapping: dict[str, str],
                    required: tuple[str, ...], path: str) -> dict[str, int]:
    """Logical column -> index in the row. Missing required columns are one error naming what is present."""
    lower = {h.strip().lower(): i for i, h in enumerate(header)}
    found: dict[str, int] = {}
    for key, candidates in wanted.items():
        if key in mapping:
            name = mapping[key].strip().lower()
            if name not in lower:
                raise ChatkitError(
                    f"{path}: column '{mapping[key]}' (for {key}) not found; columns present: {_present(header)}",
                    f"fix --columns {key}=NAME",
                )
            found[key] = lower[name]
            continue
        for name in candidates:
            if name in lower:
                found[key] = lower[name]
                break
    missing = [k for k in required if k not in found]
    if missing:
        raise ChatkitError(
            f"{path}: missing column(s) for {', '.join(missing)}; columns present: {_present(header)}",
            "map them with --columns " + ",".join(f"{k}=NAME" for k in missing),
        )
    return found


def _present(header: list[str]) -> str:
    names = [h.strip() for h in header if h.strip()]
    return ", ".join(names[:20]) + (f" (+{len(names) - 20} more)" if len(names) > 20 else "") if names else "none"


def looks_like_qa(header: list[str], mapping: dict[str, str]) -> bool:
    """True when the header holds question/answer columns and no role column (one row per pair)."""
    if {"question", "answer"} & set(mapping):
        return True
    if {"role", "text", "conversation_id"} & set(mapping):
        return False
    lower = {h.strip().lower() for h in header}
    has = lambda key, table: any(c in lower for c in table[key])  # noqa: E731
    return has("question", QA_COLUMNS) and has("answer", QA_COLUMNS) and not has("role", MESSAGE_COLUMNS)


class _Rows:
    """csv.reader wrapper yielding (start_line, row) or (start_line, csv.Error) and continuing after errors."""

    def __init__(self, stream: TextIO, delimiter: str):
        _field_limit()
        self.reader = csv.reader(stream, delimiter=delimiter, strict=True)

    def __iter__(self) -> Iterator[tuple[int, list[str] | csv.Error]]:
        while True:
            start = self.reader.line_num + 1
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield start, e
                continue
            yield start, row


def _row_problem(path: str, line: int, item: list[str] | csv.Error, width: int, need: int) -> Rejection | None:
    if isinstance(item, csv.Error):
        if "unexpected end of data" in str(item):
            return Rejection(path, line, "cut_off_row", "row cut off: the file ends inside a quoted field (truncated export?)")
        return Rejection(path, line, "malformed_csv", f"unreadable CSV row: {item}")
    if len(item) <= need:
        return Rejection(path, line, "missing_fields", f"row has {len(item)} of {width} columns (cut off or unquoted line break?)")
    return None


def read_qa_csv(stream: TextIO, path: str, delimiter: str, mapping: dict[str, str]) -> Iterator[RawConversation | Rejection]:
    """One conversation per row: the question as the user turn, the answer as the assistant turn."""
    rows = iter(_Rows(stream, delimiter))
    header = _header(rows, path)
    cols = resolve_columns(header, QA_COLUMNS, mapping, ("question", "answer"), path)
    need = max(cols["question"], cols["answer"])
    stem = Path(path).stem
    for line, item in rows:
        if isinstance(item, list) and not any(c.strip() for c in item):
            continue
        problem = _row_problem(path, line, item, len(header), need)
        if problem:
            yield problem
            continue
        assert isinstance(item, list)
        meta = {k: item[i] for k, i in cols.items() if k in _META and i < len(item) and item[i].strip()}
        if "topic" not in meta and "category" in meta:
            meta["topic"] = meta["category"]
        conv_id = item[cols["id"]] if "id" in cols and cols["id"] < len(item) and item[cols["id"]].strip() else f"{stem}:{line}"
        turns = [("user", item[cols["question"]]), ("assistant", item[cols["answer"]])]
        yield RawConversation(path, line, conv_id, turns, meta)


def read_message_csv(open_stream: Callable[[], TextIO], path: str, delimiter: str,
                     mapping: dict[str, str], roles: dict[str, str] | None = None) -> Iterator[RawConversation | Rejection]:
    """Rows grouped by conversation id. Contiguous groups stream directly; interleaved ones go via a temp SQLite sort."""
    with open_stream() as stream:
        rows = iter(_Rows(stream, delimiter))
        header = _header(rows, path)
        cols = resolve_columns(header, MESSAGE_COLUMNS, mapping, ("conversation_id", "role", "text"), path)
        contiguous = _is_contiguous(rows, cols["conversation_id"])
    with open_stream() as stream:
        rows = iter(_Rows(stream, delimiter))
        next(rows, None)
        if contiguous:
            convs = _group_contiguous(rows, path, cols, len(header))
        else:
            convs = _group_sorted(rows, path, cols, len(header))
        for conv in convs:
            yield _customer_from_user_rows(conv, roles or {}) if isinstance(conv, RawConversation) else conv


def _cell(item: list[str], i: int) -> str:
    return item[i].strip() if i < len(item) else ""


def _header(rows: Iterator, path: str) -> list[str]:
    for _, item in rows:
        if isinstance(item, csv.Error):
            raise ChatkitError(f"{path}: unreadable CSV header: {item}")
        if any(c.strip() for c in item):
            return item
    raise ChatkitError(f"{path}: empty file (no header row)")


def _is_contiguous(rows: Iterator, id_col: int) -> bool:
    seen: set[str] = set()
    current = None
    for _, item in rows:
        if isinstance(item, csv.Error) or id_col >= len(item):
            continue
        cid = item[id_col].strip()
        if cid != current:
            if cid in seen:
                return False
            seen.add(cid)
            current = cid
    return True


def _group_contiguous(rows: Iterator, path: str, cols: dict[str, int], width: int) -> Iterator[RawConversation | Rejection]:
    need = max(cols["conversation_id"], cols["role"], cols["text"])
    current: RawConversation | None = None
    for line, item in rows:
        if isinstance(item, list) and not any(c.strip() for c in item):
            continue
        problem = _row_problem(path, line, item, width, need)
        if problem is None and not item[cols["conversation_id"]].strip():  # type: ignore[index]
            problem = Rejection(path, line, "missing_fields", "row has an empty conversation id")
        if problem:
            yield problem
            continue
        assert isinstance(item, list)
        cid = item[cols["conversation_id"]].strip()
        if current is None or current.id != cid:
            if current is not None:
                yield current
            current = RawConversation(path, line, cid, [], _row_meta(item, cols))
        current.turns.append((item[cols["role"]], item[cols["text"]]))
        if "customer_id" in cols:
            current.meta.setdefault("_customers", []).append(_cell(item, cols["customer_id"]))
    if current is not None:
        yield current


def _customer_from_user_rows(conv: RawConversation, roles: dict[str, str]) -> RawConversation:
    """A per-row customer column (requester name/id) counts only on customer rows, never on agent rows."""
    per_row = conv.meta.pop("_customers", None)
    if per_row:
        for (label, _), customer in zip(conv.turns, per_row, strict=True):
            if customer and map_role(label, roles) == "user":
                conv.meta["customer_id"] = customer
                break
    return conv


def _row_meta(item: list[str], cols: dict[str, int]) -> dict[str, str]:
    meta = {k: item[i].strip() for k, i in cols.items() if k in _META and k != "customer_id" and i < len(item) and item[i].strip()}
    if "time" in cols and cols["time"] < len(item) and item[cols["time"]].strip():
        meta["created_at"] = item[cols["time"]].strip()
    if "topic" not in meta and "category" in meta:
        meta["topic"] = meta["category"]
    return meta


def _group_sorted(rows: Iterator, path: str, cols: dict[str, int], width: int) -> Iterator[RawConversation | Rejection]:
    # Interleaved exports (sorted by time, not by ticket): an on-disk sort keeps memory flat.
    need = max(cols["conversation_id"], cols["role"], cols["text"])
    order: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="chatkit-csv-") as tmp:
        db = sqlite3.connect(str(Path(tmp) / "rows.db"))
        db.execute("CREATE TABLE r (conv INTEGER, seq INTEGER, line INTEGER, cid TEXT, role TEXT, text TEXT, meta TEXT)")
        import json

        batch = []
        for seq, (line, item) in enumerate(rows):
            if isinstance(item, list) and not any(c.strip() for c in item):
                continue
            problem = _row_problem(path, line, item, width, need)
            if problem is None and not item[cols["conversation_id"]].strip():  # type: ignore[index]
                problem = Rejection(path, line, "missing_fields", "row has an empty conversation id")
            if problem:
                yield problem
                continue
            assert isinstance(item, list)
            cid = item[cols["conversation_id"]].strip()
            conv = order.setdefault(cid, len(order))
            meta = _row_meta(item, cols)
            if "customer_id" in cols:
                meta["_customer"] = _cell(item, cols["customer_id"])
            batch.append((conv, seq, line, cid, item[cols["role"]], item[cols["text"]], json.dumps(meta)))
            if len(batch) >= 5000:
                db.executemany("INSERT INTO r VALUES (?,?,?,?,?,?,?)", batch)
                batch.clear()
        db.executemany("INSERT INTO r VALUES (?,?,?,?,?,?,?)", batch)
        order.clear()
        current: RawConversation | None = None
        current_conv = -1
        for conv, line, cid, role, text, meta in db.execute("SELECT conv, line, cid, role, text, meta FROM r ORDER BY conv, seq"):
            row_meta = json.loads(meta)
            customer = row_meta.pop("_customer", None)
            if conv != current_conv:
                if current is not None:
                    yield current
                current, current_conv = RawConversation(path, line, cid, [], row_meta), conv
            current.turns.append((role, text))  # type: ignore[union-attr]
            if customer is not None:
                current.meta.setdefault("_customers", []).append(customer)  # type: ignore[union-attr]
        if current is not None:
            yield current
        db.close()
