"""Each boundary of the rules that a one-character change of the code would move.

Mutation testing showed these changes went unnoticed: a round's first day refused, the
coupon open before the round, a one-day round, a copay of 0, a 15- or 17-digit card, a
float quantity, weights printed wrong, a lost minus sign, a renamed hashed field, one
line over the basket's limit, and a validator that takes what it should refuse.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from test_programme import contract_example

from pos_client.basket import MAX_LINES, Basket, Line
from pos_client.errors import InvalidCard, InvalidInput, InvalidQuantity
from pos_client.identity import luhn_check_digit, parse_pan, parse_track2
from pos_client.money import check_qty_milli, format_amount, format_qty, group_thousands
from pos_client.programme import ProgrammeFormatError, Round, parse_programme, window_decision
from pos_client.store.journal import GENESIS, entry_hash
from pos_client.sync.errors import BadResponse
from pos_client.sync.validate import sale_result

D = dt.date


def a_round(starts: D, ends: D, windows: tuple[Any, ...] = ()) -> Round:
    return Round(id="r", title="r", starts_on=starts, ends_on=ends, copay_rials=0,
                 cumulative_caps=(), windows=windows)


def test_a_round_is_open_on_its_first_and_its_last_day() -> None:
    rnd = a_round(D(2026, 1, 7), D(2026, 1, 9))
    assert window_decision(rnd, 5, 5, D(2026, 1, 7)).open
    assert window_decision(rnd, 5, 5, D(2026, 1, 9)).open
    assert window_decision(rnd, 5, 5, D(2026, 1, 10)).reason == "round_closed"


def test_a_one_day_round_is_open_on_that_day_only() -> None:
    rnd = a_round(D(2026, 1, 7), D(2026, 1, 7))
    assert window_decision(rnd, 1, 1, D(2026, 1, 7)).open
    assert not window_decision(rnd, 1, 1, D(2026, 1, 6)).open
    assert not window_decision(rnd, 1, 1, D(2026, 1, 8)).open


def test_no_round_is_never_open() -> None:
    decision = window_decision(None, 1, 1, D(2026, 1, 7))
    assert (decision.open, decision.reason, decision.next_date) == (False, "no_round", None)


def test_a_window_that_opens_before_its_round_still_waits_for_the_round() -> None:
    early = parse_programme(contract_example()).rounds[0].windows[0]
    rnd = a_round(D(2026, 1, 10), D(2026, 3, 20), (early,))
    assert early.start < rnd.starts_on
    before = window_decision(rnd, 1, 0, D(2026, 1, 8))
    assert (before.open, before.reason, before.next_date) == (
        False, "round_not_started", D(2026, 1, 10))
    assert window_decision(rnd, 1, 0, D(2026, 1, 10)).open


def test_a_round_without_windows_waits_for_its_start() -> None:
    rnd = a_round(D(2026, 1, 10), D(2026, 3, 20))
    before = window_decision(rnd, 1, 0, D(2026, 1, 9))
    assert (before.open, before.next_date) == (False, D(2026, 1, 10))


def test_a_copay_of_zero_is_a_valid_round_and_a_negative_one_is_not() -> None:
    doc = contract_example()
    doc["rounds"][0]["copay_rials"] = 0
    assert parse_programme(doc).rounds[0].copay_rials == 0
    doc["rounds"][0]["copay_rials"] = -1
    with pytest.raises(ProgrammeFormatError):
        parse_programme(doc)


def test_a_round_ending_the_day_it_starts_parses() -> None:
    doc = contract_example()
    doc["rounds"][0]["ends_on"] = doc["rounds"][0]["starts_on"]
    rnd = parse_programme(doc).rounds[0]
    assert rnd.starts_on == rnd.ends_on


def luhn_valid(length: int) -> str:
    body = "6037991"[:length - 1].ljust(length - 1, "4")
    return body + str(luhn_check_digit(body))


@pytest.mark.parametrize("length", [15, 17])
def test_a_luhn_valid_card_number_of_another_length_is_not_a_card(length: int) -> None:
    number = luhn_valid(length)
    with pytest.raises(InvalidCard):
        parse_pan(number)
    assert parse_pan(luhn_valid(16)) == luhn_valid(16)


def test_a_swiped_track_with_a_short_pan_is_refused() -> None:
    with pytest.raises(InvalidCard):
        parse_track2(f";{luhn_valid(15)}=2812101?")


@pytest.mark.parametrize("qty", [1.0, 1000.0, "1000", True])
def test_a_quantity_that_is_not_an_int_is_refused(qty: Any) -> None:
    with pytest.raises(InvalidQuantity):
        check_qty_milli(qty)


@pytest.mark.parametrize(("milli", "weighed", "text"), [
    (2000, True, "2.000"), (2500, True, "2.500"), (12_345, True, "12.345"),
    (1, True, "0.001"), (2000, False, "2"), (11_000, False, "11"), (1250, False, "1.250"),
])
def test_quantities_print_as_weighed_or_counted(milli: int, weighed: bool, text: str) -> None:
    assert format_qty(milli, weighed=weighed, digits="en") == text
    persian = format_qty(milli, weighed=weighed, digits="fa")
    assert persian == text.translate(str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫"))


@pytest.mark.parametrize("rials", [-50_000, -1, -1_234_567])
def test_a_negative_amount_keeps_its_sign(rials: int) -> None:
    assert group_thousands(rials, ",") == f"{rials:,}"
    assert format_amount(rials, digits="en", with_unit=False) == f"{rials:,}"
    assert format_amount(rials, digits="fa", with_unit=False).startswith("-")
    assert format_amount(-rials, digits="fa", with_unit=False) == format_amount(
        rials, digits="fa", with_unit=False)[1:]


def test_the_journal_hash_is_sha256_of_the_previous_hash_and_the_canonical_entry() -> None:
    """A fixed vector, computed here from the rule written in the journal's docstring:
    renaming or dropping any hashed field changes it."""
    data = {"txn_id": "t-1", "coupon_rials": 1_500_000, "lines": [{"gtin": "6260000000017"}]}
    entry = {"seq": 3, "created_at": "2026-01-07T10:00:00.000000Z", "kind": "sale",
             "ref": "t-1", "data": data}
    text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    expected = hashlib.sha256((GENESIS + text).encode("utf-8")).hexdigest()
    assert entry_hash(GENESIS, 3, "2026-01-07T10:00:00.000000Z", "sale", "t-1", data) == expected
    for field in entry:
        renamed = {("x" + k if k == field else k): v for k, v in entry.items()}
        text = json.dumps(renamed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256((GENESIS + text).encode()).hexdigest() != expected


def a_line(n: int) -> Line:
    return Line(gtin=f"{n:013d}", name="item", qty_milli=1000, unit_price_rials=1000)


def test_the_basket_takes_its_last_line_and_refuses_one_more() -> None:
    basket = Basket()
    for n in range(MAX_LINES):
        basket.add(a_line(n))
    assert len(basket.lines) == MAX_LINES
    with pytest.raises(InvalidInput) as raised:
        basket.add(a_line(MAX_LINES))
    assert raised.value.code == "basket_full"
    assert len(basket.lines) == MAX_LINES


APPROVED: dict[str, Any] = {
    "txn_id": "t-1", "status": "approved", "approval_code": "A1",
    "household": {"key": "h", "nid_hash": "a" * 64, "card_hashes": [], "members": 2,
                  "decile": 1, "nid_last_digit": 4, "balance_rials": 1000,
                  "spent_in_round_rials": 0, "round_id": "r", "status": "active",
                  "version": 1},
}
REJECTED: dict[str, Any] = {"txn_id": "t-2", "status": "rejected",
                            "error": {"code": "insufficient_balance", "message": "no"}}


def test_an_approved_sale_result_carries_its_code_and_household() -> None:
    result = sale_result(copy.deepcopy(APPROVED))
    assert (result["status"], result["approval_code"], result["error"]) == (
        "approved", "A1", None)
    assert result["household"] is not None and result["household"]["balance_rials"] == 1000


def test_a_rejected_sale_result_keeps_its_error_and_has_no_approval() -> None:
    result = sale_result(copy.deepcopy(REJECTED))
    assert result["status"] == "rejected"
    assert result["error"] is not None and result["error"]["code"] == "insufficient_balance"
    assert result["approval_code"] is None


@pytest.mark.parametrize("broken", [
    {**REJECTED, "error": None},
    {**REJECTED, "error": {"message": "no code"}},
    {**REJECTED, "status": "maybe"},
    {**APPROVED, "approval_code": ""},
    {**APPROVED, "household": None},
    {k: v for k, v in APPROVED.items() if k != "txn_id"},
])
def test_a_sale_result_that_breaks_the_contract_is_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(BadResponse):
        sale_result(copy.deepcopy(broken))
