"""Helper for Altavía Móvil's intents: phrasings written one per line in a triple-quoted block."""

from __future__ import annotations


def lines(block: str) -> tuple[str, ...]:
    """One phrasing per non-empty line of a triple-quoted block (keeps the data free of quote noise)."""
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())
