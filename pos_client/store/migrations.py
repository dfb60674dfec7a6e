"""The schema, as named, append-only migrations (``sqlite_utils.Migrations``).

Never edit or reorder a migration that has shipped: add a new one at the end. Each runs
in its own transaction with the record of it having been applied.
"""

from __future__ import annotations

import sqlite_utils

from ..domain.barcode import canonical_gtin, is_valid_gtin

MIGRATION_SET = "pos_client"
MIGRATIONS = sqlite_utils.Migrations(MIGRATION_SET)


def _run(db: sqlite_utils.Database, script: str) -> None:
    """Run ``;``-separated statements one by one (``executescript`` would commit)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS(name="0001_initial")
def initial(db: sqlite_utils.Database) -> None:
    _run(db, """
CREATE TABLE terminal_info (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  terminal_id TEXT NOT NULL, store_code TEXT NOT NULL, store_name TEXT NOT NULL,
  store_address TEXT NOT NULL, store_phone TEXT NOT NULL, lookup_key TEXT NOT NULL,
  status TEXT NOT NULL, blocked_reason TEXT, server_time TEXT, skew_seconds INTEGER,
  updated_at TEXT NOT NULL) STRICT;
CREATE TABLE programme (
  id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, doc TEXT NOT NULL,
  updated_at TEXT NOT NULL) STRICT;
CREATE TABLE catalog (
  gtin TEXT PRIMARY KEY, name_fa TEXT NOT NULL, name_en TEXT NOT NULL,
  group_code TEXT NOT NULL, unit TEXT NOT NULL CHECK (unit IN ('piece', 'kg')),
  max_price_rials INTEGER, active INTEGER NOT NULL, version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE products (
  gtin TEXT PRIMARY KEY, name TEXT NOT NULL,
  price_rials INTEGER NOT NULL CHECK (price_rials > 0),
  unit TEXT NOT NULL CHECK (unit IN ('piece', 'kg')), updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE households (
  key TEXT PRIMARY KEY, nid_hash TEXT NOT NULL, members INTEGER NOT NULL,
  decile INTEGER NOT NULL, nid_last_digit INTEGER NOT NULL, round_id TEXT,
  balance_rials INTEGER NOT NULL, spent_in_round_rials INTEGER NOT NULL,
  status TEXT NOT NULL, version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX households_by_nid_hash ON households (nid_hash);
CREATE TABLE household_cards (
  card_hash TEXT PRIMARY KEY,
  household_key TEXT NOT NULL REFERENCES households (key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX household_cards_by_household ON household_cards (household_key);
CREATE TABLE cursors (
  name TEXT PRIMARY KEY, value INTEGER NOT NULL, updated_at TEXT NOT NULL) STRICT;
CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
CREATE TABLE users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL) STRICT;
CREATE TABLE business_days (
  business_date TEXT PRIMARY KEY, opened_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_at TEXT, z_no INTEGER UNIQUE, closed_by TEXT) STRICT;
CREATE TABLE shifts (
  id INTEGER PRIMARY KEY,
  business_date TEXT NOT NULL REFERENCES business_days (business_date),
  cashier TEXT NOT NULL, opened_at TEXT NOT NULL, opening_cash_rials INTEGER NOT NULL,
  closed_at TEXT, counted_cash_rials INTEGER) STRICT;
CREATE INDEX shifts_by_cashier ON shifts (cashier, closed_at);
CREATE TABLE sales (
  txn_id TEXT PRIMARY KEY, receipt_no TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
  business_date TEXT NOT NULL REFERENCES business_days (business_date),
  terminal_id TEXT NOT NULL, cashier TEXT NOT NULL,
  total_rials INTEGER NOT NULL, eligible_rials INTEGER NOT NULL,
  copay_rials INTEGER NOT NULL, coupon_rials INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'no_coupon')),
  offline INTEGER NOT NULL, household_key TEXT, identified_by TEXT,
  masked_identifier TEXT NOT NULL, round_id TEXT, balance_before_rials INTEGER,
  balance_after_rials INTEGER, approval_code TEXT, error_code TEXT, error_json TEXT,
  extra TEXT NOT NULL, voided INTEGER NOT NULL DEFAULT 0, decided_at TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX sales_by_day ON sales (business_date);
CREATE INDEX sales_pending ON sales (household_key) WHERE status = 'pending';
CREATE TABLE sale_lines (
  txn_id TEXT NOT NULL REFERENCES sales (txn_id), line_no INTEGER NOT NULL,
  gtin TEXT NOT NULL, name TEXT NOT NULL, qty_milli INTEGER NOT NULL,
  unit_price_rials INTEGER NOT NULL, amount_rials INTEGER NOT NULL, group_code TEXT,
  weighed INTEGER NOT NULL, exclusion TEXT NOT NULL,
  PRIMARY KEY (txn_id, line_no)) STRICT, WITHOUT ROWID;
CREATE TABLE payments (
  txn_id TEXT NOT NULL REFERENCES sales (txn_id), seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('coupon', 'cash', 'card')),
  amount_rials INTEGER NOT NULL, reference TEXT NOT NULL,
  tendered_rials INTEGER NOT NULL, change_rials INTEGER NOT NULL,
  PRIMARY KEY (txn_id, seq)) STRICT, WITHOUT ROWID;
CREATE TABLE voids (
  void_id TEXT PRIMARY KEY, txn_id TEXT NOT NULL REFERENCES sales (txn_id),
  created_at TEXT NOT NULL, business_date TEXT NOT NULL, reason TEXT NOT NULL,
  manager TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'voided', 'rejected', 'local')),
  error_json TEXT, decided_at TEXT) STRICT;
