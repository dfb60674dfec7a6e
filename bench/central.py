"""central-sim for the benchmarks: a seeded database kept in the cache, served by a
separate process (the service is not on the terminal, and its CPU is not the client's)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_HOUSEHOLDS_MARK = ',\n "households": ['


def read_head(identities: Path) -> dict[str, Any]:
    """The identities file without its households (tokens, lookup key, products): for a
    3,000,000-household seed the whole file is hundreds of MB, the head a few KB."""
    text = ""
    with identities.open(encoding="utf-8") as handle:
        while _HOUSEHOLDS_MARK not in text:
            chunk = handle.read(1 << 16)
            if not chunk:
                raise ValueError(f"{identities} has no households list")
            text += chunk
    head: dict[str, Any] = json.loads(text[:text.index(_HOUSEHOLDS_MARK)] + "\n}")
    return head


def seeded_db(cache: Path, households: int, *, fresh: bool = False) -> Path:
    """``<cache>/central-<N>.db``, seeded once and reused (``fresh``: always a new one)."""
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"central-{households}.db"
    ids = Path(f"{db}.identities.json")
    if fresh:
        for path in (db, ids, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
    if not (db.exists() and ids.exists()):
        db.unlink(missing_ok=True)
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "central_sim.cli", "--port", "0", "--db", str(db),
                        "--seed", str(households), "--seed-only"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"  seeded central-sim with {households:,} households in "
              f"{time.monotonic() - started:.0f} s", flush=True)
    return db


@dataclass
class RunningCentral:
    process: subprocess.Popen[str]
    url: str
    head: dict[str, Any]
    db: Path

    @property
    def token(self) -> str:
        return str(self.head["terminals"][0]["token"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve(db: Path, *, snapshot: bool = True) -> RunningCentral:
    """Serve ``db`` on a free loopback port from a child process (``snapshot``: offering
    the household snapshot of docs/central-sim.md, else the paged contract alone)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "central_sim.cli", "--port", "0", "--db", str(db),
         *(() if snapshot else ("--no-snapshot",))],
        stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("listening on "):
            url = line.split()[-1]
            break
    else:
        raise RuntimeError(f"central-sim on {db} did not start")
    return RunningCentral(process, url, read_head(Path(f"{db}.identities.json")), db)

