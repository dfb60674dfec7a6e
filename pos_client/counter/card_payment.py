"""The counter's card payments through the store's reader (``[card_terminal]``).

``CardDesk.pay(sale_key, amount)`` (*blocking*, up to the reader's response wait):
1. the pending payment is journaled with a new order id BEFORE the request goes out, and
   refused while an earlier payment of the same sale is unresolved or approved, so one
   sale is never sent twice;
2. the reader's answer is stored; an unknown outcome is searched for by order id at once
   and stays unknown (and the sale incomplete) until a search or the manager's reading of
   the reader's slip settles it (``resolve``, ``record_slip``), each a journal entry;
3. the sale is completed only with an approved, unused payment of exactly the remainder
   (``claim``), and ``attach`` ties the two in the journal.
Only the masked card, RRN, trace, terminal, merchant and approval code are kept.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from ..devices.card_terminal import CardOutcome, CardResult, CardTerminal, ReaderIdentity
from ..domain.errors import DeviceError, InvalidInput, RuleViolation, Texts, texts
from ..domain.money import format_amount
from ..domain.sale import Sale
from ..store import Store, User
from ..store.card_payments import CardPayment, CardState
from .checkout import PaymentChoice

log = logging.getLogger(__name__)
_FIELDS = ("masked_card", "rrn", "trace", "terminal_id", "merchant_id", "approval_code",
           "response_code", "reader_time")


def _fields(result: CardResult) -> dict[str, str]:
    return {name: str(getattr(result, name)) for name in _FIELDS}


class CardDesk:
    def __init__(self, store: Store, terminal: CardTerminal | None,
                 manager: Callable[[str], User]) -> None:
        self.store = store
        self.terminal = terminal
        self._manager = manager

    @property
    def enabled(self) -> bool:
        return self.terminal is not None

    def _reader(self) -> CardTerminal:
        if self.terminal is None:
            raise DeviceError.from_code("card_terminal_none")
        return self.terminal

    def test(self) -> ReaderIdentity:
        return self._reader().test()

    def pay(self, sale_key: str, amount_rials: int) -> CardPayment:
        """*Blocking.* Send ``amount_rials`` to the reader for the sale ``sale_key``; while
        an earlier payment of the same sale is unresolved, search for that one instead."""
        reader = self._reader()
        if amount_rials <= 0:
            raise InvalidInput.from_code("card_nothing_due")
        earlier = self.store.card_payments_for_sale_key(sale_key)
        unresolved = [p for p in earlier if p.unresolved]
        if unresolved:  # this sale's earlier payment is unknown: ask about it, never resend
            return self.resolve(unresolved[0].order_id)
        unused = [p for p in earlier if p.state is CardState.APPROVED and p.txn_id is None]
        if unused:  # paid, but the sale did not complete (e.g. its split changed)
            if unused[0].amount_rials == amount_rials:
                return unused[0]
            raise RuleViolation.from_code(
                "card_payment_other_amount", amount_rials=unused[0].amount_rials)
        pending = self.store.begin_card_payment(sale_key, amount_rials)
        result = reader.sale(amount_rials, pending.order_id)
        self._log(result)
        if result.outcome is CardOutcome.UNKNOWN:
            self.store.settle_card_payment(pending.order_id, CardState.UNKNOWN, by="reader",
                                           via="sale", fields=_fields(result))
            return self.resolve(pending.order_id)
        return self.store.settle_card_payment(pending.order_id, CardState(result.outcome),
                                              by="reader", via="sale", fields=_fields(result))

    def cancel(self) -> bool:
        """From any thread: ask the reader to end the running sale (EOT)."""
        return self.terminal.cancel() if self.terminal is not None else False

    def resolve(self, order_id: str) -> CardPayment:
        """*Blocking.* Ask the reader for its record of ``order_id``; it settles an unknown
        payment (found approved or declined: that; not found: not paid)."""
        current = self.store.card_payment(order_id)
        if not current.unresolved:
            return current
        result = self._reader().lookup(order_id)
        self._log(result)
        if result.outcome is CardOutcome.UNKNOWN:
            if current.state is CardState.SENDING:
                return self.store.settle_card_payment(order_id, CardState.UNKNOWN, by="reader",
                                                      via="search")
            return current
        if result.outcome is CardOutcome.APPROVED and result.amount_rials != current.amount_rials:
            log.warning("card payment %s: the reader's record is for another amount", order_id)
            return current
        return self.store.settle_card_payment(order_id, CardState(result.outcome), by="reader",
                                              via="search", fields=_fields(result))

    def record_slip(self, order_id: str, manager_pin: str, *, paid: bool, rrn: str = "",
                    trace: str = "") -> CardPayment:
        """*Blocking.* The cashier reads the reader's own slip; a manager's PIN settles an
        unknown payment as paid (with the slip's RRN) or not paid."""
        manager = self._manager(manager_pin)
        current = self.store.card_payment(order_id)
        if not current.unresolved:
            raise RuleViolation.from_code("card_payment_settled")
        rrn = "".join(ch for ch in rrn if not ch.isspace())
        if paid and not (rrn.isascii() and rrn.isdigit() and 6 <= len(rrn) <= 13):
            raise InvalidInput.from_code("card_rrn_invalid")
        return self.store.settle_card_payment(
            order_id, CardState.APPROVED if paid else CardState.DECLINED, by=manager.name,
            via="slip",
            fields={"rrn": rrn, "trace": trace.strip()[:12]} if paid else {})

    def unresolved(self) -> list[CardPayment]:
        return self.store.unresolved_card_payments()

    # --- the sale's completion ---------------------------------------------------------
    def claim(self, choice: PaymentChoice, remainder_rials: int) -> CardPayment | None:
        """The approved, unused reader payment the sale is being completed with (or
        ``None`` for a typed reference with ``kind = "none"``)."""
        if choice.kind != "card" or remainder_rials == 0:
            return None
        if not choice.card_order_id:
            if self.enabled:
                raise RuleViolation.from_code("card_reader_required")
            return None
        card = self.store.card_payment(choice.card_order_id)
        if card.state is not CardState.APPROVED or card.txn_id is not None or \
                card.amount_rials != remainder_rials:
            raise RuleViolation.from_code("card_payment_mismatch")
        return card

    @staticmethod
    def annotate(sale: Sale, card: CardPayment) -> Sale:
        """The sale as recorded and printed: the card payment's reference is its RRN and
        the receipt shows the masked card and trace."""
        payments = tuple(dataclasses.replace(p, reference=card.rrn or p.reference)
                         if p.kind == "card" else p for p in sale.payments)
        extra = {**sale.extra, "card_order_id": card.order_id, "card_masked": card.masked_card,
                 "card_rrn": card.rrn, "card_trace": card.trace,
                 "card_terminal": card.terminal_id}
        return dataclasses.replace(sale, payments=payments,
                                   extra={k: v for k, v in extra.items() if v})

    def attach(self, card: CardPayment, txn_id: str) -> None:
        self.store.attach_card_payment(card.order_id, txn_id)

    def refund_notice(self, sale: Sale) -> tuple[str, str] | None:
        """For a void: a card-paid sale's money goes back on the reader, not in cash."""
        card = self.store.card_payment_of_sale(sale.txn_id)
        if card is None and not sale.paid("card"):
            return None
        rrn = card.rrn if card else next((p.reference for p in sale.payments
                                          if p.kind == "card"), "")
        amount = sale.paid("card")
        fa_amount = format_amount(amount, digits="fa", language="fa")
        en_amount = format_amount(amount, digits="en", language="en")
        return texts("card_refund_notice", amount=Texts(fa_amount, en_amount), rrn=rrn)

    @staticmethod
    def _log(result: CardResult) -> None:
        log.info("card reader: order %s %s (%s)", result.order_id, result.outcome,
                 result.detail or result.response_code)
        for line in result.frames:
            log.debug("card reader frame %s", line)
