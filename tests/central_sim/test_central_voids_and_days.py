"""Voids, settlements (by_group by the largest remainder) and closing the day."""

from __future__ import annotations

import uuid
from typing import Any

from sim_support import TODAY, Central, error_code, make_sale, make_void


def _approved(central: Central, **kw: Any) -> dict[str, Any]:
    sale = make_sale(central, central.buyer(), **kw)
    assert central.t1.post("/v1/sales", sale).status_code == 201
    return sale


def test_a_void_returns_the_coupon_to_the_household(central: Central) -> None:
    sale = _approved(central)
    before = central.balance(sale["household_key"])
    void = make_void(sale["txn_id"])
    response = central.t1.post("/v1/voids", void)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "voided" and body["void_id"] == void["void_id"]
    assert body["txn_id"] == sale["txn_id"]
    after = body["household"]
    assert after["balance_rials"] == before["balance_rials"] + sale["coupon_rials"]
    assert after["spent_in_round_rials"] == before["spent_in_round_rials"] - sale["coupon_rials"]
    assert after["version"] > before["version"]


def test_a_void_is_idempotent_by_void_id(central: Central) -> None:
    sale = _approved(central)
    void = make_void(sale["txn_id"])
    first = central.t1.post("/v1/voids", void)
    again = central.t1.post("/v1/voids", void)
    assert again.status_code == 201 and again.json() == first.json()
    conflict = central.t1.post("/v1/voids", {**void, "reason": "other"})
    assert conflict.status_code == 409 and error_code(conflict) == "idempotency_conflict"
    other = central.t1.post("/v1/voids", make_void(sale["txn_id"]))
    assert other.status_code == 422 and error_code(other) == "already_voided"
    household = central.balance(sale["household_key"])
    assert household["spent_in_round_rials"] == 0


def test_voiding_an_unknown_rejected_or_foreign_sale_is_sale_unknown(central: Central) -> None:
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}", {"balance_rials": 0})
    rejected = make_sale(central, buyer)
    central.t1.post("/v1/sales", rejected)
    foreign = make_sale(central, central.household(can_buy_today=True, members=3))
    assert central.t2.post("/v1/sales", foreign).status_code == 201
    for txn_id in (str(uuid.uuid4()), rejected["txn_id"], foreign["txn_id"]):
        response = central.t1.post("/v1/voids", make_void(txn_id))
        assert response.status_code == 404 and error_code(response) == "sale_unknown"
    assert error_code(central.t1.post("/v1/voids", {"void_id": "v"})) == "invalid_request"


def _priced(central: Central, group: str, price: int) -> dict[str, Any]:
    return {**central.product(group=group, max_price=False), "price_rials": price}


def test_the_settlement_splits_coupons_over_groups_by_the_largest_remainder(central: Central) -> None:
    tie = _approved(central, items=[(_priced(central, "rice", 1_000_000), 1000),
                                    (_priced(central, "oil", 1_000_000), 1000),
                                    (_priced(central, "sugar", 1_000_000), 1000)])
    # 2,950,000 over three equal thirds: 983,333 each and one rial left; the tie goes to
    # "oil", the code that sorts first.
    assert tie["coupon_rials"] == 2_950_000
    thirds = _approved(central, coupon=1_000_000,
                       items=[(_priced(central, "rice", 2_000_000), 1000),
                              (_priced(central, "oil", 1_000_000), 1000)])
    # 666,666.67 and 333,333.33: the rial left goes to rice, the larger remainder.
    voided = _approved(central, items=[(_priced(central, "cheese", 700_000), 1000)])
    central.t1.post("/v1/voids", make_void(voided["txn_id"]))
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}", {"balance_rials": 0})
    rejected = make_sale(central, buyer)
    central.t1.post("/v1/sales", rejected)
    other_terminal = make_sale(central, central.household(can_buy_today=True, members=5))
    central.t2.post("/v1/sales", other_terminal)

    body = central.t1.get(f"/v1/settlements/{TODAY}").json()
    assert body["by_group"] == {"oil": 983_334 + 333_333, "rice": 983_333 + 666_667,
                                "sugar": 983_333}
    assert body["scope"] == "terminal" and body["terminal_ids"] == ["T-0001"]
    assert body["sales"] == {"count": 3, "coupon_rials": 2_950_000 + 1_000_000 + 650_000,
                             "copay_rials": 150_000}
    assert body["voids"] == {"count": 1, "coupon_rials": 650_000}
    assert body["approved_txn_ids"] == [tie["txn_id"], thirds["txn_id"], voided["txn_id"]]
    assert body["voided_txn_ids"] == [voided["txn_id"]]
    assert body["rejected_txn_ids"] == [rejected["txn_id"]]
    assert body["closed"] is False and body["z_no"] is None
    store = central.t1.get(f"/v1/settlements/{TODAY}", params={"scope": "store"}).json()
    assert store["terminal_ids"] == ["T-0001", "T-0002"] and store["sales"]["count"] == 4
    assert other_terminal["txn_id"] in store["approved_txn_ids"]


def test_closing_the_day_with_matching_figures_then_the_day_is_closed(central: Central) -> None:
    kept = _approved(central)
    voided = _approved(central)
    central.t1.post("/v1/voids", make_void(voided["txn_id"]))
    figures = {"z_no": 7, "sales_count": 1, "coupon_rials": kept["coupon_rials"], "void_count": 1}
    response = central.t1.post(f"/v1/days/{TODAY}/close", figures)
    assert response.status_code == 200 and response.json() == {"status": "matched"}
    assert central.t1.post(f"/v1/days/{TODAY}/close", figures).json() == {"status": "matched"}
    other = central.t1.post(f"/v1/days/{TODAY}/close", {**figures, "z_no": 8})
    assert other.status_code == 422 and error_code(other) == "day_closed"
    late_sale = central.t1.post("/v1/sales", make_sale(central, central.buyer()))
    assert late_sale.status_code == 422 and error_code(late_sale) == "day_closed"
    late_void = central.t1.post("/v1/voids", make_void(kept["txn_id"]))
    assert late_void.status_code == 422 and error_code(late_void) == "day_closed"
    settlement = central.t1.get(f"/v1/settlements/{TODAY}").json()
    assert settlement["closed"] is True and settlement["z_no"] == 7
    assert central.t2.post("/v1/sales", make_sale(central, central.buyer())).status_code == 201


def test_closing_with_other_figures_is_a_mismatch_with_the_service_view(central: Central) -> None:
    sale = _approved(central)
    figures = {"z_no": 1, "sales_count": 2, "coupon_rials": sale["coupon_rials"], "void_count": 0}
    body = central.t1.post(f"/v1/days/{TODAY}/close", figures).json()
    assert body["status"] == "mismatch"
    assert body["server"]["sales"]["count"] == 1 and body["server"]["closed"] is True
    assert body["server"]["approved_txn_ids"] == [sale["txn_id"]]
    assert central.t1.post(f"/v1/days/{TODAY}/close", figures).json() == body


def test_bad_close_figures_are_an_invalid_request(central: Central) -> None:
    for body in ({"z_no": 1}, {"z_no": -1, "sales_count": 0, "coupon_rials": 0, "void_count": 0},
                 [1, 2]):
        response = central.t1.post(f"/v1/days/{TODAY}/close", body)
        assert response.status_code == 422 and error_code(response) == "invalid_request"
    response = central.t1.post("/v1/days/tomorrow/close", {})
    assert error_code(response) == "invalid_request"
