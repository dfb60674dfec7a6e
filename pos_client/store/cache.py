"""The local copy of what the central service says: terminal, programme, APL, households.

Each sync page is applied with its cursor in one transaction, so a crash leaves either
the whole page and its cursor, or neither; applying a page twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from ..domain.barcode import canonical_or_same, clean_scan
from ..domain.dates import parse_rfc3339
from ..domain.programme import Programme, parse_programme
from .base import StoreBase
from .db import canonical_json
from .models import (
    CacheStatus,
    Household,
    Product,
    SetAsideItem,
    TerminalInfo,
    parse_ts,
    ts,
)

HOUSEHOLDS_CURSOR = "households"
HOUSEHOLDS_HOLD = "households:hold"  # the stored cursor stays at or below this
CATALOG_CURSOR = "catalog"
CARDS_LOADING = "household_cards_loading"
# The page cache of the connection during a first load, in KiB (SQLite's default is 2 MiB).
# The households table is keyed by a random key, so each page of the load writes into
# pages all over its b-tree: with the default cache most of them were read back from the
# file for every page (``python -m bench.sync_cpu``: issue 20). Set back before the end's
# sorts (below), so the syncing process stays under the 300 MB peak RSS of
# docs/benchmarks.md.
LOAD_CACHE_KIB = 128 * 1024
# WAL pages after which a commit copies the WAL back into the database (SQLite's default,
# which the store keeps), and the same during a first load: each of its pages wrote about
# 300, so every third page paid a copy and its fsyncs; a tenth as often took about a fifth
# off storing the pages (issue 20). The WAL then grows to about 40 MB between copies.
CHECKPOINT_PAGES = 1000
LOAD_CHECKPOINT_PAGES = 10_000
# Helper threads SQLite's sorter may use to end a first load (``PRAGMA threads``): nothing
# else runs then. Ending a load of 3,000,000 households took 48 s with the load's 128 MiB
# cache and the foreign-key checks; 31 s without the checks; 17 s with SQLite's own 2 MiB
# cache and two helper threads, in 25 MB instead of 346 MB (the sorter's buffers follow
# the cache size, and smaller runs sort faster): issue 20.
LOAD_SORT_THREADS = 2
# As migration 0001 makes them; dropped for a first load and built once after it.
LOOKUP_INDEXES = (("households_by_nid_hash", "households (nid_hash)"),
                  ("household_cards_by_household", "household_cards (household_key)"))
_HOUSEHOLD_COLUMNS = ("key, nid_hash, members, decile, nid_last_digit, round_id, balance_rials, "
                      "spent_in_round_rials, status, version")
_UPSERT_HOUSEHOLD = (
    f"INSERT INTO households ({_HOUSEHOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET nid_hash = excluded.nid_hash, members = excluded.members, "
    "decile = excluded.decile, nid_last_digit = excluded.nid_last_digit, "
    "round_id = excluded.round_id, balance_rials = excluded.balance_rials, "
    "spent_in_round_rials = excluded.spent_in_round_rials, status = excluded.status, "
    "version = excluded.version")
_PRODUCT_SELECT = (
    "SELECT p.gtin, p.name, p.price_rials, p.unit, c.group_code, c.max_price_rials, "
    "coalesce(nullif(c.name_en, ''), p.name_en, '') FROM products p "
    "LEFT JOIN catalog c ON c.gtin = p.gtin AND c.active = 1 ")


class PageFormatError(ValueError):
    """A page from the service does not have the fields the contract describes."""


def _household_row(item: Mapping[str, Any]) -> tuple[Any, ...]:
    try:
        return (str(item["key"]), str(item["nid_hash"]), int(item["members"]),
                int(item["decile"]), int(item["nid_last_digit"]), item.get("round_id"),
                int(item["balance_rials"]), int(item["spent_in_round_rials"]),
                str(item["status"]), int(item.get("version") or 0))
    except (KeyError, TypeError, ValueError) as exc:
        raise PageFormatError(f"household item without a valid {exc}") from exc


_ROW = itemgetter(*(c.strip() for c in _HOUSEHOLD_COLUMNS.split(",")))


def _household_rows(items: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows of a page's households. A page's items were checked field by field
    (``sync.validate``), so one C call takes each row, the STRICT table guarding the
    types (a tenth of the first load's time went to converting them again: issue 20);
    an item without a field takes the converting way."""
    try:
        return [_ROW(i) for i in items]
    except (KeyError, TypeError):
        return [_household_row(i) for i in items]


