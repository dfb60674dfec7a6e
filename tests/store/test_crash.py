"""Killing the terminal at random moments never loses, splits or duplicates a sale."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_client.store import Store

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 200


def check_database(data_dir: Path, acknowledged: set[str]) -> int:
    """Every acknowledged sale is there once, whole, journaled and queued; returns the count."""
    with Store.open(data_dir) as store:
        conn = store._c.conn
        sales = {txn: (status, total) for txn, status, total in conn.execute(
            "SELECT txn_id, status, total_rials FROM sales")}
        missing = acknowledged - sales.keys()
        assert not missing, f"sales lost after a crash: {sorted(missing)[:3]}"
        partial = conn.execute(
            "SELECT s.txn_id FROM sales s WHERE total_rials != "
            "(SELECT coalesce(sum(amount_rials), -1) FROM sale_lines l WHERE l.txn_id = s.txn_id)"
            " OR total_rials != (SELECT coalesce(sum(amount_rials), -1) FROM payments p "
            "WHERE p.txn_id = s.txn_id)").fetchall()
        assert partial == []
        unqueued = conn.execute(
            "SELECT txn_id FROM sales WHERE status IN ('pending', 'approved') AND NOT EXISTS "
            "(SELECT 1 FROM outbox o WHERE o.kind = 'sale' AND o.ref = sales.txn_id)").fetchall()
        assert unqueued == []
        journaled = dict(conn.execute(
            "SELECT ref, count(*) FROM journal WHERE kind = 'sale' GROUP BY ref").fetchall())
        assert journaled == dict.fromkeys(sales, 1)
        receipts = [r[0] for r in conn.execute("SELECT receipt_no FROM sales")]
        assert len(receipts) == len(set(receipts))
        (last,) = conn.execute("SELECT value FROM sequences WHERE name = 'receipt:T-0001'"
                               ).fetchone() or (0,)
        assert max((int(r.rsplit("-", 1)[1]) for r in receipts), default=0) == last
        assert store.verify_journal() is None
        return len(sales)


@pytest.mark.slow
def test_sales_survive_being_killed_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(1404)
    acknowledged: set[str] = set()
    among_sales = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(CHILD), str(tmp_path)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        if rng.random() < 0.85:
            assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]
            # wait for the child's first acknowledged sale, so that this kill lands among
            # sales however slow the machine is; then a random moment after it
            first = child.stdout.readline().strip()
            assert len(first) == 36, child.stderr.read()  # type: ignore[union-attr]
            acknowledged.add(first)
            among_sales += 1
            time.sleep(rng.uniform(0, 0.03))
        else:
            time.sleep(rng.uniform(0, 0.08))  # during start-up and migrations
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err
        acknowledged.update(line for line in out.split("\n") if len(line) == 36)
        check_database(tmp_path, acknowledged)
    assert len(acknowledged) >= among_sales > KILLS // 2  # the kills did land among sales
