"""Forwarding through a hostile service: drops after apply, 5xx, 503 storms, restarts.

After recovery the service holds every sale exactly once, its balances equal seeded minus
approved coupon plus voided coupon, and nothing is lost locally.
"""

from __future__ import annotations

import time

from central_support import Central
from counter_support import MakeCounter, basket_line, identify, make_counter, manager_pin, sell

from pos_client.counter import Counter
from pos_client.sync.errors import ServiceUnreachable, Throttled

__all__ = ["make_counter"]


def drain(counter: Counter, *, rounds: int = 200) -> None:
    """Push until nothing is unsent; each failed round waits for its retry time."""
    assert counter.engine is not None
    for _ in range(rounds):
        if counter.status().unsent_sales == 0 and counter.store.cache_status().unsent_voids == 0:
            return
        try:
            counter.engine.push()
        except (ServiceUnreachable, Throttled):
            time.sleep(0.05)
    raise AssertionError("the outbox did not drain")


def test_offline_sales_reach_a_faulty_service_exactly_once(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    assert counter.engine is not None
    counter.engine.backoff_start_s = 0.0
    buyers = [central.buyer(decile=d) for d in (1, 2, 3)]
    households = [identify(counter, b) for b in buyers]
    central.stop()
    sales = []
    for i in range(12):
        household = counter.refresh(households[i % 3])
        sales.append(sell(counter, household, [basket_line(counter, central, index=i % 5)]).sale)
    counter.void_sale(sales[0].txn_id, manager_pin(), "wrong basket")
    central.start()
    central.admin.faults(drop_after_apply_rate=0.3, error_rate=0.2, unavailable_rate=0.2,
                         retry_after=0, seed=7)
    drain(counter)
    central.admin.faults()
    for sale in sales:
        assert central.admin.sale(sale.txn_id) is not None
    assert central.admin.get("sales/count")["count"] == len(sales)
    for buyer in buyers:
        spent = sum(s.coupon_rials for s in sales[1:] if s.household_key == buyer["key"])
        assert central.admin.household(buyer["key"])["balance_rials"] == \
            buyer["balance_rials"] - spent
    assert counter.store.verify_journal() is None
    assert all(s.status == "approved" for s in counter.store.sales_for_day(sales[0].business_date))


def test_two_terminals_spending_one_household_offline_one_is_rejected_and_listed(
        central: Central, make_counter: MakeCounter) -> None:
    first, second = make_counter("T-0001"), make_counter("T-0002")
    buyer = central.buyer()
    h1, h2 = identify(first, buyer), identify(second, buyer)
    central.admin.post(f"households/{buyer['key']}", {"balance_rials": 3_000_000})
    central.stop()
    lines = [basket_line(first, central, qty_milli=2000)]  # a coupon of 2.5M each, 3M between them
    a = sell(first, h1, lines, coupon=min(2_500_000, first.quote(lines, h1).coupon_rials))
    b = sell(second, h2, lines, coupon=min(2_500_000, second.quote(lines, h2).coupon_rials))
    assert a.mode == b.mode == "offline"
    central.start()
    assert first.engine is not None and second.engine is not None
    assert first.engine.push().approved == 1
    report = second.engine.push()
    assert report.rejected == 1 and report.rejected_txn_ids == [b.sale.txn_id]
    rejected = second.store.rejected_sales()
    assert [s.txn_id for s in rejected] == [b.sale.txn_id]
    assert second.engine.push().sent == 0
