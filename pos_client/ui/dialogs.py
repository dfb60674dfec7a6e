"""Dialogs for the rare and the protected: cash tender, card reference, quantity, coupon,
search, a manager PIN, voids and reprints, and the key help.

Every dialog is opened with ``open()`` (never ``exec()``), so the event loop keeps
turning. It opens with the keyboard in its first field (``focus_field``), never on OK:
a cashier types at once, and Enter anywhere in the dialog submits what was typed (there
is no default button that could accept an empty form). A dialog that runs a use-case stays open
until the answer comes: ``submitted`` carries the form, ``show_error`` puts a refusal in
the dialog (the window also puts it on the message bar), ``accept`` closes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .i18n import tr
from .panels import amount_input, button, label
from .sale_texts import sale_state_text
from .style import set_state


class FormDialog(QDialog):
    """A titled form with an error line and OK / Cancel; Enter is OK, Esc is Cancel."""

    submitted = Signal(dict)
    focus_field: QWidget | None = None  # where the keyboard is when the dialog opens

    def __init__(self, parent: QWidget | None, name: str, title: str,
                 ok_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                                else Qt.LayoutDirection.LeftToRight)
        self.setMinimumWidth(440)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.error = label(name + "Error")
        self.error.setWordWrap(True)
        set_state(self.error, "bad")
        self.ok_button = button(ok_name or name + "Ok", tr("ok"))
        self.cancel_button = button(name + "Cancel", tr("cancel"))
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def line_edit(self, name: str, caption: str, *, secret: bool = False) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        if secret:
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(caption, field)
        QWidget.setTabOrder(field, self.ok_button)  # Tab goes field by field, then OK, Cancel
        QWidget.setTabOrder(self.ok_button, self.cancel_button)
        if self.focus_field is None:
            self.focus_field = field
        return field

    def open(self) -> None:
        super().open()
        self.put_focus()

    def put_focus(self) -> None:
        """The keyboard in the first field (or ``focus_field``), its text selected."""
        field = self.focus_field
        if field is None:
            return
        self.activateWindow()
        field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def done(self, result: int) -> None:
        """Closed: the keyboard goes back to the window underneath, not to nowhere."""
        super().done(result)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()

    def keyPressEvent(self, event: Any) -> None:
        """Enter submits the form from wherever the keyboard is (a field that ignores its
        Enter passes it up here); Esc cancels."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if self.focusWidget() is self.cancel_button:
                self.reject()
            else:
                self._submit()
            event.accept()
            return
        super().keyPressEvent(event)

    def values(self) -> dict[str, Any] | None:
        """The form's values, or None after ``show_error`` when they are not valid."""
        return {}

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        values = self.values()
        if values is not None:
            self.submitted.emit(values)

    def show_error(self, text: str) -> None:
        """In the dialog, and on the window's message bar like every message."""
        self.error.setText(text)
        self.adjustSize()  # a long message wraps onto more lines: the dialog grows to show it
        self.set_busy(False)
        parent = self.parentWidget()
        say = getattr(parent.window(), "say", None) if parent is not None else None
        if say is not None:
            say(text, "bad")

    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)


class TenderDialog(FormDialog):
    """Cash handed over (empty means exact) and the change, computed as it is typed."""

    def __init__(self, parent: QWidget | None, due_rials: int) -> None:
        super().__init__(parent, "tenderDialog", tr("tender_title"), "tenderOkButton")
        self.due = due_rials
        due = label("tenderDueLabel", tr("tender_due", amount=i18n.money(due_rials)))
        due.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.form.addRow(due)
        self.tendered = amount_input(self.line_edit("tenderedInput", tr("tendered_label")))
        self.change = label("changeLabel", tr("change", amount=i18n.money(0)))
        self.change.setStyleSheet("font-size: 16pt;")
        self.form.addRow(self.change)
        self.tendered.textChanged.connect(self._update_change)
        self.confirmed: int | None = None

    def _tendered(self) -> int | None:
        text = self.tendered.text().strip()
        return self.due if not text else i18n.parse_money(text)

    def _update_change(self) -> None:
        try:
            tendered = self._tendered()
        except ValueError:
            self.change.setText(tr("bad_amount"))
            return
        assert tendered is not None
        if tendered < self.due:
            self.change.setText(tr("short", amount=i18n.money(self.due - tendered)))
            set_state(self.change, "bad")
        else:
            self.change.setText(tr("change", amount=i18n.money(tendered - self.due)))
            set_state(self.change, "ok")

    def values(self) -> dict[str, Any] | None:
        try:
            tendered = self._tendered()
        except ValueError:
            self.show_error(tr("bad_amount"))
            return None
        assert tendered is not None
        if tendered < self.due:
            self.show_error(tr("tender_short"))
            return None
        if far_above(tendered, self.due) and self.confirmed != tendered:
            self.confirmed = tendered  # asked once: Enter again on the same amount takes it
            self.show_error(tr("tender_far_above", tendered=i18n.money(tendered),
                               change=i18n.money(tendered - self.due)))
            return None
        return {"tendered_rials": tendered}


FAR_ABOVE_TIMES = 10  # an extra zero
FAR_ABOVE_CHANGE_RIALS = 5_000_000  # more change than the largest note in the drawer


