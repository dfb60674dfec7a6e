"""The measurements, each run as ``python -m bench.workers NAME JSON-ARGS`` in its own
process; the last line of its output is ``RESULT {json}``."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import Stopwatch, peak_rss_mb, summary
from pos_client.store import Store
from pos_client.store.cache import _HOUSEHOLD_COLUMNS
from pos_client.sync.api import CentralApi
from pos_client.sync.engine import SyncEngine


def sync(url: str, token: str, data_dir: str) -> dict[str, Any]:
    """Initial sync of an empty terminal: terminal, programme, APL, every household."""
    store = Store.open(data_dir)
    api = CentralApi(url, token, timeout_s=60)
    engine = SyncEngine(store, api)
    apply_time, fetch_time, index_time = Stopwatch(), Stopwatch(), Stopwatch()
    store.apply_household_page = apply_time.wrap(store.apply_household_page)  # type: ignore[method-assign]
    store.end_household_load = index_time.wrap(store.end_household_load)  # type: ignore[method-assign]
    api.households = fetch_time.wrap(api.households)  # type: ignore[method-assign]
    started = time.perf_counter()
    report = engine.pull()
    seconds = time.perf_counter() - started
    store.close()
    api.close()
    return {"households": report.households, "pages": report.pages, "seconds": seconds,
            "households_per_s": report.households / seconds,
            "apply_seconds": apply_time.seconds, "fetch_seconds": fetch_time.seconds,
            "index_seconds": index_time.seconds, "snapshot": engine.household_snapshot,
            "peak_rss_mb": peak_rss_mb()}


def _bare_apply(conn: sqlite3.Connection, items: list[dict[str, Any]], cursor: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        f"INSERT INTO households ({_HOUSEHOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i["key"], i["nid_hash"], i["members"], i["decile"], i["nid_last_digit"],
          i["round_id"], i["balance_rials"], i["spent_in_round_rials"], i["status"],
          i["version"]) for i in items])
    conn.executemany("INSERT INTO household_cards (card_hash, household_key) VALUES (?, ?)",
                     [(c, i["key"]) for i in items for c in i["card_hashes"]])
    conn.execute("INSERT OR REPLACE INTO cursors (name, value, updated_at) VALUES "
                 "('households', ?, '')", [cursor])
    conn.execute("COMMIT")


def apply(url: str, token: str, work_dir: str, households: int) -> dict[str, Any]:
    """The apply step alone: each page fetched (untimed), then applied by the store and by a
    bare ``executemany`` into an identical schema, alternating which goes first."""
    work = Path(work_dir)
    store = Store.open(work / "store")
    Store.open(work / "bare").close()  # the same schema, made by the same migrations
    bare = sqlite3.connect(work / "bare" / "pos.db", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    api = CentralApi(url, token, timeout_s=60)
    store_s = bare_s = 0.0
    cursor, applied, page_no = 0, 0, 0
    while applied < households:
        page = api.households(cursor, 5000)
        items = page["items"][:households - applied]
        if not items:
            break
        for first in ((0, 1) if page_no % 2 == 0 else (1, 0)):
            started = time.perf_counter()
            if first == 0:
                store.apply_household_page(items, page["next"])
                store_s += time.perf_counter() - started
            else:
                _bare_apply(bare, items, page["next"])
                bare_s += time.perf_counter() - started
        applied += len(items)
        cursor, page_no = page["next"], page_no + 1
        if not page["more"]:
            break
    return {"households": applied, "store_seconds": store_s, "bare_seconds": bare_s,
            "store_per_s": applied / store_s, "bare_per_s": applied / bare_s,
            "ratio": store_s / bare_s, "peak_rss_mb": peak_rss_mb()}


def lookup(data_dir: str, households: int, samples: int) -> dict[str, Any]:
    """Identify by national code (normalise, hash, indexed query, cards) against a bare
    point query on the same file, interleaved."""
    from bench.fixtures import typed_codes
    from pos_client.domain.identity import nid_hash, parse_national_code

    store = Store.open(data_dir)
    info = store.terminal_info()
    assert info is not None
    key = info.lookup_key
    bare = sqlite3.connect(Path(data_dir) / "pos.db")
    query = f"SELECT {_HOUSEHOLD_COLUMNS} FROM households WHERE nid_hash = ?"
    codes = typed_codes(households, samples + 200, random.Random(9))
    hashes = [nid_hash(key, parse_national_code(text)) for text, _ in codes]
    ours: list[float] = []
    base: list[float] = []
    for n, ((text, hkey), hashed) in enumerate(zip(codes, hashes, strict=True)):
        for which in ((0, 1) if n % 2 else (1, 0)):
            started = time.perf_counter_ns()
            if which == 0:
                found = store.household_by_nid_hash(nid_hash(key, parse_national_code(text)))
                elapsed = time.perf_counter_ns() - started
                assert found is not None and found.key == hkey
                if n >= 200:
                    ours.append(elapsed / 1000)
            else:
                row = bare.execute(query, [hashed]).fetchone()
                elapsed = time.perf_counter_ns() - started
                assert row is not None and row[0] == hkey
                if n >= 200:
                    base.append(elapsed / 1000)
    return {"ours_us": summary(ours), "bare_us": summary(base), "peak_rss_mb": peak_rss_mb()}


def _sale_rows(sale: Any) -> list[tuple[str, list[Any]]]:
    """The rows ``record_sale`` writes for a pending coupon sale, as plain statements."""
    from pos_client.store.db import canonical_json
    from pos_client.store.models import ts
    from pos_client.store.sale_rows import SALE_COLUMNS, sale_journal_data, sale_request_body

    body = canonical_json(sale_request_body(sale))
    rows: list[tuple[str, list[Any]]] = [
        ("UPDATE sequences SET value = value + 1 WHERE name = 'receipt'", []),
        (f"INSERT INTO sales ({SALE_COLUMNS}) VALUES ({', '.join('?' * 22)})",
         [sale.txn_id, sale.txn_id[:18], ts(sale.created_at), sale.business_date.isoformat(),
          sale.terminal_id, sale.cashier, sale.total_rials, sale.eligible_rials,
          sale.copay_rials, sale.coupon_rials, sale.status, int(sale.offline),
          sale.household_key, sale.identified_by, sale.masked_identifier, sale.round_id,
          sale.balance_before_rials, sale.balance_after_rials, None, None, "{}", None])]
    for n, line in enumerate(sale.lines, 1):
        rows.append(("INSERT INTO sale_lines (txn_id, line_no, gtin, name, qty_milli, "
                     "unit_price_rials, amount_rials, group_code, weighed, exclusion) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [sale.txn_id, n, line.gtin, line.name, line.qty_milli,
                      line.unit_price_rials, line.amount_rials, line.group,
                      int(line.weighed), line.exclusion]))
    for n, p in enumerate(sale.payments, 1):
        rows.append(("INSERT INTO payments (txn_id, seq, kind, amount_rials, reference, "
                     "tendered_rials, change_rials) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [sale.txn_id, n, p.kind, p.amount_rials, p.reference, p.tendered_rials,
                      p.change_rials]))
    rows += [
        ("UPDATE households SET balance_rials = balance_rials - ?, spent_in_round_rials = "
         "spent_in_round_rials + ? WHERE key = ?",
         [sale.coupon_rials, sale.coupon_rials, sale.household_key]),
        ("INSERT INTO outbox (kind, ref, payload, created_at, next_attempt_at, state) "
         "VALUES ('sale', ?, ?, ?, ?, 'pending')",
         [sale.txn_id, body, ts(sale.created_at), ts(sale.created_at)]),
        ("INSERT INTO journal (created_at, kind, ref, data, prev_hash, hash) VALUES "
         "(?, 'sale', ?, ?, ?, ?)", [ts(sale.created_at), sale.txn_id,
                                     canonical_json(sale_journal_data(sale)), "0" * 64,
                                     "f" * 64]),
    ]
    return rows


def sale(data_dir: str, work_dir: str, shelf_path: str, sales: int,
         lines: int) -> dict[str, Any]:
    """``record_sale`` (synchronous=FULL, ``lines`` lines) on a copy of the synced cache's
    schema and households, against a bare transaction writing the same rows."""
    import dataclasses
    import uuid

    from bench.fixtures import counter_sale, coupon_lines

    store = Store.open(data_dir)
    shelf = json.loads(Path(shelf_path).read_text())
    rng = random.Random(5)
    keys = [r[0] for r in store._c.conn.execute(
        "SELECT key FROM households WHERE status = 'active' ORDER BY random() LIMIT ?",
        [sales * 3])]
    made = []
    for key in keys:
        built = counter_sale(store, key, coupon_lines(shelf, lines, rng), offline=False)
        if built is not None:
            made.append(built)
        if len(made) == sales:
            break
    bare = sqlite3.connect(Path(work_dir) / "bare-sales.db", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    for statement in store._c.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name IN ('sales', 'sale_lines', 'payments', "
            "'outbox', 'journal', 'sequences', 'households') AND type = 'table'"):
        bare.execute(statement[0].replace("REFERENCES sales (txn_id)", ""))
    bare.execute("INSERT INTO sequences VALUES ('receipt', 0)")
    bare.executemany(f"INSERT INTO households ({_HOUSEHOLD_COLUMNS}) VALUES "
                     "(?, '', 1, 1, 1, NULL, 10000000, 0, 'active', 1)",
                     [(s.household_key,) for s in made])
    ours: list[float] = []
    base: list[float] = []
    for n, one in enumerate(made):
        twin = dataclasses.replace(one, txn_id=str(uuid.uuid4()))
        for which in ((0, 1) if n % 2 else (1, 0)):
            started = time.perf_counter()
            if which == 0:
                store.record_sale(one)
                ours.append((time.perf_counter() - started) * 1000)
            else:
                rows = _sale_rows(twin)
                started = time.perf_counter()
                bare.execute("BEGIN IMMEDIATE")
                for sql, params in rows:
                    bare.execute(sql, params)
                bare.execute("COMMIT")
                base.append((time.perf_counter() - started) * 1000)
    return {"sales": len(made), "lines": lines, "ours_ms": summary(ours),
            "bare_ms": summary(base), "sales_per_s": len(ours) / (sum(ours) / 1000),
            "bare_sales_per_s": len(base) / (sum(base) / 1000), "peak_rss_mb": peak_rss_mb()}


def forward(url: str, token: str, data_dir: str, shelf_path: str, buyers_path: str,
            count: int) -> dict[str, Any]:
    """``count`` offline sales recorded during an outage, then one ``push()``: sales/s."""
    from bench.fixtures import counter_sale, coupon_lines

    store = Store.open(data_dir)
    api = CentralApi(url, token, timeout_s=60)
    engine = SyncEngine(store, api)
    engine.pull()
    shelf = json.loads(Path(shelf_path).read_text())
    buyers = json.loads(Path(buyers_path).read_text())
    rng = random.Random(7)
    store._c.conn.execute("PRAGMA synchronous = OFF")  # setting the scene only
    recorded, n = 0, 0
    while recorded < count and n < count * 3:
        built = counter_sale(store, buyers[n % len(buyers)], coupon_lines(shelf, 1, rng),
                             offline=True)
        n += 1
        if built is not None:
            store.record_sale(built)
            recorded += 1
    store._c.conn.execute("PRAGMA synchronous = FULL")
    started = time.perf_counter()
    report = engine.push()
    seconds = time.perf_counter() - started
    return {"recorded": recorded, "approved": report.approved, "rejected": report.rejected,
            "seconds": seconds, "sales_per_s": report.sent / seconds,
            "peak_rss_mb": peak_rss_mb()}


def receipt(runs: int) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "devices"))
    from samples import STORE, sample_sale  # type: ignore[import-not-found]

    from pos_client.devices.printer import encode_job
    from pos_client.devices.receipt_image import render_receipt
    from pos_client.domain.receipts import build_sale_receipt

    started = time.perf_counter()
    render_receipt(build_sale_receipt(sample_sale(20), STORE), 576)
    first_ms = (time.perf_counter() - started) * 1000
    total: list[float] = []
    for run in range(runs):
        doc = build_sale_receipt(sample_sale(20, receipt_no=f"{run:06d}"), STORE)
        started = time.perf_counter()
        encode_job(render_receipt(doc, 576), open_drawer=True)
        total.append((time.perf_counter() - started) * 1000)
    return {"first_ms": first_ms, "ms": summary(total), "wire": receipt_wire(),
            "peak_rss_mb": peak_rss_mb()}


BAUDS = (115_200, 9_600)


def receipt_wire() -> dict[str, Any]:
    """Bytes of a cash sale's receipt job (8 and 20 lines, 576 dots), full raster against
    the compact one, and their time on a serial wire (8N1: 10 bits a byte)."""
    from samples import STORE, sample_sale

    from pos_client.devices.printer import encode_job
    from pos_client.devices.receipt_image import render_receipt
    from pos_client.domain.receipts import build_sale_receipt

    out: dict[str, Any] = {}
    for lines in (8, 20):
        image = render_receipt(build_sale_receipt(sample_sale(lines), STORE), 576)
        full = len(encode_job(image, open_drawer=True))
        compact = len(encode_job(image, open_drawer=True, compact=True))
        out[str(lines)] = {"full_bytes": full, "compact_bytes": compact,
                           "seconds": {str(baud): {"full": full * 10 / baud,
                                                   "compact": compact * 10 / baud}
                                       for baud in BAUDS}}
    return out


def prepare(data_dir: str, prices: str, shelf_path: str, products: int) -> dict[str, Any]:
    """Staff and a price list of ``products`` rows on the synced terminal (not timed as a
    benchmark; its time is reported for the record)."""
    from bench.fixtures import add_staff_and_products, write_price_list

    shelf = json.loads(Path(shelf_path).read_text())
    gtins = write_price_list(Path(prices), shelf, products)
    started = time.perf_counter()
    with Store.open(data_dir) as store:
        add_staff_and_products(store, Path(prices))
    return {"products": len(gtins), "import_seconds": time.perf_counter() - started,
            "peak_rss_mb": peak_rss_mb()}


WORKERS = {"prepare": prepare, "sync": sync, "apply": apply, "lookup": lookup, "sale": sale, "forward": forward,
           "receipt": receipt}

if __name__ == "__main__":
    result = WORKERS[sys.argv[1]](**json.loads(sys.argv[2]))
    print("RESULT " + json.dumps(result), flush=True)
