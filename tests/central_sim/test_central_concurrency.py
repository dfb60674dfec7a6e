"""Balances change atomically: concurrent sales never overdraw a household."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sim_support import Central, Client, make_sale


def test_eight_threads_spending_one_household_never_overdraw_it(central: Central) -> None:
    buyer = central.household(status="active", can_buy_today=True, members=4)
    central.admin.post(f"/admin/households/{buyer['key']}",
                       {"balance_rials": 3_000_000, "spent_in_round_rials": 0})
    before = central.balance(buyer["key"])
    tokens = central.handle.tokens

    def spend(worker: int) -> list[tuple[int, int]]:
        client = Client(central.handle.url, tokens["T-0001" if worker % 2 else "T-0002"])
        outcomes = []
        for _ in range(5):
            sale = make_sale(central, buyer, coupon=450_000)
            response = client.post("/v1/sales", sale)
            outcomes.append((response.status_code, sale["coupon_rials"]))
        return outcomes

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = [o for batch in pool.map(spend, range(8)) for o in batch]
    assert {status for status, _ in outcomes} == {201, 409}
    approved = sum(coupon for status, coupon in outcomes if status == 201)
    after = central.balance(buyer["key"])
    assert approved == 6 * 450_000  # 3,000,000 holds six coupons of 450,000, not seven
    assert before["balance_rials"] - after["balance_rials"] == approved
    assert after["spent_in_round_rials"] == approved and after["balance_rials"] >= 0
    counts = central.admin.get("/admin/sales/count").json()
    assert counts == {"count": 40, "approved": 6, "rejected": 34, "voided": 0}


def test_feed_versions_stay_unique_and_ordered_under_concurrent_writes(central: Central) -> None:
    buyers = [h for h in central.ids["households"] if h["can_buy_today"]][:16]
    end = central.t1.get("/v1/households").json()["next"]

    def buy(index: int) -> int:
        response = Client(central.handle.url, central.handle.tokens["T-0001"]).post(
            "/v1/sales", make_sale(central, buyers[index]))
        return response.status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(buy, range(16))) == {201}
    page = central.t1.get("/v1/households", params={"after": end}).json()
    assert [i["version"] for i in page["items"]] == list(range(end + 1, end + 17))
