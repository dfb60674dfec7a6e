"""How the remainder is paid: cash with change, or a card with its reference; every
refusal leaves the sale unpaid and says what to do."""

from __future__ import annotations

import pytest

from pos_client.counter.checkout import PaymentChoice, payments_for
from pos_client.domain.basket import Split
from pos_client.domain.errors import InvalidInput
from pos_client.domain.sale import Payment

SPLIT = Split(total_rials=2_950_000, eligible_rials=500_000, copay_rials=50_000,
              coupon_rials=450_000, max_coupon_rials=450_000, remainder_rials=2_500_000)


def test_cash_over_the_remainder_gives_change_and_exact_cash_none() -> None:
    paid = payments_for(SPLIT, PaymentChoice("cash", tendered_rials=3_000_000))
    assert paid == (Payment("coupon", 450_000),
                    Payment("cash", 2_500_000, tendered_rials=3_000_000, change_rials=500_000))
    exact = payments_for(SPLIT, PaymentChoice("cash"))
    assert exact[1] == Payment("cash", 2_500_000, tendered_rials=2_500_000, change_rials=0)


def test_cash_one_rial_short_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        payments_for(SPLIT, PaymentChoice("cash", tendered_rials=2_499_999))
    assert raised.value.code == "tender_short" and raised.value.fa and raised.value.en


@pytest.mark.parametrize("reference", ["", "123", "x" * 33, "12/34", "۱۲۳"])
def test_a_card_payment_without_a_usable_reference_is_refused(reference: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        payments_for(SPLIT, PaymentChoice("card", card_reference=reference))
    assert raised.value.code == "card_reference_invalid"


@pytest.mark.parametrize(("typed", "kept"), [("1234", "1234"), ("۱۲۳۴۵۶", "123456"),
                                             ("A" * 32, "A" * 32)])
def test_a_card_payment_keeps_its_reference_in_ascii(typed: str, kept: str) -> None:
    paid = payments_for(SPLIT, PaymentChoice("card", card_reference=typed))
    assert paid == (Payment("coupon", 450_000), Payment("card", 2_500_000, reference=kept))


def test_a_sale_all_on_the_coupon_needs_no_cash_and_no_reference() -> None:
    whole = Split(total_rials=450_000, eligible_rials=500_000, copay_rials=50_000,
                  coupon_rials=450_000, max_coupon_rials=450_000, remainder_rials=0)
    assert payments_for(whole, PaymentChoice("card")) == (Payment("coupon", 450_000),)
    assert payments_for(whole, PaymentChoice("cash")) == (Payment("coupon", 450_000),)
