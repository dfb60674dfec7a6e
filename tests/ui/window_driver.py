"""A terminal over a real central-sim, a real data dir and a file printer, and its window
driven as a cashier drives it: clicks on what a person clicks (found by object name), and
keys sent to ``QApplication.focusWidget()``; object names never write into a widget."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from pos_client.counter import Counter
from pos_client.devices.escpos_decode import DecodeError, decode_jobs
from pos_client.settings.config import Settings, settings_for
from pos_client.store import Store
from pos_client.ui.app import build_window, make_app
from pos_client.ui.main_window import MainWindow

CASHIER = ("رضایی", "1111")
MANAGER = ("مدیر", "9999")


def terminal_settings(root: Path, central_url: str, token: str, *, language: str = "fa",
                      timeout_s: float = 3.0) -> Settings:
    return settings_for(root / "data",
                        central={"url": central_url, "token": token, "timeout_s": timeout_s},
                        printer={"kind": "file", "path": str(root / "receipts.bin")},
                        terminal={"language": language})


def set_up_store(settings: Settings, products: list[dict[str, Any]]) -> None:
    """Users and the store's price list, as the manager would set them up."""
    settings.data_path.mkdir(parents=True, exist_ok=True)
    prices = settings.data_path.parent / "prices.csv"
    with prices.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["gtin", "name", "price_rials", "unit", "name_en"])
        for p in products:
            writer.writerow([p["gtin"], p["name_fa"], p["price_rials"], p["unit"],
                             p.get("name_en", "")])
    with Store.open(settings.data_path) as store:
        store.add_user(CASHIER[0], "cashier", CASHIER[1])
        store.add_user(MANAGER[0], "manager", MANAGER[1])
        store.import_products(prices, by=MANAGER[0])


