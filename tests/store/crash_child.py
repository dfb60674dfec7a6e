"""Crash-test child: records sales in a loop, printing each txn_id once record_sale returns.

Run as ``python crash_child.py DATA_DIR``; the test kills it with SIGKILL at random.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_support import build_sale

from pos_client.domain.dates import utc_now
from pos_client.store import Store


def main() -> None:
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        stored = store.record_sale(build_sale(utc_now, coupon=n % 4 != 0))
        if n % 5 == 0 and stored.status == "pending":
            store.mark_sale_result(stored.txn_id, "approved", "OK")
        sys.stdout.write(stored.txn_id + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
