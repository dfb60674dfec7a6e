"""The sale screen's fixed parts: status strip, household panel and split panel.

These are views: they show what they are given and expose their widgets by object name
(automation.md); the sale screen decides what happens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .i18n import tr
from .style import set_state


def label(name: str = "", text: str = "", *, css_class: str = "") -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    if css_class:
        widget.setProperty("class", css_class)
    return widget


def button(name: str, text: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setAutoDefault(False)
    return widget


def amount_input(field: QLineEdit) -> QLineEdit:
    """Make ``field`` show a typed amount as the language writes it, grouped as it is
    typed: ``۲٬۵۰۰٬۰۰۰`` in Persian, ``2,500,000`` in English. The cursor keeps its
    place among the digits; text that is not a number is left as typed."""

    def regroup(text: str) -> None:
        digits = i18n.to_ascii(text)
        for sep in (",", "٬", " "):
            digits = digits.replace(sep, "")
        if not digits or not digits.isascii() or not digits.isdigit():
            return
        shown = i18n.grouped(int(digits))
        if shown == text:
            return
        after = sum(ch.isdigit() for ch in text[field.cursorPosition():])
        field.setText(shown)
        position, seen = len(shown), 0
        while position > 0 and seen < after:
            position -= 1
            seen += shown[position].isdigit()
        field.setCursorPosition(position)

    field.textEdited.connect(regroup)
    return field


def group_box(title: str, name: str = "") -> QGroupBox:
    box = QGroupBox(title)
    if name:
        box.setObjectName(name)
    box.setProperty("ltr", not i18n.is_rtl())
    return box


class StatusStrip(QFrame):
    """Online/offline (word and colour), unsent count, last sync, cashier, date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusStrip")
        self.sync = label("syncStatusLabel", tr("connecting"))
        set_state(self.sync, "warn")
        self.unsent = label("unsentCountLabel", tr("unsent", n=i18n.num(0)))
        self.last_sync = label("lastSyncLabel", tr("never_synced"))
        self.store = label("storeLabel")
        self.cashier = label("cashierLabel", tr("no_cashier"))
        self.date = label("dateLabel")
        self.busy = label("busyLabel")
        self.warning = label("terminalWarningLabel")
        self.warning.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        for widget in (self.sync, self.unsent, self.last_sync, self.busy):
            row.addWidget(widget)
        row.addWidget(self.warning, 1)
        for widget in (self.store, self.cashier, self.date):
            row.addWidget(widget)

    def show_status(self, status: Any) -> None:
        if status.terminal_blocked:
            self.sync.setText(tr("blocked_terminal"))
            set_state(self.sync, "bad")
        elif status.online is None:
            self.sync.setText(tr("connecting"))
            set_state(self.sync, "warn")
        elif status.online:
            self.sync.setText(tr("online"))
            set_state(self.sync, "ok")
        else:
            self.sync.setText(tr("offline"))
            set_state(self.sync, "warn")
        self.unsent.setText(tr("unsent", n=i18n.num(status.unsent_sales)))
        set_state(self.unsent, "warn" if status.unsent_sales else "")
        last: dt.datetime | None = status.last_sync_at
        self.last_sync.setText(tr("last_sync", when=i18n.moment(last)) if last
                               else tr("never_synced"))
        self.store.setText(status.store_name or "")
        name = getattr(status, "cashier", None)
        self.cashier.setText(tr("cashier", name=i18n.isolate(name)) if name
                             else tr("no_cashier"))
        if status.business_date:
            self.date.setText(i18n.date(status.business_date))
        warning = i18n.pick(getattr(status, "message_fa", "") or "",
                            getattr(status, "message_en", "") or "")
        self.warning.setText(warning)

    def show_busy(self, busy: bool) -> None:
        self.busy.setText(tr("busy") if busy else "")


