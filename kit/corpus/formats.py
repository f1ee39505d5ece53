"""The three log formats real helpdesks produce, written and read back.

- jsonl (the shop): OpenAI "messages" JSONL, one conversation per line.
- csv (the operator): a ticket export, one row per message, `ticket_id,created_at,author_type,author_name,body`;
  author_type is end-user / agent / system; some bodies are HTML (<p>, <br>, <b>, &nbsp;, &amp;).
- transcripts (the bank): one text file a day; `=== Chat <id> · <channel> · cliente <customer_id> ===`, then
  `[10:32] Cliente: ...` / `[10:33] Agente Laura: ...`; continuation lines indented by two spaces.

The readers give back each message's text exactly as generated (HTML undone, &nbsp; as a space,
indentation removed), so the offsets in labels.jsonl index what a reader recovers.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from kit.data.schema import Conversation, Message
from kit.runfolder import write_jsonl  # noqa: F401 - corpus/export writes through formats

CSV_HEADER = ["ticket_id", "created_at", "author_type", "author_name", "body"]
HEADER = re.compile(r"^=== Chat (?P<id>\S+) · (?P<channel>.+) · cliente (?P<customer>\S+) ===$")
LINE = re.compile(r"^\[(?P<time>\d\d:\d\d)\] (?:Cliente|Agente (?P<agent>[^:]+)): (?P<text>.*)$")
LOOKS_HTML = re.compile(r"</?(?:p|br|b|strong|i|em|div|span)\b[^>]*>|&(?:nbsp|amp|lt|gt|quot|#\d+);")
TAG = re.compile(r"<[^>]+>")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def message_times(conv: Conversation) -> list[datetime]:
    """When each message was sent: replies follow within seconds to minutes (deterministic per chat)."""
    rng = random.Random(f"{conv.id}|{conv.meta.get('created_at')}")
    t = datetime.fromisoformat(conv.meta["created_at"])
    times = []
    for i, m in enumerate(conv.messages):
        if i:
            t += timedelta(seconds=rng.randint(40, 420) if i == 1 else rng.randint(15, 150 if m.role == "user" else 95))
        times.append(t)
    return times


# -- jsonl --------------------------------------------------------------------------------------------




def read_jsonl_conversations(path: Path) -> list[Conversation]:
    with path.open(encoding="utf-8") as f:
        return [Conversation.from_json(json.loads(line)) for line in f if line.strip()]


# -- helpdesk csv -------------------------------------------------------------------------------------


def to_html(rng: random.Random, text: str) -> str:
    """How a helpdesk's rich-text editor stores a message; to_text() undoes it exactly."""
    body = html.escape(text, quote=False)
    if rng.random() < 0.4:
        body = re.sub(r"(?<![\w&;#])(\$?\d[\d.,]*(?: ?(?:€|GB|MXN|COP|horas|días))?)", r"<b>\1</b>", body, count=1)
    if rng.random() < 0.3:
        body = body.replace(". ", ".&nbsp;", 1)
    lines = body.split("\n")
    if rng.random() < 0.5:
        return "".join(f"<p>{line}</p>" if i == 0 else f"<br>{line}" for i, line in enumerate(lines)) if len(lines) > 1 \
            else f"<p>{body}</p>"
    return "<br>".join(lines) if rng.random() < 0.5 else "<br />\n".join(lines)


def to_text(body: str) -> str:
    """A helpdesk body back to plain text: <br> is a line break, other tags go, entities are decoded."""
    if not LOOKS_HTML.search(body):
        return body
    body = BR.sub("\n", body.replace("<br />\n", "<br />"))
    return html.unescape(TAG.sub("", body)).replace("\xa0", " ")


