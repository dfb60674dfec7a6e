from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.domain.errors import InvalidPrice, InvalidQuantity
from pos_client.domain.money import (
    check_price,
    div_half_up,
    format_amount,
    format_qty,
    line_amount,
    parse_qty,
)


@pytest.mark.parametrize(("price", "qty", "amount"), [
    (4_500_000, 1000, 4_500_000),
    (350_000, 2000, 700_000),
    (1_000_001, 1500, 1_500_002),  # 1,500,001.5 rounds half up
    (3, 500, 2),  # 1.5 -> 2
    (1, 499, 0),  # 0.499 -> 0
    (1, 500, 1),  # 0.5 -> 1
    (2_345_679, 1_234, 2_894_568),  # 2,894,567.886 -> 2,894,568
])
def test_a_line_amount_is_price_times_quantity_rounded_half_up(price: int, qty: int,
                                                                amount: int) -> None:
    assert line_amount(price, qty) == amount


@given(st.integers(-10**15, 10**15), st.integers(1, 10**6))
def test_half_up_division_matches_exact_rational_rounding(n: int, d: int) -> None:
    from fractions import Fraction
    exact = Fraction(abs(n), d)
    expected = int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)
    assert div_half_up(n, d) == (expected if n >= 0 else -expected)


def test_amounts_show_persian_digits_and_the_persian_thousands_separator() -> None:
    assert format_amount(18_000_000) == "۱۸٬۰۰۰٬۰۰۰ ریال"
    assert format_amount(18_000_000, unit="toman") == "۱٬۸۰۰٬۰۰۰ تومان"
    assert format_amount(18_000_000, digits="en", language="en") == "18,000,000 rials"
    assert format_amount(0, with_unit=False) == "۰"


@pytest.mark.parametrize(("text", "weighed", "qty"), [
    ("2", False, 2000), ("۲", False, 2000), ("1.5", True, 1500), ("۱٫۲۵۰", True, 1250),
    ("0.001", True, 1), ("999", True, 999_000),
])
def test_typed_quantities_become_thousandths(text: str, weighed: bool, qty: int) -> None:
    assert parse_qty(text, weighed=weighed) == qty


@pytest.mark.parametrize(("text", "weighed"), [
    ("0", True), ("-1", True), ("1000", True), ("1.0005", True), ("1.5", False), ("abc", False),
    ("", True), ("1..2", True),
])
def test_bad_quantities_are_refused(text: str, weighed: bool) -> None:
    with pytest.raises(InvalidQuantity):
        parse_qty(text, weighed=weighed)


@pytest.mark.parametrize("price", [0, -1, 10**12 + 1, 1.5, True])
def test_bad_prices_are_refused(price: object) -> None:
    with pytest.raises(InvalidPrice):
        check_price(price)  # type: ignore[arg-type]


def test_quantities_display_as_pieces_or_kilograms() -> None:
    assert format_qty(2000, weighed=False, digits="en") == "2"
    assert format_qty(1250, weighed=True, digits="en") == "1.250"
    assert format_qty(1250, weighed=True) == "۱٫۲۵۰"
