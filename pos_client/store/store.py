"""``Store``: every use-case of the terminal's database behind one typed object."""

from __future__ import annotations

from pathlib import Path

from ..dates import utc_now
from .base import Clock
from .cache import CacheOps
from .days import DayOps
from .db import DB_FILENAME, Connection, open_database
from .journal import verify_journal
from .models import JournalProblem
from .products_csv import ProductOps
from .sales import SalesOps
from .users import UserOps


class Store(CacheOps, SalesOps, DayOps, UserOps, ProductOps):
    """The terminal's database. Thread-safe: one use-case at a time, each one transaction."""

    @classmethod
    def open(cls, data_dir: str | Path, *, clock: Clock = utc_now) -> Store:
        """Open ``<data_dir>/pos.db`` (folder and file created if absent), checked, migrated."""
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        return cls.open_file(Path(data_dir) / DB_FILENAME, clock=clock)

    @classmethod
    def open_file(cls, path: str | Path, *, clock: Clock = utc_now) -> Store:
        return cls(Connection(open_database(path)), clock=clock)

    def verify_journal(self) -> JournalProblem | None:
        """The first bad journal entry (edited, removed or inserted), or None."""
        with self._c.read() as conn:
            return verify_journal(conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
