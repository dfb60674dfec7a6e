"""Completing sales at the counter against central-sim: online, refused, offline, forwarded."""

from __future__ import annotations

import pytest
from central_support import Central
from counter_support import MakeCounter, basket_line, identify, make_counter, sell

from pos_client.counter.checkout import SplitChanged
from pos_client.domain.errors import (
    InvalidNationalCode,
    NotFound,
    OfflineLimitExceeded,
    RuleViolation,
)

__all__ = ["make_counter"]


def test_an_online_sale_is_approved_and_the_new_balance_is_kept(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    household = identify(counter, buyer)
    line = basket_line(counter, central, qty_milli=2000)
    result = sell(counter, household, [line])
    assert result.mode == "online" and result.sale.status == "approved"
    assert result.sale.approval_code
    server = central.admin.household(buyer["key"])
    assert server["balance_rials"] == buyer["balance_rials"] - result.sale.coupon_rials
    assert counter.refresh(household).balance_rials == server["balance_rials"]
    assert counter.status().unsent_sales == 0


def test_insufficient_balance_shows_the_new_spendable_and_completes_nothing(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    household = identify(counter, buyer)
    line = basket_line(counter, central, qty_milli=3000)
    central.admin.post(f"households/{buyer['key']}/spend",
                       {"rials": buyer["balance_rials"] - 100_000})
    with pytest.raises(SplitChanged) as err:
        sell(counter, household, [line])
    assert err.value.household.spendable_rials == 100_000
    assert counter.recent_sales() == []
    assert counter.status().unsent_sales == 0
    again = sell(counter, err.value.household, [line])
    assert again.sale.coupon_rials == 100_000 and again.mode == "online"


def test_an_invalid_code_or_unknown_household_changes_nothing(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    with pytest.raises(InvalidNationalCode):
        counter.identify("1234567890")
    with pytest.raises(NotFound):
        counter.identify("0499370899")


def test_a_sale_stands_in_offline_and_is_forwarded_exactly_once(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    household = identify(counter, buyer)
    central.stop()
    result = sell(counter, household, [basket_line(counter, central)])
    assert result.mode == "offline" and result.sale.status == "pending"
    assert counter.status().unsent_sales == 1
    assert counter.refresh(household).balance_rials == \
        buyer["balance_rials"] - result.sale.coupon_rials
    central.start()
    assert counter.engine is not None
    pushed = counter.engine.push()
    assert pushed.approved == 1
    assert counter.engine.push().sent == 0
    assert central.admin.sale(result.sale.txn_id) is not None
    assert central.admin.household(buyer["key"])["balance_rials"] == \
        buyer["balance_rials"] - result.sale.coupon_rials
    assert counter.status().unsent_sales == 0


def test_beyond_an_offline_limit_the_coupon_is_refused_naming_the_limit(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = next(h for h in central.ids["households"] if h["status"] == "active"
                 and h["can_buy_today"] and h["members"] >= 4)
    central.admin.post(f"households/{buyer['key']}", {"balance_rials": 60_000_000})
    assert counter.engine is not None
    counter.engine.pull()
    household = identify(counter, buyer)
    assert household.spendable_rials > 20_000_000
    central.stop()
    big = basket_line(counter, central, qty_milli=40_000)  # well over 20,000,000 rials
    with pytest.raises(OfflineLimitExceeded) as err:
        sell(counter, household, [big])
    assert err.value.limit in ("max_sale_rials", "max_household_rials")
    assert counter.recent_sales() == []
    no_coupon = sell(counter, household, [big], coupon=0)
    assert no_coupon.mode == "no_coupon" and no_coupon.sale.coupon_rials == 0


def test_a_one_time_code_never_works_offline(central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    code = central.admin.post(f"households/{buyer['key']}/codes", {"ttl_seconds": 600})["code"]
    household = counter.identify(code)
    assert household.kind == "code" and household.key == buyer["key"]
    central.stop()
    with pytest.raises(RuleViolation) as err:
        counter.identify(code)
    assert err.value.code == "code_needs_network"


def test_a_sale_whose_answer_was_lost_is_forwarded_with_the_same_txn_id(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    household = identify(counter, buyer)
    central.admin.faults(drop_after_apply_rate=1.0, paths=["/v1/sales"])
    result = sell(counter, household, [basket_line(counter, central)])
    assert result.mode == "offline" and result.sale.status == "pending"
    assert central.admin.sale(result.sale.txn_id) is not None  # the service has it
    central.admin.faults()
    assert counter.engine is not None
    assert counter.engine.push().approved == 1
    assert central.admin.household(buyer["key"])["balance_rials"] == \
        buyer["balance_rials"] - result.sale.coupon_rials