def focus_widget(qtbot: Any) -> QWidget:
    """Where a key goes now (what the window system queued, a dialog's activation, first)."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_keys(qtbot: Any, text: str) -> None:
    """``text`` typed key by key into the focus widget; a Persian letter comes as a
    Persian layout sends it (a key event carrying the character: QTest spells ASCII)."""
    for char in text:
        widget = focus_widget(qtbot)
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(
                    kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def press(qtbot: Any, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus_widget(qtbot), key, modifier)


_device_clock = iter(range(10_000_000, 10**12, 1000))  # key times (ms), bursts far apart


def wedge(text: str, *, gap_ms: int = 3) -> None:
    """What a keyboard-wedge device (scanner, card reader) sends: its keys a few ms apart
    (``gap_ms``; a person is slower), then Enter, to whatever has the focus."""
    moment = next(_device_clock)
    for char in [*text, "\r"]:
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                              "" if char == "\r" else char)
            event.setTimestamp(moment)
            widget = QApplication.focusWidget()
            assert widget is not None, "no widget has the keys"
            QApplication.sendEvent(widget, event)
        moment += gap_ms


class Driver:
    """The window, driven by a person's clicks and keys; every wait is ``qtbot.waitUntil``."""

    def __init__(self, qtbot: Any, settings: Settings, clock: Any = None) -> None:
        self.qtbot = qtbot
        self.settings = settings
        make_app(settings)
        self.counter = Counter.open(settings, clock=clock)
        self.counter.sync_now()
        self.window: MainWindow = build_window(self.counter)
        qtbot.addWidget(self.window)
        self.window.show()

    def close(self) -> None:
        self.window.close()
        self.counter.close()

    # --- finding things -------------------------------------------------------------------
    def find(self, kind: type, name: str) -> Any:
        widget = self.window.findChild(kind, name)
        assert widget is not None, f"no {kind.__name__} named {name}"
        return widget

    def text(self, name: str) -> str:
        return str(self.find(QWidget, name).text())

    def message(self) -> str:
        return self.text("messageBar")

    def click(self, name: str) -> None:
        self.qtbot.mouseClick(self.find(QPushButton, name), Qt.MouseButton.LeftButton)

    def click_into(self, field: QWidget) -> None:
        """A person's click into a visible, enabled field: the keys go there next."""
        assert field.isVisible() and field.isEnabled(), field.objectName()
        self.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=10_000)

    def type_into(self, name: str, text: str, *, enter: bool = False) -> None:
        """Click into the field named ``name``, select what it holds and type ``text``."""
        field = self.find(QLineEdit, name)
        self.click_into(field)
        if field.text():
            press(self.qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_keys(self.qtbot, text)
        if enter:
            press(self.qtbot, Qt.Key.Key_Return)

    def type_in_dialog(self, dialog: QDialog, field: str, text: str, *,
                       enter: bool = False) -> None:
        """Type into the dialog where its keys are; ``field`` is the name they must be in
        (the dialog puts them there, or a Tab moves them on, as a person would see)."""
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                             and dialog.isAncestorOf(QApplication.focusWidget()),
                             timeout=10_000)
        for _ in range(8):
            if focus_widget(self.qtbot).objectName() == field:
                break
            press(self.qtbot, Qt.Key.Key_Tab)
        widget = focus_widget(self.qtbot)
        assert widget.objectName() == field, widget.objectName()
        if isinstance(widget, QLineEdit) and widget.text():
            press(self.qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_keys(self.qtbot, text)
        if enter:
            press(self.qtbot, Qt.Key.Key_Return)

    def wait_message(self, *parts: str, timeout: int = 15_000) -> str:
        self.qtbot.waitUntil(lambda: all(p in self.message() for p in parts), timeout=timeout)
        return self.message()

    def wait_idle(self, timeout: int = 15_000) -> None:
        self.qtbot.waitUntil(lambda: not self.window.runner.busy, timeout=timeout)

    def dialog(self, name: str) -> Any:
        self.qtbot.waitUntil(lambda: self.visible_dialog(name) is not None, timeout=10_000)
        return self.visible_dialog(name)

    def visible_dialog(self, name: str) -> Any:
        for dialog in self.window.findChildren(QDialog, name):
            if dialog.isVisible():
                return dialog
        return None

    # --- a cashier's steps ----------------------------------------------------------------
    def sign_in(self, pin: str = CASHIER[1], opening_cash: str = "0") -> None:
        self.type_into("pinInput", pin)
        self.click("loginButton")
        self.qtbot.waitUntil(lambda: self.find(QLineEdit, "openingCashInput").isVisible()
                             or self.find(QLineEdit, "scanInput").isVisible(), timeout=15_000)
        if self.find(QLineEdit, "openingCashInput").isVisible():
            self.type_into("openingCashInput", opening_cash)
            self.click("openShiftButton")
        self.qtbot.waitUntil(lambda: self.find(QLineEdit, "scanInput").isVisible(),
                             timeout=10_000)

    def identify(self, text: str) -> None:
        self.type_into("customerInput", text)
        self.click("identifyButton")
        self.wait_idle()

    def scan(self, gtin: str) -> None:
        """Type a barcode and Enter, then wait for the scan's own answer: the basket or the
        message bar changes (a row count ``>=`` the old one was true at once)."""
        def state() -> tuple[int, str, str]:
            return (self.find(QTableWidget, "cartTable").rowCount(), self.label("totalLabel"),
                    self.message())
        before = state()
        self.type_into("scanInput", gtin, enter=True)
        self.qtbot.waitUntil(lambda: state() != before, timeout=15_000)
        self.wait_idle()

    def pay_cash(self, tendered: str = "") -> None:
        self.click("payCashButton")
        dialog = self.dialog("tenderDialog")
        self.type_in_dialog(dialog, "tenderedInput", tendered)
        self.qtbot.mouseClick(dialog.findChild(QPushButton, "tenderOkButton"),
                              Qt.MouseButton.LeftButton)

    def cart_cell(self, row: int, column: int) -> Any:
        return self.find(QTableWidget, "cartTable").item(row, column)

    def label(self, name: str) -> str:
        return str(self.find(QLabel, name).text())


def printed_jobs(settings: Settings) -> int:
    """Whole jobs the file printer holds; -1 while a job is still being written."""
    path = Path(settings.printer.path)
    try:
        return len(decode_jobs(path.read_bytes())) if path.exists() else 0
    except DecodeError:
        return -1


MakeTerminal = Callable[..., Driver]
