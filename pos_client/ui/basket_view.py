"""The basket in the centre: the barcode field, the lines, and the line actions.

A line on the coupon carries ✓; a line off the approved list or above its approved
price carries ✗, a colour and the reason on hover (``pos_client.domain.basket.exclusion_text``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.basket import Line, exclusion_text
from . import i18n
from .i18n import tr
from .panels import button, label
from .style import GREEN, RED

SELECTED = "#1f5fa8"  # a selected basket line: white on blue, focused or not

COLUMNS = ("col_no", "col_mark", "col_name", "col_qty", "col_price", "col_amount")
NOT_ELIGIBLE_BACKGROUND = QColor("#fdecea")


class BasketView(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("basket_title"), parent)
        self.setObjectName("basketPanel")
        self.setProperty("ltr", not i18n.is_rtl())
        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setPlaceholderText(tr("scan_label"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("cartTable")
        headers = [tr(key) for key in COLUMNS]
        headers[4] += f" ({i18n.unit_name()})"
        headers[5] += f" ({i18n.unit_name()})"
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)
        # The keyboard stays in the barcode field, so the table never has focus: its
        # selected row must look selected when the table is not the active widget too.
        palette = self.table.palette()
        for group in (QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Active):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTED))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        self.table.setPalette(palette)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(28)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.search_button = button("searchButton", tr("search"))
        self.qty_button = button("qtyButton", tr("qty"))
        self.void_line_button = button("voidLineButton", tr("void_line"))
        self.scale_button = button("scaleButton", tr("read_scale"))
        layout = QVBoxLayout(self)
        layout.addWidget(label(text=tr("scan_label"), css_class="caption"))
        layout.addWidget(self.scan_input)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for widget in (self.search_button, self.qty_button, self.scale_button,
                       self.void_line_button):
            actions.addWidget(widget)
        layout.addLayout(actions)

    def show_lines(self, lines: Sequence[Line], select: int | None = None) -> None:
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            self._fill_row(row, line)
        if select is not None and 0 <= select < len(lines):
            self.select_row(select)
        elif lines and not self.table.selectionModel().selectedRows():
            self.select_row(len(lines) - 1)  # a line is always selected: F4/F8 show theirs

    def select_row(self, row: int) -> None:
        """Select one whole row. ``QTableView.selectRow`` selects nothing in a
        right-to-left table (it looks for the column at x = the viewport's width, one
        pixel past the last), so the selection model is told directly."""
        model = self.table.model()
        if not 0 <= row < model.rowCount():
            return
        first, last = model.index(row, 0), model.index(row, model.columnCount() - 1)
        selection = self.table.selectionModel()
        selection.select(QItemSelection(first, last),
                         QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(first)

    def move_selection(self, step: int) -> None:
        """↑/↓ from the barcode field: the selected row moves, and stays on the table."""
        rows = self.table.rowCount()
        if rows:
            current = self.selected_row()
            self.select_row(max(0, min(rows - 1, (rows - 1 if current is None else current)
                                       + step)))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        return self.table.rowCount() - 1 if self.table.rowCount() else None

    def _fill_row(self, row: int, line: Line) -> None:
        reason = exclusion_text(line.exclusion, i18n.language())
        mark = "✓" if line.eligible else "✗"
        typed = line.weight_source == "typed"
        cells = (i18n.num(row + 1), mark,
                 line.name + (f"  [{tr('typed_mark')}]" if typed else ""),
                 i18n.qty(line.qty_milli, weighed=line.weighed),
                 i18n.money(line.unit_price_rials, with_unit=False),
                 i18n.money(line.amount_rials, with_unit=False))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip((reason or tr("eligible_tip"))
                            + ("\n" + tr("typed_tip") if typed and column == 2 else ""))
            if column == 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setForeground(QBrush(QColor(GREEN if line.eligible else RED)))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif column >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
            if not line.eligible:
                item.setBackground(QBrush(NOT_ELIGIBLE_BACKGROUND))
            self.table.setItem(row, column, item)
