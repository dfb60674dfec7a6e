"""The outbox as one state machine: every upload's state, and every move between states.

One row per upload (a sale or a void). Its ``state`` changes only through ``move``, which
checks the move against ``TRANSITIONS`` inside the caller's write transaction and raises
``IllegalTransition`` for any other: no writer sets ``outbox.state`` by hand.

- ``pending``: queued; due for the forwarder at ``next_attempt_at``. A void is not due
  while its sale's upload is still ``pending`` or ``leased`` (a void waits for its sale's
  final answer; a declined attempt's cancellation is ordered after the attempt).
- ``leased``: the counter's own online post is in flight; the forwarder never takes it
  while ``lease_until`` is in the future. A lease that ran out (the process died
  mid-post) goes back to ``pending`` and is sent by the forwarder with the same body.
- ``sent``: the service applied it (approved sale, voided sale).
- ``rejected``: the service definitely refused it (or the counter declined the attempt).
- ``held``: it cannot be sent (its sealed code cannot be read), or it is a void the
  service cannot match to a sale approved here: set aside for the manager, it blocks
  nothing.
- ``moot``: a void whose sale never stood on the service (rejected there, or set aside
  unsent): there is nothing to cancel upstream; the sale stays voided here.

See the drawing in ``docs/architecture.md``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from enum import StrEnum
from typing import Any

from .db import canonical_json
from .models import ts


class OutboxState(StrEnum):
    PENDING = "pending"
    LEASED = "leased"
    SENT = "sent"
    REJECTED = "rejected"
    HELD = "held"
    MOOT = "moot"


S = OutboxState
NEW = None  # the state of a row not yet written
# (from, to) -> the event that makes that move. Nothing else is allowed.
TRANSITIONS: dict[tuple[OutboxState | None, OutboxState], str] = {
    (NEW, S.PENDING): "queued (offline sale, void, declined attempt's cancellation)",
    (NEW, S.LEASED): "the counter posts a sale online now",
    (S.LEASED, S.SENT): "the counter's post was approved",
    (S.LEASED, S.REJECTED): "the counter's post was refused, or the attempt declined",
    (S.LEASED, S.PENDING): "the counter's post had no answer, or its lease ran out",
    (S.PENDING, S.PENDING): "no answer: retry later with the same body",
    (S.PENDING, S.SENT): "the forwarder's upload was applied",
    (S.PENDING, S.REJECTED): "the forwarder's upload was refused",
    (S.PENDING, S.HELD): "cannot be sent: set aside and reported",
    (S.PENDING, S.MOOT): "a void whose sale never stood on the service",
}
# ``held`` has no way out on purpose: a void of a held sale is settled on the assumption
# that the sale is never sent again (see ``SyncEngine._void_of_unknown_sale``).
FINAL = frozenset({S.SENT, S.REJECTED, S.MOOT})
UNANSWERED = (S.PENDING.value, S.LEASED.value)  # an upload the service has not answered


class IllegalTransition(RuntimeError):
    """A writer tried a move the outbox's table does not allow: a bug, never data."""

    def __init__(self, kind: str, ref: str, old: StrEnum | None, new: StrEnum) -> None:
        super().__init__(f"outbox {kind} {ref}: {old} -> {new} is not allowed")
        self.old, self.new = old, new


def state_of(conn: sqlite3.Connection, kind: str, ref: str) -> OutboxState | None:
    row = conn.execute(
        "SELECT state FROM outbox WHERE kind = ? AND ref = ?",  # pragma: no mutate (SQL ignores case)
        [kind, ref]).fetchone()
    return None if row is None else OutboxState(row[0])


def check(kind: str, ref: str, old: OutboxState | None, new: OutboxState) -> None:
    if (old, new) not in TRANSITIONS:
        raise IllegalTransition(kind, ref, old, new)


def enqueue(conn: sqlite3.Connection, kind: str, ref: str, payload: dict[str, Any],
            now: dt.datetime, *, sealed_code: str | None = None,
            lease_until: dt.datetime | None = None) -> None:
    """A new upload: ``pending`` and due now, or ``leased`` to the counter until
    ``lease_until`` (its online post is about to go)."""
    new = S.LEASED if lease_until is not None else S.PENDING
    check(kind, ref, state_of(conn, kind, ref), new)
    conn.execute(
        "INSERT INTO outbox (kind, ref, payload, created_at, next_attempt_at, state, "  # pragma: no mutate (SQL ignores case)
        "sealed_code, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate (SQL ignores case)
        [kind, ref, canonical_json(payload), ts(now), ts(now), new.value, sealed_code,
         ts(lease_until) if lease_until is not None else None])


