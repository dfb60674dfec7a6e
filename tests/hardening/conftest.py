"""Hardening tests reuse the helpers of the sync and devices tests (counter_support,
fake_printer) and share a way to see that the database did not change."""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parent.parent
for helper_dir in (_TESTS / "sync", _TESTS / "devices", Path(__file__).resolve().parent):
    if str(helper_dir) not in sys.path:
        sys.path.insert(0, str(helper_dir))

from counter_support import make_counter  # noqa: E402  (a fixture, shared here)

__all__ = ["make_counter"]
