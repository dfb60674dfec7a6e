"""The CPU the terminal's store spends on a first household load (not part of ``bench run``).

    python -m bench.first_load_cpu [--households 300000] [--keys random|version]
                                   [--cache-kib N]

central-sim's seed hands out versions in key order (``H-000001`` first), so its first
load appends in key order. A service whose households have changed since sends them in
version order, which is another order than their keys: ``--keys random`` stores such a
load. Pages of 5,000 go through ``Store.apply_household_page`` and the load ends with
``end_household_load``, in one thread; CPU by ``time.process_time``, bytes written by
``/proc/self/io`` where there is one. ``--cache-kib`` sets the connection's page cache
for the load (default: what ``begin_household_load`` sets). Timings are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pos_client.store import Store


def _written() -> int | None:
    try:
        text = Path("/proc/self/io").read_text()
    except OSError:
        return None
    return next(int(line.split()[1]) for line in text.splitlines()
                if line.startswith("write_bytes"))


def items(count: int, keys: str, rng: random.Random) -> list[dict[str, Any]]:
    order = list(range(1, count + 1))
    if keys == "random":
        rng.shuffle(order)
    return [{"key": f"H-{hid:08d}", "nid_hash": rng.randbytes(32).hex(),
             "card_hashes": [rng.randbytes(32).hex()], "members": 4, "decile": 3,
             "nid_last_digit": 7, "round_id": "1404-10", "balance_rials": 40_000_000,
             "spent_in_round_rials": 0, "status": "active", "version": version}
            for version, hid in enumerate(order, start=1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=300_000)
    parser.add_argument("--keys", choices=("random", "version"), default="random")
    parser.add_argument("--cache-kib", type=int, default=None)
    args = parser.parse_args()
    load = items(args.households, args.keys, random.Random(20))
    work = Path(tempfile.mkdtemp(prefix="first-load-"))
    try:
        with Store.open(work) as store:
            assert store.begin_household_load()
            if args.cache_kib is not None:
                store._c.conn.execute(f"PRAGMA cache_size = {-abs(args.cache_kib)}")
            written, started = _written(), time.process_time()
            for first in range(0, len(load), 5000):
                page = load[first:first + 5000]
                store.apply_household_page(page, page[-1]["version"])
            stored = time.process_time()
            after_pages = _written()
            store.end_household_load()
            ended = time.process_time()
        per = 1e6 / args.households
        wal = ("" if written is None or after_pages is None
               else f"; {(after_pages - written) / 1e6:,.0f} MB written by the pages")
        print(f"{args.households:,} households, keys in {args.keys} order: pages "
              f"{(stored - started) * per:.1f} µs a household, end "
              f"{(ended - stored) * per:.1f} µs, total {(ended - started) * per:.1f} µs CPU"
              f"{wal}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
