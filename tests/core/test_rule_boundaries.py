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

from pos_client.domain.basket import MAX_LINES, Basket, Line, compute_split, exclusion_text
from pos_client.domain.errors import (
    InvalidCard,
    InvalidInput,
    InvalidPrice,
    InvalidQuantity,
    OfflineLimitExceeded,
)
from pos_client.domain.identity import luhn_check_digit, parse_pan, parse_track2
from pos_client.domain.money import (
    MAX_PRICE_RIALS,
    check_price,
    check_qty_milli,
    format_amount,
    format_qty,
    group_thousands,
    parse_qty,
)
from pos_client.domain.programme import (
    OfflineExposure,
    OfflinePolicy,
    ProgrammeFormatError,
    Round,
    Window,
    WindowDecision,
    check_offline,
    parse_programme,
    spendable,
    window_decision,
)
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


def rice(qty_milli: int = 1000, price: int = 1000, gtin: str = "6260000000019") -> Line:
    return Line(gtin=gtin, name="rice", qty_milli=qty_milli, unit_price_rials=price,
                group="rice")


def test_a_coupon_of_one_rial_still_carries_the_copay() -> None:
    split = compute_split([rice(price=50_001)], spendable_rials=10**9, round_copay_rials=50_000)
    assert (split.coupon_rials, split.copay_rials) == (1, 50_000)
    none = compute_split([rice(price=50_000)], spendable_rials=10**9, round_copay_rials=50_000)
    assert (none.coupon_rials, none.copay_rials) == (0, 0)


def test_the_basket_merges_a_piece_item_scanned_again_and_says_which_line() -> None:
    basket = Basket()
    assert basket.add(rice()) == 0
    assert basket.add(rice(gtin="6260000000026")) == 1
    assert basket.add(rice(gtin="6260000000026")) == 1
    assert [line.qty_milli for line in basket.lines] == [1000, 2000]
    assert basket.add(a_line(7)) == 2


def test_set_qty_remove_and_split_act_on_the_line_named() -> None:
    basket = Basket()
    basket.add(rice())
    basket.add(rice(price=2000, gtin="6260000000026"))
    basket.set_qty(0, 3000)
    assert basket.lines[0].qty_milli == 3000
    with pytest.raises(InvalidQuantity):
        basket.set_qty(0, 0)
    split = basket.split(spendable_rials=4000, round_copay_rials=0, coupon_limit_rials=None)
    assert (split.total_rials, split.coupon_rials) == (5000, 4000)
    lowered = basket.split(spendable_rials=4000, round_copay_rials=0, coupon_limit_rials=1500)
    assert lowered.coupon_rials == 1500
    removed = basket.remove(1)
    assert removed.gtin == "6260000000026" and len(basket.lines) == 1
    basket.clear()
    assert basket.lines == []


def test_an_excluded_line_says_why_in_both_languages_and_an_eligible_one_says_nothing() -> None:
    assert exclusion_text("", "fa") == exclusion_text("", "en") == ""
    for reason in ("not_on_apl", "price_above_max"):
        fa, en = exclusion_text(reason, "fa"), exclusion_text(reason, "en")
        assert fa and en and fa != en and en.isascii()


# --- the programme: windows, limits and the document ---------------------------------------

def test_the_reasons_a_window_gives_are_the_ones_the_window_shows() -> None:
    rnd = a_round(D(2026, 1, 10), D(2026, 1, 20))
    assert window_decision(rnd, 1, 1, D(2026, 1, 12)).reason == "open"
    assert window_decision(rnd, 1, 1, D(2026, 1, 9)).reason == "round_not_started"
    windowed = parse_programme(contract_example()).rounds[0]
    assert window_decision(windowed, 4, 9, D(2026, 1, 11)) == WindowDecision(
        False, "not_yet", D(2026, 1, 12))
    assert window_decision(windowed, 4, 9, D(2026, 1, 12)) == WindowDecision(True, "open")
    assert window_decision(windowed, 9, 9, D(2026, 1, 12)) == WindowDecision(
        False, "window_over", None)


def window(start: D, end: D, deciles: set[int]) -> Window:
    return Window(start=start, end=end, deciles=frozenset(deciles))


