"""A scan or a swipe lands in the right place whatever has focus (keyboard wedge)."""

from __future__ import annotations

from central_support import Central
from PySide6.QtWidgets import QLineEdit
from window_driver import Driver, wedge


def test_a_barcode_scanned_into_the_customer_field_goes_to_the_basket(
        terminal: Driver, central: Central) -> None:
    product = central.products(eligible=True, unit="piece")[0]
    terminal.sign_in()
    customer = terminal.find(QLineEdit, "customerInput")
    terminal.click_into(customer)
    wedge(product["gtin"], gap_ms=4)
    terminal.qtbot.waitUntil(lambda: len(terminal.window.sale.basket.lines) == 1, timeout=15_000)
    assert terminal.window.sale.basket.lines[0].gtin == product["gtin"]
    assert customer.text() == ""
    assert terminal.window.sale.household is None


def test_a_card_swiped_while_the_barcode_field_has_focus_identifies_the_household(
        terminal: Driver, central: Central) -> None:
    holder = next(h for h in central.ids["households"] if h["cards"] and h["status"] == "active")
    terminal.sign_in()
    scan = terminal.find(QLineEdit, "scanInput")
    terminal.click_into(scan)
    wedge(f";{holder['cards'][0]}=29031010000000000000?", gap_ms=3)
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    assert terminal.window.sale.household.key == holder["key"]
    assert scan.text() == "" and terminal.window.sale.basket.lines == []


def test_a_person_typing_a_national_code_is_not_taken_for_a_scan(
        terminal: Driver, central: Central) -> None:
    buyer = central.buyer()
    terminal.sign_in()
    customer = terminal.find(QLineEdit, "customerInput")
    terminal.click_into(customer)
    wedge(buyer["national_code"], gap_ms=180)  # a person's pace, with Enter
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    assert terminal.window.sale.basket.lines == []
