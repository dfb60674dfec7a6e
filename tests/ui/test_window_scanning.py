"""A scan or a swipe lands in the right place whatever has focus (keyboard wedge)."""

from __future__ import annotations

import itertools

from central_support import Central
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from window_driver import Driver

_clock = itertools.count(10_000_000, 1000)  # key times in ms, each burst well after the last


def type_keys(widget: QLineEdit, text: str, *, gap_ms: int) -> None:
    """Keys as a device (a few ms apart) or a person (slower) sends them, then Enter."""
    moment = next(_clock)
    for char in [*text, "\r"]:
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                              "" if char == "\r" else char)
            event.setTimestamp(moment)
            QApplication.sendEvent(widget, event)
        moment += gap_ms


def test_a_barcode_scanned_into_the_customer_field_goes_to_the_basket(
        terminal: Driver, central: Central) -> None:
    product = central.products(eligible=True, unit="piece")[0]
    terminal.sign_in()
    customer = terminal.find(QLineEdit, "customerInput")
    customer.setFocus()
    type_keys(customer, product["gtin"], gap_ms=4)
    terminal.qtbot.waitUntil(lambda: len(terminal.window.sale.basket.lines) == 1, timeout=15_000)
    assert terminal.window.sale.basket.lines[0].gtin == product["gtin"]
    assert customer.text() == ""
    assert terminal.window.sale.household is None


def test_a_card_swiped_while_the_barcode_field_has_focus_identifies_the_household(
        terminal: Driver, central: Central) -> None:
    holder = next(h for h in central.ids["households"] if h["cards"] and h["status"] == "active")
    terminal.sign_in()
    scan = terminal.find(QLineEdit, "scanInput")
    scan.setFocus()
    type_keys(scan, f";{holder['cards'][0]}=29031010000000000000?", gap_ms=3)
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    assert terminal.window.sale.household.key == holder["key"]
    assert scan.text() == "" and terminal.window.sale.basket.lines == []


def test_a_person_typing_a_national_code_is_not_taken_for_a_scan(
        terminal: Driver, central: Central) -> None:
    buyer = central.buyer()
    terminal.sign_in()
    customer = terminal.find(QLineEdit, "customerInput")
    customer.setFocus()
    type_keys(customer, buyer["national_code"], gap_ms=180)
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    assert terminal.window.sale.basket.lines == []
