from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pos_client.domain.errors import OfflineLimitExceeded
from pos_client.domain.programme import (
    OfflineExposure,
    ProgrammeFormatError,
    check_offline,
    parse_programme,
    spendable,
    window_decision,
)

D = dt.date


def contract_example() -> dict[str, Any]:
    """The programme document of central-api.md, with windows by decile and last digit."""
    return {
        "version": 7,
        "groups": [{"code": "rice", "name_fa": "برنج", "name_en": "Rice"}],
        "rounds": [{
            "id": "1404-10", "title": "کالابرگ دی ۱۴۰۴",
            "starts_on": "2026-01-07", "ends_on": "2026-03-20", "copay_rials": 50000,
            "cumulative_caps": [{"from": "2026-01-07", "per_member_rials": 10_000_000},
                                {"from": "2026-01-21", "per_member_rials": 20_000_000}],
            "windows": [{"from": "2026-01-07", "to": "2026-03-20", "deciles": [1, 2, 3]},
                        {"from": "2026-01-10", "to": "2026-03-20", "nid_last_digits": [0, 1, 2]},
                        {"from": "2026-01-12", "to": "2026-03-20", "deciles": [4, 5, 6, 7]}]}],
        "offline": {"enabled": True, "max_sale_rials": 20_000_000,
                    "max_household_rials": 20_000_000, "max_terminal_rials": 500_000_000,
                    "max_age_hours": 24},
    }


ROUND = parse_programme(contract_example()).rounds[0]


@pytest.mark.parametrize(("decile", "digit", "day", "is_open", "reason", "next_date"), [
    (2, 7, D(2026, 1, 7), True, "open", None),
    (2, 7, D(2026, 1, 6), False, "round_not_started", D(2026, 1, 7)),
    (5, 7, D(2026, 1, 8), False, "not_yet", D(2026, 1, 12)),
    (5, 1, D(2026, 1, 8), False, "not_yet", D(2026, 1, 10)),
    (5, 1, D(2026, 1, 10), True, "open", None),
    (9, 1, D(2026, 1, 11), True, "open", None),
    (9, 8, D(2026, 1, 11), False, "window_over", None),
    (5, 7, D(2026, 1, 12), True, "open", None),
    (2, 7, D(2026, 3, 20), True, "open", None),
    (2, 7, D(2026, 3, 21), False, "round_closed", None),
])
def test_the_window_rule_against_a_table_of_dates(decile: int, digit: int, day: dt.date,
                                                  is_open: bool, reason: str,
                                                  next_date: dt.date | None) -> None:
    decision = window_decision(ROUND, decile, digit, day)
    assert (decision.open, decision.reason, decision.next_date) == (is_open, reason, next_date)


def test_a_round_without_windows_is_open_to_all_for_the_whole_round() -> None:
    doc = contract_example()
    doc["rounds"][0]["windows"] = []
    rnd = parse_programme(doc).rounds[0]
    assert window_decision(rnd, 10, 9, D(2026, 2, 1)).open
    assert window_decision(rnd, 10, 9, D(2026, 1, 1)).next_date == D(2026, 1, 7)


def test_the_cap_that_applies_is_the_last_one_started() -> None:
    assert ROUND.cap_per_member(D(2026, 1, 7)) == 10_000_000
    assert ROUND.cap_per_member(D(2026, 1, 20)) == 10_000_000
    assert ROUND.cap_per_member(D(2026, 1, 21)) == 20_000_000
    assert ROUND.cap_per_member(D(2026, 1, 6)) == 0


def test_spendable_is_the_smaller_of_balance_and_cap_left() -> None:
    assert spendable(40_000_000, 4, 0, 10_000_000) == 40_000_000
    assert spendable(40_000_000, 2, 5_000_000, 10_000_000) == 15_000_000
    assert spendable(10_000_000, 4, 0, 20_000_000) == 10_000_000
    assert spendable(10_000_000, 1, 12_000_000, 10_000_000) == 0
    assert spendable(7_000_000, 3, 0, None) == 7_000_000


POLICY = parse_programme(contract_example()).offline


@pytest.mark.parametrize(("coupon", "household", "terminal", "age", "limit"), [
    (20_000_001, 0, 0, None, "max_sale_rials"),
    (10_000_000, 10_000_001, 0, None, "max_household_rials"),
    (10_000_000, 0, 490_000_001, None, "max_terminal_rials"),
    (10_000_000, 0, 0, 24.0, "max_age_hours"),
])
def test_an_offline_stand_in_names_the_limit_it_would_pass(coupon: int, household: int,
                                                           terminal: int, age: float | None,
                                                           limit: str) -> None:
    with pytest.raises(OfflineLimitExceeded) as err:
        check_offline(POLICY, coupon, OfflineExposure(household, terminal, age))
    assert err.value.limit == limit


def test_an_offline_stand_in_within_every_limit_passes() -> None:
    check_offline(POLICY, 20_000_000, OfflineExposure(0, 480_000_000, 23.9))
    check_offline(POLICY, 10_000_000, OfflineExposure(10_000_000, 0, None))


def test_offline_disabled_refuses_any_coupon_but_not_a_zero_one() -> None:
    doc = contract_example()
    doc["offline"]["enabled"] = False
    policy = parse_programme(doc).offline
    check_offline(policy, 0, OfflineExposure(0, 0, None))
    with pytest.raises(OfflineLimitExceeded) as err:
        check_offline(policy, 1, OfflineExposure(0, 0, None))
    assert err.value.limit == "offline_disabled"


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("offline"),
    lambda d: d.__setitem__("version", "7"),
    lambda d: d["rounds"][0].__setitem__("copay_rials", -1),
    lambda d: d["rounds"][0].__setitem__("starts_on", "1404-10-17"),
    lambda d: d["rounds"][0]["windows"][0].__setitem__("deciles", [0, 11]),
    lambda d: d["rounds"][0].__setitem__("ends_on", "2026-01-01"),
    lambda d: d["offline"].__setitem__("enabled", "yes"),
    lambda d: d["rounds"][0]["windows"][0].pop("deciles"),
])
def test_a_malformed_programme_is_refused(breakage: Any) -> None:
    doc = contract_example()
    breakage(doc)
    with pytest.raises(ProgrammeFormatError):
        parse_programme(doc)
