"""Signing in by PIN, and opening the shift with the cash in the drawer.

After the Z the window comes back here: the next business day starts with a shift and its
opening cash, and not before 00:00 Tehran time when the Z closed today
(``show_till_state``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QVBoxLayout, QWidget

from ..domain.dates import display_date
from ..store import TillState
from . import i18n
from .i18n import tr
from .panels import amount_input, button, label


def day_text(key: str, day: dt.date) -> str:
    return tr(key, day=display_date(day, i18n.language()))


class _Card(QWidget):
    """A narrow form in the middle of the screen."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = QFrame()
        self.card.setObjectName("loginCard")
        self.card.setStyleSheet("QFrame#loginCard { background: #ffffff; border: 1px solid "
                                "#d0d5dc; border-radius: 8px; }")
        self.card.setFixedWidth(460)
        self.body = QVBoxLayout(self.card)
        self.body.setContentsMargins(28, 24, 28, 24)
        self.body.setSpacing(12)
        heading = label(text=title)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(heading)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)


class LoginScreen(_Card):
    """``pinInput`` and ``loginButton``; the demo shows its PINs here."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("login_title"), parent)
        self.setObjectName("loginScreen")
        self.body.addWidget(label(text=tr("pin_label")))
        self.pin = QLineEdit()
        self.pin.setObjectName("pinInput")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setStyleSheet("font-size: 20pt; letter-spacing: 6px;")
        self.body.addWidget(self.pin)
        self.login_button = button("loginButton", tr("login"))
        self.body.addWidget(self.login_button)
        self.hint = label("demoPinsLabel")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("background: #fff6db; border: 1px solid #e7c66b; "
                                "border-radius: 4px; padding: 8px; font-size: 12pt;")
        self.hint.hide()
        self.body.addWidget(self.hint)
        self.pin.returnPressed.connect(self._submit)
        self.login_button.clicked.connect(self._submit)

    def show_demo_pins(self, cashier: str, manager: str) -> None:
        self.hint.setText(tr("demo_pins", cashier=i18n.num(cashier), manager=i18n.num(manager)))
        self.hint.show()

    def _submit(self) -> None:
        pin = i18n.to_ascii(self.pin.text()).strip()
        self.pin.clear()
        self.submitted.emit(pin)

    def set_busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        self.pin.setEnabled(not busy)
        if not busy:
            self.pin.setFocus()


class ShiftScreen(_Card):
    """``openingCashInput`` and ``openShiftButton``."""

    submitted = Signal(object)  # int rials: a Qt int overflows above 2**31 rials
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("shift_title"), parent)
        self.setObjectName("shiftScreen")
        caption = label(text=tr("opening_cash_label", unit=i18n.unit_name()))
        caption.setWordWrap(True)
        self.body.addWidget(caption)
        self.cash = QLineEdit()
        self.cash.setObjectName("openingCashInput")
        amount_input(self.cash)
        self.cash.setStyleSheet("font-size: 18pt;")
        self.body.addWidget(self.cash)
        self.open_button = button("openShiftButton", tr("open_shift"))
        self.body.addWidget(self.open_button)
        self.note = label("shiftNoteLabel")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #fff6db; border: 1px solid #e7c66b; "
                                "border-radius: 4px; padding: 8px;")
        self.note.hide()
        self.body.addWidget(self.note)
        self.cash.returnPressed.connect(self._submit)
        self.open_button.clicked.connect(self._submit)

    def show_till_state(self, state: Any, today: dt.date,
                        closed_day: dt.date | None = None) -> str:
        """Say why the shift is asked for; returns what was said ("" for a plain start)."""
        if state is TillState.DAY_CLOSED:
            text = day_text("day_closed", today)
        elif closed_day is not None:
            text = day_text("after_z", closed_day)
        else:
            text = ""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.note.setMinimumHeight(self.note.heightForWidth(self.card.width() - 56)
                                   if text else 0)
        return text

    def _submit(self) -> None:
        try:
            amount = i18n.parse_money(self.cash.text() or "0")
        except ValueError:
            self.invalid.emit(tr("bad_amount"))
            return
        self.submitted.emit(amount)

    def set_busy(self, busy: bool) -> None:
        self.open_button.setEnabled(not busy)
        if not busy:  # a refused amount is typed over, not appended to
            self.cash.selectAll()
