"""What an inspector asks about a day, per cashier: weights typed by hand, lines priced
above the approved maximum (kept off the coupon), lines voided before completing, sales
voided, and coupons lowered at the till.

Counted from the journal (``ledger``): every recorded sale of the day, standing or voided
later (a declined attempt is not a sale), and every basket dropped unsold (a new sale
started over it: its lines count as voided). Sales journaled before these notes existed
count as none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

COUNTS = ("typed_weights", "above_max_lines", "voided_lines", "voided_sales",
          "lowered_coupons", "abandoned_baskets")


@dataclass(frozen=True)
class CashierCounts:
    cashier: str
    typed_weights: int = 0
    above_max_lines: int = 0
    voided_lines: int = 0
    voided_sales: int = 0
    lowered_coupons: int = 0
    abandoned_baskets: int = 0  # baskets dropped unsold; their lines count as voided


@dataclass(frozen=True)
class SaleNotes:
    """One sale's inspection notes, read from its journal entry."""

    typed_weights: int = 0
    above_max_lines: int = 0
    voided_lines: int = 0
    lowered_coupon: bool = False


def sale_notes(data: Mapping[str, Any]) -> SaleNotes:
    notes = data.get("line_notes") or []
    typed = sum(1 for n in notes if isinstance(n, list) and n and n[0] == "typed")
    above = sum(1 for n in notes if isinstance(n, list) and len(n) > 1
                and n[1] == "price_above_max")
    most = data.get("max_coupon_rials")
    lowered = isinstance(most, int) and int(data.get("coupon_rials", 0)) < most
    return SaleNotes(typed, above, len(data.get("voided_lines") or []), lowered)


def counts_by_cashier(sales: Iterable[Any], abandoned: Iterable[tuple[str, int]] = ()
                      ) -> tuple[CashierCounts, ...]:
    """``sales``: the ledger's ``DaySale``s that are sales (``is_sale``); ``abandoned``:
    (cashier, lines) of each basket dropped unsold."""
    table: dict[str, list[int]] = {}
    for cashier, lines in abandoned:
        row = table.setdefault(cashier, [0] * len(COUNTS))
        row[2] += lines
        row[5] += 1
    for sale in sales:
        row = table.setdefault(sale.cashier, [0] * len(COUNTS))
        notes: SaleNotes = sale.notes
        row[0] += notes.typed_weights
        row[1] += notes.above_max_lines
        row[2] += notes.voided_lines
        row[3] += 1 if sale.voided else 0
        row[4] += 1 if notes.lowered_coupon else 0
    return tuple(CashierCounts(name, *table[name]) for name in sorted(table))


def totals(rows: Iterable[CashierCounts]) -> CashierCounts:
    out = [0] * len(COUNTS)
    for row in rows:
        for i, key in enumerate(COUNTS):
            out[i] += getattr(row, key)
    return CashierCounts("", *out)