def move(conn: sqlite3.Connection, kind: str, ref: str, new: OutboxState, *,
         result: dict[str, Any] | None = None, error: str | None = None,
         retry_at: dt.datetime | None = None, only_from: OutboxState | None = None) -> bool:
    """Move one upload to ``new`` (checked against ``TRANSITIONS``). ``only_from``: do
    nothing (return False) unless the row is in that state now. A row already in a final
    state stays there when the same final answer comes again (a repeat is not a move)."""
    old = state_of(conn, kind, ref)
    if only_from is not None and old != only_from:
        return False
    if old is not None and old in FINAL and old == new:
        return False
    check(kind, ref, old, new)
    sets = ["state = ?", "lease_until = NULL"]  # pragma: no mutate (SQL ignores case)
    args: list[Any] = [new.value]
    if new in FINAL:
        sets += ["result = ?", "sealed_code = NULL"]  # pragma: no mutate (SQL ignores case)
        args.append(canonical_json(result or {}))
    if new == S.HELD:
        sets.append("held_reason = ?")  # pragma: no mutate (SQL ignores case)
        args.append((error or "")[:500])
    elif error is not None:
        sets.append("last_error = ?")  # pragma: no mutate (SQL ignores case)
        args.append(error[:500])
    if retry_at is not None:
        sets += ["next_attempt_at = ?", "attempts = attempts + 1"]  # pragma: no mutate (SQL ignores case)
        args.append(ts(retry_at))
    conn.execute(
        f"UPDATE outbox SET {', '.join(sets)} WHERE kind = ? AND ref = ?",  # pragma: no mutate (SQL ignores case)
        [*args, kind, ref])
    return True


def expire_leases(conn: sqlite3.Connection, now: dt.datetime) -> int:
    """Leases that ran out go back to ``pending`` (the counter died mid-post)."""
    rows = conn.execute(
        "SELECT kind, ref FROM outbox WHERE state = 'leased' AND lease_until <= ?",  # pragma: no mutate (SQL ignores case)
        [ts(now)]).fetchall()
    for kind, ref in rows:
        move(conn, kind, ref, S.PENDING, error="lease expired",
             only_from=S.LEASED,  # pragma: no mutate (the row was just read as leased)
             )
    return len(rows)


DUE_SQL = (
    "SELECT o.id, o.kind, o.ref, o.payload, o.created_at, o.attempts, o.next_attempt_at, "
    "o.sealed_code FROM outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= ? "
    "AND NOT (o.kind = 'void' AND EXISTS (SELECT 1 FROM voids v JOIN outbox s "
    "ON s.kind = 'sale' AND s.ref = v.txn_id WHERE v.void_id = o.ref "
    "AND s.state IN ('pending', 'leased'))) ORDER BY o.id LIMIT ?")


# --- a void's own status (``voids.status``), the same way -----------------------------
class VoidState(StrEnum):
    PENDING = "pending"  # queued for the service
    VOIDED = "voided"  # the service voided the sale
    REJECTED = "rejected"  # the service refused the void: the sale stands
    LOCAL = "local"  # voided here only: a sale without coupon, or the sale never stood there


V = VoidState
VOID_TRANSITIONS: dict[tuple[VoidState | None, VoidState], str] = {
    (NEW, V.PENDING): "a void of a coupon sale, or a declined attempt's cancellation",
    (NEW, V.LOCAL): "a void of a sale without coupon",
    (V.PENDING, V.VOIDED): "the service voided the sale",
    (V.PENDING, V.REJECTED): "the service refused the void",
    (V.PENDING, V.LOCAL): "moot: the sale never stood on the service",
}


def set_void_status(conn: sqlite3.Connection, void_id: str, new: VoidState, *,
                    error: dict[str, Any] | None = None, at: dt.datetime) -> None:
    """Move an existing void to ``new`` (checked against ``VOID_TRANSITIONS``)."""
    row = conn.execute(
        "SELECT status FROM voids WHERE void_id = ?",  # pragma: no mutate (SQL ignores case)
        [void_id]).fetchone()
    old = None if row is None else VoidState(row[0])
    if (old, new) not in VOID_TRANSITIONS:
        raise IllegalTransition("void", void_id, old, new)
    conn.execute(
        "UPDATE voids SET status = ?, error_json = ?, decided_at = ? WHERE void_id = ?",  # pragma: no mutate (SQL ignores case)
        [new.value, canonical_json(error) if error else None, ts(at), void_id])


def insert_void(conn: sqlite3.Connection, void_id: str, txn_id: str, at: dt.datetime,
                business_date: str, reason: str, manager: str, status: VoidState) -> None:
    if (NEW, status) not in VOID_TRANSITIONS:
        raise IllegalTransition("void", void_id, None, status)
    conn.execute(
        "INSERT INTO voids (void_id, txn_id, created_at, business_date, reason, "  # pragma: no mutate (SQL ignores case)
        "manager, status) VALUES (?, ?, ?, ?, ?, ?, ?)",  # pragma: no mutate (SQL ignores case)
        [void_id, txn_id, ts(at), business_date, reason, manager, status.value])
