"""The terminal clock's high-water mark, kept in the database.

The mark is read when the store opens (so a clock set back while the terminal was off is
caught at once), written with every write transaction (``Connection.before_commit``), and
a backwards step of the system clock is logged and audited once when it is seen.
"""

from __future__ import annotations

import logging
import sqlite3

from ..domain.clock import BackwardsStep
from .base import StoreBase
from .models import parse_ts, ts
from .users import audit

log = logging.getLogger(__name__)
CLOCK_BACK_ACTION = "clock_went_back"


class ClockOps(StoreBase):
    def start_terminal_clock(self) -> None:
        """Seed the clock from the database and keep its mark there from now on."""
        with self._c.read() as conn:
            row = conn.execute("SELECT high_water FROM terminal_clock WHERE id = 1").fetchone()
            head = conn.execute("SELECT created_at FROM journal ORDER BY seq DESC "
                                "LIMIT 1").fetchone()
        for found in (row, head):
            if found is not None:
                self.terminal_clock.raise_to(parse_ts(found[0]))
        self.terminal_clock.on_backwards = self._clock_went_back
        self._c.before_commit = self._keep_clock_mark

    def _keep_clock_mark(self, conn: sqlite3.Connection) -> None:
        mark = self.terminal_clock.high_water
        if mark is None:
            return
        conn.execute("INSERT INTO terminal_clock (id, high_water) VALUES (1, ?) "
                     "ON CONFLICT (id) DO UPDATE SET high_water = excluded.high_water "
                     "WHERE excluded.high_water > terminal_clock.high_water", [ts(mark)])

    def _clock_went_back(self, step: BackwardsStep) -> None:
        log.warning("the system clock went back %d s (system %s, terminal time %s); the "
                    "terminal keeps its own time until the clock catches up",
                    step.behind_seconds, ts(step.system), ts(step.terminal))
        details = {"system": ts(step.system), "terminal": ts(step.terminal),
                   "behind_seconds": step.behind_seconds}
        try:
            with self._c.write() as conn:
                audit(conn, "clock", CLOCK_BACK_ACTION, details, step.terminal)
        except Exception:  # the audit must never stop the sale that read the clock
            log.exception("could not audit the clock step")

    def clock_behind(self) -> bool:
        """The system clock is behind the terminal's time (set back, not caught up)."""
        return self.terminal_clock.behind()
