"""What every hardening test needs: a fingerprint of the whole database, and checks that
a refusal speaks both languages."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from pos_client.domain.errors import UserFacingError

PERSIAN_LETTERS = set("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ")


# The terminal clock's high-water mark moves with every committed write (a ping, say):
# it is the clock's bookkeeping, never data that bad input could have changed.
CLOCK_MARK = ("terminal_clock",)


def db_fingerprint(data_dir: Path | str, *, skip: tuple[str, ...] = ()) -> str:
    """A hash of every row of every table of ``<data_dir>/pos.db`` but ``skip`` (and the
    clock's mark), read by a second connection (so it sees only what was committed)."""
    skip = skip + CLOCK_MARK
    conn = sqlite3.connect(f"file:{Path(data_dir) / 'pos.db'}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in (t for t in tables if t not in skip):
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def table_counts(data_dir: Path | str) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{Path(data_dir) / 'pos.db'}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def assert_speaks_both(err: UserFacingError) -> None:
    """A refusal the cashier can read: a Persian sentence and a different English one."""
    assert err.fa and err.en and err.fa != err.en
    assert PERSIAN_LETTERS & set(err.fa), err.fa
    assert not PERSIAN_LETTERS & set(err.en), err.en
    assert err.message("fa") == err.fa and err.message("en") == err.en
