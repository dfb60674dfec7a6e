"""The CPU a first sync costs, terminal and central-sim apart (not part of ``bench run``).

    python -m bench.sync_cpu [--households 300000] [--cache bench/.cache]

On a machine other people load, wall-clock rates say as much about them as about the
sync; CPU seconds (``getrusage`` of each child process) do not. The sync runs twice, as
``bench run``'s row 3 does: from a central-sim offering the household snapshot, then from
one serving the paged feed only. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import central

ROOT = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_sync(db: Path, snapshot: bool, households: int) -> str:
    before = _children_cpu()
    service = central.serve(db, snapshot=snapshot)
    work = Path(tempfile.mkdtemp(prefix="sync-cpu-"))
    try:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bench.workers", "sync", json.dumps(
                {"url": service.url, "token": service.token, "data_dir": str(work / "data")})],
            cwd=ROOT, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        terminal = _children_cpu() - before
    finally:
        service.stop()
        shutil.rmtree(work, ignore_errors=True)
    server = _children_cpu() - before - terminal
    result = json.loads(done.stdout.strip().splitlines()[-1][len("RESULT "):])
    per = 1e6 / households
    return (f"{'snapshot' if result['snapshot'] else 'paged feed'}: wall {wall:.1f} s "
            f"({result['households_per_s']:,.0f} households/s); terminal CPU {terminal:.1f} s "
            f"({terminal * per:.1f} µs a household; store {result['apply_seconds']:.1f} s and "
            f"first-load indexes {result['index_seconds']:.1f} s of its wall time); "
            f"central-sim CPU {server:.1f} s ({server * per:.1f} µs a household)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=300_000)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache")
    args = parser.parse_args()
    db = central.seeded_db(args.cache, args.households)
    for snapshot in (True, False):
        print(one_sync(db, snapshot, args.households), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
