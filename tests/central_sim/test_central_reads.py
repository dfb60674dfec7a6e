"""The read endpoints: terminal, programme, catalog and household feeds, auth, parameters."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import hmac
from zoneinfo import ZoneInfo

import pytest
import requests
from sim_support import Central, error_code

from central_sim.identity import is_valid_gtin13


def test_the_terminal_learns_who_it_is_and_the_store_lookup_key(central: Central) -> None:
    body = central.t1.get("/v1/terminal").json()
    assert body["terminal_id"] == "T-0001"
    assert body["store"]["code"] == "S-1001" and body["store"]["name"]
    assert body["lookup_key"] == central.ids["store"]["lookup_key"] and len(body["lookup_key"]) == 64
    assert body["status"] == "active" and body["blocked_reason"] is None
    # The pinned business date is Tehran's: in UTC the moment may still be the day before.
    assert body["server_time"].endswith("Z")
    moment = dt.datetime.fromisoformat(body["server_time"].replace("Z", "+00:00"))
    assert moment.astimezone(ZoneInfo("Asia/Tehran")).date() == dt.date(2026, 1, 10)


def test_an_unknown_or_missing_token_is_unauthorized(central: Central) -> None:
    bad = requests.get(central.handle.url + "v1/terminal",
                       headers={"Authorization": "Bearer nope"}, timeout=5)
    missing = requests.get(central.handle.url + "v1/households", timeout=5)
    admin_with_terminal_token = central.t1.get("/admin/faults")
    for response in (bad, missing, admin_with_terminal_token):
        assert response.status_code == 401 and error_code(response) == "unauthorized"


def test_a_revoked_token_is_unauthorized_and_the_new_one_works(central: Central) -> None:
    new = central.admin.post("/admin/terminals/T-0001/revoke").json()["token"]
    assert central.t1.get("/v1/terminal").status_code == 401
    response = requests.get(central.handle.url + "v1/terminal",
                            headers={"Authorization": f"Bearer {new}"}, timeout=5)
    assert response.status_code == 200


def test_the_programme_has_the_eleven_groups_a_round_and_the_offline_policy(central: Central) -> None:
    body = central.t1.get("/v1/programme").json()
    assert [g["code"] for g in body["groups"]] == [
        "rice", "oil", "sugar", "chicken", "red_meat", "eggs", "legumes", "pasta", "milk",
        "yogurt", "cheese"]
    (rnd,) = body["rounds"]
    assert rnd["starts_on"] == "2026-01-07" and rnd["copay_rials"] == 50_000
    assert rnd["cumulative_caps"][0] == {"from": "2026-01-07", "per_member_rials": 10_000_000}
    assert body["offline"]["max_sale_rials"] == 20_000_000 and isinstance(body["version"], int)


def test_the_catalog_pages_oldest_first_with_next_and_more(central: Central) -> None:
    first = central.t1.get("/v1/catalog", params={"after": 0, "limit": 100}).json()
    assert len(first["items"]) == 100 and first["more"] is True
    assert first["next"] == first["items"][-1]["version"]
    versions = [i["version"] for i in first["items"]]
    assert versions == sorted(versions)
    rest = central.t1.get("/v1/catalog", params={"after": first["next"]}).json()
    assert rest["more"] is False and rest["items"][0]["version"] > first["next"]
    items = first["items"] + rest["items"]
    assert 290 <= len(items) <= 320
    assert all(is_valid_gtin13(i["gtin"]) and i["gtin"].startswith("626") for i in items)
    assert {i["unit"] for i in items} == {"piece", "kg"}
    assert any(i["max_price_rials"] is None for i in items)
    assert any(i["max_price_rials"] for i in items)
    assert any(not i["active"] for i in items)
    empty = central.t1.get("/v1/catalog", params={"after": rest["next"]}).json()
    assert empty == {"items": [], "next": rest["next"], "more": False}


def test_a_catalog_change_comes_again_with_a_new_version(central: Central) -> None:
    end = central.t1.get("/v1/catalog").json()["next"]
    gtin = central.product(group="oil")["gtin"]
    central.admin.post(f"/admin/catalog/{gtin}", {"active": False})
    (item,) = central.t1.get("/v1/catalog", params={"after": end}).json()["items"]
    assert item["gtin"] == gtin and item["active"] is False and item["version"] > end


def test_the_household_feed_serves_only_hashes_that_match_the_identities(central: Central) -> None:
    page = central.t1.get("/v1/households", params={"limit": 5000}).json()
    assert len(page["items"]) == 200 and page["more"] is False
    key = bytes.fromhex(central.ids["store"]["lookup_key"])
    clear = {h["key"]: h for h in central.ids["households"]}
    for item in page["items"]:
        person = clear[item["key"]]
        nid = hmac.new(key, b"nid:" + person["national_code"].encode(), hashlib.sha256).hexdigest()
        cards = [hmac.new(key, b"pan:" + p.encode(), hashlib.sha256).hexdigest()
                 for p in person["cards"]]
        assert item["nid_hash"] == nid and item["card_hashes"] == cards
        assert item["nid_last_digit"] == int(person["national_code"][-1])
        assert person["national_code"] not in str(item)


def test_a_household_change_moves_it_to_the_end_of_the_feed(central: Central) -> None:
    end = central.t1.get("/v1/households").json()["next"]
    key = central.buyer()["key"]
    central.admin.post(f"/admin/households/{key}/spend", {"rials": 1_000_000})
    page = central.t1.get("/v1/households", params={"after": end}).json()
    (item,) = page["items"]
    assert item["key"] == key and item["version"] == end + 1 and page["next"] == end + 1


def test_the_feed_pages_in_order_and_gzips_when_asked(central: Central) -> None:
    seen, after = [], 0
    while True:
        page = central.t1.get("/v1/households", params={"after": after, "limit": 70}).json()
        seen += [i["version"] for i in page["items"]]
        after = page["next"]
        if not page["more"]:
            break
    assert seen == list(range(1, 201))
    raw = requests.get(central.handle.url + "v1/households", stream=True, timeout=5,
                       headers={"Authorization": central.t1.session.headers["Authorization"],
                                "Accept-Encoding": "gzip"})
    assert raw.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(raw.raw.read()).startswith(b'{"items":[')


@pytest.mark.parametrize("path,params", [
    ("/v1/households", {"limit": 0}), ("/v1/households", {"limit": 5001}),
    ("/v1/households", {"after": -1}), ("/v1/households", {"after": "x"}),
    ("/v1/catalog", {"limit": "1.5"}), ("/v1/settlements/2026-13-01", {}),
    ("/v1/settlements/2026-01-10", {"scope": "region"}),
])
def test_bad_query_parameters_are_invalid_requests(central: Central, path: str, params: dict) -> None:
    response = central.t1.get(path, params=params)
    assert response.status_code == 422 and error_code(response) == "invalid_request"


def test_unknown_paths_and_methods_answer_json_errors(central: Central) -> None:
    assert error_code(central.t1.get("/v1/nothing")) == "not_found"
    response = central.t1.post("/v1/terminal", {})
    assert response.status_code == 405 and error_code(response) == "method_not_allowed"
