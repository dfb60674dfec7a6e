"""The service's SQLite database: schema, connections and the single write lock."""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS stores (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL, phone TEXT NOT NULL,
    lookup_key TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', blocked_reason TEXT);
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, store_code TEXT NOT NULL REFERENCES stores(code),
    token TEXT NOT NULL UNIQUE, status TEXT NOT NULL DEFAULT 'active', blocked_reason TEXT);
CREATE TABLE IF NOT EXISTS groups (
    code TEXT PRIMARY KEY, name_fa TEXT NOT NULL, name_en TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rounds (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
    copay_rials INTEGER NOT NULL, caps_json TEXT NOT NULL, windows_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalog (
    gtin TEXT PRIMARY KEY, name_fa TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL,
    unit TEXT NOT NULL, max_price_rials INTEGER, active INTEGER NOT NULL,
    version INTEGER NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS households (
    id INTEGER PRIMARY KEY, nid_hash BLOB NOT NULL, card_hashes BLOB NOT NULL,
    members INTEGER NOT NULL, decile INTEGER NOT NULL, nid_last_digit INTEGER NOT NULL,
    round_id TEXT NOT NULL, balance_rials INTEGER NOT NULL,
    spent_in_round_rials INTEGER NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS codes (
    code TEXT PRIMARY KEY, household_id INTEGER NOT NULL, expires_at TEXT NOT NULL,
    spent_by TEXT);
CREATE TABLE IF NOT EXISTS sales (
    txn_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, body TEXT NOT NULL,
    http_status INTEGER NOT NULL, answer TEXT NOT NULL, status TEXT NOT NULL,
    business_date TEXT, household_id INTEGER, coupon_rials INTEGER NOT NULL DEFAULT 0,
    copay_rials INTEGER NOT NULL DEFAULT 0, eligible_json TEXT, offline INTEGER NOT NULL,
    voided_by TEXT, received_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_by_day ON sales (business_date, terminal_id);
CREATE TABLE IF NOT EXISTS voids (
    void_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, body TEXT NOT NULL,
    http_status INTEGER NOT NULL, answer TEXT NOT NULL, txn_id TEXT, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS day_closes (
    terminal_id TEXT NOT NULL, business_date TEXT NOT NULL, z_no INTEGER NOT NULL,
    body TEXT NOT NULL, answer TEXT NOT NULL, closed_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, business_date));
"""

HOUSEHOLD_VERSION_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS households_by_version ON households (version)"
)


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def next_version(conn: sqlite3.Connection, counter: str) -> int:
    """Take the next number of a monotonic counter (inside a write transaction)."""
    row = conn.execute(
        "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value", (counter,)
    ).fetchone()
    if row is None:
        conn.execute("INSERT INTO counters (name, value) VALUES (?, 1)", (counter,))
        return 1
    return int(row[0])


class Database:
    """A pool of connections to one file, and one lock that serialises every write.

    Writes run as ``BEGIN IMMEDIATE`` under a process-wide lock, so a balance is read and
    changed by one request at a time and versions commit in the order they are taken:
    a reader of the household feed never sees version N+1 before N.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._pool: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._all: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        with self.connection() as conn:
            create_schema(conn)
            conn.execute(HOUSEHOLD_VERSION_INDEX)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            conn = connect(self.path)
            with self._guard:
                self._all.append(conn)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            self._pool.put(conn)

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several selects."""
        with self.connection() as conn:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self.write_lock, self.connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def meta(self, name: str) -> str | None:
        with self.connection() as conn:
            row = conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        with self._guard:
            for conn in self._all:
                with suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._pool = queue.SimpleQueue()
