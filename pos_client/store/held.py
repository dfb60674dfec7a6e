"""Held (parked) baskets: a basket set aside while its customer fetches something, kept in
the database so it survives a restart, recalled later, and cleared at the Z.

A held basket keeps its lines and the masked identity it was shown with (never an identity
in clear); the household is identified again on recall, so its balance is never stale.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..domain.errors import NotFound
from .base import StoreBase
from .db import canonical_json
from .models import parse_ts, ts
from .users import audit


@dataclass(frozen=True)
class HeldBasket:
    id: int
    held_at: dt.datetime
    cashier: str
    masked: str  # the masked identity shown when it was held, or ""
    total_rials: int
    lines: tuple[dict[str, Any], ...]  # ``basket.Line`` fields, as stored


class HeldOps(StoreBase):
    def hold_basket(self, cashier: str, lines: list[dict[str, Any]], total_rials: int,
                    masked: str = "") -> HeldBasket:
        """Set a basket aside; ``lines`` are ``basket.Line`` fields."""
        now = self.now()
        with self._c.write() as conn:
            cursor = conn.execute(
                "INSERT INTO held_baskets (held_at, cashier, masked, total_rials, lines) "
                "VALUES (?, ?, ?, ?, ?)",
                [ts(now), cashier, masked, total_rials, canonical_json(lines)])
            held_id = int(cursor.lastrowid or 0)
        return HeldBasket(held_id, now, cashier, masked, total_rials, tuple(lines))

    def held_baskets(self) -> list[HeldBasket]:
        """Every held basket, the newest first."""
        with self._c.read() as conn:
            rows = conn.execute("SELECT id, held_at, cashier, masked, total_rials, lines "
                                "FROM held_baskets ORDER BY id DESC").fetchall()
        return [HeldBasket(r[0], parse_ts(r[1]), r[2], r[3], r[4], tuple(json.loads(r[5])))
                for r in rows]

    def take_held_basket(self, held_id: int) -> HeldBasket:
        """Remove one held basket and hand it back (it is in the sale screen again)."""
        with self._c.write() as conn:
            row = conn.execute("SELECT id, held_at, cashier, masked, total_rials, lines "
                               "FROM held_baskets WHERE id = ?", [held_id]).fetchone()
            if row is None:
                raise NotFound.from_code("not_found:held_basket")
            conn.execute("DELETE FROM held_baskets WHERE id = ?", [held_id])
        return HeldBasket(row[0], parse_ts(row[1]), row[2], row[3], row[4],
                          tuple(json.loads(row[5])))

    def clear_held_baskets(self, who: str) -> int:
        """At the Z: drop every held basket (nothing was sold from them), noted in the
        audit log with how many and their total. Returns how many were dropped."""
        with self._c.write() as conn:
            count, total = conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(total_rials), 0) FROM held_baskets").fetchone()
            if count:
                conn.execute("DELETE FROM held_baskets")
                audit(conn, who, "held_baskets_cleared", {"count": count,
                                                          "total_rials": total}, self.now())
        return int(count)
