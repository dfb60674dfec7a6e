"""A terminal over a real central-sim, a real data dir and a file printer, and its window
driven by object names as a cashier (or a store's script) would drive it."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QTableWidget, QWidget

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


class Driver:
    """The window, driven by object names; every wait is ``qtbot.waitUntil``."""

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

    def type_into(self, name: str, text: str, *, enter: bool = False) -> None:
        field = self.find(QLineEdit, name)
        field.setFocus()
        field.setText(text)
        if enter:
            self.qtbot.keyClick(field, Qt.Key.Key_Return)

    def wait_message(self, *parts: str, timeout: int = 15_000) -> str:
        self.qtbot.waitUntil(lambda: all(p in self.message() for p in parts), timeout=timeout)
        return self.message()

    def wait_idle(self, timeout: int = 15_000) -> None:
        self.qtbot.waitUntil(lambda: not self.window.runner.busy, timeout=timeout)

    def dialog(self, name: str) -> Any:
        self.qtbot.waitUntil(lambda: self._visible_dialog(name) is not None, timeout=10_000)
        return self._visible_dialog(name)

    def _visible_dialog(self, name: str) -> Any:
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
        field = dialog.findChild(QLineEdit, "tenderedInput")
        field.setText(tendered)
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
