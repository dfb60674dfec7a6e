"""Builders shared by the store's tests and the crash-test child process."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from pos_client.domain.dates import business_date
from pos_client.domain.money import line_amount
from pos_client.domain.sale import Payment, Sale, SaleLine

START = dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)
RICE = "6260000000019"
SODA = "6269999999991"


class Clock:
    def __init__(self, moment: dt.datetime = START) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


def household_item(key: str = "H-000123", *, balance: int = 40_000_000, version: int = 1,
                   cards: tuple[str, ...] = (), status: str = "active",
                   **extra: Any) -> dict[str, Any]:
    return {"key": key, "nid_hash": "nid-" + key, "card_hashes": list(cards) or ["card-" + key],
            "members": 4, "decile": 2, "nid_last_digit": 7, "round_id": "1404-10",
            "balance_rials": balance, "spent_in_round_rials": 0, "status": status,
            "version": version, **extra}


def build_sale(clock: Callable[[], dt.datetime], *, coupon: bool = True,
               status: str = "pending", household_key: str = "H-000123",
               txn_id: str | None = None) -> Sale:
    """A two-line sale: 1 rice on the coupon, 2 sodas paid in cash."""
    lines = (SaleLine(RICE, "برنج", 1000, 4_500_000, line_amount(4_500_000, 1000), "rice"),
             SaleLine(SODA, "نوشابه", 2000, 350_000, line_amount(350_000, 2000), None,
                      exclusion="not_on_apl"))
    total = sum(line.amount_rials for line in lines)
    coupon_rials = 4_450_000 if coupon else 0
    payments = ((Payment("coupon", coupon_rials),) if coupon else ()) + (
        Payment("cash", total - coupon_rials, tendered_rials=total - coupon_rials),)
    now = clock()
    return Sale(txn_id=txn_id or str(uuid.uuid4()), receipt_no="", created_at=now,
                business_date=business_date(now), terminal_id="T-0001", cashier="رضایی",
                lines=lines, total_rials=total, eligible_rials=4_500_000,
                copay_rials=50_000 if coupon else 0, coupon_rials=coupon_rials,
                payments=payments, status=status if coupon else "no_coupon",  # type: ignore[arg-type]
                offline=status == "pending", household_key=household_key if coupon else None,
                identified_by="nid" if coupon else None,
                masked_identifier="******1234" if coupon else "", round_id="1404-10")