def far_above(tendered: int, due: int) -> bool:
    """Cash handed over so far above the amount due that it is likely a typing slip."""
    return tendered >= FAR_ABOVE_TIMES * due and tendered - due > FAR_ABOVE_CHANGE_RIALS


class CardDialog(FormDialog):
    def __init__(self, parent: QWidget | None, due_rials: int) -> None:
        super().__init__(parent, "cardDialog", tr("card_title"), "cardOkButton")
        due = label("cardDueLabel", tr("tender_due", amount=i18n.money(due_rials)))
        due.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.form.addRow(due)
        self.reference = self.line_edit("cardReferenceInput", tr("card_ref_label"))

    def values(self) -> dict[str, Any] | None:
        reference = i18n.to_ascii(self.reference.text()).strip()
        if not reference:
            self.show_error(tr("card_ref_needed"))
            return None
        return {"card_reference": reference}


class AmountDialog(FormDialog):
    """One amount or quantity field (quantity, lowered coupon, opening cash)."""

    def __init__(self, parent: QWidget | None, name: str, title: str, caption: str,
                 field_name: str, initial: str = "", *, amount: bool = False) -> None:
        super().__init__(parent, name, title)
        self.field = self.line_edit(field_name, caption)
        if amount:
            amount_input(self.field)
        self.field.setText(initial)
        self.field.selectAll()

    def values(self) -> dict[str, Any] | None:
        return {"text": self.field.text()}


class PinDialog(FormDialog):
    """A manager PIN (and, for voids, a reason) in front of a protected action."""

    def __init__(self, parent: QWidget | None, name: str, title: str, *,
                 intro: str = "", with_reason: bool = False) -> None:
        super().__init__(parent, name, title)
        if intro:
            note = label(name + "Intro", intro)
            note.setWordWrap(True)
            self.form.addRow(note)
        self.pin = self.line_edit("managerPinInput", tr("manager_pin"), secret=True)
        self.reason = self.line_edit("voidReasonInput", tr("void_reason")) if with_reason else None

    def values(self) -> dict[str, Any] | None:
        values = {"pin": i18n.to_ascii(self.pin.text()).strip()}
        if self.reason is not None:
            if not self.reason.text().strip():
                self.show_error(tr("reason_needed"))
                return None
            values["reason"] = self.reason.text().strip()
        return values


class SalePickerDialog(PinDialog):
    """Today's recent sales to void or reprint; the newest is selected."""

    def __init__(self, parent: QWidget | None, name: str, title: str, sales: Sequence[Any],
                 *, with_reason: bool, pin_caption: str = "") -> None:
        super().__init__(parent, name, title, with_reason=with_reason)
        self.sales = list(sales)
        self.table = QTableWidget(len(self.sales), 4)
        self.table.setObjectName("recentSalesTable")
        self.table.setHorizontalHeaderLabels(
            [tr(k) for k in ("col_receipt", "col_time", "col_coupon", "col_status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, sale in enumerate(self.sales):
            cells = (i18n.num(sale.receipt_no), i18n.time_of(sale.created_at),
                     i18n.money(sale.coupon_rials), sale_status_text(sale))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.sales:
            self.table.setCurrentCell(0, 0)
        else:
            self.error.setText(tr("no_sales"))
        self.form.insertRow(0, self.table)
        self.setMinimumWidth(560)
        if pin_caption:
            self.form.labelForField(self.pin).setText(pin_caption)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.sales):
            self.show_error(tr("void_pick"))
            return None
        values = super().values()
        if values is not None:
            values["sale"] = self.sales[row]
        return values


def sale_status_text(sale: Any) -> str:
    """The state column (``Sale.state``; see ``ui.sale_texts``)."""
    return sale_state_text(sale)


class SearchDialog(FormDialog):
    """Type a name, pick a product with the arrows, Enter adds it."""

    query_changed = Signal(str)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, "searchDialog", tr("search_title"), "searchOkButton")
        self.query = self.line_edit("searchInput", tr("search_prompt"))
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.form.addRow(self.results)
        self.products: list[Any] = []
        self.query.textChanged.connect(self.query_changed)
        # Enter in the list passes up to the dialog (keyPressEvent); a double click too:
        self.results.itemDoubleClicked.connect(lambda _item: self._submit())
        self.query.installEventFilter(self)
        self.setMinimumSize(520, 420)

    def show_products(self, products: Sequence[Any]) -> None:
        self.products = list(products)
        self.results.clear()
        for product in self.products:
            name = product.name if i18n.is_rtl() else (product.name_en or product.name)
            item = QListWidgetItem(f"{name} — {i18n.money(product.price_rials)}")
            self.results.addItem(item)
        if self.products:
            self.results.setCurrentRow(0)
            self.error.setText("")
        elif self.query.text().strip():
            self.error.setText(tr("no_results"))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (watched is self.query and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.products):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(len(self.products) - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def values(self) -> dict[str, Any] | None:
        row = self.results.currentRow()
        if not self.products or row < 0:
            self.show_error(tr("no_results"))
            return None
        return {"product": self.products[row]}


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(tr("help_title"))
        layout = QFormLayout(self)
        for key, text in i18n.KEYS:
            key_label = QLabel(key)
            key_label.setStyleSheet("font-weight: bold; font-family: monospace;")
            layout.addRow(key_label, QLabel(tr(text)))
        close = button("helpCloseButton", tr("cancel"))
        close.clicked.connect(self.accept)
        layout.addRow(close)
