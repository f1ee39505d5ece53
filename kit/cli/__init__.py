"""The `chatkit` command: a Typer app; each command parses, calls one library function, renders.

Commands live one stage per module (kit/cli/corpus.py, data.py, ...). Nothing heavy is imported at
module level, so `chatkit --help` answers at once.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from kit import __version__
from kit.errors import ChatkitError

app = typer.Typer(
    name="chatkit",
    help="Adapt a Spanish customer-support chatbot: prepare logs, fine-tune (LoRA), retrieve (RAG), compare, chat.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)

_state = {"verbose": False}


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["verbose"] = verbose


@app.command()
def version() -> None:
    """Print chatkit's version."""
    typer.echo(f"chatkit {__version__}")


@app.command()
def env(as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False) -> None:
    """Show Python, library versions, CUDA/device, offline mode and cache folders."""
    from kit.environment import environment_report

    report = environment_report()
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    from kit.console import out

    table = Table(title="chatkit environment", show_header=False)
    for key, value in report.items():
        table.add_row(key, str(value))
    out.print(table)


def _register() -> None:
    # Each stage module adds its commands to `app` on import (imports are light: typer only).
    from kit.cli import (  # noqa: F401
        base,
        chat,
        compare,
        corpus,
        demo,
        export,
        index,
        models_install,
        prepare,
        recipe,
        redact,
        serve,
        train,
        tune,
    )


_register()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: one-line errors (exit 1), usage errors exit 2."""
    exc = _click_exceptions()
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args or "-v" in args[:1]
    try:
        rc = app(args=args, prog_name="chatkit", standalone_mode=False)
    except ChatkitError as e:
        if verbose:
            raise
        _print_error(str(e))
        sys.exit(1)
    except exc.UsageError as e:
        e.show()
        sys.exit(2)
    except _abort_exception():
        _print_error("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _print_error("interrupted")
        sys.exit(130)
    except exc.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # an unexpected bug: still one line, traceback on --verbose
        if verbose:
            raise
        _print_error(f"internal error: {type(e).__name__}: {e} (rerun with --verbose for the traceback)")
        sys.exit(1)
    sys.exit(rc if isinstance(rc, int) else 0)


def _abort_exception() -> type[BaseException]:
    """Typer's Abort (Ctrl-C at a prompt): typer.exceptions in Typer >= 0.29.2, click's before."""
    import typer.exceptions

    return getattr(typer.exceptions, "Abort", None) or getattr(_click_exceptions(), "Abort", KeyboardInterrupt)


def _click_exceptions():
    # Recent Typer vendors its own click (typer._click); older ones use the click package.
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions
    return exceptions


def _print_error(message: str) -> None:
    first = message.strip().splitlines()[0] if message.strip() else "error"
    try:
        sys.stderr.write(f"error: {first}\n")
    except UnicodeEncodeError:
        sys.stderr.write(f"error: {first.encode('ascii', 'replace').decode()}\n")
