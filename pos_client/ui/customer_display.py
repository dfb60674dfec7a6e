"""The customer display: a window on a second screen, and the wiring that feeds the pole.

The window (``customerDisplay``) renders a ``CustomerView`` (``pos_client.domain.customer_view``)
in large, high-contrast type, right to left in Persian, with no control of the
cashier's: the lines as scanned, the total, the coupon part, the copay, what the
customer pays, the household's balance before and after, and the sentence that the
coupon amount is the customer's to choose. Between customers it shows the store's name;
after a sale, the new balance until the next customer starts; a voided sale as voided.

``CustomerDisplays`` connects the sale screen's ``customer_view_changed`` to the window
and/or the serial pole display (``devices.pole_display``, written from its own thread)
as ``[customer_display] kind`` says.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..counter.events import CounterEvent, SaleVoided, SyncProgress
from ..domain.customer_view import CustomerView, voided
from ..settings.config import CustomerDisplaySettings
from . import i18n
from .i18n import tr

log = logging.getLogger(__name__)

# What the status line says in each phase of the sale.
PHASE_TEXTS = {"idle": "display_welcome", "scanning": "display_scanning",
               "identified": "display_identified", "paid": "display_paid",
               "completed": "display_completed", "voided": "display_voided"}

_ME = "QWidget#customerDisplay"
STYLE = f"""
{_ME} {{ background: #0b1620; }}
{_ME} QLabel {{ color: #ffffff; font-size: 24pt; }}
{_ME} QLabel.caption {{ color: #c9d4df; font-size: 18pt; }}
{_ME} QLabel#customerHeaderLabel {{ font-size: 34pt; font-weight: bold; padding: 8px; }}
{_ME} QLabel#customerStatusLabel {{ font-size: 24pt; color: #c9d4df; }}
{_ME} QLabel#customerStatusLabel[state="bad"] {{ color: #ff8a80; font-weight: bold; }}
{_ME} QLabel#customerTotalLabel {{ font-size: 30pt; font-weight: bold; }}
{_ME} QLabel#customerCouponLabel {{ font-size: 30pt; font-weight: bold; color: #7cfc9a; }}
{_ME} QLabel#customerPaysLabel {{ font-size: 40pt; font-weight: bold; color: #ffd54f; }}
{_ME} QLabel#customerBalanceAfterLabel {{ font-weight: bold; color: #7cfc9a; }}
{_ME} QLabel#customerCouponNoteLabel {{ font-size: 20pt; color: #ffd54f; background: #1d2b38;
    border-radius: 6px; padding: 10px; }}
{_ME} QTableWidget {{ background: #0b1620; color: #ffffff; font-size: 20pt;
    gridline-color: #2a3a4a; border: 1px solid #2a3a4a; }}
{_ME} QHeaderView::section {{ background: #1d2b38; color: #c9d4df; font-size: 16pt;
    padding: 6px; border: none; }}
{_ME} QTableWidget::item {{ padding: 0 8px; }}
"""


def _label(name: str, css_class: str = "") -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    if css_class:
        widget.setProperty("class", css_class)
    return widget


class CustomerDisplayWindow(QWidget):
    """The second-screen window; it shows what it is given and takes no input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # Never the keyboard's: closing a cashier's dialog must not hand it to this window.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(tr("display_title"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.header = _label("customerHeaderLabel")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = _label("customerStatusLabel")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("customerLinesTable")
        self.table.setHorizontalHeaderLabels([tr("display_col_name"), tr("display_col_qty"),
                                              tr("display_col_amount")])
        self.table.verticalHeader().setVisible(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setWordWrap(True)  # a long name takes two lines rather than "…"
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.total = _label("customerTotalLabel")
        self.coupon = _label("customerCouponLabel")
        self.copay = _label("customerCopayLabel")
        self.pays = _label("customerPaysLabel")
        self.before = _label("customerBalanceBeforeLabel")
        self.after = _label("customerBalanceAfterLabel")
        self.note = _label("customerCouponNoteLabel")
        self.note.setText(tr("display_note"))
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        figures = QGridLayout()
        figures.setVerticalSpacing(4)
        rows = (("display_total", self.total), ("display_coupon", self.coupon),
                ("display_copay", self.copay), ("display_pays", self.pays),
                ("display_before", self.before), ("display_after", self.after))
        for row, (key, value) in enumerate(rows):
            caption = _label("", "caption")
            caption.setText(tr(key))
            value.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
            figures.addWidget(caption, row, 0)
            figures.addWidget(value, row, 1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        side = QVBoxLayout()
        side.addLayout(figures)
        side.addStretch(1)
        body.addLayout(side, 2)
        page = QVBoxLayout(self)
        page.setContentsMargins(24, 16, 24, 16)
        page.addWidget(self.header)
        page.addWidget(self.status)
        page.addLayout(body, 1)
        page.addWidget(self.note)
        self.view: CustomerView | None = None
        self.show_view(CustomerView("idle"))
        self.resize(1280, 720)

    def show_view(self, view: CustomerView) -> None:
        self.view = view
        idle = view.phase == "idle"
        self.header.setText(view.store_name or tr("display_welcome"))
        if view.phase == "completed" and view.balance_after_rials is not None:
            status = tr("display_completed") + " " + tr("display_after") + ": " + i18n.money(
                view.balance_after_rials)
        else:
            status = tr(PHASE_TEXTS[view.phase])
        self.status.setText(status)
        self.status.setProperty("state", "bad" if view.phase == "voided" else "")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.table.setRowCount(len(view.lines))
        for row, line in enumerate(view.lines):
            cells = (line.name, i18n.qty(line.qty_milli, weighed=line.weighed),
                     i18n.money(line.amount_rials, with_unit=False))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter
                                          | Qt.AlignmentFlag.AlignTrailing)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        if view.lines:
            self.table.scrollToBottom()
        blank = idle or (view.phase == "voided" and not view.total_rials)
        for widget, amount in ((self.total, view.total_rials), (self.coupon, view.coupon_rials),
                               (self.copay, view.copay_rials), (self.pays, view.pays_rials)):
            widget.setText("" if blank else i18n.money(amount))
        for widget, balance in ((self.before, view.balance_before_rials),
                                (self.after, view.balance_after_rials)):
            widget.setText("" if blank else "—" if balance is None else i18n.money(balance))


def place(window: QWidget, screen_no: int) -> None:
    """Full screen on screen ``screen_no`` when it exists; else an ordinary window."""
    screens = QGuiApplication.screens()
    if 0 <= screen_no < len(screens) and len(screens) > 1:
        screen = screens[screen_no]
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        return
    log.warning("customer display: screen %d not found (%d screens); shown as a window",
                screen_no, len(screens))
    window.show()


class _Bridge(QObject):
    arrived = Signal(object)


class CustomerDisplays(QObject):
    """Feeds the sale screen's views to the window and/or the pole display."""

    def __init__(self, main_window: Any, settings: CustomerDisplaySettings) -> None:
        super().__init__(main_window)
        self.settings = settings
        self.main_window = main_window
        self.store_name = ""
        self.window: CustomerDisplayWindow | None = None
        self.pole: Any = None
        self.last: CustomerView | None = None
        if settings.kind == "window":
            self.window = CustomerDisplayWindow(main_window)
        elif settings.kind == "pole":
            from ..devices.pole_display import PoleDisplay

            self.pole = PoleDisplay(settings).start()
        sale = main_window.sale
        sale.customer_view_changed.connect(self.publish)
        self.bridge = _Bridge(self)
        self.bridge.arrived.connect(self._on_event)
        main_window.counter.subscribe(self.bridge.arrived.emit)
        main_window.installEventFilter(self)
        self.publish(sale.customer_view or CustomerView("idle"))
        if self.window is not None:
            place(self.window, settings.screen)
        self._ask_store_name()

    def _ask_store_name(self) -> None:
        """The store's name from the counter (a blocking read, so through the runner)."""
        counter = self.main_window.counter
        self.main_window.runner.run(counter.store_info, self._store_named,
                                    lambda exc: log.info("no store name yet: %s", exc))

    def _store_named(self, info: Any) -> None:
        if info.name != self.store_name:
            self.store_name = info.name
            if self.last is not None:
                self.publish(self.last)

    def publish(self, view: CustomerView) -> None:
        view = replace(view, store_name=self.store_name)
        self.last = view
        if self.window is not None:
            self.window.show_view(view)
        if self.pole is not None:
            self.pole.show(view)

    def _on_event(self, event: CounterEvent) -> None:
        match event:
            case SaleVoided(txn_id=txn_id) if self.last is not None:
                self.publish(voided(self.last, txn_id))
            case SyncProgress() if not self.store_name:
                self._ask_store_name()
            case _:
                pass  # the rest is the cashier's window's news

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def stop(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.pole is not None:
            self.pole.stop()
            self.pole = None
