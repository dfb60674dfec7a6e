"""Card payments through the store's reader: journaled before the request goes out.

A row is ``sending`` from before the request is sent until the answer is stored; after a
crash it counts as unknown. ``unknown`` is settled only by a search by order id or by a
manager reading the reader's slip; every change is a journal entry.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..domain.errors import NotFound, RuleViolation
from .base import StoreBase
from .journal import append_entry
from .models import ts


class CardState(StrEnum):
    """A card payment's state (the ``card_payments.state`` column: values never change).
    ``sending`` until the reader's answer is stored; the others are the reader's outcomes
    (``devices.card_terminal.CardOutcome``)."""
    SENDING = "sending"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NOT_SENT = "not_sent"
    UNKNOWN = "unknown"


FINAL = (CardState.APPROVED, CardState.DECLINED, CardState.CANCELLED, CardState.NOT_SENT)
OPEN = (CardState.SENDING, CardState.UNKNOWN)
_COLUMNS = ("order_id, sale_key, amount_rials, state, masked_card, rrn, trace, terminal_id, "
            "merchant_id, approval_code, response_code, reader_time, settled_by, txn_id")


@dataclass(frozen=True)
class CardPayment:
    order_id: str
    sale_key: str
    amount_rials: int
    state: CardState
    masked_card: str = ""
    rrn: str = ""
    trace: str = ""
    terminal_id: str = ""
    merchant_id: str = ""
    approval_code: str = ""
    response_code: str = ""
    reader_time: str = ""
    settled_by: str | None = None
    txn_id: str | None = None

    @property
    def unresolved(self) -> bool:
        return self.state in OPEN


def _load(row: Any) -> CardPayment:
    order_id, sale_key, amount_rials, state, *rest = row
    return CardPayment(order_id, sale_key, amount_rials, CardState(state), *rest)


class CardPaymentOps(StoreBase):
    def begin_card_payment(self, sale_key: str, amount_rials: int) -> CardPayment:
        """A new request for ``sale_key``, journaled before it is sent. Refused while an
        earlier one of the same sale is unresolved or approved (never sent twice)."""
        now = self.now()
        with self._c.write() as conn:
            for earlier in self._for_key(conn, sale_key):
                if earlier.unresolved:
                    raise RuleViolation.from_code("card_payment_unresolved")
                if earlier.state is CardState.APPROVED:
                    raise RuleViolation.from_code("card_payment_already_approved")
            order_id = uuid.uuid4().hex[:20]
            conn.execute("INSERT INTO card_payments (order_id, sale_key, amount_rials, state, "
                         "created_at) VALUES (?, ?, ?, 'sending', ?)",
                         [order_id, sale_key, amount_rials, ts(now)])
            append_entry(conn, "card_pending", order_id,
                         {"sale_key": sale_key, "amount_rials": amount_rials}, now)
            found = self._card(conn, order_id)
        return found

    def settle_card_payment(self, order_id: str, state: CardState, *, by: str, via: str,
                            fields: dict[str, str] | None = None) -> CardPayment:
        """The answer for an open payment (the reader's, a search's, or the manager's
        reading of the slip). A settled payment does not change again."""
        state = CardState(state)  # a caller's unknown string is refused here, not stored
        if state is CardState.SENDING:
            raise ValueError("a card payment is settled with the reader's answer, not 'sending'")
        values = {k: v for k, v in (fields or {}).items() if k in (
            "masked_card", "rrn", "trace", "terminal_id", "merchant_id", "approval_code",
            "response_code", "reader_time")}
        now = self.now()
        with self._c.write() as conn:
            current = self._card(conn, order_id)
            if not current.unresolved:
                return current
            sets = ", ".join(f"{k} = ?" for k in values)
            conn.execute(f"UPDATE card_payments SET state = ?, settled_by = ?, decided_at = ?"
                         f"{', ' + sets if sets else ''} WHERE order_id = ?",
                         [state, by, ts(now), *values.values(), order_id])
            append_entry(conn, "card_result", order_id,
                         {"state": state, "by": by, "via": via,
                          "amount_rials": current.amount_rials, **values}, now)
            return self._card(conn, order_id)

    def attach_card_payment(self, order_id: str, txn_id: str) -> CardPayment:
        now = self.now()
        with self._c.write() as conn:
            current = self._card(conn, order_id)
            if current.txn_id == txn_id:
                return current
            if current.state is not CardState.APPROVED or current.txn_id is not None:
                raise RuleViolation.from_code("card_payment_unusable")
            conn.execute("UPDATE card_payments SET txn_id = ? WHERE order_id = ?",
                         [txn_id, order_id])
            append_entry(conn, "card_used", order_id, {"txn_id": txn_id}, now)
            return self._card(conn, order_id)

    def card_payment(self, order_id: str) -> CardPayment:
        with self._c.read() as conn:
            return self._card(conn, order_id)

    def card_payments_for_sale_key(self, sale_key: str) -> list[CardPayment]:
        with self._c.read() as conn:
            return self._for_key(conn, sale_key)

    def card_payment_of_sale(self, txn_id: str) -> CardPayment | None:
        with self._c.read() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM card_payments WHERE txn_id = ?",
                               [txn_id]).fetchone()
        return _load(row) if row else None

    def unresolved_card_payments(self) -> list[CardPayment]:
        with self._c.read() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM card_payments WHERE state IN "
                                "('sending', 'unknown') ORDER BY created_at").fetchall()
        return [_load(r) for r in rows]

    @staticmethod
    def _card(conn: sqlite3.Connection, order_id: str) -> CardPayment:
        row = conn.execute(f"SELECT {_COLUMNS} FROM card_payments WHERE order_id = ?",
                           [order_id]).fetchone()
        if row is None:
            raise NotFound.from_code("not_found:card_payment", order_id=order_id)
        return _load(row)

    @staticmethod
    def _for_key(conn: sqlite3.Connection, sale_key: str) -> list[CardPayment]:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM card_payments WHERE sale_key = ? "
                            "ORDER BY created_at", [sale_key]).fetchall()
        return [_load(r) for r in rows]
