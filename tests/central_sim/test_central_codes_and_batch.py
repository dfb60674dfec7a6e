"""One-time codes, and offline sales forwarded in batches."""

from __future__ import annotations

import uuid

from sim_support import Central, error_code, make_sale


def _issue(central: Central, key: str, ttl: int = 600) -> str:
    response = central.admin.post(f"/admin/households/{key}/codes", {"ttl_seconds": ttl})
    assert response.status_code == 201
    code: str = response.json()["code"]
    return code


def test_a_one_time_code_resolves_to_its_household_until_a_sale_spends_it(central: Central) -> None:
    buyer = central.buyer()
    code = _issue(central, buyer["key"])
    resolved = central.t1.post("/v1/codes/resolve", {"code": code})
    assert resolved.status_code == 200 and resolved.json()["household"]["key"] == buyer["key"]
    assert central.t1.post("/v1/codes/resolve", {"code": code}).status_code == 200  # not spent yet
    sale = make_sale(central, buyer, identified_by="code", code=code)
    assert central.t1.post("/v1/sales", sale).status_code == 201
    again = central.t1.post("/v1/codes/resolve", {"code": code})
    assert again.status_code == 404 and error_code(again) == "code_unknown"
    second = make_sale(central, buyer, identified_by="code", code=code)
    response = central.t1.post("/v1/sales", second)
    assert response.status_code == 422 and error_code(response) == "code_unknown"


def test_an_expired_or_unknown_code_is_code_unknown(central: Central) -> None:
    buyer = central.buyer()
    expired = _issue(central, buyer["key"], ttl=-1)
    for code in (expired, "00000000" if expired != "00000000" else "00000001"):
        response = central.t1.post("/v1/codes/resolve", {"code": code})
        assert response.status_code == 404 and error_code(response) == "code_unknown"
    sale = make_sale(central, buyer, identified_by="code", code=expired)
    assert error_code(central.t1.post("/v1/sales", sale)) == "code_unknown"


def test_a_code_of_another_household_does_not_identify_this_one(central: Central) -> None:
    first, second = [h for h in central.ids["households"] if h["can_buy_today"]][:2]
    code = _issue(central, first["key"])
    sale = make_sale(central, second, identified_by="code", code=code)
    assert error_code(central.t1.post("/v1/sales", sale)) == "code_unknown"
    # a rejected sale does not spend the code
    assert central.t1.post("/v1/codes/resolve", {"code": code}).status_code == 200


def test_a_malformed_code_is_an_invalid_request(central: Central) -> None:
    for body in ({"code": "1234"}, {"code": 12345678}, {}, ["12345678"]):
        response = central.t1.post("/v1/codes/resolve", body)
        assert response.status_code == 422 and error_code(response) == "invalid_request"


def test_the_seed_issues_codes_listed_in_the_identities(central: Central) -> None:
    issued = central.ids["codes"]
    assert issued
    resolved = central.t1.post("/v1/codes/resolve", {"code": issued[0]["code"]}).json()
    assert resolved["household"]["key"] == issued[0]["household_key"]


def test_a_batch_answers_each_offline_sale_as_a_single_post_would(central: Central) -> None:
    buyers = [h for h in central.ids["households"] if h["can_buy_today"]][:3]
    good = make_sale(central, buyers[0], offline=True)
    poor = make_sale(central, buyers[1], offline=True)
    central.admin.post(f"/admin/households/{buyers[1]['key']}", {"balance_rials": 0})
    online = make_sale(central, buyers[2], offline=False)
    response = central.t1.post("/v1/sales/batch", {"sales": [good, poor, online, "junk"]})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["approved", "rejected", "rejected", "rejected"]
    assert results[0]["approval_code"] and results[0]["household"]["key"] == buyers[0]["key"]
    assert results[1]["error"]["code"] == "insufficient_balance"
    assert results[1]["household"]["balance_rials"] == 0
    assert results[2]["error"]["code"] == "invalid_request"
    assert results[3] == {"txn_id": None, "status": "rejected",
                          "error": results[3]["error"]}
    single = central.t1.post("/v1/sales", good)
    assert single.status_code == 201 and single.json() == results[0]


def test_a_rejected_offline_sale_stays_rejected_when_forwarded_again(central: Central) -> None:
    buyer = central.buyer()
    central.admin.post(f"/admin/households/{buyer['key']}", {"balance_rials": 0})
    sale = make_sale(central, buyer, offline=True)
    first = central.t1.post("/v1/sales/batch", {"sales": [sale]}).json()["results"][0]
    central.admin.post(f"/admin/households/{buyer['key']}", {"balance_rials": 50_000_000})
    again = central.t1.post("/v1/sales/batch", {"sales": [sale]}).json()["results"][0]
    assert again == first and again["status"] == "rejected"
    single = central.t1.post("/v1/sales", sale)
    assert single.status_code == 409 and single.json()["error"] == first["error"]


def test_a_batch_of_more_than_200_sales_is_an_invalid_request(central: Central) -> None:
    buyer = central.buyer()
    sales = [make_sale(central, buyer, offline=True, txn_id=str(uuid.uuid4())) for _ in range(201)]
    response = central.t1.post("/v1/sales/batch", {"sales": sales})
    assert response.status_code == 422 and error_code(response) == "invalid_request"
    assert central.admin.get("/admin/sales/count").json()["count"] == 0
    assert error_code(central.t1.post("/v1/sales/batch", {"sale": []})) == "invalid_request"


def test_a_batch_of_200_sales_is_answered_in_order(central: Central) -> None:
    buyers = [h for h in central.ids["households"] if h["can_buy_today"]]
    sales = [make_sale(central, buyers[i % len(buyers)], offline=True, coupon=0, copay=0)
             for i in range(200)]
    results = central.t1.post("/v1/sales/batch", {"sales": sales}).json()["results"]
    assert [r["txn_id"] for r in results] == [s["txn_id"] for s in sales]
    assert all(r["status"] == "approved" for r in results)
