"""Fixtures for the store: a real SQLite file in tmp_path, a settable clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import Clock

from pos_client.store import Store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def manager(store: Store) -> str:
    store.add_user("مدیر", "manager", "9876")
    return "مدیر"
