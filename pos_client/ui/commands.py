"""Sub-commands of this part (see ``pos_client.cli``)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Add this part's sub-commands to ``subparsers``."""
    del subparsers
