"""The journal's hash against fixed vectors (computed outside Python with sha256sum), and
the rows ``append_entry`` writes, read back from a real SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.store.db import open_database
from pos_client.store.journal import GENESIS, append_entry, entry_hash, verify_journal

# printf '%s' '<64 zeros>{"created_at":"2026-01-07T10:00:00.000000Z","data":{"coupon_rials":
#   1500000,"name":"برنج","txn_id":"t-1"},"kind":"sale","ref":"t-1","seq":1}' | sha256sum
FIRST = "6b54327f67ae14eed76da70ca59772746ff179ba3d30e0761c71e391d3aaf125"
# printf '%s' 'ab{"created_at":"2026-01-07T10:00:00.000000Z","data":null,"kind":"close",
#   "ref":"2026-01-07","seq":2}' | sha256sum
SECOND = "f7b09299e9d115c1cb1cbd50fd42cff8e3d259c2a6dc74ed8324dd546c641aed"
AT = "2026-01-07T10:00:00.000000Z"
DATA = {"txn_id": "t-1", "coupon_rials": 1_500_000, "name": "برنج"}


def test_the_entry_hash_matches_fixed_vectors() -> None:
    assert GENESIS == "0" * 64
    assert entry_hash(GENESIS, 1, AT, "sale", "t-1", DATA) == FIRST
    assert entry_hash("ab", 2, AT, "close", "2026-01-07", None) == SECOND


def test_appended_entries_chain_from_genesis_and_move_the_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "pos.db")
    conn = db.conn
    now = dt.datetime(2026, 1, 7, 10, 0, tzinfo=dt.UTC)
    with db.atomic():
        assert append_entry(conn, "sale", "t-1", DATA, now) == 1
    rows = conn.execute("SELECT seq, created_at, kind, ref, data, prev_hash, hash "
                        "FROM journal").fetchall()
    assert rows == [(1, AT, "sale", "t-1",
                     '{"coupon_rials":1500000,"name":"برنج","txn_id":"t-1"}', GENESIS, FIRST)]
    assert conn.execute("SELECT id, seq, hash FROM journal_head").fetchall() == [(1, 1, FIRST)]
    with db.atomic():
        assert append_entry(conn, "close", "2026-01-07", None, now) == 2
    second = conn.execute("SELECT prev_hash, hash FROM journal WHERE seq = 2").fetchone()
    assert second == (FIRST, entry_hash(FIRST, 2, AT, "close", "2026-01-07", None))
    assert conn.execute("SELECT id, seq, hash FROM journal_head").fetchall() == [
        (1, 2, second[1])]
    assert verify_journal(conn) is None
    db.close()


@pytest.fixture
def three_entries(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = open_database(tmp_path / "pos.db")
    now = dt.datetime(2026, 1, 7, 10, 0, tzinfo=dt.UTC)
    with db.atomic():
        for n in (1, 2, 3):
            append_entry(db.conn, "sale", f"t-{n}", {"n": n}, now)
    yield db.conn
    db.close()


@pytest.mark.parametrize(("statements", "problem"), [
    ([], None),
    (["DELETE FROM journal_head"], (1, "the journal head is missing")),
    (["DELETE FROM journal WHERE seq = 3"], (3, "is missing (removed)")),
    (["DELETE FROM journal WHERE seq = 1"], (1, "is missing (removed)")),
    (["UPDATE journal_head SET seq = 2"], (3, "is after the recorded end (inserted)")),
    (["UPDATE journal_head SET seq = 4"], (4, "is missing (removed)")),
    (["UPDATE journal_head SET hash = 'x'"], (3, "does not match the recorded end (edited)")),
    (["UPDATE journal SET ref = 't-9' WHERE seq = 2"], (2, "does not match its hash (edited)")),
    (["UPDATE journal SET data = '[' WHERE seq = 1"], (1, "has unreadable data (edited)")),
    (["UPDATE journal SET prev_hash = 'x' WHERE seq = 3"],
     (3, "does not follow the previous entry (inserted or edited)")),
    (["UPDATE journal SET seq = -1 WHERE seq = 2"], (-1, "is out of sequence (inserted)")),
    (["DELETE FROM journal", "DELETE FROM journal_head"], None),
    (["DELETE FROM journal"], (1, "is missing (removed)")),
])
def test_each_break_of_the_chain_or_its_head_is_named_at_its_entry(
        three_entries: sqlite3.Connection, statements: list[str],
        problem: tuple[int, str] | None) -> None:
    conn = three_entries
    for sql in statements:
        conn.execute(sql)
    found = verify_journal(conn)
    assert (None if found is None else (found.seq, found.reason)) == problem
