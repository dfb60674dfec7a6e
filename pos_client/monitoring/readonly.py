"""The terminal's database opened read-only, for figures read while the window writes.

``open_read_only(data_dir)`` gives a ``Store`` over a ``mode=ro`` SQLite connection: it
takes no process lock and cannot write, so a metrics scrape never fights the window for
the database; every read is one snapshot (WAL). The few figures the store's own
use-cases do not answer (the times of the last pull and push, refusals by code) are
read here by ``StoreFacts``, over the same connection.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..domain.dates import utc_now
from ..domain.errors import StoreError
from ..store import Store
from ..store.base import Clock
from ..store.db import BUSY_TIMEOUT_MS, DB_FILENAME, Connection
from ..store.models import parse_ts

_CODE = re.compile(r"^[a-z0-9_]{1,40}$")


def clean_code(code: str | None) -> str:
    """An error code as a label: the service's own codes are short snake_case words;
    anything else (never expected) is ``other``, so no free text reaches a label."""
    text = (code or "").strip().lower()
    return text if _CODE.match(text) else "other"


def _unreadable(path: Path, detail: str) -> StoreError:
    return StoreError.from_code("store_unreadable", path=path, detail=detail)


def open_read_only(data_dir: str | Path, *, clock: Clock = utc_now) -> ReadOnlyStore:
    """``<data_dir>/pos.db`` for reading only; ``StoreError`` when it is not there yet."""
    path = Path(data_dir) / DB_FILENAME
    if not path.is_file():
        raise _unreadable(path, "no database yet: run pos-client sync or the window first")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise _unreadable(path, str(exc)) from exc
    connection = Connection(sqlite_utils.Database(conn, execute_plugins=False))
    return ReadOnlyStore(connection, clock=clock)


@dataclass(frozen=True)
class Refusals:
    """Sales and voids that ended with an error (refused by the service, or given up at
    the counter), by the error's code; all time: rows are never deleted, so each count
    only grows."""

    by_code: dict[str, int]


class ReadOnlyStore(Store):
    """A ``Store`` whose connection is read-only, plus the facts metrics need."""

    def __enter__(self) -> ReadOnlyStore:
        return self

    def last_contact_at(self) -> dt.datetime | None:
        """When the service last answered the terminal (its terminal info was saved)."""
        return self._one_ts("SELECT updated_at FROM terminal_info WHERE id = 1")

    def last_pull_at(self) -> dt.datetime | None:
        """When a pull last stored the households feed's page: the last step of a pull."""
        return self._one_ts("SELECT updated_at FROM cursors WHERE name = 'households'")

    def last_push_at(self) -> dt.datetime | None:
        """When the service last answered an upload (a sale's or a void's result)."""
        return self._one_ts(
            "SELECT max(t) FROM (SELECT max(decided_at) AS t FROM sales "
            "UNION ALL SELECT max(decided_at) FROM voids)")

    def unsent_voids_count(self) -> int:
        """Voids waiting for the service (``cache_status`` counts them too, but also
        counts every cached household: too slow for every scrape of a big region)."""
        row = self._c.query_one("SELECT count(*) FROM outbox WHERE state = 'pending' "
                                "AND kind = 'void'")
        return int(row[0]) if row else 0

    def refusals(self) -> Refusals:
        with self._c.read() as conn:
            rows = conn.execute(
                "SELECT coalesce(error_code, declined_code), count(*) FROM sales "
                "WHERE error_code IS NOT NULL OR declined_code IS NOT NULL GROUP BY 1").fetchall()
            voids = conn.execute(
                "SELECT json_extract(error_json, '$.code'), count(*) FROM voids "
                "WHERE status = 'rejected' GROUP BY 1").fetchall()
        out: dict[str, int] = {}
        for code, count in [*rows, *voids]:
            key = clean_code(None if code is None else str(code))
            out[key] = out.get(key, 0) + int(count)
        return Refusals(out)

    def _one_ts(self, sql: str) -> dt.datetime | None:
        row = self._c.query_one(sql)
        return parse_ts(row[0]) if row and row[0] else None
