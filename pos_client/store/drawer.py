"""The cash drawer opened without a sale (Ctrl+O): each opening is kept with its business
day, who approved it and for whom, so the X and Z reports list them (and the audit log
has it too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .base import StoreBase
from .days import sales_date
from .models import parse_ts, ts
from .users import audit, require_manager


@dataclass(frozen=True)
class DrawerOpen:
    at: dt.datetime
    business_date: dt.date
    manager: str
    cashier: str
    reason: str = ""


class DrawerOps(StoreBase):
    def record_drawer_open(self, manager: str, cashier: str, reason: str = "") -> DrawerOpen:
        """Keep one opening of the drawer without a sale, on the day sales are made now
        (written before the drawer is kicked: an attempt is on record even when the
        printer then fails)."""
        now = self.now()
        reason = reason.strip()[:200]
        with self._c.write() as conn:
            require_manager(conn, manager)
            day = sales_date(conn, now)
            conn.execute("INSERT INTO drawer_opens (at, business_date, manager, cashier, "
                         "reason) VALUES (?, ?, ?, ?, ?)",
                         [ts(now), day.isoformat(), manager, cashier, reason])
            audit(conn, manager, "open_drawer", {"cashier": cashier, "reason": reason,
                                                 "business_date": day.isoformat()}, now)
        return DrawerOpen(now, day, manager, cashier, reason)

    def drawer_opens(self, day: dt.date, *, until: dt.datetime | None = None
                     ) -> list[DrawerOpen]:
        """The openings of ``day`` in order (``until``: those made up to that moment)."""
        with self._c.read() as conn:
            rows = conn.execute("SELECT at, business_date, manager, cashier, reason FROM "
                                "drawer_opens WHERE business_date = ? ORDER BY id",
                                [day.isoformat()]).fetchall()
        opens = [DrawerOpen(parse_ts(r[0]), dt.date.fromisoformat(r[1]), r[2], r[3], r[4])
                 for r in rows]
        return [o for o in opens if until is None or o.at <= until]
