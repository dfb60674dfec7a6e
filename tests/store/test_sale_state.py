"""A sale's one state (``Sale.state``) through the store's writers, and its table.

Every writer that changes a sale's columns checks the move against ``sale.TRANSITIONS``;
the void and reprint lists, the reprint and the reports read the same field.
"""

from __future__ import annotations

import pytest
from store_support import Clock, build_sale, household_item

from pos_client.domain.sale import (
    TRANSITIONS,
    IllegalSaleMove,
    SaleState,
    check_sale_move,
    sale_state,
)
from pos_client.reports.ledger import build_ledger, read_journal
from pos_client.store import Store


def state(store: Store, txn_id: str) -> SaleState:
    sale = store.get_sale(txn_id)
    assert sale is not None
    return sale.state


def test_each_answer_and_void_moves_the_one_state(store: Store, clock: Clock,
                                                   manager: str) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    assert state(store, sale.txn_id) is SaleState.STAND_IN
    store.mark_sale_result(sale.txn_id, "approved", "A")
    assert state(store, sale.txn_id) is SaleState.APPROVED
    void = store.void_sale(sale.txn_id, manager, "wrong goods")
    assert state(store, sale.txn_id) is SaleState.VOIDED
    assert [s.state for s in store.sales_for_day(sale.business_date)] == [SaleState.VOIDED]
    store.mark_void_result(void.void_id, "rejected")  # the service keeps the sale
    assert state(store, sale.txn_id) is SaleState.APPROVED

    cash = store.record_sale(build_sale(clock, coupon=False))
    assert state(store, cash.txn_id) is SaleState.NO_COUPON
    store.void_sale(cash.txn_id, manager, "customer left")
    assert state(store, cash.txn_id) is SaleState.VOIDED


def test_a_declined_attempt_reads_declined_not_voided(store: Store, clock: Clock) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    store.decline_sale(sale.txn_id, "offline_limit", cancel_on_server=True)
    assert state(store, sale.txn_id) is SaleState.DECLINED
    store.mark_sale_result(sale.txn_id, "approved", "A")  # the service had it: voided there
    (void,) = store.voids_for_day(sale.business_date)
    store.mark_void_result(void.void_id, "voided")
    assert state(store, sale.txn_id) is SaleState.DECLINED


def test_the_reports_read_the_same_state(store: Store, clock: Clock, manager: str) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    kept = store.record_sale(build_sale(clock))
    voided = store.record_sale(build_sale(clock, coupon=False))
    store.void_sale(voided.txn_id, manager, "wrong goods")
    ledger = build_ledger(read_journal(store), kept.business_date)
    assert {s.txn_id: s.state for s in ledger.in_order()} == {
        kept.txn_id: SaleState.STAND_IN, voided.txn_id: SaleState.VOIDED}


def test_a_move_outside_the_table_is_refused() -> None:
    assert (SaleState.VOIDED, SaleState.DECLINED) not in TRANSITIONS
    with pytest.raises(IllegalSaleMove):
        check_sale_move("t", SaleState.VOIDED, SaleState.DECLINED)
    with pytest.raises(IllegalSaleMove):
        check_sale_move("t", SaleState.APPROVED, SaleState.STAND_IN)
    check_sale_move("t", SaleState.APPROVED, SaleState.APPROVED)  # no change is no move
    check_sale_move("t", None, SaleState.STAND_IN)


def test_the_columns_give_one_state_declined_first_then_voided() -> None:
    assert sale_state("approved", voided=True, declined=True) is SaleState.DECLINED
    assert sale_state("approved", voided=True, declined=False) is SaleState.VOIDED
    assert sale_state("pending", voided=False, declined=False) is SaleState.STAND_IN
    with pytest.raises(ValueError):
        sale_state("lost", voided=False, declined=False)
