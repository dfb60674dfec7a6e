from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.basket import Basket, Line, compute_split
from pos_client.domain.errors import InvalidPrice, InvalidQuantity

RICE = Line("6260000000019", "برنج", 1000, 4_500_000, group="rice", max_price_rials=5_000_000)
SODA = Line("6269999999996", "نوشابه", 2000, 350_000)


def test_the_split_of_the_contract_example() -> None:
    split = compute_split([RICE, SODA], spendable_rials=18_000_000, round_copay_rials=50_000)
    assert (split.total_rials, split.eligible_rials, split.copay_rials, split.coupon_rials,
            split.remainder_rials) == (5_200_000, 4_500_000, 50_000, 4_450_000, 750_000)


def test_spendable_caps_the_coupon() -> None:
    split = compute_split([RICE], spendable_rials=1_000_000, round_copay_rials=50_000)
    assert split.coupon_rials == 1_000_000
    assert split.remainder_rials == 3_500_000


def test_a_line_above_its_approved_price_is_paid_by_other_means() -> None:
    dear = Line("6260000000026", "برنج", 1000, 5_500_000, group="rice", max_price_rials=5_000_000)
    assert dear.exclusion == "price_above_max" and dear.coupon_group is None
    split = compute_split([dear, RICE], spendable_rials=50_000_000, round_copay_rials=50_000)
    assert split.eligible_rials == 4_500_000


def test_no_coupon_means_no_copay_and_the_cashier_may_only_lower_it() -> None:
    small = Line("6260000000033", "شکر", 1000, 40_000, group="sugar")
    assert compute_split([small], spendable_rials=10**9, round_copay_rials=50_000).copay_rials == 0
    lowered = compute_split([RICE], spendable_rials=10**9, round_copay_rials=50_000,
                            coupon_limit_rials=1_000_000)
    assert lowered.coupon_rials == 1_000_000 and lowered.max_coupon_rials == 4_450_000
    raised = compute_split([RICE], spendable_rials=10**9, round_copay_rials=50_000,
                           coupon_limit_rials=10**10)
    assert raised.coupon_rials == 4_450_000


def test_scanning_the_same_piece_item_again_adds_one() -> None:
    basket = Basket()
    basket.add(SODA)
    basket.add(Line(SODA.gtin, SODA.name, 1000, SODA.unit_price_rials))
    assert len(basket.lines) == 1 and basket.lines[0].qty_milli == 3000


def test_bad_lines_are_refused() -> None:
    with pytest.raises(InvalidQuantity):
        Line("6260000000019", "x", 0, 1000)
    with pytest.raises(InvalidPrice):
        Line("6260000000019", "x", 1000, 0)
    basket = Basket([RICE])
    with pytest.raises(InvalidQuantity):
        basket.set_qty(0, 1_000_000)
    assert basket.lines[0].qty_milli == 1000


lines = st.lists(st.builds(
    Line, gtin=st.just("6260000000019"), name=st.just("x"),
    qty_milli=st.integers(1, 999_000), unit_price_rials=st.integers(1, 10**9),
    group=st.sampled_from([None, "rice", "oil"]),
    max_price_rials=st.one_of(st.none(), st.integers(1, 10**9))), max_size=12)


@given(lines, st.integers(0, 10**11), st.integers(0, 200_000),
       st.one_of(st.none(), st.integers(-10**6, 10**11)))
def test_the_split_always_adds_up_and_stays_within_its_bounds(
        basket: list[Line], spendable: int, copay: int, limit: int | None) -> None:
    split = compute_split(basket, spendable_rials=spendable, round_copay_rials=copay,
                          coupon_limit_rials=limit)
    assert split.coupon_rials + split.remainder_rials == split.total_rials
    assert 0 <= split.coupon_rials <= spendable
    assert split.coupon_rials <= max(0, split.eligible_rials - copay)
    assert split.coupon_rials <= split.max_coupon_rials
    assert split.eligible_rials <= split.total_rials
    assert split.copay_rials == (copay if split.coupon_rials > 0 else 0)
