"""What the customer sees, from the sale screen's state; and the check before recording."""

from __future__ import annotations

import json

import pytest

from pos_client.domain.basket import Line, compute_split
from pos_client.domain.customer_view import (
    EXTRA_KEY,
    CustomerView,
    build_view,
    check_shown,
    shown_figures,
    voided,
)
from pos_client.domain.errors import RuleViolation


class Household:
    balance_rials = 2_000_000


RICE = Line("6260100000014", "rice", 2000, 500_000, group="rice")


def test_each_phase_comes_from_the_state_of_the_sale() -> None:
    split = compute_split([RICE], spendable_rials=2_000_000, round_copay_rials=50_000)
    assert build_view(lines=[], split=None, household=None, paying=False,
                      outcome=None).phase == "idle"
    scanning = build_view(lines=[RICE], split=split, household=None, paying=False,
                          outcome=None)
    assert scanning.phase == "scanning" and scanning.balance_before_rials is None
    identified = build_view(lines=[RICE], split=split, household=Household(), paying=False,
                            outcome=None)
    assert identified.phase == "identified"
    assert identified.coupon_rials == split.coupon_rials == 950_000
    assert identified.pays_rials == 1_000_000 - 950_000
    assert identified.balance_after_rials == 2_000_000 - 950_000
    assert build_view(lines=[RICE], split=split, household=Household(), paying=True,
                      outcome=None).phase == "paid"
    assert build_view(lines=[], split=None, household=Household(), paying=False,
                      outcome=None).phase == "identified"


def test_a_voided_sale_shows_its_balance_back_and_another_void_shows_only_voided() -> None:
    shown = CustomerView("completed", "store", total_rials=10, coupon_rials=8,
                         balance_before_rials=100, balance_after_rials=92, txn_id="t1")
    gone = voided(shown, "t1")
    assert gone.phase == "voided" and gone.balance_after_rials == 100 and gone.coupon_rials == 8
    other = voided(shown, "t0")
    assert other.phase == "voided" and other.coupon_rials == 0 and other.store_name == "store"


def test_a_coupon_not_shown_is_refused_only_when_a_display_is_configured() -> None:
    view = CustomerView("paid", coupon_rials=950_000, pays_rials=50_000)
    for stale in (None, CustomerView("paid", coupon_rials=900_000)):
        with pytest.raises(RuleViolation) as refused:
            check_shown(stale, 950_000, display_configured=True)
        assert refused.value.code == "coupon_not_shown"
    assert check_shown(None, 950_000, display_configured=False) == {}
    assert check_shown(None, 0, display_configured=True) == {}
    extra = check_shown(view, 950_000, display_configured=True)
    assert json.loads(extra[EXTRA_KEY])["coupon_rials"] == 950_000
    assert shown_figures(extra) == view.figures()
    assert shown_figures({}) is None
