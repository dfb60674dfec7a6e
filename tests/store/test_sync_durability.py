"""A sync page is data the service can send again: it commits without waiting for the disk
(``synchronous = NORMAL``), while every other write still waits for it (``FULL``), so a
sale recorded between two pages is as durable as ever (issue 20)."""

from __future__ import annotations

import sqlite3

import pytest
from store_support import Clock, build_sale, household_item

from pos_client.store import Store

FULL, NORMAL = 2, 1


def commits(store: Store) -> list[int]:
    """``synchronous`` of each outermost write from now on, read just before it commits."""
    seen: list[int] = []
    hook = store._c.before_commit

    def spy(conn: sqlite3.Connection) -> None:
        if hook is not None:
            hook(conn)
        seen.append(int(conn.execute("PRAGMA synchronous").fetchone()[0]))

    store._c.before_commit = spy
    return seen


def test_pages_commit_without_waiting_and_a_sale_between_them_waits(
        store: Store, clock: Clock) -> None:
    seen = commits(store)
    store.apply_household_page([household_item("H-000123", version=1)], 1)
    sale = store.record_sale(build_sale(clock))
    store.apply_catalog_page([], 0)
    store.apply_household_page([household_item("H-000124", version=2)], 2)
    assert seen == [NORMAL, FULL, NORMAL, NORMAL]
    assert store._c.conn.execute("PRAGMA synchronous").fetchone()[0] == FULL
    assert store.household_by_key("H-000124") is not None and store.cursor("households") == 2
    assert store.get_sale(sale.txn_id) is not None


def test_a_page_that_fails_leaves_the_connection_waiting_for_the_disk(store: Store) -> None:
    with pytest.raises(Exception):  # noqa: B017 (whatever the store raises for it)
        store.apply_household_page([household_item("H-000123", members="many")], 1)
    assert store._c.conn.execute("PRAGMA synchronous").fetchone()[0] == FULL
    assert store.household_by_key("H-000123") is None and store.cursor("households") == 0
