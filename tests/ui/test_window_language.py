"""Persian and right-to-left by default; English, left-to-right, when configured."""

from __future__ import annotations

from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from window_driver import Driver, MakeTerminal

from pos_client.ui import i18n


def test_every_string_of_the_window_exists_in_persian_and_english() -> None:
    for key, (fa, en) in i18n.TEXTS.items():
        assert fa.strip() and en.strip(), key
    for key, text in i18n.KEYS:
        assert text in i18n.TEXTS, key


def test_the_help_lists_every_function_key_the_window_answers_to() -> None:
    listed = {key for key, _text in i18n.KEYS}
    for key in ("F1", "F2", "F3", "F4", "F6", "F8", "F9", "F10", "F12", "Esc", "Ctrl+N",
                "Ctrl+R", "Ctrl+M"):
        assert key in listed


def test_the_window_is_persian_and_right_to_left_by_default(terminal: Driver) -> None:
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert terminal.label("totalLabel") == "۰ ریال"


def test_an_english_terminal_reads_left_to_right_with_ascii_digits(
        make_terminal: MakeTerminal, central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language="en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    terminal.sign_in()
    terminal.identify("1234567890")
    assert "check digit is wrong" in terminal.wait_message("Invalid national code")
    terminal.scan(central.products(eligible=False)[0]["gtin"])
    assert terminal.label("totalLabel").endswith("rials")
    assert terminal.label("totalLabel")[0].isascii()


# shared/automation.md: names store IT staff and acceptance tests rely on.
SALE_WINDOW_NAMES = [
    "customerInput", "identifyButton", "householdPanel", "spendableLabel",
    "windowStatusLabel", "scanInput", "cartTable", "qtyButton", "voidLineButton",
    "totalLabel", "eligibleLabel", "copayLabel", "couponLabel", "remainderLabel",
    "payCashButton", "payCardButton", "completeButton", "newSaleButton", "voidSaleButton",
    "reprintButton", "syncStatusLabel", "unsentCountLabel", "messageBar", "reportsButton",
]


def test_every_widget_name_of_the_automation_contract_is_there(terminal: Driver) -> None:
    window = terminal.window
    assert window.findChild(QWidget, "pinInput") is not None
    assert window.findChild(QWidget, "loginButton") is not None
    terminal.sign_in()
    missing = [name for name in SALE_WINDOW_NAMES if window.findChild(QWidget, name) is None]
    assert missing == []
