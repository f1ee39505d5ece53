"""`chatkit redact`: replace personal data in text lines with typed placeholders (registered on import).

Imports stay light: kit.data.pii (regexes, python-stdnum) is loaded when the command runs.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from typer.core import TyperCommand

from kit.cli import app
from kit.errors import ChatkitError

_SNIFF = 8192
_LIST = "\x00list"  # what `--types` given without a value stands for


class _RedactCommand(TyperCommand):
    """`--types` with no value after it (last, or before another option) lists the types."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        args = list(args)
        for i, arg in enumerate(args):
            if arg == "--":
                break
            if arg == "--types" and (i + 1 == len(args) or args[i + 1].startswith("-")):
                args.insert(i + 1, _LIST)
                break
        return super().parse_args(ctx, args)


@app.command(cls=_RedactCommand)
def redact(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Text files, one record per line. Reads stdin when none.")
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='One JSON object per line: {"text": redacted, "entities": [{"type", "start", "end"}]}, '
            "offsets into the original line.",
        ),
    ] = False,
    allow: Annotated[
        list[Path] | None,
        typer.Option(
            "--allow", help="File of public values never to redact (one per line): company phones, e-mails."
        ),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option(
            "--types",
            help="Comma-separated types to redact, e.g. EMAIL,PHONE (default: all). Alone: list every type "
            "with an example.",
        ),
    ] = None,
) -> None:
    """Replace personal data in text lines with typed placeholders: [EMAIL_1], [PHONE_1], [ADDRESS_1] ...

    Placeholders are numbered per input file, so one value keeps one placeholder within a file.
    Types: EMAIL PHONE DNI NIE CIF IBAN CARD CLABE CBU CURP RFC CUIT RUT NATIONAL_ID IP PERSON ADDRESS
    BIRTH_DATE PASSPORT PLATE USERNAME (`--types` alone shows an example of each).
    """
    from kit.data.pii import EXAMPLES, Placeholders, Redactor

    if types == _LIST:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")
        width = max(map(len, EXAMPLES))
        sys.stdout.write("".join(f"{kind:<{width}}  {example}\n" for kind, example in EXAMPLES.items()))
        return

    sources = list(files or [])
    for path in sources:  # fail before writing anything
        _check_text_file(path, "input")
    public: list[str] = []
    for path in allow or []:
        _check_text_file(path, "--allow")
        with open(path, "rb") as f:
            public += [line.strip() for line in _decoded_lines(f, str(path))]
    redactor = Redactor(allowlist=public, types=types.split(",") if types is not None else None)

    stdout = sys.stdout
    if hasattr(stdout, "reconfigure"):
        stdout.reconfigure(encoding="utf-8")  # placeholders and accents survive a C/POSIX locale
    counts: Counter[str] = Counter()
    lines = 0
    for name, stream in _inputs(sources):
        mapping = Placeholders()
        for line in _decoded_lines(stream, name):
            text, entities = redactor.redact(line, mapping)
            lines += 1
            counts.update(e.type for e in entities)
            if as_json:
                record = {
                    "text": text,
                    "entities": [{"type": e.type, "start": e.start, "end": e.end} for e in entities],
                }
                stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                stdout.write(text + "\n")
    stdout.flush()
    found = ", ".join(f"{k} {v}" for k, v in counts.most_common()) or "none"
    _log(f"redact: {lines} line(s), personal data replaced: {found}")


def _log(message: str) -> None:
    # One unwrapped line on stderr (a wrapped warning reads as two messages); no markup from file names.
    from rich.markup import escape

    from kit.console import err

    err.print(escape(message), soft_wrap=True)


def _inputs(sources: list[Path]) -> Iterator[tuple[str, BinaryIO]]:
    if not sources:
        yield "<stdin>", sys.stdin.buffer
        return
    for path in sources:
        with open(path, "rb") as f:
            yield str(path), f


def _check_text_file(path: Path, role: str) -> None:
    if not path.exists():
        raise ChatkitError(f"{role} file not found: {path}")
    if path.is_dir():
        raise ChatkitError(f"{role} {path} is a folder", "pass text files, one record per line")
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF)
    except OSError as e:
        raise ChatkitError(f"cannot read {role} file {path}: {e.strerror}") from None
    if b"\x00" in head:
        raise ChatkitError(
            f"{path} looks like a binary file (NUL bytes in the first 8 KB)",
            "`chatkit redact` reads UTF-8 text, one record per line",
        )


def _decoded_lines(stream: BinaryIO, name: str) -> Iterator[str]:
    """Lines without their newline; invalid UTF-8 is replaced (U+FFFD) and reported once per input."""
    warned = False
    for number, raw in enumerate(stream, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            if not warned:
                _log(
                    f"warning: {name}:{number}: invalid UTF-8 bytes replaced with U+FFFD (reported once per input)"
                )
                warned = True
        yield line.rstrip("\r\n") if line.endswith("\n") else line