def write_csv(path: Path, conversations: list[Conversation], escalated: set[str]) -> None:
    """One row per message plus a few system notices; multi-line bodies are quoted by the csv module."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for conv in conversations:
        rng = random.Random(f"csv|{conv.id}")
        times = message_times(conv)
        customer = f"Cliente {conv.meta['customer_id']}"
        for i, (m, t) in enumerate(zip(conv.messages, times, strict=True)):
            stamp = t.strftime("%Y-%m-%d %H:%M:%S")
            if m.role == "user":
                # the web widget stores some messages as HTML, always those with characters it must escape
                rich = "&" in m.content or rng.random() < (0.5 if "\n" in m.content else 0.2)
                body = to_html(rng, m.content) if rich else m.content
                writer.writerow([conv.id, stamp, "end-user", customer, body])
            else:
                body = to_html(rng, m.content) if rng.random() < 0.6 else m.content
                writer.writerow([conv.id, stamp, "agent", conv.meta["agent"], body])
            if i == 0 and rng.random() < 0.6:
                writer.writerow([conv.id, stamp, "system", "Sistema", "Ticket asignado a Soporte Nivel 1"])
        end = (times[-1] + timedelta(seconds=30)).strftime("%Y-%m-%d %H:%M:%S")
        if escalated & set(conv.meta["intents"]):
            writer.writerow([conv.id, end, "system", "Sistema", "Ticket escalado a Soporte Nivel 2"])
        elif rng.random() < 0.3:
            score = rng.choice([3, 4, 4, 5, 5, 5])
            writer.writerow([conv.id, end, "system", "Sistema", f"El cliente ha valorado la atención con {score}/5"])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def read_csv_conversations(path: Path) -> list[Conversation]:
    """Tickets from a helpdesk CSV: rows grouped by ticket_id in file order, system rows skipped."""
    tickets: dict[str, Conversation] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            if row["author_type"] == "system":
                continue
            conv = tickets.get(row["ticket_id"])
            if conv is None:
                conv = tickets[row["ticket_id"]] = Conversation(row["ticket_id"], [], {"created_at": row["created_at"]})
            role = "user" if row["author_type"] == "end-user" else "assistant"
            conv.messages.append(Message(role, to_text(row["body"])))
    return list(tickets.values())


# -- plain-text transcripts ---------------------------------------------------------------------------


def write_transcripts(folder: Path, conversations: list[Conversation]) -> None:
    """One file per day (YYYY-MM-DD.txt), chats in time order, a blank line between chats."""
    days: dict[str, list[str]] = {}
    for conv in sorted(conversations, key=lambda c: (c.meta["created_at"], c.id)):
        chunk = [f"=== Chat {conv.id} · {conv.meta['channel']} · cliente {conv.meta['customer_id']} ==="]
        for m, t in zip(conv.messages, message_times(conv), strict=True):
            who = "Cliente" if m.role == "user" else f"Agente {conv.meta['agent']}"
            first, *rest = m.content.split("\n")
            chunk.append(f"[{t:%H:%M}] {who}: {first}")
            chunk.extend(f"  {line}" for line in rest)
        days.setdefault(conv.meta["created_at"][:10], []).append("\n".join(chunk))
    folder.mkdir(parents=True, exist_ok=True)
    for day in sorted(days):
        (folder / f"{day}.txt").write_text("\n\n".join(days[day]) + "\n", encoding="utf-8", newline="\n")


def read_transcripts(folder: Path) -> list[Conversation]:
    """Chats from a folder of daily transcripts, in file and time order."""
    out: list[Conversation] = []
    for path in sorted(folder.glob("*.txt")):
        conv: Conversation | None = None
        for line in path.read_text(encoding="utf-8").split("\n"):
            header = HEADER.match(line)
            if header:
                conv = Conversation(header["id"], [], {"channel": header["channel"], "customer_id": header["customer"],
                                                       "created_at": path.stem})
                out.append(conv)
            elif line.startswith("  ") and conv is not None and conv.messages:
                conv.messages[-1].content += "\n" + line[2:]
            elif conv is not None and (match := LINE.match(line)):
                conv.messages.append(Message("assistant" if match["agent"] else "user", match["text"]))
    return out


FORMATS = {"shop": "jsonl", "operator": "csv", "bank": "transcripts"}
LOG_PATHS = {"jsonl": "conversations.jsonl", "csv": "tickets.csv", "transcripts": "transcripts"}


def read_conversations(folder: Path) -> list[Conversation]:
    """The conversations of one company folder, whichever of the three formats it holds."""
    for fmt, name in LOG_PATHS.items():
        path = folder / name
        if path.exists():
            return {"jsonl": read_jsonl_conversations, "csv": read_csv_conversations,
                    "transcripts": read_transcripts}[fmt](path)
    raise FileNotFoundError(f"{folder}: no conversations.jsonl, tickets.csv or transcripts/")
