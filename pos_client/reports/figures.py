"""The day's figures, folded from the ledger: sales, payments, voids, groups, hours, cash."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..domain.dates import TEHRAN
from .inspection import CashierCounts, counts_by_cashier
from .ledger import DayLedger, DaySale


def split_largest_remainder(total: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Split ``total`` over ``weights`` in whole rials by the largest remainder, ties to
    the key that sorts first: the contract's rule for a settlement's ``by_group``, so
    the parts add up to ``total`` exactly and can be compared with the service's."""
    positive = {k: w for k, w in weights.items() if w > 0}
    weight_sum = sum(positive.values())
    if total == 0 or weight_sum == 0:
        return {k: 0 for k in positive}
    parts: dict[str, int] = {}
    remainders: list[tuple[int, str]] = []
    for key, weight in positive.items():
        parts[key], remainder = divmod(total * weight, weight_sum)
        remainders.append((remainder, key))
    left = total - sum(parts.values())
    for _, key in sorted(remainders, key=lambda item: (-item[0], item[1]))[:left]:
        parts[key] += 1
    return parts


def coupon_by_group(sales: Iterable[DaySale]) -> dict[str, int]:
    """Each sale's coupon over its groups (see ``split_largest_remainder``), summed."""
    out: dict[str, int] = {}
    for sale in sales:
        for group, part in split_largest_remainder(sale.coupon_rials,
                                                   sale.eligible_by_group).items():
            out[group] = out.get(group, 0) + part
    return {g: out[g] for g in sorted(out) if out[g]}


@dataclass(frozen=True)
class SaleRef:
    """A sale named for the manager: its receipt, id and coupon."""

    receipt_no: str
    txn_id: str
    coupon_rials: int
    total_rials: int = 0
    note: str = ""


@dataclass(frozen=True)
class HourFigures:
    hour: int  # 0..23, Tehran time
    sales_count: int
    total_rials: int
    coupon_rials: int


@dataclass(frozen=True)
class CloseFigures:
    """What ``POST /v1/days/{date}/close`` carries, on the settlement's own terms: sales
    the service approved and that stand (not voided by it), their coupon, and the
    service-approved sales it voided."""

    sales_count: int
    coupon_rials: int
    void_count: int

    def body(self, z_no: int) -> dict[str, int]:
        return {"z_no": z_no, "sales_count": self.sales_count,
                "coupon_rials": self.coupon_rials, "void_count": self.void_count}


@dataclass(frozen=True)
class DayFigures:
    """A terminal's day. Sales are the standing ones (approved, unsent, rejected by the
    service, or without coupon; not voided, not a declined attempt); voided sales are
    counted apart. Cash taken is what customers handed over; change is what went back."""

    sales_count: int = 0
    total_rials: int = 0
    eligible_rials: int = 0
    copay_rials: int = 0
    coupon_rials: int = 0
    cash_taken_rials: int = 0
    change_rials: int = 0
    card_rials: int = 0
    void_count: int = 0
    void_coupon_rials: int = 0
    approved_count: int = 0
    approved_coupon_rials: int = 0
    offline_count: int = 0
    coupon_by_group: dict[str, int] = field(default_factory=dict)
    by_hour: tuple[HourFigures, ...] = ()
    unsent: tuple[SaleRef, ...] = ()
    rejected: tuple[SaleRef, ...] = ()
    voids: tuple[SaleRef, ...] = ()
    inspection: tuple[CashierCounts, ...] = ()  # per cashier (reports.inspection)

    @property
    def cash_net_rials(self) -> int:
        return self.cash_taken_rials - self.change_rials

    @property
    def rejected_coupon_rials(self) -> int:
        return sum(r.coupon_rials for r in self.rejected)

    @property
    def unsent_coupon_rials(self) -> int:
        return sum(r.coupon_rials for r in self.unsent)


def _ref(sale: DaySale, note: str = "") -> SaleRef:
    return SaleRef(sale.receipt_no, sale.txn_id, sale.coupon_rials, sale.total_rials, note)


def _by_hour(sales: list[DaySale]) -> tuple[HourFigures, ...]:
    hours: dict[int, list[int]] = {}
    for sale in sales:
        bucket = hours.setdefault(sale.created_at.astimezone(TEHRAN).hour, [0, 0, 0])
        bucket[0] += 1
        bucket[1] += sale.total_rials
        bucket[2] += sale.coupon_rials
    return tuple(HourFigures(h, *hours[h]) for h in sorted(hours))


def day_figures(ledger: DayLedger) -> DayFigures:
    sales = ledger.in_order()
    standing = [s for s in sales if s.stands]
    voided = [s for s in sales if s.voided]
    approved = [s for s in standing if s.status == "approved"]
    return DayFigures(
        sales_count=len(standing),
        total_rials=sum(s.total_rials for s in standing),
        eligible_rials=sum(s.eligible_rials for s in standing),
        copay_rials=sum(s.copay_rials for s in standing if s.coupon_rials),
        coupon_rials=sum(s.coupon_rials for s in standing),
        cash_taken_rials=sum(s.cash_taken_rials for s in standing),
        change_rials=sum(s.change_rials for s in standing),
        card_rials=sum(s.card_rials for s in standing),
        void_count=len(voided),
        void_coupon_rials=sum(s.coupon_rials for s in voided),
        approved_count=len(approved),
        approved_coupon_rials=sum(s.coupon_rials for s in approved),
        offline_count=sum(1 for s in standing if s.offline),
        coupon_by_group=coupon_by_group(standing),
        by_hour=_by_hour(standing),
        unsent=tuple(_ref(s, "void" if s.status != "pending" else "")
                     for s in sales if s.unsent and (s.is_sale or s.status == "pending")),
        rejected=tuple(_ref(s, s.error_code or "") for s in standing if s.status == "rejected"),
        voids=tuple(_ref(s, s.void_state or "") for s in voided),
        inspection=counts_by_cashier((s for s in sales if s.is_sale), ledger.abandoned))


def close_figures(ledger: DayLedger) -> CloseFigures:
    """The Z figures for the service (see ``CloseFigures``). A declined attempt the
    service approved and then voided counts as the service counts it: a void."""
    approved = [s for s in ledger.in_order() if s.status == "approved"]
    standing = [s for s in approved if s.void_state != "voided"]
    return CloseFigures(len(standing), sum(s.coupon_rials for s in standing),
                        len(approved) - len(standing))


@dataclass(frozen=True)
class CashCount:
    """The drawer: opening cash + cash taken - change = expected; the blind count is
    entered before the expected figure is shown, and the difference is kept."""

    opening_rials: int
    cash_taken_rials: int
    change_rials: int
    counted_rials: int | None = None

    @property
    def expected_rials(self) -> int:
        return self.opening_rials + self.cash_taken_rials - self.change_rials

    @property
    def difference_rials(self) -> int | None:
        """Counted minus expected: negative is a shortage."""
        return None if self.counted_rials is None else self.counted_rials - self.expected_rials
