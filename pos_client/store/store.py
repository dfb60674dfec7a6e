"""``Store``: every use-case of the terminal's database behind one typed object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..domain.dates import utc_now
from .base import Clock
from .cache import LOOKUP_INDEXES, CacheOps
from .card_payments import CardPaymentOps
from .clock_mark import ClockOps
from .days import DayOps
from .db import DB_FILENAME, Connection, open_database
from .drawer import DrawerOps
from .held import HeldOps
from .inspection_rows import InspectionOps
from .journal import verify_journal
from .models import JournalProblem
from .outbox_ops import OutboxOps
from .plu import PluOps
from .products_csv import ProductOps
from .sales import SalesOps
from .users import UserOps


class Store(CacheOps, SalesOps, OutboxOps, DayOps, UserOps, ProductOps, PluOps,
            InspectionOps, HeldOps, DrawerOps, ClockOps, CardPaymentOps):
    """The terminal's database. Thread-safe: one use-case at a time, each one transaction."""

    @classmethod
    def open(cls, data_dir: str | Path, *, clock: Clock = utc_now) -> Store:
        """Open ``<data_dir>/pos.db`` (folder and file created if absent), checked, migrated."""
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        return cls.open_file(Path(data_dir) / DB_FILENAME, clock=clock)

    @classmethod
    def open_file(cls, path: str | Path, *, clock: Clock = utc_now) -> Store:
        store = cls(Connection(open_database(path)), clock=clock)
        store.start_terminal_clock()
        with store._c.read() as conn:
            missing = len(conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
                [name for name, _ in LOOKUP_INDEXES]).fetchall()) < len(LOOKUP_INDEXES)
        if missing:  # a first household load was interrupted: finish it now
            store.end_household_load()
        return store

    def verify_journal(self) -> JournalProblem | None:
        """The first bad journal entry (edited, removed or inserted), or None."""
        with self._c.read() as conn:
            return verify_journal(conn)

    def journal_entries(self, after_seq: int = 0) -> list[tuple[int, str, str, str, Any]]:
        """Journal entries after ``after_seq`` in order, from one snapshot:
        ``(seq, created_at, kind, ref, data)``."""
        with self._c.read() as conn:
            rows = conn.execute("SELECT seq, created_at, kind, ref, data FROM journal "
                                "WHERE seq > ? ORDER BY seq", [after_seq]).fetchall()
        return [(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
