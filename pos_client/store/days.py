"""Business days and shifts. A day closed with its Z takes no more sales or voids.

The business date is the Tehran date by the terminal's clock, never ahead of it: after the
Z of today, nothing is sold until 00:00 Tehran time (``TillState.DAY_CLOSED``), so that
tomorrow's purchase windows and month caps never open tonight. Days and shifts move only
through ``DAY_TRANSITIONS`` and ``SHIFT_TRANSITIONS``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from enum import StrEnum
from typing import Any

from ..domain.dates import business_date, jalali_date
from ..domain.errors import InvalidInput, NotFound, PerLanguage, RuleViolation
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


def day_closed_error(day: dt.date, today: dt.date | None = None) -> RuleViolation:
    if today is not None and day == today:
        return RuleViolation.from_code(
            "day_closed:until_midnight",
            day=PerLanguage(jalali_date(day), day.isoformat()))
    return RuleViolation.from_code("day_closed:z_out", day=day.isoformat())


def day_ahead_error(day: dt.date, today: dt.date) -> RuleViolation:
    return RuleViolation.from_code(
        "day_ahead", day=PerLanguage(jalali_date(day), day.isoformat()),
        today=PerLanguage(jalali_date(today), today.isoformat()))


class DayStatus(StrEnum):
    """A business day's lifecycle. Every writer goes through ``day_transition``."""

    UNOPENED = "unopened"  # no row yet
    OPEN = "open"
    CLOSED = "closed"  # its Z is out: nothing more is recorded on it


class DayEvent(StrEnum):
    OPEN = "open"  # a login, a shift or a sale on the day
    CLOSE = "close"  # the Z


DAY_TRANSITIONS: dict[tuple[DayStatus, DayEvent], DayStatus] = {
    (DayStatus.UNOPENED, DayEvent.OPEN): DayStatus.OPEN,
    (DayStatus.OPEN, DayEvent.OPEN): DayStatus.OPEN,
    (DayStatus.UNOPENED, DayEvent.CLOSE): DayStatus.CLOSED,  # a Z of a day with no trade
    (DayStatus.OPEN, DayEvent.CLOSE): DayStatus.CLOSED,
}


class ShiftStatus(StrEnum):
    NONE = "none"
    OPEN = "open"
    CLOSED = "closed"


class ShiftEvent(StrEnum):
    OPEN = "open"  # with its opening cash
    CLOSE = "close"  # the cashier's count, or the day's Z


SHIFT_TRANSITIONS: dict[tuple[ShiftStatus, ShiftEvent], ShiftStatus] = {
    (ShiftStatus.NONE, ShiftEvent.OPEN): ShiftStatus.OPEN,
    (ShiftStatus.OPEN, ShiftEvent.OPEN): ShiftStatus.OPEN,  # the one already open
    (ShiftStatus.OPEN, ShiftEvent.CLOSE): ShiftStatus.CLOSED,
}


class TillState(StrEnum):
    """What the counter may do now, for a signed-in cashier (the window follows it)."""

    NEEDS_SHIFT = "needs_shift"  # today is open (or not yet): open a shift with its cash
    SELLING = "selling"
    DAY_CLOSED = "day_closed"  # today's Z is out: nothing until 00:00 Tehran time


def day_transition(day: dt.date, status: DayStatus, event: DayEvent,
                   today: dt.date) -> DayStatus:
    """The day's next status, or a ``RuleViolation`` for a move the table does not allow.
    A day never opens before it has begun in Tehran (the business date is never ahead)."""
    if day > today:
        raise day_ahead_error(day, today)
    following = DAY_TRANSITIONS.get((status, event))
    if following is None:
        if status is DayStatus.CLOSED:
            raise day_closed_error(day, today)
        raise RuleViolation.from_code("day_transition", day=day.isoformat(), status=status, event=event)
    return following


def shift_transition(status: ShiftStatus, event: ShiftEvent) -> ShiftStatus:
    following = SHIFT_TRANSITIONS.get((status, event))
    if following is None:
        raise NotFound.from_code("shift_not_open")
    return following


def day_status(conn: sqlite3.Connection, day: dt.date) -> DayStatus:
    row = conn.execute("SELECT status FROM business_days WHERE business_date = ?",
                       [day.isoformat()]).fetchone()
    return DayStatus.UNOPENED if row is None else DayStatus(row[0])


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
    """The business date of a sale made ``now``: the Tehran date, never ahead of it. When
    that day is closed with its Z, nothing is sold until it has passed (``TillState``)."""
    del conn  # kept for the callers' signature: the date no longer depends on the days
    return business_date(now)


