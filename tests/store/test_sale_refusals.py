"""Every refusal of ``check_sale``: a sale whose figures do not add up is never
written, and the database is exactly as before (no sale, no line, no journal entry)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from store_support import Clock, build_sale

from pos_client.domain.errors import InvalidInput
from pos_client.domain.sale import Payment, Sale, SaleLine
from pos_client.store import Store


def counts(store: Store) -> tuple[int, ...]:
    conn = store._c.conn
    return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("sales", "sale_lines", "payments", "outbox", "journal"))


def wrong_line_amount(sale: Sale) -> Sale:
    first = dataclasses.replace(sale.lines[0], amount_rials=sale.lines[0].amount_rials + 1)
    return dataclasses.replace(sale, lines=(first, *sale.lines[1:]))


def totals_off(sale: Sale) -> Sale:
    return dataclasses.replace(sale, total_rials=sale.total_rials + 1)


def eligible_off(sale: Sale) -> Sale:
    return dataclasses.replace(sale, eligible_rials=sale.eligible_rials - 1)


def payments_short(sale: Sale) -> Sale:
    cash = sale.payments[-1]
    return dataclasses.replace(sale, payments=(*sale.payments[:-1], dataclasses.replace(
        cash, amount_rials=cash.amount_rials - 1)))


def coupon_payment_off(sale: Sale) -> Sale:
    coupon, cash = sale.payments
    return dataclasses.replace(sale, payments=(
        Payment("coupon", coupon.amount_rials - 10), Payment("cash", cash.amount_rials + 10)))


def negative_coupon(sale: Sale) -> Sale:
    total = sale.total_rials
    return dataclasses.replace(sale, coupon_rials=-10, payments=(
        Payment("coupon", -10), Payment("cash", total + 10)))


def coupon_without_household(sale: Sale) -> Sale:
    return dataclasses.replace(sale, household_key=None)


def coupon_marked_no_coupon(sale: Sale) -> Sale:
    return dataclasses.replace(sale, status="no_coupon")


def cash_sale_awaiting_authorisation(sale: Sale) -> Sale:
    return dataclasses.replace(sale, status="pending")


# what is spoiled -> (a coupon sale?, how, the reason the refusal names)
REFUSALS: dict[str, tuple[bool, Callable[[Sale], Sale], str]] = {
    "no id": (True, lambda s: dataclasses.replace(s, txn_id=""), "no id or no lines"),
    "no lines": (True, lambda s: dataclasses.replace(s, lines=()), "no id or no lines"),
    "rejected": (True, lambda s: dataclasses.replace(s, status="rejected"), "rejected sale"),
    "a line amount": (True, wrong_line_amount, "price x quantity"),
    "the total": (True, totals_off, "do not add up to the totals"),
    "the eligible total": (True, eligible_off, "do not add up to the totals"),
    "the payments": (True, payments_short, "payments do not add up"),
    "the coupon payment": (True, coupon_payment_off, "not the coupon amount"),
    "a negative coupon": (True, negative_coupon, "not the coupon amount"),
    "a coupon without a household": (True, coupon_without_household, "needs a household"),
    "a coupon marked no_coupon": (True, coupon_marked_no_coupon, "needs a household"),
    "a cash sale awaiting authorisation": (False, cash_sale_awaiting_authorisation,
                                           "nothing to authorise"),
}


@pytest.mark.parametrize("what", sorted(REFUSALS))
def test_a_sale_that_does_not_add_up_is_refused_and_nothing_is_written(
        store: Store, clock: Clock, what: str) -> None:
    coupon, spoil, reason = REFUSALS[what]
    good = build_sale(clock, coupon=coupon)
    before = counts(store)
    with pytest.raises(InvalidInput) as raised:
        store.record_sale(spoil(good))
    assert raised.value.code == "sale_inconsistent"
    assert reason in raised.value.en and raised.value.fa
    assert counts(store) == before
    store.record_sale(good)  # the same sale, whole, is taken
    assert counts(store)[0] == before[0] + 1


def test_a_line_amount_rounds_half_up_and_is_taken(store: Store, clock: Clock) -> None:
    sale = build_sale(clock, coupon=False)
    odd = SaleLine("6260000000019", "برنج", 1_333, 1_500, 2_000, "rice")  # 1999.5 -> 2000
    total = sale.lines[1].amount_rials + 2_000
    stored = store.record_sale(dataclasses.replace(
        sale, lines=(odd, sale.lines[1]), total_rials=total, eligible_rials=2_000,
        payments=(Payment("cash", total, tendered_rials=total),)))
    assert stored.total_rials == total