CREATE INDEX voids_by_sale ON voids (txn_id);
CREATE INDEX voids_by_day ON voids (business_date);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'void')), ref TEXT NOT NULL,
  payload TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'rejected')),
  result TEXT, last_error TEXT, UNIQUE (kind, ref)) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY, created_at TEXT NOT NULL, kind TEXT NOT NULL,
  ref TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
) STRICT;
CREATE TABLE journal_head (
  id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
  details TEXT NOT NULL) STRICT
""")


@MIGRATIONS(name="0002_receipt_docs_and_exceptions")
def receipt_docs_and_exceptions(db: sqlite_utils.Database) -> None:
    """Receipt documents for reprints; a manager's acknowledgement of a rejected sale;
    the caller-sealed one-time code an unsent code sale needs for its retry."""
    _run(db, """
CREATE TABLE receipt_docs (
  txn_id TEXT PRIMARY KEY REFERENCES sales (txn_id), doc TEXT NOT NULL,
  saved_at TEXT NOT NULL) STRICT, WITHOUT ROWID;
ALTER TABLE sales ADD COLUMN acknowledged_by TEXT;
ALTER TABLE sales ADD COLUMN acknowledged_at TEXT;
CREATE INDEX sales_exceptions ON sales (business_date) WHERE status = 'rejected';
ALTER TABLE outbox ADD COLUMN sealed_code TEXT
""")


@MIGRATIONS(name="0003_declined_sales")
def declined_sales(db: sqlite_utils.Database) -> None:
    """A pending sale the service refused at the counter (not a sale: nothing handed over)."""
    _run(db, "ALTER TABLE sales ADD COLUMN declined_code TEXT")


@MIGRATIONS(name="0004_login_guard")
def login_guard(db: sqlite_utils.Database) -> None:
    """Wrong PINs at the PIN-only login belong to no user: count them for the terminal."""
    _run(db, """
CREATE TABLE login_guard (
  id INTEGER PRIMARY KEY CHECK (id = 1), failures INTEGER NOT NULL,
  locked_at TEXT) STRICT;
