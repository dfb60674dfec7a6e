"""Fixtures of the end-of-day tests: a terminal over the real central-sim of
``tests/conftest.py``, provisioned like the demo, forwarder not started."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from central_support import Central
from report_support import MakeCounter, open_terminal

from pos_client.counter import Counter


@pytest.fixture
def make_counter(central: Central, tmp_path: Path) -> Iterator[MakeCounter]:
    made: list[Counter] = []

    def make(terminal: str = "T-0001", **options: object) -> Counter:
        counter = open_terminal(central, tmp_path, terminal, **options)  # type: ignore[arg-type]
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.close()
