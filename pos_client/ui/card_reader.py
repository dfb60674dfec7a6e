"""F10 with a card reader configured: the remainder goes to the reader, the cashier waits.

``CardReaderFlow`` runs every reader call through the window's runner (the widgets never
touch the device). The dialog shows "waiting for the card reader" and the amount; Esc
asks the reader to cancel (EOT) while that is still possible. Approved: the sale is
completed with that payment. Declined, cancelled or not sent: cash (F9 in the dialog's
button) or another try. Unknown: the sale stays open; "check the reader" searches by
order id, and "record the reader's slip" settles it under a manager's PIN.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..counter.checkout import PaymentChoice
from ..store.card_payments import CardPayment, CardState
from . import i18n
from .context import Tone
from .dialogs import FormDialog
from .i18n import pick, tr
from .panels import button, label
from .style import set_state

# The reader's states that leave the sale unpaid, and the sentence for each.
NOT_PAID = {"declined": "reader_declined", "cancelled": "reader_cancelled",
            "not_sent": "reader_not_sent"}


class CardReaderDialog(QDialog):
    """What the cashier sees while the reader works; Esc is ``cancel_requested``."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget, amount_rials: int) -> None:
        super().__init__(parent)
        self.setObjectName("cardReaderDialog")
        self.setWindowTitle(tr("reader_title"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                                else Qt.LayoutDirection.LeftToRight)
        self.setMinimumWidth(520)
        self.amount = label("cardReaderAmountLabel", i18n.money(amount_rials))
        self.amount.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.status = label("cardReaderStatusLabel")
        self.status.setWordWrap(True)
        self.retry_button = button("cardReaderRetryButton", tr("reader_retry"))
        self.cash_button = button("cardReaderCashButton", tr("reader_pay_cash"))
        self.check_button = button("cardReaderCheckButton",
                                   tr("reader_check"))
        self.slip_button = button("cardReaderSlipButton",
                                  tr("reader_slip_button"))
        self.close_button = button("cardReaderCloseButton", tr("reader_close"))
        row = QHBoxLayout()
        for widget in (self.retry_button, self.cash_button, self.check_button,
                       self.slip_button, self.close_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.amount)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.close_button.clicked.connect(self.cancel_requested)
        self.show_buttons()

    def show_buttons(self, *names: str) -> None:
        """The choices for now; the close button (Esc) is always there: it cancels while
        the reader works and closes otherwise."""
        for widget in (self.retry_button, self.cash_button, self.check_button,
                       self.slip_button):
            widget.setVisible(widget.objectName() in names)
        self.close_button.setText(tr("reader_close") if names else
                                  tr("reader_cancel"))
        visible = [w for w in (self.retry_button, self.check_button, self.cash_button)
                   if w.objectName() in names]
        self.activateWindow()
        (visible[0] if visible else self.close_button).setFocus()

    def say(self, text: str, state: Tone = "") -> None:
        self.status.setText(text)
        set_state(self.status, state)

    def show_error(self, text: str) -> None:  # the sale's completion failed
        self.say(text, "bad")

    def set_busy(self, busy: bool) -> None:
        pass

    def reject(self) -> None:  # Esc
        self.cancel_requested.emit()

    def close_now(self) -> None:
        super().reject()


class SlipDialog(FormDialog):
    """The reader's own slip, read by the cashier, under a manager's PIN."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, "cardSlipDialog",
                         tr("reader_slip_title"), "cardSlipOkButton")
        note = QLabel(tr("reader_slip_note"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.rrn = self.line_edit("cardSlipRrnInput", tr("reader_rrn"))
        self.pin = self.line_edit("managerPinInput", tr("reader_manager_pin"),
                                  secret=True)

    def values(self) -> dict[str, Any] | None:
        return {"rrn": i18n.to_ascii(self.rrn.text()).strip(),
                "pin": i18n.to_ascii(self.pin.text()).strip()}


class CardReaderFlow:
    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.ctx = screen.ctx
        self.cards = screen.ctx.counter.cards
        self.amount = screen.split.remainder_rials
        if getattr(screen, "card_sale_key", None) is None:
            screen.card_sale_key = uuid.uuid4().hex  # one sale: never sent twice
        self.key: str = screen.card_sale_key
        self.running = False
        self.order_id = ""
        self.dialog = CardReaderDialog(screen, self.amount)
        self.dialog.flow = self  # type: ignore[attr-defined]  # kept alive with the dialog
        self.dialog.cancel_requested.connect(self.cancel)
        self.dialog.retry_button.clicked.connect(self.send)
        self.dialog.cash_button.clicked.connect(self.cash)
        self.dialog.check_button.clicked.connect(self.check)
        self.dialog.slip_button.clicked.connect(self.slip)
        self.dialog.finished.connect(lambda _r: screen.focus_scan())

    def start(self) -> None:
        self.dialog.open()
        self.send()

    def _busy(self, busy: bool) -> None:
        self.running = busy
        self.screen.taking_payment(busy)

    def send(self) -> None:
        self.dialog.say(tr("reader_waiting", amount=i18n.money(self.amount)))
        self.dialog.show_buttons()
        self.ctx.say(tr("reader_waiting", amount=i18n.money(self.amount)), "")
        self._busy(True)
        self.ctx.runner.run(lambda: self.cards.pay(self.key, self.amount), self._answered,
                            self._failed)

    def _answered(self, card: CardPayment) -> None:
        self._busy(False)
        self.order_id = card.order_id
        if card.state is CardState.APPROVED:
            text = tr("reader_approved", card=card.masked_card or "-",
                      rrn=i18n.num(card.rrn))
            self.dialog.say(text, "ok")
            self.ctx.say(text, "ok")
            self.screen.payment = PaymentChoice("card", card_reference=card.rrn,
                                                card_order_id=card.order_id)
            self.dialog.accepted.connect(self._sale_done)
            self.screen.complete(self.dialog)
        elif card.unresolved:
            self._show_unknown()
        else:
            code = f" ({card.response_code})" if card.response_code else ""
            text = tr(NOT_PAID.get(card.state, "reader_not_sent"), code=code)
            self.dialog.say(text, "bad")
            self.ctx.say(text, "bad")
            self.dialog.show_buttons("cardReaderRetryButton", "cardReaderCashButton",
                                     "cardReaderCloseButton")

    def _sale_done(self) -> None:
        if self.screen.outcome is not None:
            self.screen.card_sale_key = None

    def _show_unknown(self) -> None:
        self.dialog.say(tr("reader_unknown"), "warn")
        self.ctx.say(tr("reader_unknown"), "warn")
        self.dialog.show_buttons("cardReaderCheckButton", "cardReaderSlipButton",
                                 "cardReaderCloseButton")

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.dialog.say(self.ctx.fail(exc), "bad")
        self.dialog.show_buttons("cardReaderRetryButton", "cardReaderCashButton",
                                 "cardReaderCloseButton")

    def cancel(self) -> None:
        if self.running:
            self.dialog.say(tr("reader_cancelling"), "warn")
            self.ctx.runner.run(self.cards.cancel)
            return
        if self.screen.completing:
            return  # the sale is being recorded
        self.dialog.close_now()

    def cash(self) -> None:
        self.dialog.close_now()
        self.screen.pay_cash()

    def check(self) -> None:
        self.dialog.say(tr("reader_asking"))
        self.dialog.show_buttons()
        self._busy(True)
        order_id = self.order_id
        self.ctx.runner.run(lambda: self.cards.resolve(order_id), self._answered, self._failed)

    def slip(self) -> None:
        dialog = SlipDialog(self.dialog)
        order_id = self.order_id

        def submitted(values: dict[str, Any]) -> None:
            dialog.set_busy(True)

            def done(card: Any) -> None:
                dialog.accept()
                self._answered(card)
            self.ctx.runner.run(
                lambda: self.cards.record_slip(order_id, values["pin"], paid=bool(values["rrn"]),
                                               rrn=values["rrn"]),
                done, lambda exc: dialog.show_error(self.ctx.fail(exc)))
        dialog.submitted.connect(submitted)
        dialog.open()


def card_refund_notice(counter: Any, sale: Any) -> str:
    """*Blocking* (run through the runner, after the void): for a card-paid sale, the
    sentence telling the cashier to refund it on the reader ("" otherwise)."""
    cards = getattr(counter, "cards", None)
    notice = cards.refund_notice(sale) if cards is not None else None
    return pick(*notice) if notice else ""
