"""What an inspector asks of a sale, kept beside it: where each kg line's weight came from,
the lines voided before it was completed, and the coupon before the cashier lowered it.

Written in the sale's own transaction (``sale_rows.insert_sale``) and carried in its
journal entry, so the X and Z counts (``reports.inspection``) come from the hash chain.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

from ..domain.sale import Sale, SaleLine
from .base import StoreBase
from .journal import append_entry


def insert_inspection_rows(conn: sqlite3.Connection, sale: Sale) -> None:
    if sale.max_coupon_rials is not None:
        conn.execute("UPDATE sales SET max_coupon_rials = ? WHERE txn_id = ?",
                     [sale.max_coupon_rials, sale.txn_id])
    conn.executemany(
        "INSERT INTO line_voids (txn_id, seq, gtin, name, qty_milli, unit_price_rials, "
        "amount_rials, weight_source, exclusion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(sale.txn_id, n, line.gtin, line.name, line.qty_milli, line.unit_price_rials,
          line.amount_rials, line.weight_source, line.exclusion)
         for n, line in enumerate(sale.voided_lines, 1)])


def load_inspection_rows(conn: sqlite3.Connection,
                         txn_id: str) -> tuple[tuple[SaleLine, ...], int | None]:
    voided = tuple(SaleLine(gtin=r[0], name=r[1], qty_milli=r[2], unit_price_rials=r[3],
                            amount_rials=r[4], group=None, weighed=bool(r[5]),
                            weight_source=r[5], exclusion=r[6])
                   for r in conn.execute(
                       "SELECT gtin, name, qty_milli, unit_price_rials, amount_rials, "
                       "weight_source, exclusion FROM line_voids WHERE txn_id = ? "
                       "ORDER BY seq", [txn_id]))
    row = conn.execute("SELECT max_coupon_rials FROM sales WHERE txn_id = ?",
                       [txn_id]).fetchone()
    return voided, (row[0] if row else None)


def inspection_journal_data(sale: Sale) -> dict[str, Any]:
    """The sale's journal entry's extra keys: per line (in order) its weight source and
    exclusion, the voided lines, and the coupon before lowering."""
    return {
        "line_notes": [[line.weight_source, line.exclusion] for line in sale.lines],
        "voided_lines": [{"gtin": line.gtin, "qty_milli": line.qty_milli,
                          "amount_rials": line.amount_rials,
                          "weight_source": line.weight_source} for line in sale.voided_lines],
        "max_coupon_rials": sale.max_coupon_rials,
    }


class InspectionOps(StoreBase):
    def record_abandoned_basket(self, cashier: str, business_date: dt.date,
                                lines: Sequence[SaleLine],
                                voided: Sequence[SaleLine] = ()) -> str:
        """A basket dropped without a sale (a new sale started over it): journaled, so
        its lines count as voided for the cashier in the X and Z. Returns its id."""
        ref = str(uuid.uuid4())
        data = {"cashier": cashier, "business_date": business_date.isoformat(),
                "lines": [{"gtin": line.gtin, "qty_milli": line.qty_milli,
                           "amount_rials": line.amount_rials,
                           "weight_source": line.weight_source} for line in lines],
                "voided_lines": len(voided)}
        with self._c.write() as conn:
            append_entry(conn, "basket_abandoned", ref, data, self.now())
        return ref
