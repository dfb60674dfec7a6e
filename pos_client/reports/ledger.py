"""The day as the journal tells it: every sale of a business day with its fate.

The journal (``pos_client.store.journal``) is the one record that cannot be edited
without breaking its hash chain, so the end-of-day figures are a fold over it: a ``sale``
entry opens a sale, ``sale_result`` and ``sale_declined`` change its status, ``void``
and ``void_result`` its void, ``day_close`` ends the day with its Z number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..domain.dates import parse_rfc3339
from ..domain.sale import SaleState, sale_state
from .inspection import SaleNotes, sale_notes

# The only statuses that are sales; anything else the store may add is not counted.
SALE_STATUSES = ("approved", "pending", "rejected", "no_coupon")


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    created_at: str
    kind: str
    ref: str
    data: Any


def read_journal(store: Any) -> list[JournalEntry]:
    """Every journal entry in order, in one read snapshot."""
    return [JournalEntry(*e) for e in store.journal_entries()]


@dataclass
class DaySale:
    """One sale of the day and what became of it, from its journal entries."""

    txn_id: str
    receipt_no: str
    created_at: dt.datetime
    business_date: dt.date
    cashier: str
    status: str
    offline: bool
    identified_by: str | None
    total_rials: int
    eligible_rials: int
    copay_rials: int
    coupon_rials: int
    cash_taken_rials: int
    change_rials: int
    card_rials: int
    eligible_by_group: dict[str, int]
    body: dict[str, Any]
    declined: bool = False
    void_state: Literal["pending", "voided", "local"] | None = None  # None: the sale stands
    error_code: str | None = None
    notes: SaleNotes = field(default_factory=SaleNotes)  # what an inspector asks about

    @property
    def state(self) -> SaleState | None:
        """The sale's state as ``Sale.state`` names it (None: a status that is no sale)."""
        if self.status not in SALE_STATUSES:
            return None
        return sale_state(self.status, voided=self.void_state is not None,
                          declined=self.declined)

    @property
    def is_sale(self) -> bool:
        """Counted as a sale: one of the four statuses, and not a declined attempt."""
        return self.state not in (None, SaleState.DECLINED)

    @property
    def stands(self) -> bool:
        return self.is_sale and self.state is not SaleState.VOIDED

    @property
    def voided(self) -> bool:
        return self.state is SaleState.VOIDED

    @property
    def unsent(self) -> bool:
        return self.status == "pending" or self.void_state == "pending"


@dataclass
class DayLedger:
    business_date: dt.date
    sales: dict[str, DaySale] = field(default_factory=dict)
    z_no: int | None = None
    close_seq: int | None = None
    last_seq: int = 0
    abandoned: list[tuple[str, int]] = field(default_factory=list)  # (cashier, lines)

    def in_order(self) -> list[DaySale]:
        return sorted(self.sales.values(), key=lambda s: s.receipt_no)

    def unsent(self) -> list[DaySale]:
        """Sales or voids of the day the service has not answered yet."""
        return [s for s in self.in_order() if s.unsent]


def _sale_from(data: Mapping[str, Any]) -> DaySale:
    cash = change = card = 0
    for kind, amount, _reference, tendered, change_given in data.get("payments", []):
        if kind == "cash":
            cash += int(tendered) if tendered else int(amount)
            change += int(change_given)
        elif kind == "card":
            card += int(amount)
    by_group: dict[str, int] = {}
    for line in data["lines"]:
        if line.get("group"):
            by_group[line["group"]] = by_group.get(line["group"], 0) + int(line["amount_rials"])
    body_keys = ("txn_id", "receipt_no", "created_at", "business_date", "household_key",
                 "identified_by", "code", "round_id", "offline", "total_rials",
                 "eligible_rials", "copay_rials", "coupon_rials", "lines")
    return DaySale(
        txn_id=data["txn_id"], receipt_no=data["receipt_no"],
        created_at=parse_rfc3339(data["created_at"]),
        business_date=dt.date.fromisoformat(data["business_date"]),
        cashier=str(data.get("cashier", "")), status=str(data["status"]),
        offline=bool(data.get("offline")), identified_by=data.get("identified_by"),
        total_rials=int(data["total_rials"]), eligible_rials=int(data["eligible_rials"]),
        copay_rials=int(data["copay_rials"]), coupon_rials=int(data["coupon_rials"]),
        cash_taken_rials=cash, change_rials=change, card_rials=card,
        eligible_by_group=by_group, body={k: data[k] for k in body_keys if k in data},
        notes=sale_notes(data))


def build_ledger(entries: Iterable[JournalEntry], day: dt.date, *,
                 upto_seq: int | None = None,
                 voids: Iterable[tuple[str, str, str]] = ()) -> DayLedger:
    """Fold the journal into ``day``'s sales. ``upto_seq``: stop after that entry (the
    Z's own figures end at its ``day_close``). ``voids``: (void_id, txn_id, status) of the
    store's voids, for the one void the journal names only by its result: the cancelling
    void of a declined sale (still unsent, it keeps the day from being closed upstream)."""
    ledger = DayLedger(day)
    all_sales: dict[str, DaySale] = {}
    known = {void_id: (txn_id, status) for void_id, txn_id, status in voids}
    void_to_txn: dict[str, str] = {v: t for v, (t, _s) in known.items()}
    journaled: set[str] = set()
    for entry in entries:
        if upto_seq is not None and entry.seq > upto_seq:
            break
        ledger.last_seq = entry.seq
        data = entry.data if isinstance(entry.data, dict) else {}
        if entry.kind == "sale":
            sale = _sale_from(data)
            all_sales[sale.txn_id] = sale
            continue
        if entry.kind == "basket_abandoned":
            if data.get("business_date") == day.isoformat():
                ledger.abandoned.append((str(data.get("cashier", "")),
                                         len(data.get("lines") or [])
                                         + int(data.get("voided_lines") or 0)))
            continue
        if entry.kind == "day_close":
            if data.get("business_date") == day.isoformat():
                ledger.z_no, ledger.close_seq = int(data["z_no"]), entry.seq
            continue
        if entry.kind == "void":
            void_to_txn[entry.ref] = str(data.get("txn_id", ""))
            journaled.add(entry.ref)
        target = all_sales.get(void_to_txn.get(entry.ref, "") if entry.kind.startswith("void")
                               else entry.ref)
        if target is not None:
            _apply(target, entry.kind, data)
    for void_id, (txn_id, status) in known.items():
        cancelled = all_sales.get(txn_id)
        if void_id not in journaled and status == "pending" and cancelled is not None \
                and not cancelled.void_state:
            cancelled.void_state = "pending"
    ledger.sales = {t: s for t, s in all_sales.items() if s.business_date == day}
    return ledger


def _apply(sale: DaySale, kind: str, data: Mapping[str, Any]) -> None:
    if kind == "sale_result" and sale.status == "pending":
        sale.status = str(data.get("status"))
        error = data.get("error")
        sale.error_code = str(error.get("code")) if isinstance(error, dict) else None
    elif kind == "sale_declined":
        sale.declined = True
        if not data.get("cancel_on_server"):
            sale.status, sale.error_code = "rejected", str(data.get("code"))
    elif kind == "void":
        sale.void_state = "local" if sale.status == "no_coupon" else "pending"
    elif kind == "void_result":
        status = data.get("status")  # moot: the sale never stood there; voided here only
        sale.void_state = "voided" if status == "voided" else "local" if status == "moot" \
            else None
