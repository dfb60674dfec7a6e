"""The journal's head: the last ``seq`` and hash, so the newest entries cannot be
removed or rewritten, even with a hash recomputed to fit the chain."""

from __future__ import annotations

import json
from pathlib import Path

from store_support import Clock, build_sale

from pos_client.store import Store
from pos_client.store.journal import entry_hash, verify_journal


def five_sales(tmp_path: Path) -> Store:
    clock = Clock()
    store = Store.open(tmp_path, clock=clock)
    for _ in range(5):
        store.record_sale(build_sale(clock))
        clock.advance(minutes=1)
    return store


def test_an_intact_journal_with_its_head_verifies(tmp_path: Path) -> None:
    with five_sales(tmp_path) as store:
        assert verify_journal(store._c.conn) is None


def test_a_deleted_head_is_caught(tmp_path: Path) -> None:
    with five_sales(tmp_path) as store:
        store._c.conn.execute("DELETE FROM journal_head")
        problem = verify_journal(store._c.conn)
    assert problem is not None and "head is missing" in problem.reason


def test_the_last_entry_rewritten_with_a_recomputed_hash_is_caught_by_the_head(
        tmp_path: Path) -> None:
    with five_sales(tmp_path) as store:
        conn = store._c.conn
        seq, created_at, kind, ref, data, prev = conn.execute(
            "SELECT seq, created_at, kind, ref, data, prev_hash FROM journal "
            "ORDER BY seq DESC LIMIT 1").fetchone()
        forged = json.loads(data)
        forged["forged"] = True
        digest = entry_hash(prev, seq, created_at, kind, ref, forged)
        conn.execute("UPDATE journal SET data = ?, hash = ? WHERE seq = ?",
                     [json.dumps(forged), digest, seq])
        problem = verify_journal(conn)
    assert problem is not None
    assert (problem.seq, "recorded end" in problem.reason) == (5, True)


def test_a_head_behind_the_entries_names_the_first_entry_after_it(tmp_path: Path) -> None:
    with five_sales(tmp_path) as store:
        store._c.conn.execute("UPDATE journal_head SET seq = 3")
        problem = verify_journal(store._c.conn)
    assert problem is not None and (problem.seq, "inserted" in problem.reason) == (4, True)


def tampered(tmp_path: Path, *statements: str) -> tuple[int, str] | None:
    with five_sales(tmp_path) as store:
        for sql in statements:
            store._c.conn.execute(sql)
        problem = verify_journal(store._c.conn)
    return None if problem is None else (problem.seq, problem.reason)


def test_an_entry_removed_from_the_middle_is_named(tmp_path: Path) -> None:
    assert tampered(tmp_path, "DELETE FROM journal WHERE seq = 2") == (2, "is missing (removed)")


def test_an_entry_moved_out_of_sequence_is_named(tmp_path: Path) -> None:
    problem = tampered(tmp_path, "UPDATE journal SET seq = 0 WHERE seq = 3")
    assert problem == (0, "is out of sequence (inserted)")


def test_unreadable_data_is_named_as_edited(tmp_path: Path) -> None:
    problem = tampered(tmp_path, "UPDATE journal SET data = '{not json' WHERE seq = 4")
    assert problem == (4, "has unreadable data (edited)")


def test_an_edited_entry_is_named_by_its_hash(tmp_path: Path) -> None:
    problem = tampered(tmp_path, "UPDATE journal SET kind = 'void' WHERE seq = 1")
    assert problem == (1, "does not match its hash (edited)")


def test_an_entry_that_does_not_follow_its_predecessor_is_named(tmp_path: Path) -> None:
    problem = tampered(tmp_path, f"UPDATE journal SET prev_hash = '{'e' * 64}' WHERE seq = 3")
    assert problem == (3, "does not follow the previous entry (inserted or edited)")


def test_the_first_entry_follows_the_genesis_hash(tmp_path: Path) -> None:
    with five_sales(tmp_path) as store:
        (prev,) = store._c.conn.execute("SELECT prev_hash FROM journal WHERE seq = 1").fetchone()
    assert prev == "0" * 64


def test_a_head_ahead_of_the_entries_is_a_removal(tmp_path: Path) -> None:
    assert tampered(tmp_path, "UPDATE journal_head SET seq = 7") == (6, "is missing (removed)")


def test_an_empty_journal_without_a_head_verifies(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert verify_journal(store._c.conn) is None