class HouseholdPanel(QGroupBox):
    """The customer field and what the programme says about the household."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("household_title"), parent)
        self.setObjectName("householdPanel")
        self.setProperty("ltr", not i18n.is_rtl())
        self.caption = label(text=tr("customer_label"), css_class="caption")
        self.customer_input = QLineEdit()
        self.customer_input.setObjectName("customerInput")
        self.identify_button = button("identifyButton", tr("identify"))
        self.slip_button = button("balanceSlipButton", tr("balance_slip"))
        self.masked = label("maskedLabel")
        self.masked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = label("householdDetailsLabel", css_class="caption")
        self.spend_caption = label(text=tr("spendable_today"), css_class="caption")
        self.spendable = label("spendableLabel", "—")
        self.balance = label("balanceLabel", css_class="caption")
        self.window_status = label("windowStatusLabel", "")
        self.window_status.setWordWrap(True)
        self.reason = label("householdReasonLabel")
        self.reason.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.customer_input)
        buttons = QHBoxLayout()
        buttons.addWidget(self.identify_button)
        buttons.addWidget(self.slip_button)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        for widget in (self.masked, self.details, self.spend_caption, self.spendable,
                       self.balance, self.window_status, self.reason):
            layout.addWidget(widget)
        layout.addStretch(1)
        # Hold and recall: a customer parked (fetching a code) while the next is served.
        self.hold_button = button("holdButton", tr("hold"))
        self.recall_button = button("recallButton", tr("recall"))
        layout.addWidget(self.hold_button)
        layout.addWidget(self.recall_button)
        self.show_household(None)

    def show_household(self, household: Any | None) -> None:
        if household is None:
            self.masked.setText("")
            self.details.setText("")
            self.spendable.setText("—")
            set_state(self.spendable, "")
            self.balance.setText("")
            self.window_status.setText("")
            set_state(self.window_status, "")
            self.reason.setText(tr("no_household"))
            return
        self.masked.setText(i18n.ident(household.masked))
        self.masked.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.details.setText(" · ".join((tr("members", n=i18n.num(household.members)),
                                         tr("decile", n=i18n.num(household.decile)))))
        self.spendable.setText(i18n.money(household.spendable_rials))
        set_state(self.spendable, "" if household.can_use_coupon else "bad")
        self.balance.setText(tr("balance", amount=i18n.money(household.balance_rials)))
        self.window_status.setText(window_text(household))
        set_state(self.window_status, "ok" if household.can_use_coupon else "bad")
        self.reason.setText(i18n.pick(household.reason_fa, household.reason_en))


def window_text(household: Any) -> str:
    if household.blocked:
        return tr("household_blocked")
    decision = household.window
    if decision.open:
        return tr("window_open")
    if decision.next_date is not None:
        return tr("window_from", date=i18n.date(decision.next_date))
    return tr("window_closed")


class SplitPanel(QGroupBox):
    """Total, eligible, copay, coupon, remainder; how the rest is paid; complete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("split_title"), parent)
        self.setObjectName("splitPanel")
        self.setProperty("ltr", not i18n.is_rtl())
        self.total = label("totalLabel")
        self.eligible = label("eligibleLabel", css_class="money")
        self.copay = label("copayLabel", css_class="money")
        self.coupon = label("couponLabel")
        self.remainder = label("remainderLabel")
        self.coupon_button = button("lowerCouponButton", tr("lower_coupon") + " (F5)")
        self.payment = label("paymentLabel")
        self.payment.setWordWrap(True)
        self.cash_button = button("payCashButton", tr("pay_cash"))
        self.card_button = button("payCardButton", tr("pay_card"))
        for pay in (self.cash_button, self.card_button):
            pay.setCheckable(True)
        self.complete_button = button("completeButton", tr("complete"))
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        rows = (("total", self.total), ("eligible", self.eligible), ("copay", self.copay),
                ("coupon", self.coupon), ("remainder", self.remainder))
        # Caption above its figure: a 12-digit amount in big type still fits the panel.
        for row, (key, value) in enumerate(rows):
            caption = label(text=tr(key), css_class="caption")
            grid.addWidget(caption, 2 * row, 0)
            value.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
            grid.addWidget(value, 2 * row + 1, 0)
            grid.setRowMinimumHeight(2 * row + 1, 34)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.coupon_button)
        layout.addStretch(1)
        layout.addWidget(self.payment)
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.cash_button)
        pay_row.addWidget(self.card_button)
        layout.addLayout(pay_row)
        layout.addWidget(self.complete_button)
        self.show_split(None)

    def show_split(self, split: Any | None) -> None:
        zero = i18n.money(0)
        if split is None:
            for widget in (self.total, self.eligible, self.copay, self.coupon, self.remainder):
                widget.setText(zero)
            return
        self.total.setText(i18n.money(split.total_rials))
        self.eligible.setText(i18n.money(split.eligible_rials))
        self.copay.setText(i18n.money(split.copay_rials))
        self.coupon.setText(i18n.money(split.coupon_rials))
        self.remainder.setText(i18n.money(split.remainder_rials))
