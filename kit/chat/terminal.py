"""The terminal side of `chatkit chat` and `chatkit ask`: input with history, streaming, slash commands.

Input comes from prompt_toolkit when stdin and stdout are terminals (arrow-key history kept in memory
only: what a support lead types may hold customer data, so it never goes to a history file) and from
plain lines otherwise. Ctrl-C during an answer sets the generator's cancel Event instead of raising, so
the answer stops at the next token and the prompt comes back. A terminal that is not UTF-8 gets ASCII
glyphs and '?' for characters it cannot show; nothing raises UnicodeEncodeError.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kit.chat.session import ChatSession, Turn
from kit.errors import ChatkitError


@dataclass(frozen=True)
class Glyphs:
    prompt: str = "›"
    sep: str = "·"
    arrow: str = "→"
    stop: str = "■"
    ellipsis: str = "…"


ASCII = Glyphs(prompt=">", sep="|", arrow="->", stop="[x]", ellipsis="...")


def prepare_streams() -> Glyphs:
    """Never crash on a non-UTF-8 terminal: replace what it cannot show, keep odd input bytes."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdin.reconfigure(errors="surrogateescape")
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "".join(astuple(Glyphs())).encode(encoding)
        "¿ñáü¡".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return ASCII
    return Glyphs()


# Model output is written raw as it streams: drop control characters (escape sequences included) so an
# answer can never move the cursor or retitle the terminal; newlines and tabs stay.
_CONTROLS = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\n\t"}


def printable(text: str) -> str:
    return text.translate(_CONTROLS)


def repair_input(text: str) -> str:
    """Undo surrogate escapes: a UTF-8 terminal under LANG=C sends UTF-8 bytes Python could not decode."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode(sys.stdin.encoding or "utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace")


def make_reader(glyphs: Glyphs) -> Callable[[], str]:
    """A function returning the next input line; raises EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory

        session: PromptSession = PromptSession(history=InMemoryHistory())
        message = [("ansigreen bold", f"you {glyphs.prompt} ")]
        return lambda: session.prompt(message)

    show_prompt = sys.stdin.isatty()

    def plain() -> str:
        if show_prompt:
            sys.stderr.write(f"you {glyphs.prompt} ")
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    return plain


