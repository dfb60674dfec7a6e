"""Recording sales: one transaction, a receipt number each, the outbox and the cache."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest
from store_support import Clock, build_sale, household_item

from pos_client.domain.errors import InvalidInput, StoreError
from pos_client.store import Store


def count(store: Store, table: str) -> int:
    return int(store._c.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_recorded_sale_has_its_lines_payments_journal_entry_and_outbox_row(
        store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item()], 1)
    stored = store.record_sale(build_sale(clock))
    assert stored.receipt_no == "T-0001-000001"
    assert store.get_sale(stored.txn_id) == stored
    assert (count(store, "sale_lines"), count(store, "payments"), count(store, "journal"),
            count(store, "outbox")) == (2, 2, 1, 1)
    assert store.verify_journal() is None


def test_the_outbox_payload_is_the_exact_body_of_post_sales(store: Store, clock: Clock) -> None:
    stored = store.record_sale(build_sale(clock))
    (upload,) = store.due_uploads()
    assert upload.kind == "sale" and upload.ref == stored.txn_id
    assert upload.payload == {
        "txn_id": stored.txn_id, "receipt_no": "T-0001-000001",
        "created_at": "2026-01-10T08:15:00Z", "business_date": "2026-01-10",
        "household_key": "H-000123", "identified_by": "nid", "code": None,
        "round_id": "1404-10", "offline": True, "total_rials": 5_200_000,
        "eligible_rials": 4_500_000, "copay_rials": 50_000, "coupon_rials": 4_450_000,
        "lines": [{"gtin": "6260000000019", "group": "rice", "qty_milli": 1000,
                   "unit_price_rials": 4_500_000, "amount_rials": 4_500_000},
                  {"gtin": "6269999999991", "group": None, "qty_milli": 2000,
                   "unit_price_rials": 350_000, "amount_rials": 700_000}]}


def test_a_sealed_one_time_code_travels_beside_the_body_never_in_it(
        store: Store, clock: Clock) -> None:
    sale = dataclasses.replace(build_sale(clock), identified_by="code")
    store.record_sale(sale, sealed_code="opaque-sealed-value")
    (upload,) = store.due_uploads()
    assert upload.payload["code"] is None and upload.sealed_code == "opaque-sealed-value"
    store.mark_sale_result(sale.txn_id, "approved", "7F3K9Q")
    row = store._c.conn.execute("SELECT sealed_code FROM outbox").fetchone()
    assert row[0] is None


def test_receipt_numbers_follow_each_other_without_gaps(store: Store, clock: Clock) -> None:
    numbers = [store.record_sale(build_sale(clock, coupon=i % 2 == 0)).receipt_no
               for i in range(5)]
    assert numbers == [f"T-0001-00000{i}" for i in range(1, 6)]


def test_recording_the_same_sale_twice_keeps_it_once(store: Store, clock: Clock) -> None:
    sale = build_sale(clock)
    first = store.record_sale(sale)
    assert store.record_sale(sale) == first
    assert count(store, "sales") == 1 and count(store, "outbox") == 1


def test_a_sale_whose_figures_do_not_add_up_is_refused_and_nothing_is_written(
        store: Store, clock: Clock) -> None:
    sale = dataclasses.replace(build_sale(clock), total_rials=1)
    with pytest.raises(InvalidInput, match="do not add up"):
        store.record_sale(sale)
    assert count(store, "sales") == 0 and count(store, "journal") == 0


def test_a_sale_without_coupon_is_journaled_but_never_uploaded(store: Store, clock: Clock) -> None:
    store.record_sale(build_sale(clock, coupon=False))
    assert count(store, "journal") == 1 and count(store, "outbox") == 0


def test_the_cached_balance_reflects_an_unsent_sale_until_the_service_answers(
        store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    assert store.household_by_key("H-000123").balance_rials == 35_550_000  # type: ignore[union-attr]
    # a later page from the service does not know the sale yet: it is taken off again
    store.apply_household_page([household_item(balance=40_000_000, version=2)], 2)
    assert store.household_by_key("H-000123").balance_rials == 35_550_000  # type: ignore[union-attr]
    store.mark_sale_result(sale.txn_id, "approved", "7F3K9Q",
                           household=household_item(balance=35_550_000, version=3))
    cached = store.household_by_key("H-000123")
    assert cached is not None and cached.balance_rials == 35_550_000
    assert cached.spent_in_round_rials == 0  # the service's figure, as sent


def test_an_approval_is_stored_with_its_code_and_closes_the_outbox_row(
        store: Store, clock: Clock) -> None:
    sale = store.record_sale(build_sale(clock))
    approved = store.mark_sale_result(sale.txn_id, "approved", "7F3K9Q",
                                      household=household_item(balance=1, version=9))
    assert (approved.status, approved.approval_code, approved.balance_after_rials) == (
        "approved", "7F3K9Q", 1)
    assert store.due_uploads() == []
    assert store.mark_sale_result(sale.txn_id, "approved", "7F3K9Q") == approved
    assert store.verify_journal() is None


def test_a_rejected_sale_is_kept_for_the_manager_and_its_coupon_given_back(
        store: Store, clock: Clock, manager: str) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    rejected = store.mark_sale_result(sale.txn_id, "rejected",
                                      error={"code": "insufficient_balance"})
    assert rejected.status == "rejected" and rejected.error_code == "insufficient_balance"
    assert [s.txn_id for s in store.rejected_sales()] == [sale.txn_id]
    assert store.household_by_key("H-000123").balance_rials == 40_000_000  # type: ignore[union-attr]
    row = store._c.conn.execute("SELECT state, result FROM outbox").fetchone()
    assert row[0] == "rejected" and json.loads(row[1])["error"]["code"] == "insufficient_balance"
    store.acknowledge_rejected_sale(sale.txn_id, manager)
    assert store.rejected_sales() == [] and store.get_sale(sale.txn_id) is not None


def test_offline_exposure_sums_unsent_coupon_per_household_and_terminal(
        store: Store, clock: Clock) -> None:
    store.record_sale(build_sale(clock))
    clock.advance(hours=3)
    store.record_sale(build_sale(clock, household_key="H-2"))
    sent = store.record_sale(build_sale(clock, household_key="H-2"))
    store.mark_sale_result(sent.txn_id, "approved", "X")
    exposure = store.offline_exposure("H-000123")
    assert exposure.household_unsent_rials == 4_450_000
    assert exposure.terminal_unsent_rials == 8_900_000
    assert exposure.oldest_unsent_age_hours == pytest.approx(3.0)
    assert store.offline_exposure("H-none").household_unsent_rials == 0


def test_nothing_unsent_means_no_oldest_age(store: Store) -> None:
    assert store.offline_exposure(None).oldest_unsent_age_hours is None


def test_a_full_disk_fails_the_sale_cleanly_and_leaves_nothing_half_written(
        store: Store, clock: Clock) -> None:
    store.record_sale(build_sale(clock))
    conn = store._c.conn
    before = {t: count(store, t) for t in ("sales", "sale_lines", "payments", "outbox",
                                           "journal", "sequences")}
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big = dataclasses.replace(build_sale(clock), extra={"note": "x" * 20_000})
    with pytest.raises(StoreError) as caught:
        store.record_sale(big)
    assert caught.value.code == "store_full" and "disk is full" in str(caught.value)
    assert {t: count(store, t) for t in before} == before
    assert store.verify_journal() is None
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.record_sale(big).receipt_no == "T-0001-000002"


def test_a_receipt_document_is_kept_for_reprints(store: Store, clock: Clock) -> None:
    sale = store.record_sale(build_sale(clock))
    doc = json.dumps({"receipt_no": sale.receipt_no, "lines": ["برنج"]}, ensure_ascii=False)
    store.save_receipt_doc(sale.txn_id, doc)
    assert store.receipt_doc(sale.txn_id) == doc
    assert store.receipt_doc("nope") is None
    with pytest.raises(StoreError):
        store.save_receipt_doc("unknown-txn", doc)  # a document belongs to a stored sale


def test_the_sales_of_a_day_come_back_in_receipt_order(store: Store, clock: Clock) -> None:
    sales = [store.record_sale(build_sale(clock)) for _ in range(3)]
    assert store.sales_for_day(sales[0].business_date) == sales
    assert store.sale_by_receipt_no("T-0001-000002") == sales[1]


def test_sqlite_errors_never_escape_as_raw_sqlite_errors(store: Store, clock: Clock) -> None:
    with pytest.raises(StoreError), store._c.write() as conn:
        conn.execute("INSERT INTO products (gtin, name, price_rials, unit, updated_at) "
                     "VALUES ('1', 'x', 0, 'piece', 'now')")
    assert not isinstance(StoreError("a", "b"), sqlite3.Error)


def test_an_online_approved_sale_takes_the_services_household_and_is_not_queued(
        store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = dataclasses.replace(build_sale(clock, status="approved"), offline=False,
                               approval_code="7F3K9Q", balance_after_rials=35_550_000)
    stored = store.record_sale(sale, household=household_item(balance=35_550_000, version=2))
    assert stored.status == "approved" and store.due_uploads() == []
    assert store.household_by_key("H-000123").balance_rials == 35_550_000  # type: ignore[union-attr]
    assert store.cache_status().unsent_sales == 0


def test_a_sale_the_service_refused_at_the_counter_is_declined_not_lost(
        store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    declined = store.decline_sale(sale.txn_id, "outside_window", cancel_on_server=False)
    assert declined.extra["declined"] == "outside_window" and declined.status == "rejected"
    assert store.household_by_key("H-000123").balance_rials == 40_000_000  # type: ignore[union-attr]
    assert store.due_uploads() == [] and store.rejected_sales() == []  # not a store loss
    assert store.offline_exposure("H-000123").terminal_unsent_rials == 0
    assert store.decline_sale(sale.txn_id, "again", cancel_on_server=False) == declined
    assert store.verify_journal() is None


def test_a_declined_sale_the_service_may_have_is_sent_then_voided_there(
        store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    store.decline_sale(sale.txn_id, "offline_limit", cancel_on_server=True)
    # the cancelling void waits for the attempt's own answer (store/outbox.py)
    assert [u.kind for u in store.due_uploads()] == ["sale"]
    assert store.household_by_key("H-000123").balance_rials == 40_000_000  # type: ignore[union-attr]
    store.mark_sale_result(sale.txn_id, "approved", "A")
    assert [u.kind for u in store.due_uploads()] == ["void"]
    store.apply_household_page([household_item(balance=35_550_000, version=2)], 2)
    assert store.household_by_key("H-000123").balance_rials == 40_000_000  # type: ignore[union-attr]
    (void,) = store.voids_for_day(sale.business_date)
    assert void.manager == "system" and void.reason == "declined: offline_limit"
    store.mark_void_result(void.void_id, "voided")
    assert store.due_uploads() == []


def test_a_declined_sale_is_not_among_the_days_sales_unless_asked_for(
        store: Store, clock: Clock) -> None:
    kept = store.record_sale(build_sale(clock))
    gone = store.record_sale(build_sale(clock))
    store.decline_sale(gone.txn_id, "household_blocked", cancel_on_server=False)
    assert [s.txn_id for s in store.sales_for_day(kept.business_date)] == [kept.txn_id]
    assert len(store.sales_for_day(kept.business_date, include_declined=True)) == 2
