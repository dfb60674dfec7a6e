"""Sales, voids, their answers from the service, the outbox and offline exposure.

Every use-case here is one transaction: the sale (or void), its lines and payments, its
journal entry, its outbox row and the household's cached balance commit together, and
only then does the call return.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Mapping
from typing import Any, Literal

from ..domain.dates import jalali_date
from ..domain.errors import InvalidInput, NotFound, PerLanguage, RuleViolation
from ..domain.programme import OfflineExposure
from ..domain.sale import Sale, SaleState, check_sale_move
from . import outbox
from .base import StoreBase
from .cache import store_households
from .days import day_closed_error, ensure_open_day, next_value, sales_date
from .db import canonical_json
from .journal import append_entry
from .models import VoidRecord, VoidStatus, parse_ts, ts
from .outbox import OutboxState, VoidState
from .sale_rows import (
    SALE_COLUMNS,
    VOID_COLUMNS,
    check_sale,
    insert_sale,
    load_sale,
    load_void,
    sale_journal_data,
    sale_request_body,
    void_request_body,
)
from .users import audit, require_manager


def receipt_number(terminal_id: str, n: int) -> str:
    return f"{terminal_id}-{n:06d}"


def _move_balance(conn: sqlite3.Connection, key: str | None, rials: int) -> None:
    """Give back (``rials`` > 0) or take (< 0) coupon on the cached household."""
    if key and rials:
        conn.execute("UPDATE households SET balance_rials = balance_rials + ?, "
                     "spent_in_round_rials = spent_in_round_rials - ? WHERE key = ?",
                     [rials, rials, key])


def _balance_of(conn: sqlite3.Connection, key: str | None) -> int | None:
    row = conn.execute("SELECT balance_rials FROM households WHERE key = ?", [key]).fetchone()
    return None if row is None else int(row[0])


class SalesOps(StoreBase):
    # --- sales ------------------------------------------------------------------------
    def record_sale(self, sale: Sale, *, household: Mapping[str, Any] | None = None,
                    sealed_code: str | None = None,
                    lease_until: dt.datetime | None = None) -> Sale:
        """Keep a completed sale; returns it with its new receipt number.

        ``sale.receipt_no`` is ignored: the number is allocated in this transaction.
        ``household``: the service's household from an online approval (replaces the
        cache); without it the cached balance is reduced by the coupon here.
        ``sealed_code``: for a one-time-code sale that must be uploaded, an opaque value
        the caller sealed the code into (see ``Upload``); the code itself never comes here.
        ``lease_until``: the counter posts this sale online now; its upload is leased to
        the counter until then, and the forwarder leaves it alone (``store/outbox.py``).
        Recording the same ``txn_id`` again returns the stored sale and changes nothing.
        """
        check_sale(sale)
        now = self.now()
        with self._c.write() as conn:
            stored = self._sale(conn, sale.txn_id)
            if stored is not None:
                return stored
            ensure_open_day(conn, sale.business_date, now)
            number = next_value(conn, "receipt:" + sale.terminal_id)
            sale = dataclasses.replace(sale, receipt_no=receipt_number(sale.terminal_id, number))
            insert_sale(conn, sale)
            if household is not None:
                store_households(conn, [household])
            elif sale.status in ("pending", "approved"):
                _move_balance(conn, sale.household_key, -sale.coupon_rials)
            if sale.status == "pending":
                outbox.enqueue(conn, "sale", sale.txn_id, sale_request_body(sale), now,
                               sealed_code=sealed_code, lease_until=lease_until)
            append_entry(conn, "sale", sale.txn_id, sale_journal_data(sale), now)
            self._moved(conn, sale.txn_id, None)
        return sale

    def mark_sale_result(self, txn_id: str, status: Literal["approved", "rejected"],
                         approval_code: str | None = None,
                         household: Mapping[str, Any] | None = None,
                         error: Mapping[str, Any] | None = None) -> Sale:
        """The service's answer to an uploaded sale. A rejected sale is kept (it is listed
        for the manager, never deleted). A repeated answer changes nothing."""
        if status not in ("approved", "rejected"):
            raise ValueError(f"unknown sale result {status!r}")
        now = self.now()
        with self._c.write() as conn:
            sale = self._sale(conn, txn_id)
            if sale is None:
                raise NotFound.from_code("not_found:sale", txn_id=txn_id)
            if sale.status != "pending":
                return sale
            error_code = str(error.get("code", "")) if error else None
            conn.execute("UPDATE sales SET status = ?, approval_code = ?, error_code = ?, "
                         "error_json = ?, balance_after_rials = coalesce(?, "
                         "balance_after_rials), decided_at = ? WHERE txn_id = ?",
                         [status, approval_code, error_code,
                          canonical_json(dict(error)) if error else None, None,
                          ts(now), txn_id])
            if household is not None:
                store_households(conn, [household])
            elif status == "rejected" and not self._voided(conn, txn_id):
                _move_balance(conn, sale.household_key, sale.coupon_rials)
            if household is not None and status == "approved":
                # The receipt's "balance after" is the cache's: the service's figure with
                # this terminal's own unsent sales taken off (store_households re-applies them).
                conn.execute("UPDATE sales SET balance_after_rials = coalesce(?, "
                             "balance_after_rials) WHERE txn_id = ?",
                             [_balance_of(conn, sale.household_key), txn_id])
            result = {"status": status, "approval_code": approval_code,
                      "error": dict(error) if error else None}
            outbox.move(conn, "sale", txn_id, OutboxState.SENT if status == "approved"
                        else OutboxState.REJECTED, result=result)
            append_entry(conn, "sale_result", txn_id, result, now)
            final = self._moved(conn, txn_id, sale.state)
        return final

    def decline_sale(self, txn_id: str, code: str, *, cancel_on_server: bool) -> Sale:
        """A pending sale the counter gives up on (the service refused it, or its outcome is
        unknown and it may not stand in offline): the coupon goes back to the cache and the
        sale no longer counts (``extra["declined"]`` holds ``code``); it is kept and journaled.

        ``cancel_on_server=False``: the service definitely refused it; its upload is closed.
        ``cancel_on_server=True``: the service may have it; the sale stays queued and a void
        by ``system`` follows it, so the service ends with the sale voided.
        """
        now = self.now()
        with self._c.write() as conn:
            sale = self._sale(conn, txn_id)
            if sale is None:
                raise NotFound.from_code("not_found:sale", txn_id=txn_id)
            if sale.status != "pending" or "declined" in sale.extra:
                return sale
            if cancel_on_server:  # the counter's post ends; the sale goes when it can
                outbox.move(conn, "sale", txn_id, OutboxState.PENDING, error=code,
                            retry_at=now, only_from=OutboxState.LEASED)
            conn.execute("UPDATE sales SET declined_code = ?, voided = 1, acknowledged_by = "
                         "'system', acknowledged_at = ? WHERE txn_id = ?",
                         [code, ts(now), txn_id])
            _move_balance(conn, sale.household_key, sale.coupon_rials)
            if cancel_on_server:
                void = VoidRecord(str(uuid.uuid4()), txn_id, now, sale.business_date,
                                  f"declined: {code}", "system", "pending", sale.coupon_rials)
                outbox.insert_void(conn, void.void_id, txn_id, now,
                                   sale.business_date.isoformat(), void.reason, void.manager,
                                   VoidState.PENDING)
                outbox.enqueue(conn, "void", void.void_id, void_request_body(void), now)
            else:
                error = {"code": code}
                conn.execute("UPDATE sales SET status = 'rejected', error_code = ?, "
                             "error_json = ?, decided_at = ? WHERE txn_id = ?",
                             [code, canonical_json(error), ts(now), txn_id])
                outbox.move(conn, "sale", txn_id, OutboxState.REJECTED,
                            result={"status": "declined", "error": error})
            append_entry(conn, "sale_declined", txn_id,
                         {"code": code, "cancel_on_server": cancel_on_server}, now)
            declined = self._moved(conn, txn_id, sale.state)
        return declined

    def get_sale(self, txn_id: str) -> Sale | None:
        with self._c.read() as conn:
            return self._sale(conn, txn_id)

    def sale_by_receipt_no(self, receipt_no: str) -> Sale | None:
        with self._c.read() as conn:
            return load_sale(conn, conn.execute(
                f"SELECT {SALE_COLUMNS} FROM sales WHERE receipt_no = ?",
                [receipt_no]).fetchone())

    def sales_for_day(self, day: dt.date, *, include_declined: bool = False) -> list[Sale]:
        """The day's sales in receipt order, voided ones included (see ``voids_for_day``).

        Declined sales (``decline_sale``) are not sales and are left out unless asked for
        (reconciliation: one declined with ``cancel_on_server`` may be on the service,
        voided by ``system``)."""
        where = "" if include_declined else " AND declined_code IS NULL"
        with self._c.read() as conn:
            rows = conn.execute(f"SELECT {SALE_COLUMNS} FROM sales WHERE business_date = ?"
                                f"{where} ORDER BY receipt_no", [day.isoformat()]).fetchall()
            return [s for s in (load_sale(conn, r) for r in rows) if s is not None]

    def rejected_sales(self, *, unacknowledged_only: bool = True) -> list[Sale]:
        """Offline sales the service refused: the store's loss, listed for the manager.
        One voided here first is no loss (the goods came back) and is not listed."""
        where = " AND acknowledged_at IS NULL" if unacknowledged_only else ""
        with self._c.read() as conn:
            rows = conn.execute(f"SELECT {SALE_COLUMNS} FROM sales WHERE status = 'rejected' "
                                "AND declined_code IS NULL AND voided = 0"
                                f"{where} ORDER BY created_at").fetchall()
            return [s for s in (load_sale(conn, r) for r in rows) if s is not None]

    def acknowledge_rejected_sale(self, txn_id: str, manager: str) -> None:
        with self._c.write() as conn:
            require_manager(conn, manager)
            conn.execute("UPDATE sales SET acknowledged_by = ?, acknowledged_at = ? "
                         "WHERE txn_id = ? AND status = 'rejected'",
                         [manager, ts(self.now()), txn_id])
            audit(conn, manager, "acknowledge_rejected_sale", {"txn_id": txn_id}, self.now())

    # --- receipts ---------------------------------------------------------------------
    def save_receipt_doc(self, txn_id: str, doc_json: str) -> None:
        """Keep the exact receipt document of a sale for reprints (replaces an older one)."""
        json.loads(doc_json)  # refuse what is not JSON before it is kept
        with self._c.write() as conn:
            conn.execute("INSERT OR REPLACE INTO receipt_docs (txn_id, doc, saved_at) "
                         "VALUES (?, ?, ?)", [txn_id, doc_json, ts(self.now())])

    def receipt_doc(self, txn_id: str) -> str | None:
        with self._c.read() as conn:
            row = conn.execute("SELECT doc FROM receipt_docs WHERE txn_id = ?",
                               [txn_id]).fetchone()
        return None if row is None else str(row[0])

    # --- voids ------------------------------------------------------------------------
    def void_sale(self, txn_id: str, manager: str, reason: str) -> VoidRecord:
        """Void a sale of the current business day before its Z; the coupon goes back to
        the cached balance and the void is queued for the service."""
        reason = reason.strip()
        if not reason:
            raise InvalidInput.from_code("reason_missing")
        now = self.now()
        with self._c.write() as conn:
            require_manager(conn, manager)
            sale = self._sale(conn, txn_id)
            if sale is None:
                raise NotFound.from_code("not_found:sale", txn_id=txn_id)
            self._check_voidable(conn, sale, now)
            status: VoidStatus = "local" if sale.status == "no_coupon" else "pending"
            void = VoidRecord(str(uuid.uuid4()), txn_id, now, sale.business_date, reason,
                              manager, status, sale.coupon_rials)
            outbox.insert_void(conn, void.void_id, txn_id, now, sale.business_date.isoformat(),
                               reason, manager, VoidState(status))
            conn.execute("UPDATE sales SET voided = 1 WHERE txn_id = ?", [txn_id])
            _move_balance(conn, sale.household_key, sale.coupon_rials)
            if status == "pending":
                outbox.enqueue(conn, "void", void.void_id, void_request_body(void), now)
            append_entry(conn, "void", void.void_id,
                         {**void_request_body(void), "manager": manager,
                          "coupon_rials": sale.coupon_rials}, now)
            audit(conn, manager, "void_sale", {"txn_id": txn_id, "void_id": void.void_id,
                                               "reason": reason}, now)
            self._moved(conn, txn_id, sale.state)
        return void

    def mark_void_result(self, void_id: str, status: Literal["voided", "rejected", "moot"],
                         household: Mapping[str, Any] | None = None,
                         error: Mapping[str, Any] | None = None) -> VoidRecord:
        """The service's answer to an uploaded void; a rejected void lets the sale stand.

        ``moot``: the sale never stood on the service (it was rejected there, or is set
        aside unsent), so there is nothing to cancel: the void is kept here only
        (``local``) and the sale stays voided."""
        if status not in ("voided", "rejected", "moot"):
            raise ValueError(f"unknown void result {status!r}")
        now = self.now()
        with self._c.write() as conn:
            void = self._void(conn, void_id)
            if void.status != "pending":
                return void
            outbox.set_void_status(conn, void_id, {"voided": VoidState.VOIDED,
                                                   "rejected": VoidState.REJECTED,
                                                   "moot": VoidState.LOCAL}[status],
                                   error=dict(error) if error else None, at=now)
            sale = self._sale(conn, void.txn_id)
            assert sale is not None
            if status == "rejected":
                conn.execute("UPDATE sales SET voided = 0 WHERE txn_id = ?", [void.txn_id])
            if household is not None:
                store_households(conn, [household])
            elif status == "rejected" and sale.status in ("approved", "pending"):
                _move_balance(conn, sale.household_key, -sale.coupon_rials)
            result = {"status": status, "error": dict(error) if error else None}
            outbox.move(conn, "void", void_id, {"voided": OutboxState.SENT,
                                                "rejected": OutboxState.REJECTED,
                                                "moot": OutboxState.MOOT}[status],
                        result=result)
            append_entry(conn, "void_result", void_id, result, now)
            self._moved(conn, void.txn_id, sale.state)
            return self._void(conn, void_id)

    def voids_for_day(self, day: dt.date) -> list[VoidRecord]:
        with self._c.read() as conn:
            rows = conn.execute(f"SELECT {VOID_COLUMNS} FROM voids v JOIN sales s "
                                "ON s.txn_id = v.txn_id WHERE v.business_date = ? "
                                "ORDER BY v.created_at", [day.isoformat()]).fetchall()
        return [load_void(r) for r in rows]

    # --- exposure ---------------------------------------------------------------------
    def offline_exposure(self, household_key: str | None = None) -> OfflineExposure:
        """Unsent coupon of one household and of the terminal, and the oldest unsent age."""
        with self._c.read() as conn:
            household = conn.execute(
                "SELECT coalesce(sum(coupon_rials), 0) FROM sales WHERE status = 'pending' "
                "AND voided = 0 AND household_key = ?", [household_key]).fetchone()[0]
            terminal, oldest = conn.execute(
                "SELECT coalesce(sum(CASE WHEN voided = 0 THEN coupon_rials END), 0), "
                "min(created_at) FROM sales WHERE status = 'pending'").fetchone()
        age = None if oldest is None else max(
            0.0, (self.now() - parse_ts(oldest)).total_seconds() / 3600)
        return OfflineExposure(int(household), int(terminal), age)

    # --- helpers ----------------------------------------------------------------------
    @staticmethod
    def _sale(conn: sqlite3.Connection, txn_id: str) -> Sale | None:
        return load_sale(conn, conn.execute(
            f"SELECT {SALE_COLUMNS} FROM sales WHERE txn_id = ?", [txn_id]).fetchone())

    def _moved(self, conn: sqlite3.Connection, txn_id: str, old: SaleState | None) -> Sale:
        """The sale as written now, once its change of state is checked against the table
        (``sale.TRANSITIONS``): an illegal move raises and the transaction is undone."""
        sale = self._sale(conn, txn_id)
        assert sale is not None
        check_sale_move(txn_id, old, sale.state)
        return sale

    @staticmethod
    def _voided(conn: sqlite3.Connection, txn_id: str) -> bool:
        row = conn.execute("SELECT voided FROM sales WHERE txn_id = ?", [txn_id]).fetchone()
        return bool(row and row[0])

    @staticmethod
    def _void(conn: sqlite3.Connection, void_id: str) -> VoidRecord:
        row = conn.execute(f"SELECT {VOID_COLUMNS} FROM voids v JOIN sales s "
                           "ON s.txn_id = v.txn_id WHERE v.void_id = ?", [void_id]).fetchone()
        if row is None:
            raise NotFound.from_code("not_found:void", void_id=void_id)
        return load_void(row)

    @staticmethod
    def _check_voidable(conn: sqlite3.Connection, sale: Sale, now: dt.datetime) -> None:
        if conn.execute("SELECT 1 FROM voids WHERE txn_id = ? AND status != 'rejected'",
                        [sale.txn_id]).fetchone():
            raise RuleViolation.from_code("already_voided:receipt", receipt_no=sale.receipt_no)
        if sale.status == "rejected":
            raise RuleViolation.from_code("sale_rejected")
        closed = conn.execute("SELECT status FROM business_days WHERE business_date = ?",
                              [sale.business_date.isoformat()]).fetchone()
        if closed and closed[0] == "closed":
            raise day_closed_error(sale.business_date)
        if sale.business_date != sales_date(conn, now):
            raise RuleViolation.from_code(
                "other_day", receipt_no=sale.receipt_no,
                day=PerLanguage(jalali_date(sale.business_date), sale.business_date.isoformat()))
