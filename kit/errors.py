"""The one user-facing error type: printed as a single line, exit code 1."""

from __future__ import annotations


class ChatkitError(Exception):
    """An error the user can fix: says what is wrong, where, and how to fix it.

    Args:
        message: one line; name the file/line/key and never include raw personal data.
        hint: optional fix, e.g. the command to run ("run `chatkit prepare ...` first").
    """

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message
