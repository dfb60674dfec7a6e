"""What every part of ``Store`` shares: the connection, its lock and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..dates import utc_now
from .db import Connection

Clock = Callable[[], dt.datetime]


class StoreBase:
    def __init__(self, connection: Connection, *, clock: Clock = utc_now) -> None:
        self._c = connection
        self._clock = clock

    def now(self) -> dt.datetime:
        return self._clock()

    def close(self) -> None:
        self._c.close()
