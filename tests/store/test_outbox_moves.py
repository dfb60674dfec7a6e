"""Each move of the outbox's state machine on a real SQLite file: which columns a move
writes and clears, the moves it refuses, a repeated final answer, the lease's end, and a
void that waits for its sale's answer."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_support import Clock, build_sale

from pos_client.store import Store
from pos_client.store import outbox as ob
from pos_client.store.db import open_database
from pos_client.store.outbox import IllegalTransition, OutboxState, VoidState

S = OutboxState
T0 = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC)
COLUMNS = ("state", "attempts", "next_attempt_at", "result", "last_error", "sealed_code",
           "lease_until", "held_reason", "payload", "created_at")


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = open_database(tmp_path / "pos.db")
    yield db.conn
    db.close()


def row(conn: sqlite3.Connection, ref: str = "t-1", kind: str = "sale") -> dict[str, Any]:
    values = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM outbox WHERE kind = ? AND ref = ?",
                          [kind, ref]).fetchone()
    return dict(zip(COLUMNS, values, strict=True))


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_a_new_upload_is_pending_and_due_now_with_its_body_and_code(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {"b": 2, "a": 1}, T0, sealed_code="sealed")
    assert row(conn) == {
        "state": "pending", "attempts": 0, "next_attempt_at": "2026-01-10T08:00:00.000000Z",
        "result": None, "last_error": None, "sealed_code": "sealed", "lease_until": None,
        "held_reason": None, "payload": '{"a":1,"b":2}',
        "created_at": "2026-01-10T08:00:00.000000Z"}
    assert ob.state_of(conn, "sale", "t-1") is S.PENDING
    assert ob.state_of(conn, "sale", "t-2") is None
    assert ob.state_of(conn, "void", "t-1") is None


def test_a_counters_post_is_leased_until_its_time(conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0, lease_until=at(1))
    assert (row(conn)["state"], row(conn)["lease_until"]) == (
        "leased", "2026-01-10T08:01:00.000000Z")


def test_the_same_upload_cannot_be_queued_twice(conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0)
    with pytest.raises(IllegalTransition) as err:  # pending -> leased is no move
        ob.enqueue(conn, "sale", "t-1", {}, T0, lease_until=at(1))
    assert (err.value.old, err.value.new) == (S.PENDING, S.LEASED)
    assert str(err.value) == "outbox sale t-1: pending -> leased is not allowed"
    with pytest.raises(sqlite3.IntegrityError):  # and the table holds one row per upload
        ob.enqueue(conn, "sale", "t-1", {}, T0)
    ob.enqueue(conn, "void", "t-1", {}, T0)  # another kind, another upload
    assert (row(conn)["state"], row(conn, kind="void")["state"]) == ("pending", "pending")


def test_an_approved_post_is_sent_with_its_answer_and_forgets_code_and_lease(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0, sealed_code="sealed", lease_until=at(1))
    assert ob.move(conn, "sale", "t-1", S.SENT, result={"status": "approved"}) is True
    after = row(conn)
    assert (after["state"], json.loads(after["result"]), after["sealed_code"],
            after["lease_until"], after["attempts"], after["last_error"]) == (
        "sent", {"status": "approved"}, None, None, 0, None)


def test_a_final_state_without_an_answer_stores_an_empty_one(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0)
    ob.move(conn, "sale", "t-1", S.REJECTED, error="declined")
    assert (row(conn)["result"], row(conn)["last_error"]) == ("{}", "declined")


def test_no_answer_keeps_the_body_and_the_code_and_counts_the_attempt(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {"a": 1}, T0, sealed_code="sealed")
    for n in (1, 2):
        assert ob.move(conn, "sale", "t-1", S.PENDING, error="x" * 600, retry_at=at(n))
        after = row(conn)
        assert (after["state"], after["attempts"], after["next_attempt_at"]) == (
            "pending", n, f"2026-01-10T08:0{n}:00.000000Z")
    assert after["last_error"] == "x" * 500  # cut to what the table keeps
    assert (after["sealed_code"], after["result"], after["payload"]) == (
        "sealed", None, '{"a":1}')


def test_a_move_without_a_retry_time_neither_counts_nor_reschedules(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0, lease_until=at(1))
    ob.move(conn, "sale", "t-1", S.PENDING)
    after = row(conn)
    assert (after["attempts"], after["next_attempt_at"], after["last_error"],
            after["lease_until"]) == (0, "2026-01-10T08:00:00.000000Z", None, None)


def test_a_held_upload_keeps_its_reason_not_as_an_error(conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0, sealed_code="sealed")
    ob.move(conn, "sale", "t-1", S.HELD, error="r" * 600)
    after = row(conn)
    assert (after["state"], after["held_reason"], after["last_error"], after["result"],
            after["sealed_code"]) == ("held", "r" * 500, None, None, "sealed")
    ob.enqueue(conn, "sale", "t-2", {}, T0)
    ob.move(conn, "sale", "t-2", S.HELD)
    assert row(conn, "t-2")["held_reason"] == ""
    with pytest.raises(IllegalTransition):  # held has no way out
        ob.move(conn, "sale", "t-1", S.PENDING)


@pytest.mark.parametrize("final", [S.SENT, S.REJECTED, S.MOOT])
def test_the_same_final_answer_again_is_no_move(conn: sqlite3.Connection,
                                               final: OutboxState) -> None:
    ob.enqueue(conn, "void", "v-1", {}, T0)
    assert ob.move(conn, "void", "v-1", final, result={"n": 1}) is True
    assert ob.move(conn, "void", "v-1", final, result={"n": 2}) is False
    assert json.loads(row(conn, "v-1", "void")["result"]) == {"n": 1}
    other = next(s for s in (S.SENT, S.REJECTED) if s != final)
    with pytest.raises(IllegalTransition):
        ob.move(conn, "void", "v-1", other, result={})


def test_a_repeat_of_a_state_that_is_not_final_is_checked_as_a_move(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0, lease_until=at(1))
    with pytest.raises(IllegalTransition):
        ob.move(conn, "sale", "t-1", S.LEASED)


def test_only_from_moves_nothing_unless_the_row_is_in_that_state(
        conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0)
    assert ob.move(conn, "sale", "t-1", S.SENT, only_from=S.LEASED) is False
    assert row(conn)["state"] == "pending"
    assert ob.move(conn, "sale", "t-1", S.SENT, only_from=S.PENDING) is True
    assert row(conn)["state"] == "sent"
    assert ob.move(conn, "sale", "t-9", S.SENT, only_from=S.PENDING) is False


def test_a_move_of_an_upload_never_queued_is_refused(conn: sqlite3.Connection) -> None:
    with pytest.raises(IllegalTransition) as err:
        ob.move(conn, "sale", "t-9", S.SENT, result={})
    assert (err.value.old, err.value.new) == (None, S.SENT)
    assert str(err.value) == "outbox sale t-9: None -> sent is not allowed"


def test_every_move_in_the_table_is_allowed_and_every_other_refused() -> None:
    states: list[OutboxState | None] = [None, *OutboxState]
    for old in states:
        for new in OutboxState:
            if (old, new) in ob.TRANSITIONS:
                ob.check("sale", "t", old, new)
            else:
                with pytest.raises(IllegalTransition):
                    ob.check("sale", "t", old, new)
    with pytest.raises(IllegalTransition) as err:
        ob.check("void", "v-1", S.SENT, S.PENDING)
    assert str(err.value) == "outbox void v-1: sent -> pending is not allowed"
    assert len(ob.TRANSITIONS) == 10
    assert {S.SENT, S.REJECTED, S.MOOT} == ob.FINAL
    assert ob.UNANSWERED == ("pending", "leased")


def test_a_lease_ends_at_its_time_not_before(conn: sqlite3.Connection) -> None:
    ob.enqueue(conn, "sale", "t-1", {}, T0, lease_until=at(1))
    ob.enqueue(conn, "sale", "t-2", {}, T0, lease_until=at(2))
    ob.enqueue(conn, "sale", "t-3", {}, T0)
    assert ob.expire_leases(conn, at(1) - dt.timedelta(microseconds=1)) == 0
    assert ob.expire_leases(conn, at(1)) == 1
    assert [row(conn, r)["state"] for r in ("t-1", "t-2", "t-3")] == [
        "pending", "leased", "pending"]
    assert (row(conn, "t-1")["last_error"], row(conn, "t-1")["lease_until"]) == (
        "lease expired", None)
    assert ob.expire_leases(conn, at(5)) == 1
    assert ob.expire_leases(conn, at(5)) == 0


def test_what_is_due_is_pending_and_its_time_has_come_in_queue_order(
        conn: sqlite3.Connection) -> None:
    for ref in ("t-1", "t-2", "t-3", "t-4"):
        ob.enqueue(conn, "sale", ref, {}, T0)
    ob.move(conn, "sale", "t-2", S.PENDING, retry_at=at(10))
    ob.move(conn, "sale", "t-3", S.SENT, result={})
    due = [r[2] for r in conn.execute(ob.DUE_SQL, [ob.ts(at(10)), 10])]
    assert due == ["t-1", "t-2", "t-4"]
    assert [r[2] for r in conn.execute(ob.DUE_SQL, [ob.ts(at(5)), 10])] == ["t-1", "t-4"]
    assert [r[2] for r in conn.execute(ob.DUE_SQL, [ob.ts(at(10)), 1])] == ["t-1"]


def test_a_void_waits_for_its_sales_answer(tmp_path: Path) -> None:
    clock = Clock()
    with Store.open(tmp_path, clock=clock) as store:
        store.add_user("مدیر", "manager", "9876")
        sale = store.record_sale(build_sale(clock), lease_until=clock() + dt.timedelta(hours=1))
        void = store.void_sale(sale.txn_id, "مدیر", "goods returned")
        assert store.due_uploads() == []  # the sale's post is in flight: the void waits
        with store._c.write() as conn:
            ob.move(conn, "sale", sale.txn_id, S.PENDING)
        assert [u.ref for u in store.due_uploads()] == [sale.txn_id]  # still waiting
        with store._c.write() as conn:
            ob.move(conn, "sale", sale.txn_id, S.SENT, result={})
        assert [u.ref for u in store.due_uploads()] == [void.void_id]


def test_a_voids_status_follows_its_own_table(tmp_path: Path) -> None:
    clock = Clock()
    with Store.open(tmp_path, clock=clock) as store:
        sale = store.record_sale(build_sale(clock))
        with store._c.write() as conn:
            for bad in (VoidState.VOIDED, VoidState.REJECTED):
                with pytest.raises(IllegalTransition):
                    ob.insert_void(conn, "v-x", sale.txn_id, clock(), "2026-01-10", "r", "m",
                                   bad)
            ob.insert_void(conn, "v-1", sale.txn_id, clock(), "2026-01-10", "r", "m",
                           VoidState.PENDING)
            ob.insert_void(conn, "v-2", sale.txn_id, clock(), "2026-01-10", "r", "m",
                           VoidState.LOCAL)
            with pytest.raises(IllegalTransition):
                ob.set_void_status(conn, "v-2", VoidState.VOIDED, at=clock())
            with pytest.raises(IllegalTransition):
                ob.set_void_status(conn, "v-9", VoidState.VOIDED, at=clock())
            ob.set_void_status(conn, "v-1", VoidState.REJECTED, error={"code": "x"},
                               at=clock())
            got = conn.execute("SELECT status, error_json, decided_at FROM voids "
                               "WHERE void_id = 'v-1'").fetchone()
            assert got == ("rejected", '{"code":"x"}', ob.ts(clock()))
            ob.insert_void(conn, "v-3", sale.txn_id, clock(), "2026-01-10", "r", "m",
                           VoidState.PENDING)
            ob.set_void_status(conn, "v-3", VoidState.VOIDED, at=clock())
            assert conn.execute("SELECT status, error_json FROM voids WHERE void_id = 'v-3'"
                                ).fetchone() == ("voided", None)