@contextlib.contextmanager
def ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """While active, Ctrl-C (SIGINT) sets `cancel` instead of raising KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: cancel.set())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def footer(turn: Turn, g: Glyphs, money: Callable[[float | None], str]) -> str:
    gen = turn.generation
    parts = [
        f"TTFT {gen.ttft_s * 1000:.0f} ms",
        f"{gen.total_s:.2f} s",
        f"{gen.prompt_tokens} {g.arrow} {gen.completion_tokens} tokens",
    ]
    if gen.tokens_per_s:
        parts.append(f"{gen.tokens_per_s:.0f} tok/s")
    if turn.rag:
        parts.append(f"RAG {len(turn.sources)} passages")
    parts.append(f"cost {money(turn.cost)}")
    return f" {g.sep} ".join(parts)


COMMANDS = {
    "/rag": ("on|off", "retrieval on or off (needs --index)"),
    "/k": ("N", "passages retrieved per question"),
    "/sources": ("", "passages used for the last answer, with ids and scores"),
    "/compare": ("[TEXT]", "the same question to base, tuned and RAG side by side (default: the last one)"),
    "/system": ("TEXT", "replace the system prompt (no TEXT: show it)"),
    "/reset": ("", "forget the conversation"),
    "/retry": ("", "ask the last question again"),
    "/save": ("FILE", "append the conversation to FILE as OpenAI messages JSONL"),
    "/stats": ("", "session figures: turns, tokens, time to first token, cost"),
    "/help": ("", "this list"),
    "/exit": ("", "quit (Ctrl-D works too)"),
}


class Terminal:
    """The read-answer loop of `chatkit chat`."""

    def __init__(self, session: ChatSession, console: Console, glyphs: Glyphs, read: Callable[[], str]):
        self.session, self.console, self.g, self.read = session, console, glyphs, read

    def run(self) -> int:
        self.banner()
        while True:
            try:
                line = repair_input(self.read()).strip()
            except EOFError:
                self.console.print()
                return 0
            except KeyboardInterrupt:
                self.console.print("[dim](Ctrl-D or /exit quits)[/dim]")
                continue
            if not line:
                continue  # empty input is ignored
            try:
                if line.startswith("/") and not line.startswith("//"):
                    if self.command(line) == "exit":
                        return 0
                else:
                    self.answer(line[1:] if line.startswith("//") else line)
            except ChatkitError as e:
                self.console.print(f"[red]error:[/red] {escape(str(e))}")
            except KeyboardInterrupt:  # Ctrl-C outside an answer (loading passages, saving): back to the prompt
                self.console.print("[yellow]interrupted[/yellow]")

    # -- rendering ----------------------------------------------------------------------------------

    def banner(self) -> None:
        s, g = self.session, self.g
        b = s.backend
        if b.index is not None:
            rag = f"RAG {'on' if s.rag_on else 'off'} (index {b.index_dir}, k={s.k})"
        else:
            rag = "RAG off (no index)"
        if s.extractive:  # no model runs: the answer is a passage's sentences
            parts = [f"extractive: the best sentences of the top passage, at most {s.max_new_tokens} tokens", rag]
        else:
            parts = [f"model {b.model_name}", f"adapter {b.adapter or 'none'}", rag, f"context {s.gen.max_context} tokens"]
        self.console.print(f"[bold]chatkit chat[/bold] {g.sep} " + escape(f" {g.sep} ".join(parts)))
        self.console.print(f"[dim]{escape(b.pricing.label())}[/dim]")
        for note in s.notices:
            self.warn(note)
        self.console.print(
            "[dim]Ask in Spanish. /help lists commands; Ctrl-C stops an answer; Ctrl-D quits.[/dim]"
        )

    def warn(self, message: str) -> None:
        self.console.print(f"[yellow]notice:[/yellow] {escape(message)}")

    def answer(self, question: str) -> None:
        prepared = self.session.prepare(question)
        for notice in prepared.notices:
            self.warn(notice)
        cancel = threading.Event()
        out = self.console.file
        self.console.print(f"[bold cyan]bot {self.g.prompt}[/bold cyan] ", end="")
        turn, started = None, False
        with ctrl_c_cancels(cancel):
            for item in self.session.stream(prepared, cancel):
                if isinstance(item, str):
                    piece = printable(item if started else item.lstrip())
                    started = started or bool(piece)
                    out.write(piece)
                    out.flush()
                else:
                    turn = item
        out.write("\n")
        if turn.stopped:
            self.console.print(
                f"[yellow]{escape(self.g.stop)} stopped[/yellow] [dim](not kept in the history; /retry asks again)[/dim]"
            )
        self.console.print(f"[dim]{escape(footer(turn, self.g, self.session.backend.pricing.format))}[/dim]")

    # -- slash commands -----------------------------------------------------------------------------

    def command(self, line: str) -> str | None:
        name, _, arg = line.partition(" ")
        name, arg = name.lower(), arg.strip()
        s = self.session
        if name not in COMMANDS:
            near = difflib.get_close_matches(name, COMMANDS, n=1, cutoff=0.5)
            hint = f"did you mean {near[0]}? " if near else ""
            self.console.print(f"[yellow]unknown command {escape(name)}:[/yellow] {hint}/help lists them")
            return None
        if name == "/exit":
            return "exit"
        if name == "/help":
            self.help()
        elif name == "/rag":
            if arg.lower() not in ("on", "off", ""):
                raise ChatkitError(f"/rag takes on or off (got {arg!r})")
            if arg:
                s.set_rag(arg.lower() == "on")
            self.console.print(f"RAG {'on' if s.rag_on else 'off'} (k={s.k})")
        elif name == "/k":
            if not arg.isdigit():
                raise ChatkitError(f"/k takes a whole number, e.g. /k 5 (got {arg!r})")
            s.set_k(int(arg))
            self.console.print(f"k = {s.k}" + ("" if s.rag_on else " (RAG is off: /rag on)"))
        elif name == "/sources":
            self.sources()
        elif name == "/compare":
            self.compare(arg or None)
        elif name == "/system":
            if arg:
                s.set_system(arg)
                self.console.print("system prompt replaced (it applies from the next answer)")
            else:
                self.console.print(escape(s.system_prompt))
        elif name == "/reset":
            s.reset()
            self.console.print("conversation cleared")
        elif name == "/retry":
            self.answer(s.retry())
        elif name == "/save":
            if not arg:
                raise ChatkitError("/save needs a file: /save conversaciones.jsonl")
            turns = s.save(arg)
            self.console.print(f"saved {turns} turn(s) to {escape(arg)}")
        elif name == "/stats":
            self.stats()
        return None

    def help(self) -> None:
        table = Table(show_header=False, box=None, pad_edge=False)
        for name, (usage, text) in COMMANDS.items():
            table.add_row(f"[bold]{name}[/bold] {usage}", text)
        table.add_row("[bold]//TEXT[/bold]", "send a message that starts with /")
        self.console.print(table)

    def sources(self) -> None:
        s = self.session
        if not s.last_sources:
            why = "no index loaded" if s.backend.index is None else "RAG was off or nothing was retrieved"
            self.console.print(f"no sources for the last answer ({why})")
            return
        table = Table(title="passages used for the last answer")
        for col in ("#", "id", "score", "passage"):
            table.add_column(col, overflow="fold")
        for src in s.last_sources:
            text = " ".join(src.text.split())
            text = text if len(text) <= 160 else text[:160] + self.g.ellipsis
            table.add_row(str(src.rank), escape(src.id), f"{src.score:.4f}", escape(text))
        self.console.print(table)

    def stats(self) -> None:
        table = Table(show_header=False, title="session")
        for key, value in self.session.stats().items():
            shown = "n/a" if value is None else str(value)
            if key == "cost":
                shown = self.session.backend.pricing.format(value)
            table.add_row(key, escape(shown))
        self.console.print(table)

    def compare(self, question: str | None) -> None:
        arms = [a[0] for a in self.session.arms()]
        self.console.print(f"[dim]asking {len(arms)} arm(s): {', '.join(arms)}{self.g.ellipsis}[/dim]")
        cancel = threading.Event()
        table = Table(title="compare", show_lines=True)
        for col, justify in (("arm", "left"), ("answer", "left"), ("TTFT", "right"), ("total", "right"),
                             ("tokens in/out", "right"), ("cost", "right")):
            table.add_column(col, justify=justify, overflow="fold")
        with ctrl_c_cancels(cancel):
            turns = list(self.session.compare(question, cancel))
        for t in turns:
            gen = t.generation
            table.add_row(
                t.arm,
                escape(printable(t.answer) or "(empty)"),
                f"{gen.ttft_s * 1000:.0f} ms",
                f"{gen.total_s:.2f} s",
                f"{gen.prompt_tokens}/{gen.completion_tokens}",
                self.session.backend.pricing.format(t.cost),
            )
        self.console.print(table)
        if cancel.is_set():
            self.console.print(f"[yellow]{escape(self.g.stop)} stopped[/yellow]")
        if len(arms) == 1 and not self.session.extractive:
            self.console.print("[dim]only the base arm: pass --adapter/--run and --index for more[/dim]")


def turn_json(session: ChatSession, turn: Turn, notices: list[str]) -> dict:
    """What `chatkit ask --json` prints."""
    gen = turn.generation
    return {
        "question": turn.question,
        "answer": turn.answer,
        "model": session.backend.model_name,
        "adapter": session.backend.adapter,
        "rag": turn.rag,
        "sources": [{"id": s.id, "score": s.score, "rank": s.rank, "text": s.text} for s in turn.sources],
        "prompt_tokens": gen.prompt_tokens,
        "completion_tokens": gen.completion_tokens,
        "ttft_ms": round(gen.ttft_s * 1000, 1),
        "total_ms": round(gen.total_s * 1000, 1),
        "tokens_per_s": round(gen.tokens_per_s, 1),
        "stopped": gen.stopped,
        "cost": turn.cost,
        "currency": session.backend.pricing.prices.currency if turn.cost is not None else None,
        "notices": notices,
    }


def ask_once(session: ChatSession, question: str, as_json: bool, glyphs: Glyphs, err: Console) -> None:
    """`chatkit ask`: the answer on stdout (streamed, or one JSON object), notices and footer on stderr."""
    question = repair_input(question).strip()
    if not question:
        raise ChatkitError("empty question", 'pass one: chatkit ask "¿Cuánto tarda un reembolso?"')
    prepared = session.prepare(question)
    if not as_json:
        for notice in prepared.notices:
            err.print(f"[yellow]notice:[/yellow] {escape(notice)}")
    turn, started = None, False
    for item in session.stream(prepared):
        if isinstance(item, Turn):
            turn = item
        elif not as_json:
            piece = printable(item if started else item.lstrip())
            started = started or bool(piece)
            sys.stdout.write(piece)
            sys.stdout.flush()
    if as_json:
        utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
        # a non-UTF-8 stdout gets \u escapes: still valid JSON, nothing lost
        sys.stdout.write(json.dumps(turn_json(session, turn, prepared.notices), ensure_ascii=not utf8) + "\n")
        return
    sys.stdout.write("\n")
    err.print(f"[dim]{escape(footer(turn, glyphs, session.backend.pricing.format))}[/dim]")
