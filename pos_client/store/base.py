"""What every part of ``Store`` shares: the connection, its lock and the terminal clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..domain.clock import TerminalClock, as_terminal_clock
from ..domain.dates import utc_now
from .db import Connection

Clock = Callable[[], dt.datetime]


class StoreBase:
    def __init__(self, connection: Connection, *, clock: Clock = utc_now) -> None:
        self._c = connection
        self.terminal_clock: TerminalClock = as_terminal_clock(clock)
        self._clock = self.terminal_clock

    def now(self) -> dt.datetime:
        """The terminal's time: never below a time already recorded (``clock``)."""
        return self._clock()

    def close(self) -> None:
        self._c.close()
