"""Helpers of the central-sim tests: a small client and sales that add up."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import requests

from central_sim.rules import line_amount
from central_sim.server import ServerHandle, serve_in_thread

TODAY = date(2026, 1, 10)  # the round runs 2026-01-07 .. 2026-03-23 around it
HOUSEHOLDS = 200


class Client:
    """A terminal (or the admin) talking to the service over real HTTP."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.session.get(self.base + path.lstrip("/"), timeout=10, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> requests.Response:
        return self.session.post(self.base + path.lstrip("/"), json=body, timeout=10, **kw)


class Central:
    def __init__(self, handle: ServerHandle) -> None:
        self.handle = handle
        self.ids = handle.identities
        self.t1 = Client(handle.url, handle.tokens["T-0001"])
        self.t2 = Client(handle.url, handle.tokens["T-0002"])
        self.admin = Client(handle.url, handle.admin_token)
        self.round_id = self.ids["round_id"]

    def household(self, **want: Any) -> dict[str, Any]:
        for h in self.ids["households"]:
            if all(h[k] == v for k, v in want.items()):
                return dict(h)
        raise LookupError(want)

    def buyer(self) -> dict[str, Any]:
        return self.household(status="active", can_buy_today=True)

    def product(self, *, group: str | None = "any", unit: str = "piece",
                max_price: bool | None = None) -> dict[str, Any]:
        for p in self.ids["products"]:
            if group == "any" and p["group"] is None:
                continue
            if group != "any" and p["group"] != group:
                continue
            if p["unit"] != unit:
                continue
            if max_price is not None and (p["max_price_rials"] is not None) != max_price:
                continue
            return p
        raise LookupError(group)

    def balance(self, key: str) -> dict[str, Any]:
        household: dict[str, Any] = self.admin.get(f"/admin/households/{key}").json()["household"]
        return household


def make_sale(central: Central, household: dict[str, Any],
              items: list[tuple[dict[str, Any], int]] | None = None, *,
              coupon: int | None = None, copay: int = 50_000, offline: bool = False,
              business_date: date = TODAY, identified_by: str = "nid",
              code: str | None = None, txn_id: str | None = None) -> dict[str, Any]:
    """A sale whose arithmetic is right; coupon defaults to eligible - copay."""
    if items is None:
        items = [(central.product(group="rice"), 1000), (central.product(group=None), 2000)]
    lines = []
    for product, qty in items:
        lines.append({"gtin": product["gtin"], "group": product["group"], "qty_milli": qty,
                      "unit_price_rials": product["price_rials"],
                      "amount_rials": line_amount(product["price_rials"], qty)})
    total = sum(line["amount_rials"] for line in lines)
    eligible = sum(line["amount_rials"] for line in lines if line["group"])
    if coupon is None:
        coupon = max(0, eligible - copay)
    return {"txn_id": txn_id or str(uuid.uuid4()), "receipt_no": "T-0001-000001",
            "created_at": f"{business_date.isoformat()}T08:15:00Z",
            "business_date": business_date.isoformat(), "household_key": household["key"],
            "identified_by": identified_by, "code": code, "round_id": central.round_id,
            "offline": offline, "total_rials": total, "eligible_rials": eligible,
            "copay_rials": copay, "coupon_rials": coupon, "lines": lines}


def make_void(txn_id: str, void_id: str | None = None) -> dict[str, Any]:
    return {"void_id": void_id or str(uuid.uuid4()), "txn_id": txn_id,
            "created_at": f"{TODAY.isoformat()}T09:00:00Z", "reason": "wrong items"}


def start(tmp_path: Path, port: int = 0) -> ServerHandle:
    return serve_in_thread(tmp_path / "central.db", port=port, seed=HOUSEHOLDS, today=TODAY)



def error_code(response: requests.Response) -> str:
    code: str = response.json()["error"]["code"]
    return code
