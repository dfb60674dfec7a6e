"""The terminal's time: a clock that only moves forward, and the Tehran business date.

``TerminalClock`` answers ``max(system clock, high-water mark)``. The high-water mark is
the newest time the terminal has handed out; the store seeds it from the database (the
newest time journaled or kept) and keeps it there, so a clock set back, even while the
terminal was off, never dates a sale before one already recorded, never reopens a
business day closed with its Z, and never makes an unsent sale look younger than it is
(the programme's "oldest unsent age" offline limit).

A backwards step of the system clock is reported once (``on_backwards``), when it is
seen; the terminal's time then stands still until the system clock has caught up.

Qt-free and injectable: tests pass a ``SteppedClock`` as the system clock and step it
across midnight, the Z and backwards.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .dates import TEHRAN, business_date, utc_now

SystemClock = Callable[[], dt.datetime]
BACKWARDS_TOLERANCE = dt.timedelta(seconds=2)  # NTP's slews are not "the clock went back"


@dataclass(frozen=True)
class BackwardsStep:
    """The system clock read ``system`` while the terminal's time was ``terminal``."""

    system: dt.datetime
    terminal: dt.datetime

    @property
    def behind_seconds(self) -> int:
        return int((self.terminal - self.system).total_seconds())


class TerminalClock:
    """Monotonic terminal time; call it (or ``now()``) for an aware UTC datetime."""

    def __init__(self, system: SystemClock = utc_now, *,
                 high_water: dt.datetime | None = None,
                 on_backwards: Callable[[BackwardsStep], None] | None = None) -> None:
        self.system = system
        self.on_backwards = on_backwards
        self._lock = threading.Lock()
        self._high_water = high_water
        self._last_system: dt.datetime | None = None

    def __call__(self) -> dt.datetime:
        return self.now()

    def now(self) -> dt.datetime:
        system = self.system()
        if system.tzinfo is None:
            raise ValueError("the system clock gave a naive datetime")
        step = None
        with self._lock:
            last = self._last_system or self._high_water
            if last is not None and system < last - BACKWARDS_TOLERANCE:
                step = BackwardsStep(system, max(last, self._high_water or last))
            self._last_system = system
            if self._high_water is None or system > self._high_water:
                self._high_water = system
            now = self._high_water
        if step is not None and self.on_backwards is not None:
            self.on_backwards(step)
        return now

    def raise_to(self, moment: dt.datetime | None) -> None:
        """Never hand out a time before ``moment`` (a time found recorded)."""
        if moment is None:
            return
        with self._lock:
            if self._high_water is None or moment > self._high_water:
                self._high_water = moment

    @property
    def high_water(self) -> dt.datetime | None:
        with self._lock:
            return self._high_water

    def behind(self) -> bool:
        """The system clock is now behind the terminal's time (set back, not caught up)."""
        system = self.system()
        mark = self.high_water
        return mark is not None and system < mark - BACKWARDS_TOLERANCE

    def business_date(self) -> dt.date:
        """Today in Tehran, by the terminal's time."""
        return business_date(self.now())


def as_terminal_clock(clock: SystemClock | TerminalClock) -> TerminalClock:
    return clock if isinstance(clock, TerminalClock) else TerminalClock(clock)


def next_midnight(day: dt.date) -> dt.datetime:
    """The instant ``day`` ends in Tehran (00:00 of the next day), in UTC."""
    start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), TEHRAN)
    return start.astimezone(dt.UTC)


class SteppedClock:
    """A system clock that stands still until stepped (tests, demos, benchmarks)."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("naive datetime")
        self.moment = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.moment

    def step(self, delta: dt.timedelta) -> dt.datetime:
        self.moment += delta
        return self.moment

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.moment = moment.astimezone(dt.UTC)
        return self.moment

    @classmethod
    def tehran(cls, day: dt.date, hour: int, minute: int = 0) -> SteppedClock:
        """The clock at ``hour:minute`` Tehran time on ``day``."""
        return cls(dt.datetime.combine(day, dt.time(hour, minute), TEHRAN))