def _catalog_row(item: Mapping[str, Any]) -> tuple[Any, ...]:
    try:
        unit = str(item["unit"])
        if unit not in ("piece", "kg"):
            raise ValueError("unit")
        max_price = item.get("max_price_rials")
        return (canonical_or_same(str(item["gtin"])), str(item["name_fa"]), str(item.get("name_en") or ""),
                str(item["group"]), unit, None if max_price is None else int(max_price),
                1 if item.get("active", True) else 0, int(item["version"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise PageFormatError(f"catalog item without a valid {exc}") from exc


def local_adjustments(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, int]:
    """Per household: minus its unsent coupon, plus the coupon of its unsent voids."""
    # Only the wanted households, through the partial index on pending sales: summing
    # every pending sale on each call made forwarding quadratic in the outbox (profile of
    # issue 9: 10,000 offline sales forwarded at 156/s, 1,000 at 690/s).
    adjust: dict[str, int] = {}
    if conn.execute("SELECT 1 FROM sales WHERE status = 'pending' AND voided = 0 UNION ALL "
                    "SELECT 1 FROM voids WHERE status = 'pending' LIMIT 1").fetchone() is None:
        return adjust  # nothing unsent (a first load, most pages): no keys to send SQLite
    wanted = json.dumps(sorted(set(keys)))
    rows = conn.execute(
        "SELECT household_key, -sum(coupon_rials) FROM sales WHERE status = 'pending' "
        "AND household_key IN (SELECT value FROM json_each(?1)) AND voided = 0 "
        "GROUP BY household_key "
        "UNION ALL SELECT s.household_key, sum(s.coupon_rials) FROM voids v "
        "JOIN sales s ON s.txn_id = v.txn_id WHERE v.status = 'pending' "
        "AND s.status = 'approved' AND s.household_key IN (SELECT value FROM json_each(?1)) "
        "GROUP BY s.household_key", [wanted])
    for key, amount in rows:
        if amount:
            adjust[key] = adjust.get(key, 0) + amount
    return adjust


def _loading(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [CARDS_LOADING]).fetchone() is not None


def finish_household_load(conn: sqlite3.Connection) -> None:
    """End a first load (or repair one a crash interrupted): cards in sorted order into
    their table, then the lookup indexes built once over the whole table."""
    if _loading(conn):
        conn.execute(f"INSERT OR REPLACE INTO household_cards (card_hash, household_key) "
                     f"SELECT l.card_hash, l.household_key FROM {CARDS_LOADING} l "
                     "WHERE EXISTS (SELECT 1 FROM households h WHERE h.key = l.household_key) "
                     "ORDER BY l.card_hash, l.rowid")
        conn.execute(f"DROP TABLE {CARDS_LOADING}")
    for name, on in LOOKUP_INDEXES:
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")


def store_households(conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]]) -> None:
    """Upsert the service's figures, then re-apply this terminal's unsent changes.

    An item older than the cached row (a page that lags an online answer) is skipped; an
    item without a ``version`` (some online answers) counts as current. During a first
    load (``begin_household_load``) cards go to a plain table, sorted in at the end.
    """
    removed = [(str(i["key"]),) for i in items if i.get("status") == "removed"]
    kept = [i for i in items if i.get("status") != "removed"] if removed else items
    rows = _household_rows(kept)
    before = dict(conn.execute(
        "SELECT key, version FROM households WHERE key IN (SELECT value FROM json_each(?))",
        [json.dumps([r[0] for r in rows])]).fetchall())
    if before or any(i.get("version") is None for i in kept):
        rows = [(*r[:9], before.get(r[0], 0)) if i.get("version") is None else r
                for r, i in zip(rows, kept, strict=True)]
        fresh = [r for r in rows if r[0] not in before or r[9] >= before[r[0]]]
        changed = [r[0] for r in fresh if r[0] in before]
    else:  # none of them cached yet, all with a version: the pages of a first load
        fresh, changed = rows, []
    fresh_keys = {r[0] for r in fresh}
    conn.executemany("DELETE FROM households WHERE key = ?", removed)
    conn.executemany(_UPSERT_HOUSEHOLD, fresh)
    cards_table = CARDS_LOADING if _loading(conn) else "household_cards"
    conn.executemany("DELETE FROM household_cards WHERE household_key = ?",
                     [(key,) for key in changed])
    if cards_table == CARDS_LOADING and changed:
        # one pass over the staged cards (not indexed) for the whole page, not one a key:
        # households changed while a snapshot streamed come again in the paged catch-up
        conn.execute(f"DELETE FROM {CARDS_LOADING} WHERE household_key IN "
                     "(SELECT value FROM json_each(?))", [json.dumps(changed)])
    cards = [(card, row[0]) for i, row in zip(kept, rows, strict=True)
             if row[0] in fresh_keys for card in i.get("card_hashes") or ()]
    conn.executemany(f"INSERT OR REPLACE INTO {cards_table} (card_hash, household_key) "
                     "VALUES (?, ?)", cards)
    for key, amount in local_adjustments(conn, fresh_keys).items():
        conn.execute("UPDATE households SET balance_rials = balance_rials + ?, "
                     "spent_in_round_rials = spent_in_round_rials - ? WHERE key = ?",
                     [amount, amount, key])


def record_set_aside(conn: sqlite3.Connection, feed: str, applied: Iterable[str],
                     set_aside: Sequence[Mapping[str, Any]], now: dt.datetime) -> None:
    """Keep the page's set-aside items (``ref``, ``version``, ``reason``) and forget the
    earlier ones that the page has now brought in good form."""
    if set_aside:
        conn.executemany(
            "INSERT INTO set_aside (feed, ref, version, reason, seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (feed, ref) DO UPDATE SET version = excluded.version, "
            "reason = excluded.reason, seen_at = excluded.seen_at",
            [(feed, str(i["ref"]), i.get("version"), str(i["reason"]), ts(now))
             for i in set_aside])
    if conn.execute("SELECT 1 FROM set_aside WHERE feed = ? LIMIT 1", [feed]).fetchone():
        conn.execute("DELETE FROM set_aside WHERE feed = ? AND ref IN "
                     "(SELECT value FROM json_each(?))", [feed, json.dumps(list(applied))])


def set_cursor(conn: sqlite3.Connection, name: str, value: int, now: dt.datetime) -> None:
    conn.execute("INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at", [name, int(value), ts(now)])


# The counter's hot lookups: one indexed probe each, without the household's other cards
# (identifying never needs them; ``household_cards`` fetches them when asked).
NID_LOOKUP_SQL = f"SELECT {_HOUSEHOLD_COLUMNS} FROM households WHERE nid_hash = ? LIMIT 1"
CARD_LOOKUP_SQL = (f"SELECT {_HOUSEHOLD_COLUMNS} FROM households WHERE key = "
                   "(SELECT household_key FROM household_cards WHERE card_hash = ?)")
KEY_LOOKUP_SQL = f"SELECT {_HOUSEHOLD_COLUMNS} FROM households WHERE key = ?"


def _household(row: tuple[Any, ...] | None) -> Household | None:
    return None if row is None else Household(*row)


def _cache_size(conn: sqlite3.Connection, size: int | None = None) -> int:
    """The connection's ``cache_size`` (set first when ``size`` is given)."""
    if size is not None:
        conn.execute(f"PRAGMA cache_size = {int(size)}")
    return int(conn.execute("PRAGMA cache_size").fetchone()[0])


class CacheOps(StoreBase):
    _cache_before_load: int | None = None  # the connection's cache_size before a first load

    # --- households ------------------------------------------------------------------
    def begin_household_load(self) -> bool:
        """Before the first household pull of an empty cache: drop the lookup indexes and
        stage cards in a plain table, so each page appends instead of updating random
        b-tree pages (a bare ``executemany`` fell from ~300,000 to ~35,000 rows/s once its
        table passed a million rows with the nid_hash index on: profile of issue 9).
        Returns False (and changes nothing) when the cache already has households.
        ``end_household_load`` builds the indexes; ``Store.open`` finishes an interrupted
        load, so a crash never leaves the cache without them."""
        with self._c.write() as conn:
            # A new pull starts at or below the last one's held-back point (see
            # ``apply_household_page``): what it skipped is fetched again, so forget it.
            conn.execute("DELETE FROM cursors WHERE name = ?", [HOUSEHOLDS_HOLD])
            if conn.execute("SELECT 1 FROM households LIMIT 1").fetchone() is not None:
                return False
            for name, _ in LOOKUP_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute(f"CREATE TABLE IF NOT EXISTS {CARDS_LOADING} (card_hash TEXT NOT "
                         "NULL, household_key TEXT NOT NULL) STRICT")
            if self._cache_before_load is None:
                self._cache_before_load = _cache_size(conn)
            _cache_size(conn, -LOAD_CACHE_KIB)
            conn.execute(f"PRAGMA wal_autocheckpoint = {LOAD_CHECKPOINT_PAGES}")
        return True

    def end_household_load(self) -> None:
        """Finish the first load (``finish_household_load``) with the connection's normal
        cache and helper threads for SQLite's sorter. The card move keeps its references
        itself (it takes only cards whose household is there), so it runs without
        SQLite's foreign-key checks (``write_without_reference_checks``)."""
        with self._c.write_without_reference_checks() as conn:
            if self._cache_before_load is not None:  # else an interrupted load (``Store.open``)
                _cache_size(conn, self._cache_before_load)
            conn.execute(f"PRAGMA threads = {LOAD_SORT_THREADS}")
            try:
                finish_household_load(conn)
            finally:
                conn.execute("PRAGMA threads = 0")
                conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
                self._cache_before_load = None

    def apply_household_page(self, items: Sequence[Mapping[str, Any]], next_cursor: int,
                             set_aside: Sequence[Mapping[str, Any]] = ()) -> None:
        """One ``GET /v1/households`` page, its set-aside items and its ``next`` in one
        transaction (``write_refetchable``: the service can send it again).

        A household with an upload sent but not answered (the service may or may not
        have applied it) keeps its cached figure: the page could count that sale a second
        time. The stored cursor then stops short of it, so a later pull fetches it again
        (an answer replayed by the service carries the household as it was then)."""
        with self._c.write_refetchable() as conn:
            unsure = {r[0] for r in conn.execute(
                "SELECT s.household_key FROM outbox o JOIN sales s ON s.txn_id = o.ref "
                "WHERE o.kind = 'sale' AND (o.state = 'leased' OR (o.state = 'pending' "
                "AND o.attempts > 0)) UNION SELECT s.household_key FROM outbox o "
                "JOIN voids v ON v.void_id = o.ref JOIN sales s ON s.txn_id = v.txn_id "
                "WHERE o.kind = 'void' AND o.state = 'pending' AND o.attempts > 0")}
            skipped = [int(i["version"]) for i in items if i.get("key") in unsure
                       and isinstance(i.get("version"), int)]
            store_households(conn, [i for i in items if i.get("key") not in unsure]
                             if unsure else items)
            record_set_aside(conn, HOUSEHOLDS_CURSOR, (str(i["key"]) for i in items),
                             set_aside, self.now())
            held = conn.execute("SELECT value FROM cursors WHERE name = ?",
                                [HOUSEHOLDS_HOLD]).fetchone()
            hold = min([*(v - 1 for v in skipped), *([held[0]] if held else [])], default=None)
            if hold is not None:
                set_cursor(conn, HOUSEHOLDS_HOLD, hold, self.now())
            set_cursor(conn, HOUSEHOLDS_CURSOR, next_cursor if hold is None
                       else min(next_cursor, hold), self.now())

    def upsert_household(self, household: Mapping[str, Any]) -> Household:
        """A household from an online answer (code resolve, sale, void)."""
        with self._c.write() as conn:
            store_households(conn, [household])
        found = self.household_by_key(str(household["key"]))
        if found is None:
            raise PageFormatError("a removed household cannot be upserted")
        return found

    def household_by_key(self, key: str) -> Household | None:
        return _household(self._c.query_one(KEY_LOOKUP_SQL, [key]))

    def household_by_nid_hash(self, nid_hash: str) -> Household | None:
        return _household(self._c.query_one(NID_LOOKUP_SQL, [nid_hash]))

    def household_by_card_hash(self, card_hash: str) -> Household | None:
        return _household(self._c.query_one(CARD_LOOKUP_SQL, [card_hash]))

    def household_cards(self, key: str) -> tuple[str, ...]:
        """The card hashes the service listed for a household, sorted."""
        with self._c.read() as conn:
            return tuple(r[0] for r in conn.execute(
                "SELECT card_hash FROM household_cards WHERE household_key = ? "
                "ORDER BY card_hash", [key]))

    # --- catalog and the store's products ----------------------------------------------
    def apply_catalog_page(self, items: Sequence[Mapping[str, Any]], next_cursor: int,
                           set_aside: Sequence[Mapping[str, Any]] = ()) -> None:
        """One ``GET /v1/catalog`` page, its set-aside items and its ``next`` in one
        transaction (``write_refetchable``: the service can send it again)."""
        rows = [_catalog_row(i) for i in items]
        with self._c.write_refetchable() as conn:
            conn.executemany(
                "INSERT INTO catalog (gtin, name_fa, name_en, group_code, unit, "
                "max_price_rials, active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (gtin) DO UPDATE SET name_fa = excluded.name_fa, "
                "name_en = excluded.name_en, group_code = excluded.group_code, "
                "unit = excluded.unit, max_price_rials = excluded.max_price_rials, "
                "active = excluded.active, version = excluded.version "
                "WHERE excluded.version >= catalog.version", rows)
            record_set_aside(conn, CATALOG_CURSOR, (r[0] for r in rows), set_aside, self.now())
            set_cursor(conn, CATALOG_CURSOR, next_cursor, self.now())

    def product(self, gtin: str) -> Product | None:
        """The store's product with its APL group and max price; None if not sold here."""
        with self._c.read() as conn:
            row = conn.execute(_PRODUCT_SELECT + "WHERE p.gtin = ?",
                               [canonical_or_same(gtin)]).fetchone()
        return None if row is None else Product(*row)

    def search_products(self, text: str, limit: int = 20) -> list[Product]:
        """Products whose store, Persian or English name contains ``text``, or whose GTIN
        it is (in any of its lengths)."""
        gtin = canonical_or_same(clean_scan(text))
        pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_") + "%"
        with self._c.read() as conn:
            rows = conn.execute(
                _PRODUCT_SELECT + "WHERE p.name LIKE ?1 ESCAPE '\\' OR c.name_fa LIKE ?1 "
                "ESCAPE '\\' OR c.name_en LIKE ?1 ESCAPE '\\' OR p.name_en LIKE ?1 ESCAPE '\\' "
                "OR p.gtin = ?3 ORDER BY p.gtin <> ?3, p.name LIMIT ?2",
                [pattern, limit, gtin]).fetchall()
        return [Product(*row) for row in rows]

    def set_aside_items(self) -> list[SetAsideItem]:
        """What the service sent that broke a rule and was set aside, newest first."""
        with self._c.read() as conn:
            rows = conn.execute("SELECT feed, ref, version, reason, seen_at FROM set_aside "
                                "ORDER BY seen_at DESC, feed, ref").fetchall()
        return [SetAsideItem(r[0], r[1], r[2], r[3], parse_ts(r[4])) for r in rows]

    # --- terminal, programme, cursors --------------------------------------------------
    def save_terminal_info(self, doc: Mapping[str, Any],
                           received_at: dt.datetime | None = None) -> TerminalInfo:
        """A ``GET /v1/terminal`` answer; the clock skew is measured at ``received_at``."""
        received = received_at or self.now()
        store = doc.get("store") or {}
        server_time = doc.get("server_time")
        skew = None
        if server_time:
            skew = round((parse_rfc3339(str(server_time)) - received).total_seconds())
        with self._c.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO terminal_info (id, terminal_id, store_code, store_name, "
                "store_address, store_phone, lookup_key, status, blocked_reason, server_time, "
                "skew_seconds, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [str(doc["terminal_id"]), str(store.get("code", "")),
                 str(store.get("name", "")), str(store.get("address", "")),
                 str(store.get("phone", "")), str(doc["lookup_key"]),
                 str(doc.get("status", "active")), doc.get("blocked_reason"),
                 server_time, skew, ts(received)])
        info = self.terminal_info()
        assert info is not None
        return info

    def terminal_info(self) -> TerminalInfo | None:
        with self._c.read() as conn:
            row = conn.execute(
                "SELECT terminal_id, store_code, store_name, store_address, store_phone, "
                "lookup_key, status, blocked_reason, server_time, skew_seconds "
                "FROM terminal_info WHERE id = 1").fetchone()
        if row is None:
            return None
        server_time = parse_rfc3339(row[8]) if row[8] else None
        return TerminalInfo(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                            server_time, row[9])

    def save_programme(self, doc: Mapping[str, Any]) -> Programme:
        """Validate (``parse_programme``) and keep the whole document; returns it parsed."""
        programme = parse_programme(dict(doc))
        with self._c.write() as conn:
            conn.execute("INSERT OR REPLACE INTO programme (id, version, doc, updated_at) "
                         "VALUES (1, ?, ?, ?)",
                         [programme.version, canonical_json(doc), ts(self.now())])
        return programme

    def programme(self) -> Programme | None:
        with self._c.read() as conn:
            row = conn.execute("SELECT doc FROM programme WHERE id = 1").fetchone()
        return None if row is None else parse_programme(json.loads(row[0]))

    def cursor(self, name: str) -> int:
        with self._c.read() as conn:
            row = conn.execute("SELECT value FROM cursors WHERE name = ?", [name]).fetchone()
        return 0 if row is None else int(row[0])

    def set_cursor(self, name: str, value: int) -> None:
        with self._c.write() as conn:
            set_cursor(conn, name, value, self.now())

    def cache_status(self) -> CacheStatus:
        with self._c.read() as conn:
            def one(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0] or 0)
            version = conn.execute("SELECT version FROM programme WHERE id = 1").fetchone()
            return CacheStatus(
                households=one("SELECT count(*) FROM households"),
                catalog_items=one("SELECT count(*) FROM catalog WHERE active = 1"),
                products=one("SELECT count(*) FROM products"),
                households_cursor=one(
                    "SELECT coalesce(max(value), 0) FROM cursors WHERE name = 'households'"),
                catalog_cursor=one(
                    "SELECT coalesce(max(value), 0) FROM cursors WHERE name = 'catalog'"),
                programme_version=None if version is None else int(version[0]),
                unsent_sales=one("SELECT count(*) FROM outbox WHERE state IN "
                                 "('pending', 'leased') AND kind = 'sale'"),
                unsent_voids=one("SELECT count(*) FROM outbox WHERE state = 'pending' "
                                 "AND kind = 'void'"),
                rejected_sales=one("SELECT count(*) FROM sales WHERE status = 'rejected'"),
                set_aside=one("SELECT count(*) FROM set_aside"))


__all__ = ["CacheOps", "PageFormatError", "parse_ts"]
