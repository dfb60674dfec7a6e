"""A sync page is data the service can send again: it commits without waiting for the disk
(``synchronous = NORMAL``), while every other write still waits for it (``FULL``), so a
sale recorded between two pages is as durable as ever (issue 20)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from central_support import Central
from store_support import Clock, build_sale, household_item

from pos_client.store import Store
from pos_client.sync.api import CentralApi
from pos_client.sync.engine import SyncEngine

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


def test_sales_recorded_while_a_first_load_streams_all_wait_for_the_disk(
        central: Central, tmp_path: Path, clock: Clock) -> None:
    """The puller's pages and the cashier's sales on two real threads, one connection: every
    sale commits FULL, pages NORMAL, and a sale lands between two pages."""
    store = Store.open(tmp_path / "t", clock=clock)
    seen: list[tuple[str, int]] = []  # (thread, synchronous) of each commit, in order
    hook = store._c.before_commit

    def spy(conn: sqlite3.Connection) -> None:
        if hook is not None:
            hook(conn)
        seen.append((threading.current_thread().name,
                     int(conn.execute("PRAGMA synchronous").fetchone()[0])))

    store._c.before_commit = spy
    page_stored, sale_recorded = threading.Event(), threading.Event()

    def progress(what: str, count: int) -> None:
        if what == "households" and not page_stored.is_set():
            page_stored.set()
            assert sale_recorded.wait(30)  # the next page waits for the cashier's sale

    engine = SyncEngine(store, CentralApi(central.url, central.token, timeout_s=5),
                        progress=progress)
    puller = threading.Thread(target=engine.pull, kwargs={"page_size": 20}, name="puller")
    puller.start()
    assert page_stored.wait(30)
    sales = [store.record_sale(build_sale(clock))]
    sale_recorded.set()
    while puller.is_alive():
        sales.append(store.record_sale(build_sale(clock)))
    puller.join()
    cashier = threading.current_thread().name
    assert {s for who, s in seen if who == cashier} == {FULL}
    pages = [n for n, (who, s) in enumerate(seen) if who == "puller" and s == NORMAL]
    first_sale = next(n for n, (who, _) in enumerate(seen) if who == cashier)
    assert pages and pages[0] < first_sale < pages[-1]
    assert store._c.conn.execute("PRAGMA synchronous").fetchone()[0] == FULL
    assert all(store.get_sale(s.txn_id) is not None for s in sales)
    assert store.cache_status().households == 200
    store.close()
