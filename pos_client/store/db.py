"""Opening the terminal's one database file, and the transaction every use-case runs in.

``open_database(path)`` checks the file before SQLite writes a byte to it: a file that is
not SQLite, is damaged, or belongs to another program gives a ``StoreError`` naming the
file, and the file is left exactly as it was. Then WAL, ``synchronous=FULL``, foreign keys
and a busy timeout are set, and the named migrations are applied.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from ..domain.errors import StoreError, Texts, texts
from .migrations import MIGRATION_SET, MIGRATIONS

DB_FILENAME = "pos.db"
BUSY_TIMEOUT_MS = 5000
_SQLITE_HEADER = b"SQLite format 3\x00"


def canonical_json(value: Any) -> str:
    """The one JSON spelling used for hashing and for payloads: sorted, compact, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _refuse(path: Path, why: Texts, detail: str = "") -> StoreError:
    return StoreError.from_code("store_unusable", detail=detail, path=str(path), why=why)


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, without letting SQLite touch it."""
    if not path.exists():
        return
    if not path.is_file():
        raise _refuse(path, texts("store_unusable:not_a_file"))
    with path.open("rb") as handle:
        head = handle.read(len(_SQLITE_HEADER))
    if head and head != _SQLITE_HEADER:
        raise _refuse(path, texts("store_unusable:not_sqlite"))


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file, or an SQLite file of another program, read-only."""
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not names:
            return
        if "_sqlite_migrations" not in names:
            raise _refuse(path, texts("store_unusable:other_program"))
        ours = conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?",
                            [MIGRATION_SET]).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, texts("store_unusable:damaged"),
                      detail=str(exc)) from exc
    if not ours:
        raise _refuse(path, texts("store_unusable:other_program"))


def connect(path: Path) -> sqlite3.Connection:
    """A connection usable from any thread (callers serialise through ``Database.lock``)."""
    try:
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise _refuse(path, texts("store_unusable:cannot_open"), detail=str(exc)) from exc


def open_database(path: str | Path, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (or create) the database at ``path``, checked, tuned and migrated."""
    path = Path(path)
    _check_header(path)
    if not path.parent.is_dir():
        raise _refuse(path, texts("store_unusable:no_folder"))
    conn = connect(path)
    try:
        _check_contents(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise _refuse(path, texts("store_unusable:no_wal"))
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if migrate:
            MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _refuse(path, texts("store_unusable:damaged"),
                      detail=str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return db


def _store_error(exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return StoreError.from_code("store_full", detail=str(exc))
    if "locked" in text or "busy" in text:
        return StoreError.from_code("store_busy", detail=str(exc))
    return StoreError.from_code("store_failed", detail=str(exc))


class Connection:
    """The database plus a lock: one use-case at a time, from any thread."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.lock = threading.RLock()
        # run inside every outermost write transaction, just before it commits (the store
        # keeps the terminal clock's high-water mark with whatever it writes)
        self.before_commit: Callable[[sqlite3.Connection], None] | None = None

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): all of it commits, or none of it.

        SQLite errors become ``StoreError`` with a message for the cashier; the
        transaction is rolled back first, so nothing is half-written.
        """
        with self.lock:
            if self.conn.in_transaction:  # nested use-case: a savepoint of the outer one
                with self.db.atomic():
                    yield self.conn
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    if self.before_commit is not None:
                        self.before_commit(self.conn)
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _store_error(exc) from exc

    @contextlib.contextmanager
    def _write_with(self, pragma: str, during: str, after: str) -> Iterator[sqlite3.Connection]:
        """A write transaction with ``PRAGMA pragma = during``, set back to ``after`` when
        it returns. SQLite ignores these pragmas inside a transaction, so there must be
        none open; the lock keeps every other use-case out meanwhile."""
        with self.lock:
            if self.conn.in_transaction:
                raise RuntimeError(f"PRAGMA {pragma} cannot change inside a transaction")
            self.conn.execute(f"PRAGMA {pragma} = {during}")
            try:
                with self.write() as conn:
                    yield conn
            finally:
                self.conn.execute(f"PRAGMA {pragma} = {after}")

    def write_without_reference_checks(self) -> contextlib.AbstractContextManager[
            sqlite3.Connection]:
        """A write transaction with SQLite's foreign-key checks off, for a statement that
        keeps its references right by itself (the first load's card move, which takes
        only the cards of households it finds). Checking each card's household again
        cost a random probe of the households b-tree a card: 17 of the 48 s that ended a
        load of 3,000,000 households (issue 20). The checks are back on when it returns."""
        return self._write_with("foreign_keys", "OFF", "ON")

    def write_refetchable(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A write transaction of what the service can send again (a sync page with its
        cursor), committed without waiting for the disk (``synchronous = NORMAL``).

        A power cut may undo the last of these, each whole with its cursor, so the next
        pull fetches it again; never half of one (the WAL). Every other transaction stays
        ``FULL``, and as the WAL is one file written in order, the next one to commit
        (a sale, a void, a count) makes these durable with it. Waiting for the disk at
        each page was 16 ms of a page's 50 ms in a first load (issue 20)."""
        return self._write_with("synchronous", "NORMAL", "FULL")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Consistent reads (one snapshot) under the lock."""
        with self.lock:
            try:
                if self.conn.in_transaction:
                    yield self.conn
                    return
                self.conn.execute("BEGIN")
                try:
                    yield self.conn
                finally:
                    if self.conn.in_transaction:
                        self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise _store_error(exc) from exc

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """One row of one statement: a single SELECT is its own snapshot, so the counter's
        hot lookups skip the explicit read transaction."""
        with self.lock:
            try:
                row: tuple[Any, ...] | None = self.conn.execute(sql, params).fetchone()
                return row
            except sqlite3.Error as exc:
                raise _store_error(exc) from exc

    def close(self) -> None:
        with self.lock:
            self.conn.close()
