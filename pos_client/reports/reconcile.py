"""Reconciliation of the day's ledger with the service's settlement (see the package
docstring for the method)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .figures import coupon_by_group
from .ledger import DayLedger, DaySale

# Kinds of difference, as the manager sees them.
MISSING_ON_SERVER = "missing_on_server"
MISSING_LOCALLY = "missing_locally"
VOIDED_HERE_ONLY = "voided_here_only"
VOIDED_THERE_ONLY = "voided_there_only"
STATUS_DIFFERS = "status_differs"
AMOUNT_DIFFERS = "amount_differs"

# (sale) -> True when the service holds exactly this sale's body, False when it holds
# another one for the same txn_id, None when that cannot be asked (see ``probe_sale``).
Probe = Callable[[DaySale], bool | None]


@dataclass(frozen=True)
class Difference:
    kind: str
    receipt_no: str  # "" for a sale this terminal does not know
    txn_id: str
    local_coupon_rials: int | None = None
    server_coupon_rials: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Reconciliation:
    business_date: str
    matched: int
    differences: tuple[Difference, ...]
    server_sales_count: int
    server_coupon_rials: int
    server_void_count: int
    server_void_coupon_rials: int
    local_coupon_rials: int  # of the sales the service lists as approved, as kept here
    server_by_group: dict[str, int] = field(default_factory=dict)
    local_by_group: dict[str, int] = field(default_factory=dict)
    unsent: int = 0  # this terminal's sales not yet sent: not differences, not matched
    closed_upstream: bool = False
    # The same figures as the service's settlement, on its terms, from this terminal's
    # ledger: sales approved (voided ones included), their coupon, and of them the voided.
    local_sales_count: int = 0
    local_sales_coupon_rials: int = 0
    local_void_count: int = 0
    local_void_coupon_rials: int = 0

    @property
    def clean(self) -> bool:
        return not self.differences and not self.unsent

    def side_by_side(self) -> list[tuple[str, int, int, bool]]:
        """Like with like: ``(figure, here, at the service, is money)``. Sales and their
        coupon include the voided ones on both sides (the settlement's ``sales``); the
        standing coupon is sales less voids on both sides."""
        return [
            ("sent_count", self.local_sales_count, self.server_sales_count, False),
            ("sales_coupon", self.local_sales_coupon_rials, self.server_coupon_rials, True),
            ("void_count", self.local_void_count, self.server_void_count, False),
            ("void_coupon", self.local_void_coupon_rials, self.server_void_coupon_rials, True),
            ("standing_coupon", self.local_sales_coupon_rials - self.local_void_coupon_rials,
             self.server_coupon_rials - self.server_void_coupon_rials, True)]

    @property
    def agrees(self) -> bool:
        """Matched: no difference, nothing unsent, and every figure equal to the service's."""
        return self.clean and all(here == there for _k, here, there, _m in self.side_by_side())


def reconcile(ledger: DayLedger, settlement: Mapping[str, Any], *,
              probe: Probe | None = None) -> Reconciliation:
    approved_ids: list[str] = list(settlement.get("approved_txn_ids", []))
    approved = set(approved_ids)
    voided = set(settlement.get("voided_txn_ids", []))
    rejected = set(settlement.get("rejected_txn_ids", []))
    diffs: list[Difference] = []
    matched = unsent = 0
    for sale in ledger.in_order():
        if sale.status == "no_coupon":
            continue
        if sale.status == "pending":
            unsent += 1
            continue
        here_stands = sale.void_state is None and not sale.declined
        if sale.status == "rejected":
            if sale.txn_id in approved:
                diffs.append(_diff(STATUS_DIFFERS, sale, "rejected here, approved there"))
            else:
                matched += 1  # both say it is not settled (the store's loss is listed apart)
            continue
        if sale.txn_id not in approved:
            kind = STATUS_DIFFERS if sale.txn_id in rejected else MISSING_ON_SERVER
            diffs.append(_diff(kind, sale, "rejected there" if kind == STATUS_DIFFERS else ""))
            continue
        there_stands = sale.txn_id not in voided
        if sale.void_state == "pending" and not there_stands:
            here_stands = False
        if here_stands != there_stands:
            diffs.append(_diff(VOIDED_THERE_ONLY if here_stands else VOIDED_HERE_ONLY, sale,
                               "void not sent yet" if sale.void_state == "pending" else ""))
        else:
            matched += 1
    known = set(ledger.sales)
    for txn_id in approved_ids:
        if txn_id not in known:
            diffs.append(Difference(MISSING_LOCALLY, "", txn_id,
                                    note="voided there" if txn_id in voided else ""))
    return _with_amounts(ledger, settlement, diffs, matched, unsent, probe)


def _diff(kind: str, sale: DaySale, note: str = "") -> Difference:
    return Difference(kind, sale.receipt_no, sale.txn_id, sale.coupon_rials, None, note)


def _with_amounts(ledger: DayLedger, settlement: Mapping[str, Any], diffs: list[Difference],
                  matched: int, unsent: int, probe: Probe | None) -> Reconciliation:
    """Compare amounts: the service's coupon total over its approved list against ours
    over the same list; when they (or the groups) disagree, ask per sale which one."""
    approved = list(settlement.get("approved_txn_ids", []))
    voided = set(settlement.get("voided_txn_ids", []))
    ours = [ledger.sales[t] for t in approved if t in ledger.sales]
    sales_doc, voids_doc = settlement.get("sales", {}), settlement.get("voids", {})
    server_coupon = int(sales_doc.get("coupon_rials", 0))
    local_coupon = sum(s.coupon_rials for s in ours)
    local_groups = coupon_by_group(s for s in ours if s.txn_id not in voided)
    server_groups = {k: int(v) for k, v in dict(settlement.get("by_group", {})).items() if v}
    unknown = len(ours) < len(approved)
    disagree = unknown or server_coupon != local_coupon or server_groups != local_groups
    flagged = {d.txn_id for d in diffs}
    found: list[DaySale] = []
    unaskable: list[DaySale] = []
    if disagree and probe is not None:
        for sale in ours:
            if sale.txn_id in flagged:
                continue
            answer = probe(sale)
            if answer is False:
                found.append(sale)
            elif answer is None:
                unaskable.append(sale)
    gap = None if unknown else server_coupon - local_coupon
    for sale in found:
        server_value = sale.coupon_rials + gap if gap is not None and len(found) == 1 else None
        diffs.append(Difference(AMOUNT_DIFFERS, sale.receipt_no, sale.txn_id,
                                sale.coupon_rials, server_value,
                                "" if server_value is not None else "the service's record "
                                "of this sale differs"))
    if not found and gap:
        note = f"{len(unaskable)} sales could not be asked one by one" if unaskable else ""
        diffs.append(Difference(AMOUNT_DIFFERS, "", "", local_coupon, server_coupon,
                                note or "the coupon totals differ; no single sale found"))
    sent = [s for s in ledger.in_order() if s.status == "approved"]
    sent_voided = [s for s in sent if s.void_state is not None]
    return Reconciliation(
        business_date=str(settlement.get("business_date", ledger.business_date.isoformat())),
        matched=matched - len(found), differences=tuple(diffs),
        server_sales_count=int(sales_doc.get("count", 0)), server_coupon_rials=server_coupon,
        server_void_count=int(voids_doc.get("count", 0)),
        server_void_coupon_rials=int(voids_doc.get("coupon_rials", 0)),
        local_coupon_rials=local_coupon, server_by_group=server_groups,
        local_by_group=local_groups, unsent=unsent,
        closed_upstream=bool(settlement.get("closed")),
        local_sales_count=len(sent), local_sales_coupon_rials=sum(s.coupon_rials for s in sent),
        local_void_count=len(sent_voided),
        local_void_coupon_rials=sum(s.coupon_rials for s in sent_voided))


def probe_sale(api: Any) -> Probe:
    """Ask the service, per sale, whether it holds this sale's exact body.

    The contract makes ``POST /v1/sales`` idempotent: the same ``txn_id`` with the same
    body answers the first answer again and changes nothing; with another body it answers
    ``409 idempotency_conflict``. So re-sending the body we sent is a harmless question
    "is your record of this sale ours?". A sale identified by a one-time code cannot be
    asked (its body carried the code, which is not kept).
    """
    from ..domain.errors import UserFacingError

    def ask(sale: DaySale) -> bool | None:
        if sale.identified_by == "code" or "lines" not in sale.body:
            return None
        try:
            api.post_sale(dict(sale.body))
        except UserFacingError as exc:
            if exc.code == "idempotency_conflict":
                return False
            return None
        return True
    return ask
