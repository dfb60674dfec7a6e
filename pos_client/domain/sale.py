"""A completed sale as the terminal keeps it: what the journal, receipt and upload see.

Built by ``checkout`` from a basket and its split, written by ``store.record_sale`` in one
transaction, rendered by ``receipts``. Identities appear only masked or hashed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from .basket import WeightSource

PaymentKind = Literal["coupon", "cash", "card"]
# no_coupon: nothing to authorise (no household, or coupon 0), never uploaded.
# pending: waiting for the service (offline, or an online post whose outcome is unknown).
SaleStatus = Literal["approved", "pending", "rejected", "no_coupon"]


class SaleState(StrEnum):
    """What a recorded sale is now: the one field the lists, the reprint and the reports
    read (``Sale.state``). Derived from the stored columns by ``sale_state``; every store
    writer that changes them checks the move against ``TRANSITIONS``."""

    NO_COUPON = "no_coupon"  # nothing to authorise (no household, or coupon 0)
    APPROVED = "approved"  # the service approved its coupon
    STAND_IN = "stand_in"  # approved here offline (or the answer unknown): to be uploaded
    REJECTED = "rejected"  # the service refused it after the goods left (listed, kept)
    DECLINED = "declined"  # an attempt the counter gave up on: not a sale
    VOIDED = "voided"  # voided here (its void may still be on its way to the service)


S = SaleState
# (from, to) -> what makes that move; None: the sale is not recorded yet. Nothing else is
# allowed (a write that would leave the state unchanged is no move).
TRANSITIONS: dict[tuple[SaleState | None, SaleState], str] = {
    (None, S.NO_COUPON): "recorded without a coupon",
    (None, S.APPROVED): "recorded after the service approved it online",
    (None, S.STAND_IN): "recorded offline, or its online answer is unknown",
    (S.STAND_IN, S.APPROVED): "the service approved the upload",
    (S.STAND_IN, S.REJECTED): "the service refused the upload",
    (S.STAND_IN, S.DECLINED): "the counter gave up on the attempt",
    (S.NO_COUPON, S.VOIDED): "a manager voided it",
    (S.APPROVED, S.VOIDED): "a manager voided it",
    (S.STAND_IN, S.VOIDED): "a manager voided it",
    (S.VOIDED, S.NO_COUPON): "the void was undone",
    (S.VOIDED, S.APPROVED): "the service rejected the void: the sale stands",
    (S.VOIDED, S.STAND_IN): "the service rejected the void: the sale stands",
    (S.VOIDED, S.REJECTED): "the service rejected the void of a sale it had refused",
}


class IllegalSaleMove(RuntimeError):
    """A store writer tried a move the table does not allow: a bug, never data."""

    def __init__(self, txn_id: str, old: SaleState | None, new: SaleState) -> None:
        super().__init__(f"sale {txn_id}: {old} -> {new} is not allowed")
        self.old, self.new = old, new


def check_sale_move(txn_id: str, old: SaleState | None, new: SaleState) -> None:
    if old is not new and (old, new) not in TRANSITIONS:
        raise IllegalSaleMove(txn_id, old, new)


def sale_state(status: str, *, voided: bool, declined: bool) -> SaleState:
    """The state the stored columns mean: a declined attempt first, then a void, then the
    service's answer."""
    if declined:
        return SaleState.DECLINED
    if voided:
        return SaleState.VOIDED
    match status:
        case "approved":
            return SaleState.APPROVED
        case "pending":
            return SaleState.STAND_IN
        case "rejected":
            return SaleState.REJECTED
        case "no_coupon":
            return SaleState.NO_COUPON
        case _:
            raise ValueError(f"unknown sale status {status!r}")


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
    def state(self) -> SaleState:
        """The one state to read (see ``SaleState``)."""
        return sale_state(self.status, voided=self.voided, declined="declined" in self.extra)

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
