"""Held baskets: kept in the database across a restart, taken back once, cleared at the Z
with a note in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import Clock

from pos_client.domain.errors import NotFound
from pos_client.store import Store

LINES = [{"gtin": "6260000000011", "name": "برنج", "qty_milli": 2000,
          "unit_price_rials": 450_000, "group": "G1", "max_price_rials": None,
          "weighed": False}]


def test_a_held_basket_survives_a_restart_and_comes_back_once(tmp_path: Path,
                                                               clock: Clock) -> None:
    with Store.open(tmp_path, clock=clock) as store:
        held = store.hold_basket("رضایی", LINES, 900_000, "******9541")
    with Store.open(tmp_path, clock=clock) as store:
        [found] = store.held_baskets()
        assert (found.id, found.masked, found.total_rials) == (held.id, "******9541", 900_000)
        assert list(store.take_held_basket(held.id).lines) == LINES
        assert store.held_baskets() == []
        with pytest.raises(NotFound):
            store.take_held_basket(held.id)


def test_the_z_clears_held_baskets_with_a_note(store: Store) -> None:
    store.hold_basket("رضایی", LINES, 900_000)
    store.hold_basket("رضایی", LINES, 900_000)
    assert store.clear_held_baskets("مدیر") == 2
    assert store.held_baskets() == []
    _at, who, action, details = store.audit_log()[0]
    assert (who, action, details) == ("مدیر", "held_baskets_cleared",
                                      {"count": 2, "total_rials": 1_800_000})
    assert store.clear_held_baskets("مدیر") == 0
