"""Business days and shifts. A day closed with its Z takes no more sales or voids."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from ..dates import business_date
from ..errors import InvalidInput, NotFound, RuleViolation
from .base import StoreBase
from .journal import append_entry
from .models import BusinessDay, Shift, parse_ts, ts
from .users import audit, require_manager

_DAY_COLUMNS = "business_date, opened_at, status, closed_at, z_no, closed_by"
_SHIFT_COLUMNS = ("id, business_date, cashier, opened_at, opening_cash_rials, closed_at, "
                  "counted_cash_rials")


def next_value(conn: sqlite3.Connection, name: str) -> int:
    """The next number of a sequence, inside the caller's transaction (never reused)."""
    row = conn.execute("INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) "
                       "DO UPDATE SET value = value + 1 RETURNING value", [name]).fetchone()
    return int(row[0])


def day_closed_error(day: dt.date) -> RuleViolation:
    return RuleViolation(
        f"روز کاری {day.isoformat()} بسته شده است (گزارش Z صادر شده)؛ این کار ممکن نیست.",
        f"Business day {day.isoformat()} is closed (its Z report is out); this cannot be done.",
        code="day_closed")


def _day(row: tuple[Any, ...] | None) -> BusinessDay | None:
    if row is None:
        return None
    return BusinessDay(dt.date.fromisoformat(row[0]), parse_ts(row[1]), row[2],
                       parse_ts(row[3]) if row[3] else None, row[4], row[5])


def _shift(row: tuple[Any, ...] | None) -> Shift | None:
    if row is None:
        return None
    return Shift(row[0], dt.date.fromisoformat(row[1]), row[2], parse_ts(row[3]), row[4],
                 parse_ts(row[5]) if row[5] else None, row[6])


def sales_date(conn: sqlite3.Connection, now: dt.datetime) -> dt.date:
    """The business date of a sale made ``now``: today in Tehran, or the next open day."""
    day = business_date(now)
    closed = {r[0] for r in conn.execute(
        "SELECT business_date FROM business_days WHERE status = 'closed' "
        "AND business_date >= ?", [day.isoformat()])}
    while day.isoformat() in closed:
        day += dt.timedelta(days=1)
    return day


def ensure_open_day(conn: sqlite3.Connection, day: dt.date, now: dt.datetime) -> None:
    """Open ``day`` if it has no row yet; ``day_closed`` if its Z is out."""
    row = conn.execute("SELECT status FROM business_days WHERE business_date = ?",
                       [day.isoformat()]).fetchone()
    if row is None:
        conn.execute("INSERT INTO business_days (business_date, opened_at, status) "
                     "VALUES (?, ?, 'open')", [day.isoformat(), ts(now)])
    elif row[0] == "closed":
        raise day_closed_error(day)


class DayOps(StoreBase):
    def sales_date(self) -> dt.date:
        """The business date the next sale will carry."""
        with self._c.read() as conn:
            return sales_date(conn, self.now())

    def open_day(self) -> BusinessDay:
        """Open (or return) the business day sales are made on now."""
        now = self.now()
        with self._c.write() as conn:
            day = sales_date(conn, now)
            ensure_open_day(conn, day, now)
        found = self.business_day(day)
        assert found is not None
        return found

    def business_day(self, day: dt.date) -> BusinessDay | None:
        with self._c.read() as conn:
            return _day(conn.execute(f"SELECT {_DAY_COLUMNS} FROM business_days "
                                     "WHERE business_date = ?", [day.isoformat()]).fetchone())

    def current_day(self) -> BusinessDay | None:
        """The open business day sales are made on now, or None if not opened yet."""
        return self.business_day(self.sales_date())

    def close_day(self, day: dt.date, manager: str) -> BusinessDay:
        """Close ``day`` with the next Z number; refuses a day already closed."""
        now = self.now()
        with self._c.write() as conn:
            require_manager(conn, manager)
            ensure_open_day(conn, day, now)
            terminal = conn.execute("SELECT terminal_id FROM terminal_info").fetchone()
            z_no = next_value(conn, "z:" + (terminal[0] if terminal else ""))
            conn.execute("UPDATE business_days SET status = 'closed', closed_at = ?, z_no = ?, "
                         "closed_by = ? WHERE business_date = ?",
                         [ts(now), z_no, manager, day.isoformat()])
            conn.execute("UPDATE shifts SET closed_at = ? WHERE business_date = ? "
                         "AND closed_at IS NULL", [ts(now), day.isoformat()])
            append_entry(conn, "day_close", day.isoformat(),
                         {"business_date": day.isoformat(), "z_no": z_no, "manager": manager},
                         now)
            audit(conn, manager, "close_day", {"business_date": day.isoformat(), "z_no": z_no},
                  now)
        closed = self.business_day(day)
        assert closed is not None
        return closed

    def open_shift(self, cashier: str, opening_cash_rials: int) -> Shift:
        """Open ``cashier``'s shift on the current day, or return the one already open."""
        if isinstance(opening_cash_rials, bool) or opening_cash_rials < 0:
            raise InvalidInput("موجودی اول شیفت نامعتبر است.",
                               "The opening cash is not valid.", code="cash_invalid")
        now = self.now()
        with self._c.write() as conn:
            current = self._open_shift(conn, cashier)
            if current is not None:
                return current
            day = sales_date(conn, now)
            ensure_open_day(conn, day, now)
            conn.execute("INSERT INTO shifts (business_date, cashier, opened_at, "
                         "opening_cash_rials) VALUES (?, ?, ?, ?)",
                         [day.isoformat(), cashier, ts(now), opening_cash_rials])
            shift = self._open_shift(conn, cashier)
        assert shift is not None
        return shift

    def current_shift(self, cashier: str) -> Shift | None:
        with self._c.read() as conn:
            return self._open_shift(conn, cashier)

    def close_shift(self, shift_id: int, counted_cash_rials: int) -> Shift:
        with self._c.write() as conn:
            changed = conn.execute("UPDATE shifts SET closed_at = ?, counted_cash_rials = ? "
                                   "WHERE id = ? AND closed_at IS NULL",
                                   [ts(self.now()), counted_cash_rials, shift_id]).rowcount
            row = conn.execute(f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE id = ?",
                               [shift_id]).fetchone()
        shift = _shift(row)
        if shift is None or not changed:
            raise NotFound("شیفت باز پیدا نشد.", "No such open shift.")
        return shift

    def shifts_for_day(self, day: dt.date) -> list[Shift]:
        with self._c.read() as conn:
            rows = conn.execute(f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE business_date = ? "
                                "ORDER BY id", [day.isoformat()]).fetchall()
        return [s for s in map(_shift, rows) if s is not None]

    @staticmethod
    def _open_shift(conn: sqlite3.Connection, cashier: str) -> Shift | None:
        return _shift(conn.execute(
            f"SELECT {_SHIFT_COLUMNS} FROM shifts s WHERE cashier = ? AND closed_at IS NULL "
            "AND (SELECT status FROM business_days d WHERE d.business_date = s.business_date) "
            "= 'open' ORDER BY id DESC LIMIT 1", [cashier]).fetchone())
