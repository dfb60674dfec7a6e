"""A completed sale as the terminal keeps it: what the journal, receipt and upload see.

Built by ``checkout`` from a basket and its split, written by ``store.record_sale`` in one
transaction, rendered by ``receipts``. Identities appear only masked or hashed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .basket import WeightSource

PaymentKind = Literal["coupon", "cash", "card"]
# no_coupon: nothing to authorise (no household, or coupon 0), never uploaded.
# pending: waiting for the service (offline, or an online post whose outcome is unknown).
SaleStatus = Literal["approved", "pending", "rejected", "no_coupon"]


@dataclass(frozen=True)
class SaleLine:
    gtin: str
    name: str
    qty_milli: int
    unit_price_rials: int
    amount_rials: int
    group: str | None  # the coupon group sent to the service; None: paid by other means
    weighed: bool = False
    exclusion: str = ""  # why an APL-less or over-priced line is not on the coupon
    weight_source: WeightSource = ""  # kg lines: how the weight was taken


@dataclass(frozen=True)
class Payment:
    kind: PaymentKind
    amount_rials: int
    reference: str = ""  # card: the bank terminal's reference number
    tendered_rials: int = 0  # cash: what the customer handed over
    change_rials: int = 0  # cash: what went back


@dataclass(frozen=True)
class Sale:
    txn_id: str
    receipt_no: str
    created_at: dt.datetime
    business_date: dt.date
    terminal_id: str
    cashier: str
    lines: tuple[SaleLine, ...]
    total_rials: int
    eligible_rials: int
    copay_rials: int
    coupon_rials: int
    payments: tuple[Payment, ...]
    status: SaleStatus = "no_coupon"
    offline: bool = False
    household_key: str | None = None
    identified_by: Literal["nid", "card", "code"] | None = None
    masked_identifier: str = ""
    round_id: str | None = None
    balance_before_rials: int | None = None
    balance_after_rials: int | None = None
    approval_code: str | None = None
    error_code: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    voided_lines: tuple[SaleLine, ...] = ()  # lines rung up and voided before completing
    max_coupon_rials: int | None = None  # the coupon before the cashier lowered it
    # Voided here (by a manager, or by the terminal for a declined attempt); a void the
    # service rejected sets it back. The one place a sale's void state is read from.
    voided: bool = False

    @property
    def remainder_rials(self) -> int:
        return self.total_rials - self.coupon_rials

    @property
    def change_rials(self) -> int:
        return sum(p.change_rials for p in self.payments)

    @property
    def coupon_lowered(self) -> bool:
        return self.max_coupon_rials is not None and self.coupon_rials < self.max_coupon_rials

    def paid(self, kind: PaymentKind) -> int:
        return sum(p.amount_rials for p in self.payments if p.kind == kind)