def test_the_next_date_is_the_earliest_window_still_to_open_within_the_round() -> None:
    rnd = a_round(D(2026, 1, 10), D(2026, 1, 20), (
        window(D(2026, 1, 15), D(2026, 1, 15), {1}),     # a one-day window, later
        window(D(2026, 1, 12), D(2026, 1, 13), {1}),     # the earliest still to open
        window(D(2026, 1, 1), D(2026, 1, 11), {2}),      # not this household's
        window(D(2026, 1, 21), D(2026, 1, 25), {1}),     # after the round: never
    ))
    assert window_decision(rnd, 1, 0, D(2026, 1, 11)) == WindowDecision(
        False, "not_yet", D(2026, 1, 12))
    assert window_decision(rnd, 1, 0, D(2026, 1, 14)) == WindowDecision(
        False, "not_yet", D(2026, 1, 15))
    assert window_decision(rnd, 1, 0, D(2026, 1, 16)).reason == "window_over"
    # on the round's first day, a window opening that day is open, not "not started"
    assert window_decision(rnd, 2, 0, D(2026, 1, 10)).open
    late = a_round(D(2026, 1, 10), D(2026, 1, 20), (window(D(2026, 1, 10), D(2026, 1, 12),
                                                           {1}),))
    assert window_decision(late, 1, 0, D(2026, 1, 10)).reason == "open"
    before = window_decision(late, 1, 0, D(2026, 1, 9))
    assert (before.reason, before.next_date) == ("round_not_started", D(2026, 1, 10))


def test_a_round_is_active_from_its_first_to_its_last_day() -> None:
    rnd = a_round(D(2026, 1, 10), D(2026, 1, 12))
    assert [rnd.is_active(D(2026, 1, d)) for d in (9, 10, 11, 12, 13)] == [
        False, True, True, True, False]


def test_the_programme_finds_its_round_and_group_by_code_and_names_the_group() -> None:
    doc = contract_example()
    doc["groups"].append({"code": "oil", "name_fa": "روغن", "name_en": "Oil"})
    second = copy.deepcopy(doc["rounds"][0])
    second["id"] = "1404-11"
    doc["rounds"].append(second)
    programme = parse_programme(doc)
    assert programme.round("1404-11") is programme.rounds[1]
    assert programme.round("nope") is None
    oil = programme.group("oil")
    assert oil is programme.groups[1] and programme.group("nope") is None
    assert (oil.name("fa"), oil.name("en")) == ("روغن", "Oil")


POLICY = OfflinePolicy(enabled=True, max_sale_rials=1000, max_household_rials=1500,
                       max_terminal_rials=3000, max_age_hours=24)


def refused_limit(coupon: int, household: int = 0, terminal: int = 0,
                  age: float | None = None, policy: OfflinePolicy = POLICY) -> str | None:
    try:
        check_offline(policy, coupon, OfflineExposure(household, terminal, age), language="en")
    except OfflineLimitExceeded as exc:
        return exc.limit
    return None


def test_each_offline_limit_takes_its_exact_amount_and_refuses_one_rial_more() -> None:
    assert refused_limit(1000) is None
    assert refused_limit(1001) == "max_sale_rials"
    assert refused_limit(500, household=1000) is None
    assert refused_limit(501, household=1000) == "max_household_rials"
    assert refused_limit(500, terminal=2500) is None
    assert refused_limit(501, terminal=2500) == "max_terminal_rials"
    assert refused_limit(1, age=23.99) is None
    assert refused_limit(1, age=24) == "max_age_hours"
    assert refused_limit(0, household=10**9, terminal=10**9, age=10**6) is None


def test_offline_coupon_when_the_round_forbids_it_is_refused_but_a_cash_sale_is_not() -> None:
    off = OfflinePolicy(False, 1000, 1000, 1000, 24)
    assert refused_limit(1, policy=off) == "offline_disabled"
    assert refused_limit(0, policy=off) is None


def test_an_offline_refusal_names_the_limit_in_the_cashiers_digits() -> None:
    for language, digits in (("fa", "۱٬۰۰۰"), ("en", "1,000")):
        with pytest.raises(OfflineLimitExceeded) as raised:
            check_offline(POLICY, 1001, OfflineExposure(0, 0, None), language=language)
        shown = raised.value.fa if language == "fa" else raised.value.en
        assert digits in shown
    with pytest.raises(OfflineLimitExceeded) as default:
        check_offline(POLICY, 1001, OfflineExposure(0, 0, None))
    assert "۱٬۰۰۰" in default.value.fa


