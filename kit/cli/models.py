"""CLI commands of the models stage (registered on import; keep imports light)."""

from __future__ import annotations

from kit.cli import app  # noqa: F401
