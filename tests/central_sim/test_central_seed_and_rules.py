"""The seed's identifiers are valid and reproducible; the split and rounding rules hold."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import jdatetime
from hypothesis import given
from hypothesis import strategies as st

from central_sim.clock import Clock
from central_sim.db import Database
from central_sim.identity import is_valid_luhn, is_valid_national_code
from central_sim.rules import line_amount, split_largest_remainder
from central_sim.seed import gregorian_to_jalali, make_round, seed_database


def _seed(path: Path, count: int) -> dict:
    db = Database(path / "c.db")
    try:
        seed_database(db, count, clock=Clock(date(2026, 1, 10)), identities_path=path / "ids.json")
    finally:
        db.close()
    return json.loads((path / "ids.json").read_text(encoding="utf-8"))


def test_seeded_households_have_valid_distinct_codes_cards_and_spread(tmp_path: Path) -> None:
    ids = _seed(tmp_path, 1000)
    households = ids["households"]
    codes = [h["national_code"] for h in households]
    cards = [c for h in households for c in h["cards"]]
    assert all(is_valid_national_code(c) and len(set(c)) > 1 for c in codes)
    assert len(set(codes)) == 1000 and len(set(cards)) == len(cards)
    assert all(len(c) == 16 and is_valid_luhn(c) for c in cards)
    assert {h["decile"] for h in households} == set(range(1, 11))
    assert {h["nid_last_digit"] for h in households} == set(range(10))
    assert {h["members"] for h in households} == set(range(1, 9))
    assert 0 < sum(h["status"] == "blocked" for h in households) < 40
    can_buy = sum(h["can_buy_today"] for h in households)
    assert 700 < can_buy < 1000  # most may buy today, some not yet


def test_the_same_seed_gives_the_same_identities(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _seed(tmp_path / "a", 50), _seed(tmp_path / "b", 50)
    first.pop("generated_at"), second.pop("generated_at")
    for ids in (first, second):
        for code in ids["codes"]:
            code.pop("expires_at")
    assert first == second


def test_the_round_opens_to_households_in_turns_around_today() -> None:
    today = date(2026, 1, 10)
    rnd = make_round(today)
    assert rnd.id == "1404-10" and rnd.starts_on == today - timedelta(days=3)
    assert rnd.window_open(today, decile=2, last_digit=9)
    assert rnd.window_open(today, decile=9, last_digit=5)
    assert not rnd.window_open(today, decile=9, last_digit=8)
    assert rnd.window_open(today + timedelta(days=3), decile=9, last_digit=8)
    assert not rnd.window_open(rnd.ends_on + timedelta(days=1), decile=1, last_digit=0)
    assert rnd.cap_per_member(today) == 10_000_000
    assert rnd.cap_per_member(rnd.starts_on + timedelta(days=30)) == 20_000_000


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_jalali_dates_agree_with_jdatetime(day: date) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    assert gregorian_to_jalali(day) == (j.year, j.month, j.day)


@given(st.integers(0, 10**9), st.integers(1, 10**7))
def test_line_amounts_round_half_up(price: int, qty: int) -> None:
    exact = Decimal(price) * Decimal(qty) / Decimal(1000)
    assert line_amount(price, qty) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_the_largest_remainder_gives_ties_to_the_code_that_sorts_first() -> None:
    assert split_largest_remainder(100, {"sugar": 1, "oil": 1, "rice": 1}) == {
        "sugar": 33, "oil": 34, "rice": 33}
    assert split_largest_remainder(1_000_000, {"rice": 2_000_000, "oil": 1_000_000}) == {
        "rice": 666_667, "oil": 333_333}


@given(st.integers(0, 10**10), st.dictionaries(st.sampled_from(
    ["rice", "oil", "sugar", "eggs", "milk"]), st.integers(1, 10**9), min_size=1))
def test_the_split_adds_up_and_each_part_is_within_a_rial(total: int, weights: dict) -> None:
    parts = split_largest_remainder(total, weights)
    assert sum(parts.values()) == total
    weight_sum = sum(weights.values())
    for group, weight in weights.items():
        assert abs(parts[group] - Decimal(total) * weight / weight_sum) < 1
