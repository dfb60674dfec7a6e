"""The outbox's use-cases on the store: what is due, retries, leases, set-aside uploads.

Each goes through ``store/outbox.py``'s one table of allowed moves.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from . import outbox
from .base import StoreBase
from .models import Upload, parse_ts, ts
from .outbox import OutboxState


@dataclass(frozen=True)
class HeldUpload:
    """An upload set aside because it cannot be sent; listed for the manager."""

    kind: str
    ref: str
    created_at: dt.datetime
    reason: str


class OutboxOps(StoreBase):
    def due_uploads(self, limit: int = 200) -> list[Upload]:
        """Uploads whose retry time has come, oldest first. Leases that ran out return to
        the queue first; a void waits until its sale's upload has its final answer."""
        now = self.now()
        with self._c.write() as conn:
            outbox.expire_leases(conn, now)
            rows = conn.execute(outbox.DUE_SQL, [ts(now), limit]).fetchall()
        return [Upload(r[0], r[1], r[2], json.loads(r[3]), parse_ts(r[4]), r[5],
                       parse_ts(r[6]), r[7]) for r in rows]

    def upload_failed(self, upload_id: int, error: str, retry_at: dt.datetime) -> None:
        """An upload whose outcome is unknown: try again, same body, at ``retry_at``."""
        with self._c.write() as conn:
            row = conn.execute("SELECT kind, ref FROM outbox WHERE id = ?",
                               [upload_id]).fetchone()
            if row is not None:
                outbox.move(conn, row[0], row[1], OutboxState.PENDING, error=error,
                            retry_at=retry_at, only_from=OutboxState.PENDING)

    def release_lease(self, txn_id: str, error: str, retry_at: dt.datetime) -> None:
        """The counter's own post ended without an answer: the forwarder takes over (same
        body) at ``retry_at``. Nothing happens if the lease already ran out."""
        with self._c.write() as conn:
            outbox.move(conn, "sale", txn_id, OutboxState.PENDING, error=error,
                        retry_at=retry_at, only_from=OutboxState.LEASED)

    def hold_upload(self, upload_id: int, reason: str) -> None:
        """Set an upload aside: it cannot be sent. It no longer holds up the ones behind."""
        with self._c.write() as conn:
            row = conn.execute("SELECT kind, ref FROM outbox WHERE id = ?",
                               [upload_id]).fetchone()
            if row is not None:
                outbox.move(conn, row[0], row[1], OutboxState.HELD, error=reason,
                            only_from=OutboxState.PENDING)

    def held_uploads(self) -> list[HeldUpload]:
        with self._c.read() as conn:
            rows = conn.execute("SELECT kind, ref, created_at, coalesce(held_reason, '') "
                                "FROM outbox WHERE state = 'held' ORDER BY id").fetchall()
        return [HeldUpload(r[0], r[1], parse_ts(r[2]), r[3]) for r in rows]

    def held_count(self) -> int:
        with self._c.read() as conn:
            return int(conn.execute("SELECT count(*) FROM outbox WHERE state = 'held'")
                       .fetchone()[0])

    def upload_state(self, kind: str, ref: str) -> OutboxState | None:
        with self._c.read() as conn:
            return outbox.state_of(conn, kind, ref)

    def unsent_sales_count(self) -> int:
        """Sales waiting for the service, the counter's own post in flight included."""
        with self._c.read() as conn:
            return int(conn.execute("SELECT count(*) FROM outbox WHERE state IN "
                                    "('pending', 'leased') AND kind = 'sale'").fetchone()[0])