INSERT INTO login_guard (id, failures) VALUES (1, 0)
""")


@MIGRATIONS(name="0005_outbox_state_machine")
def outbox_state_machine(db: sqlite_utils.Database) -> None:
    """The outbox's states of ``store/outbox.py``: the counter's lease on its own online
    post, and uploads set aside (``held``) or not needed (``moot``). The table is rebuilt
    because SQLite cannot change a CHECK; every row keeps its id, state and due time."""
    _run(db, """
CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'void')), ref TEXT NOT NULL,
  payload TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'sent', 'rejected', 'held',
                                       'moot')),
  result TEXT, last_error TEXT, sealed_code TEXT, lease_until TEXT, held_reason TEXT,
  UNIQUE (kind, ref)) STRICT;
INSERT INTO outbox_new (id, kind, ref, payload, created_at, attempts, next_attempt_at, state,
                        result, last_error, sealed_code)
  SELECT id, kind, ref, payload, created_at, attempts, next_attempt_at, state, result,
         last_error, sealed_code FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, kind)
""")


@MIGRATIONS(name="0006_terminal_clock_and_pin_window")
def terminal_clock_and_pin_window(db: sqlite_utils.Database) -> None:
    """The terminal clock's high-water mark (its time never goes below it), and wrong PINs
    one row each, so they are counted over a window of time rather than "in a row"."""
    _run(db, """
CREATE TABLE terminal_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1), high_water TEXT NOT NULL) STRICT;
INSERT INTO terminal_clock (id, high_water) SELECT 1, t FROM (SELECT max(t) AS t FROM (
  SELECT max(created_at) AS t FROM journal UNION ALL SELECT max(at) FROM audit_log))
  WHERE t IS NOT NULL;
CREATE TABLE pin_failures (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, purpose TEXT NOT NULL) STRICT;
CREATE INDEX pin_failures_by_time ON pin_failures (at);
ALTER TABLE login_guard ADD COLUMN counted_from TEXT
""")


def _canonical_keys(db: sqlite_utils.Database, table: str, newer: str) -> None:
    """Rewrite ``table``'s GTIN keys in canonical form; where two rows become one, the
    row that is ``newer`` (a column compared as is) wins."""
    rows = db.execute(f"SELECT gtin, {newer} FROM {table}").fetchall()
    for gtin, rank in rows:
        if not is_valid_gtin(gtin) or canonical_gtin(gtin) == gtin:
            continue
        target = canonical_gtin(gtin)
        other = db.execute(f"SELECT {newer} FROM {table} WHERE gtin = ?", [target]).fetchone()
        if other is not None and other[0] >= rank:
            db.execute(f"DELETE FROM {table} WHERE gtin = ?", [gtin])
            continue
        db.execute(f"DELETE FROM {table} WHERE gtin = ?", [target])
        db.execute(f"UPDATE {table} SET gtin = ? WHERE gtin = ?", [target, gtin])


@MIGRATIONS(name="0007_canonical_gtins")
def canonical_gtins(db: sqlite_utils.Database) -> None:
    """One GTIN, one key: catalogue items were kept as the service sent them (12 or 14
    digits) while scans and the price list widened GTIN-12 only, so the same product
    could be two keys that never met. Sale lines are history and keep what was sent."""
    _canonical_keys(db, "catalog", "version")
    _canonical_keys(db, "products", "updated_at")


@MIGRATIONS(name="0007_set_aside_items")
def set_aside_items(db: sqlite_utils.Database) -> None:
    """Feed items the service sent that broke a rule: kept aside with the reason, for the
    status, the log and the manager's screen, until a good version of the item arrives."""
    _run(db, """
CREATE TABLE set_aside (
  feed TEXT NOT NULL CHECK (feed IN ('catalog', 'households')), ref TEXT NOT NULL,
  version INTEGER, reason TEXT NOT NULL, seen_at TEXT NOT NULL,
  PRIMARY KEY (feed, ref)) STRICT, WITHOUT ROWID
""")


