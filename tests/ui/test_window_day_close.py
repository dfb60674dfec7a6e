"""The Z from the keyboard, and the window after it: the Z shows its day and figures and
closes only once confirmed; then the open window stops selling until the next day's shift
is opened with its cash, and not before 00:00 Tehran time. Every key goes to
``QApplication.focusWidget()``; the terminal's system clock is a ``SteppedClock``."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from window_driver import CASHIER, MANAGER, set_up_store, terminal_settings

from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.domain.clock import SteppedClock
from pos_client.domain.dates import TEHRAN
from pos_client.ui import i18n
from pos_client.ui.app import build_window, make_app
from pos_client.ui.main_window import MainWindow
from pos_client.ui.manager import ManagerScreen, open_manager_screen
from pos_client.ui.pages import Page


class Keyboard:
    """A person at the keyboard: keys go wherever the focus is."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focused(), text)

    def press(self, key: Qt.Key) -> None:
        QTest.keyClick(self.focused(), key)

    def wait_focus(self, name: str) -> None:
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                             and QApplication.focusWidget().objectName() == name,
                             timeout=10_000)


@pytest.fixture
def day_and_clock() -> tuple[dt.date, SteppedClock]:
    day = dt.datetime.now(TEHRAN).date() + dt.timedelta(days=1)
    return day, SteppedClock.tehran(day, 20, 0)


@pytest.fixture
def window(qtbot: Any, central: Central, tmp_path: Path,
           day_and_clock: tuple[dt.date, SteppedClock]) -> Iterator[MainWindow]:
    settings = terminal_settings(tmp_path, central.url, central.token, language="en")
    set_up_store(settings, central.ids["products"])
    make_app(settings)
    counter = Counter.open(settings, clock=day_and_clock[1])
    counter.sync_now()
    shown = build_window(counter)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    try:
        yield shown
    finally:
        shown.close()
        counter.close()
        i18n.set_language("fa")


def _visible(window: QWidget, name: str) -> bool:
    widget = window.findChild(QWidget, name)
    return widget is not None and widget.isVisible()


def _click_into(qtbot: Any, window: Any, name: str) -> None:
    field = window.findChild(QLineEdit, name)
    assert field is not None and field.isVisible() and field.isEnabled(), name
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=10_000)
    if field.text():  # and selects what is left there, to type over it
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def test_the_z_asks_first_and_the_window_then_waits_for_the_next_days_shift(
        qtbot: Any, window: MainWindow, central: Central,
        day_and_clock: tuple[dt.date, SteppedClock]) -> None:
    day, clock = day_and_clock
    keys = Keyboard(qtbot)
    counter = window.counter
    keys.wait_focus("pinInput")
    keys.type(CASHIER[1])
    keys.press(Qt.Key.Key_Return)
    keys.wait_focus("openingCashInput")
    keys.type("500000")
    keys.press(Qt.Key.Key_Return)
    keys.wait_focus("scanInput")
    product = central.products(eligible=True, unit="piece", max_price=False)[0]
    line = counter.line_for(counter.product(product["gtin"]))
    sale = counter.complete([line], None, coupon_rials=0, payment=PaymentChoice("cash")).sale

    screen = open_manager_screen(window, counter, counter.manager(MANAGER[1]))
    qtbot.waitUntil(lambda: not screen.runner.busy, timeout=10_000)
    screen.activateWindow()
    keys.wait_focus("cashCountInput")  # the screen opens with the keys in the count
    keys.type(str(500_000 + sale.total_rials))
    _press_z(keys, screen)
    dialog = _wait_dialog(qtbot, screen)
    shown = dialog.findChild(QLabel, "zConfirmDayLabel").text()
    assert day.isoformat() in shown and "today" in shown
    assert "Sales: 1" in dialog.text() and "Difference" in dialog.text()
    assert keys.focused() is dialog.confirm_button
    keys.press(Qt.Key.Key_Escape)  # not at one click: Esc closes nothing
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert counter.store.business_day(day).status == "open"  # type: ignore[union-attr]
    assert "not closed" in screen.message.text()
    assert window.page is Page.SALE
    keys.wait_focus("zReportButton")  # back on the Z button

    _press_z(keys, screen)
    dialog = _wait_dialog(qtbot, screen)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "day is closed" in screen.message.text(), timeout=20_000)
    assert counter.store.business_day(day).status == "closed"  # type: ignore[union-attr]

    # the window stopped selling: the next day needs its shift, and not before midnight
    qtbot.waitUntil(lambda: window.page is Page.SHIFT, timeout=10_000)
    qtbot.waitUntil(lambda: _visible(window, "shiftNoteLabel"), timeout=10_000)
    assert "00:00 Tehran" in window.findChild(QLabel, "shiftNoteLabel").text()
    screen.hide()
    window.activateWindow()
    _click_into(qtbot, window, "openingCashInput")  # the cashier clicks into the field
    keys.wait_focus("openingCashInput")
    keys.type("700000")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "00:00 Tehran" in window.message_bar.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    assert window.page is Page.SHIFT

    clock.step(dt.timedelta(hours=4, minutes=10))  # 00:10 the next day
    _click_into(qtbot, window, "openingCashInput")  # the cashier clicks into the field
    keys.wait_focus("openingCashInput")
    keys.type("700000")
    keys.press(Qt.Key.Key_Return)
    keys.wait_focus("scanInput")
    shift = counter.store.current_shift(CASHIER[0])
    assert shift is not None and shift.business_date == day + dt.timedelta(days=1)
    assert shift.opening_cash_rials == 700_000


def _press_z(keys: Keyboard, screen: ManagerScreen) -> None:
    """From the count, Tab to the Z button and press it (Space), as a person would."""
    for _ in range(5):
        if keys.focused() is screen.z_button:
            break
        keys.press(Qt.Key.Key_Tab)
    assert keys.focused() is screen.z_button
    keys.press(Qt.Key.Key_Space)


def _wait_dialog(qtbot: Any, screen: ManagerScreen) -> Any:
    qtbot.waitUntil(lambda: screen.z_confirm is not None and screen.z_confirm.isVisible(),
                    timeout=15_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.z_confirm.confirm_button,
                    timeout=5_000)
    return screen.z_confirm


def test_in_persian_the_z_names_its_day_in_jalali_right_to_left_and_esc_closes_nothing(
        qtbot: Any, central: Central, tmp_path: Path) -> None:
    from pos_client.reports.figures import CashCount, DayFigures
    from pos_client.reports.z_preview import ZPreview
    from pos_client.ui.z_confirm import ZConfirmDialog

    make_app(terminal_settings(tmp_path, central.url, central.token, language="fa"))
    preview = ZPreview(dt.date(2026, 1, 10), dt.date(2026, 1, 11),
                       DayFigures(sales_count=3, total_rials=9_000_000),
                       CashCount(1_000_000, 9_000_000, 0, 9_950_000), 0)
    dialog = ZConfirmDialog(None, preview)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.confirm_button, timeout=5_000)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    day = dialog.findChild(QLabel, "zConfirmDayLabel").text()
    assert "۱۴۰۴/۱۰/۲۰" in day and "روز پیش" in day  # 2026-01-10, not today
    assert dialog.findChild(QLabel, "zConfirmEarlierLabel") is not None
    assert "کسری صندوق: ۵۰٬۰۰۰ ریال" in dialog.text()  # a shortage is a word, not "-"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected
