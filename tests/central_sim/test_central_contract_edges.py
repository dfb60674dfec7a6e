"""Where central-sim, the client and the contract must read the same words the same way."""

from __future__ import annotations

import datetime as dt
import itertools
import json

from sim_support import Central, make_sale

from central_sim.clock import parse_rfc3339 as sim_parse_rfc3339
from central_sim.identity import canonical_gtin
from central_sim.rules import Round
from pos_client.domain.barcode import canonical_gtin as client_canonical_gtin
from pos_client.domain.programme import parse_programme, window_decision

DAY = dt.date(2026, 1, 12)
BOTH = {"from": "2026-01-10", "to": "2026-01-20", "deciles": [1, 2, 3],
        "nid_last_digits": [0, 1, 2]}


def test_a_window_with_deciles_and_last_digits_admits_either_as_the_client_does() -> None:
    rnd = Round.from_row(("R", "title", "2026-01-07", "2026-03-20", 50_000, "[]",
                          json.dumps([BOTH])))
    client = parse_programme({
        "version": 1, "groups": [], "offline": {
            "enabled": False, "max_sale_rials": 0, "max_household_rials": 0,
            "max_terminal_rials": 0, "max_age_hours": 0},
        "rounds": [{"id": "R", "title": "title", "starts_on": "2026-01-07",
                    "ends_on": "2026-03-20", "copay_rials": 50_000, "cumulative_caps": [],
                    "windows": [BOTH]}]}).round("R")
    assert rnd.window_open(DAY, decile=9, last_digit=1)  # by its last digit only
    assert rnd.window_open(DAY, decile=2, last_digit=9)  # by its decile only
    assert not rnd.window_open(DAY, decile=9, last_digit=9)
    for day, decile, digit in itertools.product(
            (dt.date(2026, 1, 9), DAY, dt.date(2026, 1, 21)), range(1, 11), range(10)):
        assert rnd.window_open(day, decile, digit) == \
            window_decision(client, decile, digit, day).open, (day, decile, digit)
    assert rnd.to_json()["windows"] == [BOTH]


def test_a_sale_line_may_name_its_product_in_any_gtin_length(central: Central) -> None:
    buyer = central.buyer()
    sale = make_sale(central, buyer)
    gtin13 = sale["lines"][0]["gtin"]
    sale["lines"][0]["gtin"] = "0" + gtin13  # the same product as a GTIN-14
    response = central.t1.post("/v1/sales", sale)
    assert response.status_code == 201, response.text


def test_both_sides_have_one_canonical_gtin() -> None:
    for code in ("036000291452", "00036000291452", "96385074", "06261473616608",
                 "10012345678902", "6260000000019"):
        assert canonical_gtin(code) == client_canonical_gtin(code)


def test_timestamps_take_lowercase_t_and_z_as_rfc_3339_allows() -> None:
    moment = dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)
    for text in ("2026-01-10t08:15:00z", "2026-01-10T08:15:00z", "2026-01-10t08:15:00Z"):
        assert sim_parse_rfc3339(text) == moment


def test_both_sides_refuse_what_is_not_rfc_3339() -> None:
    from pos_client.domain.dates import parse_rfc3339 as client_parse_rfc3339
    for text in ("20260110T081500Z", "2026-01-10T08:15Z", "2026-01-10T08:15:00",
                 "2026-01-10 08:15:00Z", "2026-01-10T08:15:00+0330"):
        for parse in (sim_parse_rfc3339, client_parse_rfc3339):
            try:
                parse(text)
            except ValueError:
                continue
            raise AssertionError(f"{parse.__module__} took {text!r}")