@MIGRATIONS(name="0008_weights_and_line_voids")
def weights_and_line_voids(db: sqlite_utils.Database) -> None:
    """Where a kg line's weight came from (scale, label or typed by hand); the lines a
    cashier voided before completing a sale; the coupon before the cashier lowered it;
    the store's label-scale PLUs."""
    _run(db, """
ALTER TABLE sale_lines ADD COLUMN weight_source TEXT NOT NULL DEFAULT ''
  CHECK (weight_source IN ('', 'scale', 'label', 'typed'));
ALTER TABLE sales ADD COLUMN max_coupon_rials INTEGER;
CREATE TABLE line_voids (
  txn_id TEXT NOT NULL REFERENCES sales (txn_id), seq INTEGER NOT NULL,
  gtin TEXT NOT NULL, name TEXT NOT NULL, qty_milli INTEGER NOT NULL,
  unit_price_rials INTEGER NOT NULL, amount_rials INTEGER NOT NULL,
  weight_source TEXT NOT NULL, exclusion TEXT NOT NULL,
  PRIMARY KEY (txn_id, seq)) STRICT, WITHOUT ROWID;
CREATE TABLE plu_codes (
  plu TEXT PRIMARY KEY, gtin TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT, WITHOUT ROWID
""")


@MIGRATIONS(name="0009_held_baskets_and_english_names")
def held_baskets_and_english_names(db: sqlite_utils.Database) -> None:
    """Baskets set aside at the counter (hold and recall; cleared at the Z), and the
    English name a store may give its own products (the price list's ``name_en``)."""
    _run(db, """
CREATE TABLE held_baskets (
  id INTEGER PRIMARY KEY, held_at TEXT NOT NULL, cashier TEXT NOT NULL,
  masked TEXT NOT NULL, total_rials INTEGER NOT NULL, lines TEXT NOT NULL) STRICT;
ALTER TABLE products ADD COLUMN name_en TEXT NOT NULL DEFAULT ''
""")


@MIGRATIONS(name="0010_drawer_opens")
def drawer_opens(db: sqlite_utils.Database) -> None:
    """The cash drawer opened without a sale, per business day, for the X and Z reports."""
    _run(db, """
CREATE TABLE drawer_opens (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, business_date TEXT NOT NULL,
  manager TEXT NOT NULL, cashier TEXT NOT NULL, reason TEXT NOT NULL) STRICT;
CREATE INDEX drawer_opens_by_day ON drawer_opens (business_date)
""")


@MIGRATIONS(name="0011_card_payments")
def card_payments(db: sqlite_utils.Database) -> None:
    """Payments through the store's card reader, one row per request sent (order id):
    written as ``sending`` before the request goes out, then the reader's answer, a
    search's or the manager's reading of the slip; ``txn_id`` once a sale used it."""
    _run(db, """
CREATE TABLE card_payments (
  order_id TEXT PRIMARY KEY, sale_key TEXT NOT NULL,
  amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
  state TEXT NOT NULL CHECK (state IN ('sending', 'approved', 'declined', 'cancelled',
                                       'not_sent', 'unknown')),
  masked_card TEXT NOT NULL DEFAULT '', rrn TEXT NOT NULL DEFAULT '',
  trace TEXT NOT NULL DEFAULT '', terminal_id TEXT NOT NULL DEFAULT '',
  merchant_id TEXT NOT NULL DEFAULT '', approval_code TEXT NOT NULL DEFAULT '',
  response_code TEXT NOT NULL DEFAULT '', reader_time TEXT NOT NULL DEFAULT '',
  settled_by TEXT, txn_id TEXT, created_at TEXT NOT NULL, decided_at TEXT) STRICT;
CREATE INDEX card_payments_by_sale_key ON card_payments (sale_key);
CREATE INDEX card_payments_by_txn ON card_payments (txn_id)
""")
