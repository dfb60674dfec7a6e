"""A scripted day of about 200 sales against central-sim: the Z is exact to the rial and
the reconciliation lists exactly the differences planted at the service."""

from __future__ import annotations

from central_support import Central
from report_support import (
    MANAGER_NAME,
    MakeCounter,
    Script,
    change_coupon_on_server,
    remove_on_server,
)

from pos_client.reports import (
    AMOUNT_DIFFERS,
    MISSING_ON_SERVER,
    kept_z_report,
    x_report,
    z_report,
)
from pos_client.store import TillState


def test_a_day_of_200_sales_closes_exact_to_the_rial_and_lists_only_the_planted_differences(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    script = Script(counter, central)
    made = [script.sell() for _ in range(150)]
    made += [script.sell(coupon=False) for _ in range(15)]
    for sale in made[5:150:20]:
        script.void(sale)
    script.push()

    central.stop()  # the service goes away: the counter stands in offline
    doomed_buyer = script.buyers[-1]
    doomed = script.sell(doomed_buyer, small=True)
    offline = [script.sell(small=True) for _ in range(14)] + [doomed]
    assert all(s.status == "pending" for s in offline if s.coupon_rials)
    assert doomed.status == "pending"
    central.start()
    central.admin.post(f"households/{doomed_buyer['key']}/spend",
                       {"rials": central.admin.household(doomed_buyer["key"])["balance_rials"]})
    script.push()
    assert script.expected.rejected == {doomed.txn_id}
    made += [script.sell() for _ in range(20)]
    script.void(made[-1])
    script.push()

    voided = script.expected.voided
    standing = [s for s in made if s.coupon_rials and s.txn_id not in voided]
    removed, changed = standing[3], standing[40]
    remove_on_server(central, removed.txn_id)
    change_coupon_on_server(central, changed.txn_id, -10_000)

    expected = script.expected.figures()
    assert 195 <= len(script.expected.sales) <= 210
    store = counter.store
    x = x_report(store, api=counter.api)
    assert x.kind == "X" and x.cash.counted_rials is None
    assert store.current_day() is not None and store.current_day().status == "open"

    day = store.sales_date()
    counted = expected["expected_cash"] - 20_000
    z = z_report(store, MANAGER_NAME, counted, api=counter.api)

    f = z.figures
    assert {k: getattr(f, k) for k in expected if hasattr(f, k)} == \
        {k: v for k, v in expected.items() if k != "expected_cash"}
    assert x.figures == f
    assert z.cash.expected_rials == expected["expected_cash"]
    assert z.cash.difference_rials == -20_000
    assert [r.receipt_no for r in f.rejected] == [doomed.receipt_no]
    assert f.unsent == ()

    assert z.reconciliation is not None
    planted = {(d.kind, d.receipt_no) for d in z.reconciliation.differences}
    assert planted == {(MISSING_ON_SERVER, removed.receipt_no),
                       (AMOUNT_DIFFERS, changed.receipt_no)}
    amount = next(d for d in z.reconciliation.differences if d.kind == AMOUNT_DIFFERS)
    assert (amount.local_coupon_rials, amount.server_coupon_rials) == \
        (changed.coupon_rials, changed.coupon_rials - 10_000)

    assert z.z_no == 1 and z.status == "mismatch"
    assert z.close.body(1) == script.expected.close_body(1)
    assert kept_z_report(store, day) == z
    assert store.business_day(day).status == "closed"
    # the business date stays today's in Tehran: nothing sells until midnight
    assert store.sales_date() == day
    assert store.till_state(counter.user.name) is TillState.DAY_CLOSED  # type: ignore[union-attr]
