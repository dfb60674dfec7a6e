"""The outbox's one table of moves: what it allows, what it refuses, the counter's lease,
and a database of the older outbox migrated with its rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from store_support import Clock, build_sale, household_item

from pos_client.store import Store
from pos_client.store.db import open_database
from pos_client.store.migrations import MIGRATIONS
from pos_client.store.outbox import (
    FINAL,
    TRANSITIONS,
    IllegalTransition,
    OutboxState,
    move,
)

S = OutboxState


def test_every_state_is_reachable_and_a_final_state_has_no_way_out() -> None:
    reached = {new for (_old, new) in TRANSITIONS}
    assert reached == set(OutboxState)
    assert not [pair for pair in TRANSITIONS if pair[0] in FINAL]


@pytest.mark.parametrize("old, new", [(S.SENT, S.PENDING), (S.REJECTED, S.SENT),
                                      (S.MOOT, S.PENDING), (S.PENDING, S.LEASED),
                                      (S.HELD, S.SENT), (S.SENT, S.REJECTED)])
def test_a_move_not_in_the_table_raises_and_changes_nothing(
        store: Store, clock: Clock, old: OutboxState, new: OutboxState) -> None:
    sale = store.record_sale(build_sale(clock))
    with store._c.write() as conn:
        conn.execute("UPDATE outbox SET state = ? WHERE ref = ?", [old.value, sale.txn_id])
    with pytest.raises(IllegalTransition), store._c.write() as conn:
        move(conn, "sale", sale.txn_id, new, result={})
    assert store.upload_state("sale", sale.txn_id) == old


def test_the_counters_leased_post_is_not_due_until_its_lease_runs_out(
        store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item()], 1)
    sale = store.record_sale(build_sale(clock), lease_until=clock() + dt.timedelta(seconds=40))
    assert store.upload_state("sale", sale.txn_id) == S.LEASED
    assert store.due_uploads() == []
    assert store.unsent_sales_count() == 1
    clock.advance(seconds=41)  # the counter died mid-post: the forwarder takes it over
    (upload,) = store.due_uploads()
    assert upload.ref == sale.txn_id and store.upload_state("sale", sale.txn_id) == S.PENDING


def test_a_lease_released_by_the_counter_is_due_and_counts_as_tried(
        store: Store, clock: Clock) -> None:
    sale = store.record_sale(build_sale(clock), lease_until=clock() + dt.timedelta(seconds=40))
    store.release_lease(sale.txn_id, "service_unreachable", clock())
    (upload,) = store.due_uploads()
    assert upload.attempts == 1
    store.release_lease(sale.txn_id, "again", clock())  # no longer leased: nothing happens
    assert store.due_uploads()[0].attempts == 1


def test_a_held_upload_is_listed_and_no_longer_due(store: Store, clock: Clock) -> None:
    first = store.record_sale(build_sale(clock))
    second = store.record_sale(build_sale(clock))
    (held, _) = store.due_uploads()
    store.hold_upload(held.id, "sealed code unreadable")
    assert [u.ref for u in store.due_uploads()] == [second.txn_id]
    assert [(h.ref, h.reason) for h in store.held_uploads()] == [
        (first.txn_id, "sealed code unreadable")]


def test_an_outbox_of_the_older_schema_is_migrated_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "pos.db"
    db = open_database(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="0005_outbox_state_machine")
    with db.atomic():
        for n, state in enumerate(("pending", "sent", "rejected"), 1):
            db.conn.execute("INSERT INTO outbox (kind, ref, payload, created_at, attempts, "
                            "next_attempt_at, state, sealed_code) VALUES ('sale', ?, '{}', "
                            "'2026-01-10T06:00:00.000000Z', ?, "
                            "'2026-01-10T06:00:00.000000Z', ?, ?)",
                            [f"old-{n}", n, state, "abcd" if n == 1 else None])
    db.close()
    with Store.open(tmp_path, clock=Clock()) as store:
        assert [store.upload_state("sale", f"old-{n}") for n in (1, 2, 3)] == [
            S.PENDING, S.SENT, S.REJECTED]
        (due,) = store.due_uploads()
        assert (due.ref, due.attempts, due.sealed_code) == ("old-1", 1, "abcd")
        store.record_sale(build_sale(Clock()))  # new rows still get fresh ids
        assert len(store.due_uploads()) == 2


def test_a_voids_status_moves_only_by_its_table(store: Store, clock: Clock,
                                                 manager: str) -> None:
    from pos_client.store.outbox import VoidState, set_void_status
    sale = store.record_sale(build_sale(clock))
    void = store.void_sale(sale.txn_id, manager, "goods returned")
    store.mark_void_result(void.void_id, "voided")
    with pytest.raises(IllegalTransition), store._c.write() as conn:
        set_void_status(conn, void.void_id, VoidState.REJECTED, at=clock())
    assert store.voids_for_day(sale.business_date)[0].status == "voided"
