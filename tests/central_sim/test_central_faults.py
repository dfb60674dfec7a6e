"""Faults switched on at runtime, each seen from a real requests client."""

from __future__ import annotations

import time

import pytest
import requests
from sim_support import Central, make_sale


def _faults(central: Central, **config: object) -> None:
    response = central.admin.post("/admin/faults", config)
    assert response.status_code == 200, response.text


def _counts(central: Central) -> dict[str, int]:
    counts: dict[str, int] = central.admin.get("/admin/faults").json()["counts"]
    return counts


def test_added_latency_slows_every_answer(central: Central) -> None:
    _faults(central, latency_ms=300)
    started = time.monotonic()
    assert central.t1.get("/v1/terminal").status_code == 200
    assert time.monotonic() - started >= 0.3
    assert _counts(central)["latency"] == 1


@pytest.mark.parametrize("setting,status,code", [
    ("error_rate", 500, "internal_error"), ("unavailable_rate", 503, "unavailable"),
    ("throttle_rate", 429, "throttled"),
])
def test_a_share_of_requests_fails_with_the_chosen_status(central: Central, setting: str,
                                                          status: int, code: str) -> None:
    _faults(central, **{setting: 1.0, "retry_after": 2})
    response = central.t1.get("/v1/households")
    assert response.status_code == status and response.json()["error"]["code"] == code
    if status != 500:
        assert response.headers["Retry-After"] == "2"
    assert _counts(central)[setting.removesuffix("_rate")] == 1


def test_faults_never_touch_admin_and_follow_the_paths_filter(central: Central) -> None:
    _faults(central, error_rate=1.0, paths=["/v1/sales"])
    assert central.admin.get("/admin/sales/count").status_code == 200
    assert central.t1.get("/v1/terminal").status_code == 200
    assert central.t1.post("/v1/sales", make_sale(central, central.buyer())).status_code == 500
    assert central.admin.get("/admin/sales/count").json()["count"] == 0


def test_a_dropped_connection_after_apply_leaves_the_sale_on_the_server(central: Central) -> None:
    buyer = central.buyer()
    sale = make_sale(central, buyer)
    _faults(central, drop_after_apply_rate=1.0)
    assert central.t1.get("/v1/terminal").status_code == 200  # reads are not dropped
    with pytest.raises(requests.ConnectionError):
        requests.post(central.handle.url + "v1/sales", json=sale, timeout=5,
                      headers={"Authorization": central.t1.session.headers["Authorization"]})
    assert _counts(central)["drop_after_apply"] == 1
    _faults(central)
    stored = central.admin.get(f"/admin/sales/{sale['txn_id']}").json()
    assert stored["status"] == "approved"
    retry = central.t1.post("/v1/sales", sale)  # the client's retry with the same id
    assert retry.status_code == 201
    assert central.balance(buyer["key"])["spent_in_round_rials"] == sale["coupon_rials"]


def test_a_truncated_body_is_not_json(central: Central) -> None:
    _faults(central, truncate_rate=1.0)
    response = requests.get(central.handle.url + "v1/programme", timeout=5,
                            headers={"Authorization": central.t1.session.headers["Authorization"],
                                     "Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.content.startswith(b'{"version"')
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_a_fault_seed_makes_the_pattern_repeatable(central: Central) -> None:
    def pattern() -> list[int]:
        _faults(central, error_rate=0.5, seed=7)
        return [central.t1.get("/v1/terminal").status_code for _ in range(20)]

    first = pattern()
    assert first == pattern() and {200, 500} == set(first)


def test_bad_fault_settings_are_refused(central: Central) -> None:
    for body in ({"error_rate": 2}, {"nonsense": 1}, {"latency_ms": -5}, {"paths": "/v1"}):
        assert central.admin.post("/admin/faults", body).status_code == 422
