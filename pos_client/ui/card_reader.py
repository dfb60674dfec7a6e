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
from .i18n import pick
from .panels import button, label
from .style import set_state

WAITING = ("در انتظار کارتخوان… مبلغ {amount} را روی کارتخوان پرداخت کنید. (Esc: لغو)",
           "Waiting for the card reader… pay {amount} on the reader. (Esc: cancel)")
CANCELLING = ("درخواست لغو به کارتخوان رفت؛ منتظر پاسخ آن…",
              "Cancel sent to the card reader; waiting for its answer…")
NOT_PAID = {
    "declined": ("کارتخوان پرداخت را رد کرد{code}. نقد یا تلاش دوباره؟",
                 "The card reader declined the payment{code}. Cash or another try?"),
    "cancelled": ("پرداخت روی کارتخوان لغو شد. نقد یا تلاش دوباره؟",
                  "The payment was cancelled at the reader. Cash or another try?"),
    "not_sent": ("مبلغ به کارتخوان نرسید؛ چیزی کسر نشده است. نقد یا تلاش دوباره؟",
                 "The amount did not reach the card reader; nothing was charged. Cash or "
                 "another try?"),
}
UNKNOWN = ("نتیجه پرداخت معلوم نیست (شاید کسر شده باشد). فروش باز می‌ماند: کارتخوان را "
           "بررسی کنید یا رسید خود کارتخوان را با رمز مدیر ثبت کنید.",
           "The payment's result is unknown (the card may have been charged). The sale "
           "stays open: check the reader, or record the reader's own slip with a manager's "
           "PIN.")
APPROVED = ("پرداخت شد: کارت {card}، مرجع {rrn}. فروش ثبت می‌شود…",
            "Paid: card {card}, RRN {rrn}. Recording the sale…")


class CardReaderDialog(QDialog):
    """What the cashier sees while the reader works; Esc is ``cancel_requested``."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget, amount_rials: int) -> None:
        super().__init__(parent)
        self.setObjectName("cardReaderDialog")
        self.setWindowTitle(pick("پرداخت با کارتخوان", "Card reader payment"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                                else Qt.LayoutDirection.LeftToRight)
        self.setMinimumWidth(520)
        self.amount = label("cardReaderAmountLabel", i18n.money(amount_rials))
        self.amount.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.status = label("cardReaderStatusLabel")
        self.status.setWordWrap(True)
        self.retry_button = button("cardReaderRetryButton", pick("تلاش دوباره", "Try again"))
        self.cash_button = button("cardReaderCashButton", pick("پرداخت نقد", "Pay cash"))
        self.check_button = button("cardReaderCheckButton",
                                   pick("بررسی کارتخوان", "Check the reader"))
        self.slip_button = button("cardReaderSlipButton",
                                  pick("ثبت از رسید کارتخوان (مدیر)",
                                       "Record the reader's slip (manager)"))
        self.close_button = button("cardReaderCloseButton", pick("بستن (Esc)", "Close (Esc)"))
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
        self.close_button.setText(pick("بستن (Esc)", "Close (Esc)") if names else
                                  pick("لغو (Esc)", "Cancel (Esc)"))
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
                         pick("رسید کارتخوان", "The card reader's slip"), "cardSlipOkButton")
        note = QLabel(pick("اگر رسید کارتخوان پرداخت موفق نشان می‌دهد شماره مرجع (RRN) آن را "
                           "وارد کنید؛ اگر رسیدی نیست یا ناموفق است خالی بگذارید.",
                           "If the reader's slip shows the payment approved, enter its RRN; "
                           "leave it empty when there is no slip or it shows a failure."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.rrn = self.line_edit("cardSlipRrnInput", pick("شماره مرجع", "RRN"))
        self.pin = self.line_edit("managerPinInput", pick("رمز مدیر", "Manager PIN"),
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
        self.dialog.say(pick(*WAITING).format(amount=i18n.money(self.amount)))
        self.dialog.show_buttons()
        self.ctx.say(pick(*WAITING).format(amount=i18n.money(self.amount)), "")
        self._busy(True)
        self.ctx.runner.run(lambda: self.cards.pay(self.key, self.amount), self._answered,
                            self._failed)

    def _answered(self, card: CardPayment) -> None:
        self._busy(False)
        self.order_id = card.order_id
        if card.state is CardState.APPROVED:
            text = pick(*APPROVED).format(card=card.masked_card or "-",
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
            fa, en = NOT_PAID.get(card.state, NOT_PAID["not_sent"])
            code = f" ({card.response_code})" if card.response_code else ""
            text = pick(fa, en).format(code=code)
            self.dialog.say(text, "bad")
            self.ctx.say(text, "bad")
            self.dialog.show_buttons("cardReaderRetryButton", "cardReaderCashButton",
                                     "cardReaderCloseButton")

    def _sale_done(self) -> None:
        if self.screen.outcome is not None:
            self.screen.card_sale_key = None

    def _show_unknown(self) -> None:
        self.dialog.say(pick(*UNKNOWN), "warn")
        self.ctx.say(pick(*UNKNOWN), "warn")
        self.dialog.show_buttons("cardReaderCheckButton", "cardReaderSlipButton",
                                 "cardReaderCloseButton")

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.dialog.say(self.ctx.fail(exc), "bad")
        self.dialog.show_buttons("cardReaderRetryButton", "cardReaderCashButton",
                                 "cardReaderCloseButton")

    def cancel(self) -> None:
        if self.running:
            self.dialog.say(pick(*CANCELLING), "warn")
            self.ctx.runner.run(self.cards.cancel)
            return
        if self.screen.completing:
            return  # the sale is being recorded
        self.dialog.close_now()

    def cash(self) -> None:
        self.dialog.close_now()
        self.screen.pay_cash()

    def check(self) -> None:
        self.dialog.say(pick("از کارتخوان می‌پرسیم…", "Asking the card reader…"))
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
