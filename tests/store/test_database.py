"""Opening the database file: tuned, migrated, and never harming a file that is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from store_support import Clock, build_sale, household_item

from pos_client.domain.errors import StoreError
from pos_client.store import Store
from pos_client.store.db import open_database
from pos_client.store.journal import append_entry
from pos_client.store.migrations import MIGRATIONS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_database_runs_in_wal_with_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        conn = store._c.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert (tmp_path / "pos.db").exists()


def test_opening_twice_applies_no_migration_again(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    with Store.open(tmp_path) as store:
        assert MIGRATIONS.pending(store._c.db) == []


def test_a_file_that_is_not_sqlite_is_refused_by_name_and_left_untouched(
        tmp_path: Path) -> None:
    path = tmp_path / "pos.db"
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)
    assert str(path) in str(caught.value) and "not an SQLite database" in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pos.db"]


def test_a_damaged_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "pos.db"
    Store.open(tmp_path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, garbled
    path.write_bytes(bytes(data))
    for sidecar in ("pos.db-wal", "pos.db-shm"):
        (tmp_path / sidecar).unlink(missing_ok=True)
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)
    assert str(path) in str(caught.value) and "damaged" in str(caught.value)
    assert digest(path) == before


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "pos.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    other.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    other.commit()
    other.close()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)
    assert "another program" in str(caught.value) and str(path) in str(caught.value)
    assert digest(path) == before
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_database_made_by_the_first_migrations_upgrades_with_its_data(
        tmp_path: Path) -> None:
    path = tmp_path / "pos.db"
    db = open_database(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="0002_receipt_docs_and_exceptions")
    clock = Clock()
    conn = db.conn
    with db.atomic():
        conn.execute("INSERT INTO households VALUES ('H-1', 'nid-H-1', 3, 1, 4, '1404-10', "
                     "9000000, 0, 'active', 7)")
        conn.execute("INSERT INTO household_cards VALUES ('card-H-1', 'H-1')")
        conn.execute("INSERT INTO business_days (business_date, opened_at, status) "
                     "VALUES ('2026-01-10', '2026-01-10T05:00:00.000000Z', 'open')")
        conn.execute("INSERT INTO sales (txn_id, receipt_no, created_at, business_date, "
                     "terminal_id, cashier, total_rials, eligible_rials, copay_rials, "
                     "coupon_rials, status, offline, household_key, identified_by, "
                     "masked_identifier, extra) VALUES ('old-1', 'T-0001-000001', "
                     "'2026-01-10T06:00:00.000000Z', '2026-01-10', 'T-0001', 'a', 100, 0, "
                     "0, 0, 'no_coupon', 0, NULL, NULL, '', '{}')")
        conn.execute("INSERT INTO sale_lines VALUES ('old-1', 1, '6269999999991', 'x', 1000, "
                     "100, 100, NULL, 0, 'not_on_apl')")
        conn.execute("INSERT INTO payments VALUES ('old-1', 1, 'cash', 100, '', 100, 0)")
        conn.execute("INSERT INTO sequences VALUES ('receipt:T-0001', 1)")
        append_entry(conn, "sale", "old-1", {"txn_id": "old-1"}, clock())
    assert "receipt_docs" not in db.table_names()
    db.close()

    with Store.open(tmp_path, clock=clock) as store:
        assert MIGRATIONS.pending(store._c.db) == []
        assert isinstance(store._c.db, sqlite_utils.Database)
        old = store.get_sale("old-1")
        assert old is not None and old.total_rials == 100
        household = store.household_by_card_hash("card-H-1")
        assert household is not None and household.balance_rials == 9_000_000
        new = store.record_sale(build_sale(clock, household_key="H-1"))
        assert new.receipt_no == "T-0001-000002"
        store.save_receipt_doc("old-1", '{"copy": true}')
        assert store.verify_journal() is None
        store.apply_household_page([household_item("H-1", version=8)], 8)
        assert store.household_by_key("H-1").balance_rials == 40_000_000 - 4_450_000  # type: ignore[union-attr]
