from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from central_support import Central

from pos_client.domain.dates import business_date, to_rfc3339, utc_now
from pos_client.domain.errors import ConfigError
from pos_client.domain.identity import nid_hash
from pos_client.domain.money import line_amount
from pos_client.sync.api import CentralApi
from pos_client.sync.errors import (
    BadResponse,
    Refused,
    ServiceUnreachable,
    Throttled,
    Unauthorized,
)


@pytest.fixture
def api(central: Central) -> CentralApi:
    return CentralApi(central.url, central.token, timeout_s=3)


def sale_body(central: Central, household: dict[str, Any], *, coupon: int | None = None,
              txn_id: str | None = None) -> dict[str, Any]:
    product = central.products(eligible=True, unit="piece", max_price=False)[0]
    amount = line_amount(product["price_rials"], 2000)
    copay = 50_000
    now = utc_now()
    return {"txn_id": txn_id or str(uuid.uuid4()), "receipt_no": "T-0001-000001",
            "created_at": to_rfc3339(now), "business_date": business_date(now).isoformat(),
            "household_key": household["key"], "identified_by": "nid", "code": None,
            "round_id": central.ids["round_id"], "offline": False, "total_rials": amount,
            "eligible_rials": amount, "copay_rials": copay,
            "coupon_rials": amount - copay if coupon is None else coupon,
            "lines": [{"gtin": product["gtin"], "group": product["group"], "qty_milli": 2000,
                       "unit_price_rials": product["price_rials"], "amount_rials": amount}]}


def test_the_terminal_and_programme_answers_are_validated_and_typed(api: CentralApi,
                                                                      central: Central) -> None:
    info = api.terminal()
    assert info["terminal_id"] == "T-0001"
    assert info["lookup_key"] == central.ids["store"]["lookup_key"]
    programme = api.programme()
    assert programme["rounds"][0]["id"] == central.ids["round_id"]


def test_the_household_feed_pages_carry_hashes_never_clear_codes(api: CentralApi,
                                                                 central: Central) -> None:
    page = api.households(0, limit=50)
    assert len(page["items"]) == 50 and page["more"]
    first = central.ids["households"][0]
    key = central.ids["store"]["lookup_key"]
    mine = next(h for h in page["items"] if h["key"] == first["key"])
    assert mine["nid_hash"] == nid_hash(key, first["national_code"])
    assert first["national_code"] not in json.dumps(page)
    rest = api.households(page["next"], limit=5000)
    assert not rest["more"]


def test_an_approved_sale_returns_the_new_balance(api: CentralApi, central: Central) -> None:
    buyer = central.buyer()
    body = sale_body(central, buyer)
    result = api.post_sale(body)
    assert result["status"] == "approved" and result["approval_code"]
    assert result["household"] is not None
    assert result["household"]["balance_rials"] == buyer["balance_rials"] - body["coupon_rials"]
    again = api.post_sale(body)
    assert again == result


def test_insufficient_balance_carries_the_current_household(api: CentralApi,
                                                            central: Central) -> None:
    buyer = central.buyer()
    central.admin.post(f"households/{buyer['key']}", {"balance_rials": 10_000})
    with pytest.raises(Refused) as err:
        api.post_sale(sale_body(central, buyer))
    assert err.value.code == "insufficient_balance"
    assert err.value.household is not None
    assert err.value.household["balance_rials"] == 10_000
    assert err.value.fa and not err.value.outcome_unknown


def test_a_reused_txn_id_with_another_body_is_a_conflict(api: CentralApi,
                                                         central: Central) -> None:
    buyer = central.buyer()
    body = sale_body(central, buyer)
    api.post_sale(body)
    with pytest.raises(Refused) as err:
        api.post_sale({**body, "coupon_rials": body["coupon_rials"] - 1})
    assert err.value.code == "idempotency_conflict"


def test_a_wrong_token_is_unauthorized(central: Central) -> None:
    with pytest.raises(Unauthorized):
        CentralApi(central.url, "tt_wrong", timeout_s=3).terminal()


def test_a_stopped_service_is_unreachable(central: Central) -> None:
    api = CentralApi(central.url, central.token, timeout_s=1)
    central.stop()
    with pytest.raises(ServiceUnreachable) as err:
        api.terminal()
    assert err.value.outcome_unknown


def test_throttling_passes_retry_after_up(api: CentralApi, central: Central) -> None:
    central.admin.faults(throttle_rate=1.0, retry_after=7)
    with pytest.raises(Throttled) as err:
        api.programme()
    assert err.value.retry_after == 7.0


def test_a_truncated_answer_is_refused_and_a_5xx_is_unknown(api: CentralApi,
                                                            central: Central) -> None:
    central.admin.faults(truncate_rate=1.0)
    with pytest.raises((BadResponse, ServiceUnreachable)):
        api.households(0, limit=10)
    central.admin.faults(error_rate=1.0)
    with pytest.raises(ServiceUnreachable):
        api.programme()


def test_a_sale_dropped_after_apply_is_unknown_here_but_present_there(api: CentralApi,
                                                                      central: Central) -> None:
    central.admin.faults(drop_after_apply_rate=1.0, paths=["/v1/sales"])
    body = sale_body(central, central.buyer())
    with pytest.raises(ServiceUnreachable) as err:
        api.post_sale(body)
    assert err.value.outcome_unknown
    assert central.admin.sale(body["txn_id"]) is not None
    central.admin.faults()
    assert api.post_sale(body)["status"] == "approved"


def test_plain_http_is_refused_for_anything_but_loopback() -> None:
    with pytest.raises(ConfigError):
        CentralApi("http://central.example/", "t")
    CentralApi("https://central.example/", "t")


def test_the_settlement_answer_is_validated(api: CentralApi, central: Central) -> None:
    body = sale_body(central, central.buyer())
    api.post_sale(body)
    settlement = api.settlement(body["business_date"])
    assert body["txn_id"] in settlement["approved_txn_ids"]
    assert settlement["sales"]["coupon_rials"] == body["coupon_rials"]
    assert dt.date.fromisoformat(settlement["business_date"])
