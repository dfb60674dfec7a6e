"""POST /v1/sales: approval, the contract's checks and their error codes, idempotency."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from sim_support import TODAY, Central, error_code, make_sale


def test_an_approved_sale_takes_the_coupon_from_the_balance(central: Central) -> None:
    buyer = central.buyer()
    before = central.balance(buyer["key"])
    sale = make_sale(central, buyer)
    response = central.t1.post("/v1/sales", sale)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["txn_id"] == sale["txn_id"] and body["status"] == "approved"
    assert len(body["approval_code"]) == 6
    after = body["household"]
    assert after["balance_rials"] == before["balance_rials"] - sale["coupon_rials"]
    assert after["spent_in_round_rials"] == sale["coupon_rials"]
    assert after["version"] > before["version"]


def test_repeating_a_sale_answers_the_first_answer_and_never_charges_twice(central: Central) -> None:
    buyer = central.buyer()
    sale = make_sale(central, buyer)
    first = central.t1.post("/v1/sales", sale)
    again = central.t1.post("/v1/sales", copy.deepcopy(sale))
    assert again.status_code == first.status_code == 201
    assert again.json() == first.json()
    assert central.balance(buyer["key"])["spent_in_round_rials"] == sale["coupon_rials"]


def test_the_same_txn_id_with_another_body_is_an_idempotency_conflict(central: Central) -> None:
    sale = make_sale(central, central.buyer())
    central.t1.post("/v1/sales", sale)
    changed = {**sale, "receipt_no": "T-0001-000999"}
    response = central.t1.post("/v1/sales", changed)
    assert response.status_code == 409 and error_code(response) == "idempotency_conflict"
    from_other_terminal = central.t2.post("/v1/sales", sale)
    assert error_code(from_other_terminal) == "idempotency_conflict"


def test_a_rejected_sale_stays_rejected_when_repeated(central: Central) -> None:
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}", {"balance_rials": 10_000})
    sale = make_sale(central, buyer)
    first = central.t1.post("/v1/sales", sale)
    assert first.status_code == 409 and error_code(first) == "insufficient_balance"
    central.admin.post(f"/admin/households/{buyer['key']}", {"balance_rials": 90_000_000})
    again = central.t1.post("/v1/sales", sale)
    assert again.status_code == 409 and again.json() == first.json()


def _break(sale: dict[str, Any], how: str) -> None:
    line = sale["lines"][0]
    if how == "amount not half-up":
        line["amount_rials"] += 1
    elif how == "lines do not add up to total":
        sale["total_rials"] += 1
    elif how == "grouped lines do not add up to eligible":
        sale["eligible_rials"] -= 1
        sale["total_rials"] -= 1
        sale["lines"][1]["amount_rials"] += 0
        sale["coupon_rials"] -= 1
    elif how == "coupon above eligible minus copay":
        sale["coupon_rials"] += 1
    elif how == "copay not the round's":
        sale["copay_rials"] = 40_000
    elif how == "negative coupon":
        sale["coupon_rials"] = -1
    elif how == "money as a float":
        sale["total_rials"] = float(sale["total_rials"])
    elif how == "no lines":
        sale["lines"] = []
    elif how == "zero quantity":
        line["qty_milli"] = 0
    elif how == "unknown identified_by":
        sale["identified_by"] = "face"
    elif how == "bad business_date":
        sale["business_date"] = "10/01/2026"
    elif how == "created_at without offset":
        sale["created_at"] = "2026-01-10T08:15:00"
    elif how == "unknown round":
        sale["round_id"] = "1399-01"
    elif how == "offline with a one-time code":
        sale.update(offline=True, identified_by="code", code="12345678")
    elif how == "missing household_key":
        del sale["household_key"]


@pytest.mark.parametrize("how", [
    "amount not half-up", "lines do not add up to total", "grouped lines do not add up to eligible",
    "coupon above eligible minus copay", "copay not the round's", "negative coupon",
    "money as a float", "no lines", "zero quantity", "unknown identified_by", "bad business_date",
    "created_at without offset", "unknown round", "offline with a one-time code",
    "missing household_key",
])
def test_a_sale_that_breaks_the_contract_is_an_invalid_request(central: Central, how: str) -> None:
    sale = make_sale(central, central.buyer())
    _break(sale, how)
    response = central.t1.post("/v1/sales", sale)
    assert response.status_code == 422 and error_code(response) == "invalid_request", response.text


def test_amounts_round_half_up_to_the_rial(central: Central) -> None:
    chicken = {**central.product(group="chicken", unit="kg", max_price=False),
               "price_rials": 333_333}
    sale = make_sale(central, central.buyer(), [(chicken, 1500)])
    assert sale["lines"][0]["amount_rials"] == 500_000  # 499,999.5 rounds up
    assert central.t1.post("/v1/sales", sale).status_code == 201
    sale = {**sale, "txn_id": "another-sale", "total_rials": sale["total_rials"] - 1,
            "eligible_rials": sale["eligible_rials"] - 1, "coupon_rials": sale["coupon_rials"] - 1}
    sale["lines"] = [{**sale["lines"][0], "amount_rials": 499_999}]  # rounded down: refused
    assert error_code(central.t1.post("/v1/sales", sale)) == "invalid_request"


def test_a_non_json_body_is_an_invalid_request(central: Central) -> None:
    response = central.t1.session.post(central.handle.url + "v1/sales", data=b"{nope", timeout=5)
    assert response.status_code == 422 and error_code(response) == "invalid_request"


def test_a_household_outside_its_window_cannot_use_the_coupon(central: Central) -> None:
    late = next(h for h in central.ids["households"] if h["status"] == "active"
                and h["decile"] >= 8 and h["nid_last_digit"] >= 7)
    assert late["can_buy_today"] is False
    response = central.t1.post("/v1/sales", make_sale(central, late))
    assert response.status_code == 422 and error_code(response) == "outside_window"
    on_its_day = make_sale(central, late, business_date=date(2026, 1, 13))
    assert central.t1.post("/v1/sales", on_its_day).status_code == 201


def test_a_sale_dated_outside_the_round_is_round_closed(central: Central) -> None:
    for day in (date(2026, 1, 6), date(2026, 3, 24)):
        response = central.t1.post("/v1/sales", make_sale(central, central.buyer(), business_date=day))
        assert response.status_code == 422 and error_code(response) == "round_closed"


def _big_basket(central: Central, rials: int) -> list[tuple[dict[str, Any], int]]:
    rice = central.product(group="rice", max_price=False)
    qty = -(-rials * 1000 // rice["price_rials"])  # enough thousandths to reach rials
    return [(rice, qty)]


def test_the_cumulative_cap_limits_spending_per_member(central: Central) -> None:
    buyer = central.household(status="active", can_buy_today=True, members=2)
    central.admin.post(f"/admin/households/{buyer['key']}",
                       {"balance_rials": 500_000_000, "spent_in_round_rials": 15_000_000})
    sale = make_sale(central, buyer, _big_basket(central, 6_000_000), coupon=5_000_001)
    response = central.t1.post("/v1/sales", sale)  # cap 2 x 10M - 15M spent = 5M
    assert response.status_code == 409 and error_code(response) == "insufficient_balance"
    body = response.json()
    assert body["household"]["key"] == buyer["key"]
    assert body["error"]["spendable_rials"] == 5_000_000
    exact = make_sale(central, buyer, _big_basket(central, 6_000_000), coupon=5_000_000)
    assert central.t1.post("/v1/sales", exact).status_code == 201
    later = make_sale(central, buyer, _big_basket(central, 6_000_000), coupon=5_000_001,
                      business_date=date(2026, 2, 6))  # the cap is 20M per member from here
    assert central.t1.post("/v1/sales", later).status_code == 201


def test_a_coupon_above_the_balance_is_insufficient_balance(central: Central) -> None:
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}/spend",
                       {"rials": buyer["balance_rials"] - 100_000})
    sale = make_sale(central, buyer, coupon=100_001)
    response = central.t1.post("/v1/sales", sale)
    assert response.status_code == 409 and error_code(response) == "insufficient_balance"
    assert response.json()["household"]["balance_rials"] == 100_000


def test_a_coupon_line_not_on_the_apl_or_in_another_group_is_ineligible(central: Central) -> None:
    buyer = central.buyer()
    tea = {**central.product(group=None), "group": "rice"}
    wrong_group = {**central.product(group="oil"), "group": "sugar"}
    gone = next(p for p in central.ids["products"] if p["group"] is None and p["gtin"] in
                {i["gtin"] for i in central.t1.get("/v1/catalog").json()["items"] if not i["active"]})
    gone = {**gone, "group": "rice"}
    for product in (tea, wrong_group, gone):
        response = central.t1.post("/v1/sales", make_sale(central, buyer, [(product, 1000)]))
        assert response.status_code == 422 and error_code(response) == "ineligible_item"


def test_a_price_above_the_approved_maximum_is_refused(central: Central) -> None:
    capped = central.product(group="rice", max_price=True)
    dear = {**capped, "price_rials": capped["max_price_rials"] + 1}
    response = central.t1.post("/v1/sales", make_sale(central, central.buyer(), [(dear, 1000)]))
    assert response.status_code == 422 and error_code(response) == "price_above_max"
    at_max = {**capped, "price_rials": capped["max_price_rials"]}
    assert central.t1.post("/v1/sales", make_sale(central, central.buyer(), [(at_max, 1000)])).ok


def test_a_blocked_household_may_not_buy_with_the_coupon(central: Central) -> None:
    blocked = central.household(status="blocked")
    response = central.t1.post("/v1/sales", make_sale(central, blocked))
    assert response.status_code == 422 and error_code(response) == "household_blocked"
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}/block")
    assert error_code(central.t1.post("/v1/sales", make_sale(central, buyer))) == "household_blocked"
    central.admin.post(f"/admin/households/{buyer['key']}/unblock")
    assert central.t1.post("/v1/sales", make_sale(central, buyer)).status_code == 201


def test_an_unknown_or_removed_household_is_household_unknown(central: Central) -> None:
    ghost = {"key": "H-999999"}
    response = central.t1.post("/v1/sales", make_sale(central, ghost))
    assert response.status_code == 404 and error_code(response) == "household_unknown"
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}/remove")
    feed = central.t1.get("/v1/households", params={"after": 200}).json()["items"]
    assert [(i["key"], i["status"]) for i in feed] == [(buyer["key"], "removed")]
    assert error_code(central.t1.post("/v1/sales", make_sale(central, buyer))) == "household_unknown"


def test_a_blocked_terminal_or_store_gets_403_on_coupon_writes_only(central: Central) -> None:
    central.admin.post("/admin/terminals/T-0001/block", {"reason": "inspection"})
    sale = make_sale(central, central.buyer())
    for response in (central.t1.post("/v1/sales", sale),
                     central.t1.post("/v1/sales/batch", {"sales": []}),
                     central.t1.post("/v1/codes/resolve", {"code": "12345678"})):
        assert response.status_code == 403 and error_code(response) == "terminal_blocked"
    terminal = central.t1.get("/v1/terminal").json()
    assert terminal["status"] == "blocked" and terminal["blocked_reason"] == "inspection"
    assert central.t1.get("/v1/households").status_code == 200
    assert central.t1.get(f"/v1/settlements/{TODAY}").status_code == 200
    assert central.t2.post("/v1/sales", make_sale(central, central.buyer())).status_code == 201
    central.admin.post("/admin/terminals/T-0001/unblock")
    central.admin.post("/admin/stores/S-1001/block")
    assert error_code(central.t2.post("/v1/sales", sale)) == "terminal_blocked"
    central.admin.post("/admin/stores/S-1001/unblock")
    assert central.t1.post("/v1/sales", sale).status_code == 201