@pytest.mark.parametrize(("window_doc", "ok"), [
    ({"from": "2026-01-07", "to": "2026-01-09", "deciles": [1, 10]}, True),
    ({"from": "2026-01-07", "to": "2026-01-09", "nid_last_digits": [0, 9]}, True),
    ({"from": "2026-01-07", "to": "2026-01-09"}, False),
    ({"from": "2026-01-07", "to": "2026-01-09", "deciles": [0]}, False),
    ({"from": "2026-01-07", "to": "2026-01-09", "deciles": [11]}, False),
    ({"from": "2026-01-07", "to": "2026-01-09", "nid_last_digits": [10]}, False),
    ({"from": "2026-01-07", "to": "2026-01-09", "deciles": [True]}, False),
    ({"from": "1404-10-17", "to": "2026-01-09", "deciles": [1]}, False),
    ({"from": "2026-01-07", "to": "2201-01-01", "deciles": [1]}, False),
    ({"from": "2000-01-01", "to": "2200-12-31", "deciles": [1]}, True),
    ({"from": "1999-12-31", "to": "2026-01-09", "deciles": [1]}, False),
    ({"from": "07/01/2026", "to": "2026-01-09", "deciles": [1]}, False),
    ("a window", False),
])
def test_a_window_in_the_document_is_checked_field_by_field(window_doc: Any, ok: bool) -> None:
    doc = contract_example()
    doc["rounds"][0]["windows"] = [window_doc]
    if ok:
        parsed = parse_programme(doc).rounds[0].windows[0]
        assert parsed.deciles == (None if "deciles" not in window_doc
                                  else frozenset(window_doc["deciles"]))
        assert parsed.nid_last_digits == (None if "nid_last_digits" not in window_doc
                                          else frozenset(window_doc["nid_last_digits"]))
        assert parsed.start == D.fromisoformat(window_doc["from"])
        assert parsed.end == D.fromisoformat(window_doc["to"])
    else:
        with pytest.raises(ProgrammeFormatError):
            parse_programme(doc)


def test_spendable_is_the_smaller_of_balance_and_cap_room_and_never_negative() -> None:
    assert spendable(5000, 2, 1000, 2000) == 3000
    assert spendable(2000, 2, 1000, 2000) == 2000
    assert spendable(5000, 2, 5000, 2000) == 0
    assert spendable(5000, 1, 0, None) == 5000
    assert spendable(-5, 1, 0, None) == 0


# --- money ---------------------------------------------------------------------------------

def test_the_largest_price_is_taken_and_one_rial_more_is_refused() -> None:
    assert check_price(MAX_PRICE_RIALS) == MAX_PRICE_RIALS
    with pytest.raises(InvalidPrice):
        check_price(MAX_PRICE_RIALS + 1)


@pytest.mark.parametrize(("typed", "milli"), [
    (".5", 500), ("1/5", 1500), ("1,5", 1500), ("۱٫۲۵۰", 1250), ("0.001", 1),
])
def test_a_weight_is_read_with_any_decimal_mark_a_counter_sees(typed: str, milli: int) -> None:
    assert parse_qty(typed, weighed=True) == milli


@pytest.mark.parametrize("typed", ["", ".", " ", "1.2.3", "x", "1.2345", "-1"])
def test_a_weight_that_is_not_a_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidQuantity):
        parse_qty(typed, weighed=True)


def test_an_amount_is_shown_in_persian_rials_unless_asked_otherwise() -> None:
    assert format_amount(1_250_000) == "۱٬۲۵۰٬۰۰۰ ریال"
    assert format_amount(1_250_000, digits="en") == "1,250,000 rials"
    assert format_amount(1_250_005, unit="toman") == "۱۲۵٬۰۰۱ تومان"
    assert format_amount(1_250_005, digits="en", unit="toman") == "125,001 toman"
    assert format_amount(1_250_000, digits="en", language="fa") == "1,250,000 ریال"
