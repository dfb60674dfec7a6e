"""What one metrics scrape costs on a loaded terminal (not part of ``bench run``'s table).

    python -m bench.bench_metrics [--households 1000000] [--sales 300] [--scrapes 20]

A terminal is provisioned against an embedded central-sim, sells ``--sales`` sales (one
in ten voided), gets ``--households`` cached households (synthetic rows), then
``/metrics`` is scraped ``--scrapes`` times over HTTP; the median and worst times are
printed with the machine's load. Timings are read, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import requests

from central_sim.server import serve_in_thread
from pos_client.app.demo import CASHIER, MANAGER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.settings.config import settings_for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--sales", type=int, default=300)
    parser.add_argument("--scrapes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-metrics-") as tmp:
        root = Path(tmp)
        central = serve_in_thread(root / "central.db", seed=200)
        try:
            settings = settings_for(root / "data", central={
                "url": central.url, "token": central.tokens["T-0001"]},
                metrics={"listen": "127.0.0.1:0"})
            provision(settings, central.identities["products"], root / "prices.csv")
            counter = Counter.open(settings, start_sync=False)
            try:
                counter.login(CASHIER[1])
                sell(counter, central.identities, args.sales)
                grow_households(root / "data" / "pos.db", args.households)
                measure(counter, args.scrapes)
            finally:
                counter.close()
        finally:
            central.stop()
    return 0


def sell(counter: Counter, ids: dict[str, list[dict[str, object]]], count: int) -> None:
    buyers = [h for h in ids["households"] if h.get("status") == "active"
              and h.get("can_buy_today")]
    product = next(p for p in ids["products"] if p["group"] and p["unit"] == "piece")
    line = counter.line_for(counter.product(str(product["gtin"])), 1000)
    for n in range(count):
        household = counter.identify(str(buyers[n % len(buyers)]["national_code"]))
        split = counter.quote([line], household)
        sale = counter.complete([line], household, coupon_rials=split.coupon_rials,
                                payment=PaymentChoice("cash", None)).sale
        if n % 10 == 9:
            counter.void_sale(sale.txn_id, MANAGER[1], "bench")


def grow_households(db: Path, total: int) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT OR IGNORE INTO households (key, nid_hash, members, decile, "
            "nid_last_digit, round_id, balance_rials, spent_in_round_rials, status, version) "
            "SELECT 'bench-' || i, hex(randomblob(16)), 3, 5, i % 10, NULL, 1000000, 0, "
            "'active', 1 FROM n", [total])


def measure(counter: Counter, scrapes: int) -> None:
    from pos_client.monitoring import start_window_metrics

    metrics = start_window_metrics(counter)
    assert metrics is not None
    url = f"http://127.0.0.1:{metrics.server.port}/metrics"
    try:
        requests.get(url, timeout=60).raise_for_status()  # warm the page cache
        times = []
        for _ in range(scrapes):
            started = time.perf_counter()
            body = requests.get(url, timeout=60)
            body.raise_for_status()
            times.append(time.perf_counter() - started)
        status = counter.store.cache_status()
        print(f"households cached: {status.households}, sales today: "
              f"{len(counter.store.sales_for_day(counter.store.sales_date()))}, "
              f"scrape body: {len(body.content)} bytes")
        print(f"scrape over HTTP: median {statistics.median(times) * 1000:.1f} ms, "
              f"worst {max(times) * 1000:.1f} ms ({scrapes} scrapes); "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    finally:
        metrics.stop()


if __name__ == "__main__":
    raise SystemExit(main())
