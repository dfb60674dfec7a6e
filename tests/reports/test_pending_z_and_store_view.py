"""A Z with unsent sales, settled once they are forwarded; the store's view of every
terminal; what is and is not a sale."""

from __future__ import annotations

import pytest
from central_support import Central
from report_support import MANAGER_NAME, MakeCounter, Script

from pos_client.reports import (
    UnsentSales,
    kept_z_report,
    redo_pending_reconciliations,
    report_document,
    x_report,
    z_report,
)


def test_unsent_sales_stop_the_z_until_the_manager_closes_anyway_then_it_settles_later(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    script = Script(counter, central)
    online = [script.sell() for _ in range(5)]
    central.stop()
    offline = [script.sell(small=True) for _ in range(3)]
    unsent = sum(1 for s in offline if s.status == "pending")
    assert unsent
    store, api = counter.store, counter.api
    day = store.sales_date()

    with pytest.raises(UnsentSales) as refused:
        z_report(store, MANAGER_NAME, 0, api=api)
    assert refused.value.count == unsent and store.business_day(day).status == "open"

    z = z_report(store, MANAGER_NAME, 0, api=api, close_anyway=True)
    assert z.pending and z.z_no == 1 and len(z.figures.unsent) == unsent
    assert store.business_day(day).status == "closed"
    assert redo_pending_reconciliations(store, api) == []  # still unsent: nothing to do

    central.start()
    script.push()  # a forwarder round: having sent the sales, it settles the pending Z
    assert all(store.get_sale(s.txn_id).status == "approved" for s in offline if s.coupon_rials)
    settled = kept_z_report(store, day)
    assert settled is not None and not settled.pending
    assert settled.status == "matched" and settled.reconciliation is not None
    assert settled.reconciliation.differences == () and settled.reconciliation.unsent == 0
    assert settled.figures == z.figures  # the Z's own figures stay as they were at close
    assert redo_pending_reconciliations(store, api) == []
    assert len(online) + len(offline) == settled.figures.sales_count


def test_the_store_view_shows_every_terminal_of_the_store(
        central: Central, make_counter: MakeCounter) -> None:
    first, second = make_counter("T-0001"), make_counter("T-0002")
    a, b = Script(first, central, seed=1), Script(second, central, seed=2)
    sold = [a.sell() for _ in range(4)] + [b.sell() for _ in range(3)]
    report = x_report(first.store, api=first.api)
    assert report.store_view is not None
    assert set(report.store_view.terminal_ids) >= {"T-0001", "T-0002"}
    approved = [s for s in sold if s.status == "approved"]
    assert report.store_view.sales_count == len(approved)
    assert report.store_view.coupon_rials == sum(s.coupon_rials for s in approved)
    assert report.figures.sales_count == 4


def test_the_printed_report_hides_the_expected_cash_until_it_is_counted(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter(language="en")
    Script(counter, central).sell()
    blind = report_document(x_report(counter.store), language="en").to_json()
    counted = report_document(x_report(counter.store, counted_cash_rials=1_000),
                              language="en").to_json()
    assert "Expected cash" not in blind and "not counted" in blind
    assert "Expected cash" in counted and "Difference" in counted


def test_a_declined_attempt_is_not_a_sale(central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    script = Script(counter, central)
    kept = script.sell()
    central.stop()
    attempt = script.sell(small=True)
    counter.store.decline_sale(attempt.txn_id, "offline_limit", cancel_on_server=False)
    report = x_report(counter.store)
    assert report.figures.sales_count == 1
    assert report.figures.total_rials == kept.total_rials
    assert report.figures.rejected == () and report.figures.unsent == ()
