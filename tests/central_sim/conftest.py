"""A real central-sim on a loopback port over a fresh database, per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sim_support import Central, start


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    handle = start(tmp_path)
    try:
        yield Central(handle)
    finally:
        handle.stop()
