"""The append-only journal: a hash chain over every sale, void, answer and day close.

Each entry's hash is ``sha256(prev_hash + canonical JSON of the entry)``, where the entry
is ``{"seq", "created_at", "kind", "ref", "data"}``; ``seq`` counts from 1 with no gaps, so
an edited, removed or inserted row breaks the chain at that row. ``journal_head`` keeps
the last ``seq`` and hash, so removing the newest entries is caught too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from typing import Any

from .db import canonical_json
from .models import JournalProblem, ts

GENESIS = "0" * 64


def entry_hash(prev_hash: str, seq: int, created_at: str, kind: str, ref: str,
               data: Any) -> str:
    entry = {"seq": seq, "created_at": created_at, "kind": kind, "ref": ref, "data": data}
    text = prev_hash + canonical_json(entry)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()  # pragma: no mutate (codec names ignore case)


def append_entry(conn: sqlite3.Connection, kind: str, ref: str, data: Any,
                 now: dt.datetime) -> int:
    """Append one entry inside the caller's transaction; returns its ``seq``."""
    head = conn.execute(
        "SELECT seq, hash FROM journal_head WHERE id = 1",  # pragma: no mutate (SQL ignores case)
    ).fetchone()
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS)
    created_at = ts(now)
    digest = entry_hash(prev, seq, created_at, kind, ref, data)
    conn.execute(
        "INSERT INTO journal (seq, created_at, kind, ref, data, prev_hash, hash) "  # pragma: no mutate (SQL ignores case)
        "VALUES (?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate (SQL ignores case)
        [seq, created_at, kind, ref, canonical_json(data), prev, digest])
    conn.execute(
        "INSERT INTO journal_head (id, seq, hash) VALUES (1, ?, ?) "  # pragma: no mutate (SQL ignores case)
        "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",  # pragma: no mutate (SQL ignores case)
        [seq, digest])
    return seq


def verify_journal(conn: sqlite3.Connection) -> JournalProblem | None:
    """The first bad entry, or None when the whole chain holds."""
    prev = GENESIS
    expected = 1
    rows = conn.execute(
        "SELECT seq, created_at, kind, ref, data, prev_hash, hash FROM journal ORDER BY seq",  # pragma: no mutate (SQL ignores case)
    )
    for seq, created_at, kind, ref, data, prev_hash, digest in rows:
        if seq != expected:
            if seq > expected:  # pragma: no mutate (seq != expected here: >= is the same)
                return JournalProblem(expected, "is missing (removed)")
            return JournalProblem(seq, "is out of sequence (inserted)")
        try:
            parsed = json.loads(data)
        except (TypeError, ValueError):
            return JournalProblem(seq, "has unreadable data (edited)")
        if prev_hash != prev:
            return JournalProblem(seq, "does not follow the previous entry (inserted or edited)")
        if entry_hash(prev, seq, created_at, kind, ref, parsed) != digest:
            return JournalProblem(seq, "does not match its hash (edited)")
        prev = digest
        expected += 1
    head = conn.execute(
        "SELECT seq, hash FROM journal_head WHERE id = 1",  # pragma: no mutate (SQL ignores case)
    ).fetchone()
    last = expected - 1
    if head is None:
        return JournalProblem(1, "the journal head is missing") if last else None
    if head[0] > last:
        return JournalProblem(last + 1, "is missing (removed)")
    if head[0] < last:
        return JournalProblem(head[0] + 1, "is after the recorded end (inserted)")
    if head[1] != prev:
        return JournalProblem(last, "does not match the recorded end (edited)")
    return None
