"""Today's sales to void or reprint: every sale of the day (not only the last few), its
whole money (total, coupon, cash, card), its state (a voided sale says so), and a search
by receipt number (``saleSearchInput``; Persian or Latin digits, any part of the number).

The list is ``SalePickerDialog`` (the PIN and reason, Enter and Esc, its focus) with the
table filled again; the sale the form hands over is the one selected among those shown.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QTableWidgetItem, QWidget

from . import i18n
from .dialogs import SalePickerDialog
from .i18n import tr
from .sale_texts import (
    digits_of,
    reprint_sent_text,
    sale_state_text,
    void_done_text,
)

__all__ = ["SaleListDialog", "reprint_sent_text", "sale_state_text", "void_done_text"]

class SaleListDialog(SalePickerDialog):
    """Every sale of today, newest first, with a search by receipt number."""

    COLUMNS = ("col_receipt", "col_time", "sales_col_total", "col_coupon", "sales_col_cash",
               "sales_col_card", "col_status")

    def __init__(self, parent: QWidget | None, name: str, title: str, sales: Sequence[Any],
                 *, with_reason: bool, pin_caption: str = "") -> None:
        super().__init__(parent, name, title, sales, with_reason=with_reason,
                         pin_caption=pin_caption)
        self.all_sales = list(sales)
        self.search = QLineEdit()
        self.search.setObjectName("saleSearchInput")
        self.search.setPlaceholderText(tr("sales_search_hint"))
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self.pin.setFocus)
        self.search.installEventFilter(self)
        self.form.insertRow(0, tr("sales_search"), self.search)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        self.table.setColumnCount(len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(k) for k in self.COLUMNS])
        self.setMinimumWidth(760)
        order = [self.search, self.table, self.pin, *([self.reason] if self.reason else []),
                 self.ok_button, self.cancel_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.filter("")

    def filter(self, text: str) -> None:
        """Show the sales whose receipt number holds the typed digits."""
        wanted = digits_of(text)
        self.sales = [s for s in self.all_sales if wanted in digits_of(s.receipt_no)]
        self.table.setRowCount(len(self.sales))
        for row, sale in enumerate(self.sales):
            cells = (i18n.num(sale.receipt_no), i18n.time_of(sale.created_at),
                     i18n.money(sale.total_rials), i18n.money(sale.coupon_rials),
                     i18n.money(sale.paid("cash")), i18n.money(sale.paid("card")),
                     sale_state_text(sale))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column >= 2 and column < 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter
                                          | Qt.AlignmentFlag.AlignLeading)
                self.table.setItem(row, column, item)
        if self.sales:
            self.table.setCurrentCell(0, 0)
            self.error.setText("")
        else:
            self.error.setText(tr("sales_none_found") if wanted and self.all_sales
                               else tr("no_sales"))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.sales):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(len(self.sales) - 1, self.table.currentRow() + step))
            self.table.setCurrentCell(row, 0)
            return True
        return super().eventFilter(watched, event)