def ensure_open_day(conn: sqlite3.Connection, day: dt.date, now: dt.datetime) -> None:
    """Open ``day`` if it has no row yet; ``day_closed`` if its Z is out, ``day_ahead``
    if it has not begun in Tehran by the terminal's time."""
    status = day_status(conn, day)
    day_transition(day, status, DayEvent.OPEN, business_date(now))
    if status is DayStatus.UNOPENED:
        conn.execute("INSERT INTO business_days (business_date, opened_at, status) "
                     "VALUES (?, ?, 'open')", [day.isoformat(), ts(now)])


def day_with_trade(conn: sqlite3.Connection, today: dt.date) -> dt.date:
    """The day a Z closes by default: the oldest open day with a sale or a void on it, or
    today when no open day has any (a Z pressed after midnight closes the day that traded)."""
    row = conn.execute(
        "SELECT min(d.business_date) FROM business_days d WHERE d.status = 'open' AND ("
        "EXISTS (SELECT 1 FROM sales s WHERE s.business_date = d.business_date) OR "
        "EXISTS (SELECT 1 FROM voids v WHERE v.business_date = d.business_date))").fetchone()
    return dt.date.fromisoformat(row[0]) if row and row[0] else today


class DayOps(StoreBase):
    def sales_date(self) -> dt.date:
        """The business date the next sale will carry: today in Tehran, by terminal time."""
        return business_date(self.now())

    def open_day(self) -> BusinessDay | None:
        """Open (or return) today's business day; None when today is closed with its Z
        (then ``till_state`` is ``DAY_CLOSED`` until 00:00 Tehran time)."""
        now = self.now()
        day = business_date(now)
        with self._c.write() as conn:
            if day_status(conn, day) is not DayStatus.CLOSED:
                ensure_open_day(conn, day, now)
        found = self.business_day(day)
        return found if found is not None and found.status == "open" else None

    def business_day(self, day: dt.date) -> BusinessDay | None:
        with self._c.read() as conn:
            return _day(conn.execute(f"SELECT {_DAY_COLUMNS} FROM business_days "
                                     "WHERE business_date = ?", [day.isoformat()]).fetchone())

    def current_day(self) -> BusinessDay | None:
        """Today's business day (open or closed), or None if not opened yet."""
        return self.business_day(self.sales_date())

    def z_default_day(self) -> dt.date:
        """The day a Z closes unless told: the oldest open day with trade, else today."""
        today = business_date(self.now())
        with self._c.read() as conn:
            return day_with_trade(conn, today)

    def till_state(self, cashier: str) -> TillState:
        """Whether ``cashier`` may sell now, must open a shift first, or must wait for
        today (closed with its Z) to end."""
        today = business_date(self.now())
        with self._c.read() as conn:
            if day_status(conn, today) is DayStatus.CLOSED:
                return TillState.DAY_CLOSED
            shift = self._open_shift(conn, cashier)
        return TillState.NEEDS_SHIFT if shift is None else TillState.SELLING

    def close_day(self, day: dt.date, manager: str) -> BusinessDay:
        """Close ``day`` with the next Z number; refuses a day already closed, or one that
        has not begun in Tehran."""
        now = self.now()
        with self._c.write() as conn:
            require_manager(conn, manager)
            status = day_status(conn, day)
            day_transition(day, status, DayEvent.CLOSE, business_date(now))
            if status is DayStatus.UNOPENED:
                conn.execute("INSERT INTO business_days (business_date, opened_at, status) "
                             "VALUES (?, ?, 'open')", [day.isoformat(), ts(now)])
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
            raise InvalidInput.from_code("cash_invalid")
        now = self.now()
        with self._c.write() as conn:
            current = self._open_shift(conn, cashier)
            if current is not None:
                return current
            shift_transition(ShiftStatus.NONE, ShiftEvent.OPEN)
            day = business_date(now)
            ensure_open_day(conn, day, now)  # day_closed after today's Z, until midnight
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
            found = _shift(conn.execute(f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE id = ?",
                                        [shift_id]).fetchone())
            shift_transition(ShiftStatus.NONE if found is None else ShiftStatus.OPEN
                             if found.closed_at is None else ShiftStatus.CLOSED,
                             ShiftEvent.CLOSE)
            changed = conn.execute("UPDATE shifts SET closed_at = ?, counted_cash_rials = ? "
                                   "WHERE id = ? AND closed_at IS NULL",
                                   [ts(self.now()), counted_cash_rials, shift_id]).rowcount
            row = conn.execute(f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE id = ?",
                               [shift_id]).fetchone()
        shift = _shift(row)
        if shift is None or not changed:
            raise NotFound.from_code("not_found:open_shift")
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
