"""``DayReport``: an X or Z report as it is shown, printed, exported and kept (as JSON)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from .figures import CashCount, CloseFigures, DayFigures, HourFigures, SaleRef
from .inspection import CashierCounts
from .reconcile import Difference, Reconciliation

# Z status: pending (not settled with the service yet: unsent sales, or the service was
# unreachable), matched / mismatch (the service's answer to the close), refused (the
# service refused the close, e.g. closed before with other figures). An X is "open".
Z_PENDING = "pending"
ReportKind = Literal["X", "Z"]


@dataclass(frozen=True)
class StoreView:
    """The service's settlement of the whole store (``scope=store``): every terminal."""

    terminal_ids: tuple[str, ...]
    sales_count: int
    coupon_rials: int
    copay_rials: int
    void_count: int
    void_coupon_rials: int
    by_group: dict[str, int] = field(default_factory=dict)
    closed: bool = False

    @classmethod
    def from_settlement(cls, doc: dict[str, Any]) -> StoreView:
        sales, voids = doc["sales"], doc["voids"]
        return cls(tuple(doc["terminal_ids"]), int(sales["count"]), int(sales["coupon_rials"]),
                   int(sales["copay_rials"]), int(voids["count"]), int(voids["coupon_rials"]),
                   {k: int(v) for k, v in doc.get("by_group", {}).items()},
                   bool(doc.get("closed")))


@dataclass(frozen=True)
class DrawerOpening:
    """The cash drawer opened without a sale (Ctrl+O): when (ISO 8601), who approved it
    and for which cashier."""

    at: str
    manager: str
    cashier: str
    reason: str = ""

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)


@dataclass(frozen=True)
class DayReport:
    kind: ReportKind
    business_date: dt.date
    terminal_id: str
    store_code: str
    store_name: str
    made_at: dt.datetime
    figures: DayFigures
    cash: CashCount
    close: CloseFigures
    status: str = "open"
    z_no: int | None = None
    manager: str = ""
    reconciliation: Reconciliation | None = None
    store_view: StoreView | None = None
    service_answer: dict[str, Any] | None = None
    note: str = ""  # why it is pending or what the service said, for the manager
    drawer_opens: tuple[DrawerOpening, ...] = ()

    @property
    def pending(self) -> bool:
        return self.kind == "Z" and self.status == Z_PENDING

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["business_date"] = self.business_date.isoformat()
        out["made_at"] = self.made_at.isoformat()
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DayReport:
        figures = dict(raw["figures"])
        for name, kind in (("unsent", SaleRef), ("rejected", SaleRef), ("voids", SaleRef),
                           ("by_hour", HourFigures), ("inspection", CashierCounts)):
            figures[name] = tuple(kind(**item) for item in figures.get(name, ()))
        rec = raw.get("reconciliation")
        if rec is not None:
            rec = Reconciliation(**{**rec, "differences": tuple(
                Difference(**d) for d in rec["differences"])})
        view = raw.get("store_view")
        if view is not None:
            view = StoreView(**{**view, "terminal_ids": tuple(view["terminal_ids"])})
        return cls(**{
            **raw, "business_date": dt.date.fromisoformat(raw["business_date"]),
            "made_at": dt.datetime.fromisoformat(raw["made_at"]),
            "figures": DayFigures(**figures), "cash": CashCount(**raw["cash"]),
            "close": CloseFigures(**raw["close"]), "reconciliation": rec,
            "store_view": view, "drawer_opens": tuple(
                DrawerOpening(**o) for o in raw.get("drawer_opens", ()))})
