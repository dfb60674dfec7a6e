"""Fixtures shared by the client's tests: a real central-sim on a loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from central_support import Central, start_central


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    central = Central(start_central(tmp_path / "central.db"))
    try:
        yield central
    finally:
        central.stop()
