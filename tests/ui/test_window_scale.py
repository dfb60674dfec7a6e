"""F7 and the scale in the real window: a Toledo 8217 simulator on a pty, central-sim, a
real data dir; keys go to whatever has focus, as a cashier types."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from window_driver import Driver, set_up_store

from pos_client.devices.scale_sim import ScaleSim, toledo_status, toledo_weight
from pos_client.domain.barcode import gtin_check_digit
from pos_client.domain.receipts import ReceiptDoc
from pos_client.settings.config import settings_for
from pos_client.ui import i18n

LAYOUT = "2PPPPPWWWWWC"


@pytest.fixture
def scale_sim() -> Iterator[ScaleSim]:
    sim, path = ScaleSim.on_pty("toledo8217")
    sim.path = path  # type: ignore[attr-defined]
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def till(qtbot: Any, tmp_path: Path, central: Central,
         scale_sim: ScaleSim) -> Iterator[Driver]:
    root = tmp_path / "terminal"
    settings = settings_for(
        root / "data", central={"url": central.url, "token": central.token, "timeout_s": 3.0},
        printer={"kind": "file", "path": str(root / "receipts.bin")},
        scale={"kind": "serial", "url": scale_sim.path,  # type: ignore[attr-defined]
               "protocol": "toledo8217", "label_layout": LAYOUT})
    set_up_store(settings, central.ids["products"])
    driver = Driver(qtbot, settings)
    try:
        assert driver.counter.scale.line.connected.wait(5)
        yield driver
    finally:
        driver.close()
        i18n.set_language("fa")


def focused(till: Driver) -> Any:
    """What has the keyboard now (the window is made the active one first)."""
    if QApplication.activeWindow() is None:
        till.window.activateWindow()
        till.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    target = QApplication.focusWidget()
    assert target is not None
    return target


def press(till: Driver, key: Qt.Key) -> None:
    """One key to whatever has focus now, as the cashier's keyboard sends it."""
    till.qtbot.keyClick(focused(till), key)


def type_text(till: Driver, text: str) -> None:
    target = focused(till)
    till.qtbot.keyClicks(target, text)
    till.qtbot.keyClick(target, Qt.Key.Key_Return)


def kg_item(central: Central) -> dict[str, Any]:
    return central.products(eligible=True, unit="kg")[0]


def journal_sale(till: Driver) -> dict[str, Any]:
    sales = [e for e in till.counter.store.journal_entries() if e[2] == "sale"]
    return dict(sales[-1][4])


def complete_exact_cash(till: Driver) -> Any:
    press(till, Qt.Key.Key_F12)
    dialog = till.dialog("tenderDialog")
    till.type_in_dialog(dialog, "tenderedInput", "", enter=True)  # Enter: the exact sum
    till.qtbot.waitUntil(lambda: till.window.sale.outcome is not None, timeout=15_000)
    return till.window.sale.outcome


def test_f7_weighs_the_selected_kg_line_and_the_sale_keeps_it_as_scale_weight(
        till: Driver, central: Central, scale_sim: ScaleSim) -> None:
    item = kg_item(central)
    till.sign_in()
    type_text(till, item["gtin"])
    dialog = till.dialog("qtyDialog")  # a kg item asks for its weight ...
    press(till, Qt.Key.Key_Escape)  # ... the cashier puts it on the scale instead
    till.qtbot.waitUntil(lambda: not dialog.isVisible())
    scale_sim.answer(toledo_status(0x01), toledo_weight("01.235"))
    press(till, Qt.Key.Key_F7)
    till.wait_message("۱٫۲۳۵")
    line = till.window.sale.basket.lines[0]
    assert (line.qty_milli, line.weight_source) == (1235, "scale")
    assert till.cart_cell(0, 3).text() == "۱٫۲۳۵"
    assert "وزن دستی" not in till.cart_cell(0, 2).text()
    outcome = complete_exact_cash(till)
    assert outcome.sale.lines[0].weight_source == "scale"
    assert journal_sale(till)["line_notes"][0][0] == "scale"
    assert "(دستی)" not in " ".join(outcome.receipt.texts())


def test_f7_with_no_kg_line_weighs_the_next_kg_item_scanned(
        till: Driver, central: Central, scale_sim: ScaleSim) -> None:
    till.sign_in()
    scale_sim.answer(toledo_weight("00.640"))
    press(till, Qt.Key.Key_F7)
    till.wait_message("ترازو")
    type_text(till, kg_item(central)["gtin"])
    till.qtbot.waitUntil(lambda: bool(till.window.sale.basket.lines) and
                         till.window.sale.basket.lines[0].weight_source == "scale",
                         timeout=15_000)
    assert till.window.sale.basket.lines[0].qty_milli == 640
    assert till.visible_dialog("qtyDialog") is None


def test_a_moving_or_overloaded_scale_says_so_and_changes_nothing(
        till: Driver, central: Central, scale_sim: ScaleSim) -> None:
    till.counter.scale.settle_timeout_s = 0.6
    till.sign_in()
    type_text(till, kg_item(central)["gtin"])
    till.dialog("qtyDialog")
    press(till, Qt.Key.Key_Escape)
    before = till.window.sale.basket.lines[0]
    scale_sim.answer(toledo_status(0x02))
    press(till, Qt.Key.Key_F7)
    till.wait_message("ظرفیت")
    scale_sim.answer(toledo_status(0x01))
    press(till, Qt.Key.Key_F7)
    till.wait_message("ثابت نیست")
    assert till.window.sale.basket.lines[0] == before


def test_a_typed_weight_is_marked_on_screen_receipt_and_journal(
        till: Driver, central: Central) -> None:
    till.sign_in()
    type_text(till, kg_item(central)["gtin"])
    dialog = till.dialog("qtyDialog")
    field = dialog.findChild(QLineEdit, "qtyInput")
    till.click_into(field)  # the cashier clicks into the weight field
    till.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A,
                        Qt.KeyboardModifier.ControlModifier)  # and selects what it holds
    type_text(till, "2.5")
    till.qtbot.waitUntil(lambda: till.window.sale.basket.lines[0].qty_milli == 2500,
                         timeout=15_000)
    assert "وزن دستی" in till.cart_cell(0, 2).text()
    outcome = complete_exact_cash(till)
    assert outcome.sale.lines[0].weight_source == "typed"
    assert journal_sale(till)["line_notes"][0][0] == "typed"
    texts = ReceiptDoc.from_json(outcome.receipt.to_json()).texts()
    assert any("(دستی)" in text for text in texts)


def test_a_label_scale_code_rings_up_its_product_by_plu_with_the_labels_weight(
        till: Driver, central: Central, tmp_path: Path) -> None:
    item = kg_item(central)
    plus = tmp_path / "plu.csv"
    with plus.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["plu", "gtin"], ["417", item["gtin"]]])
    assert till.counter.store.import_plu(plus).accepted == 1
    body = "21" + "00417" + "01830"
    code = body + str(gtin_check_digit(body))
    till.sign_in()
    type_text(till, code)
    till.qtbot.waitUntil(lambda: bool(till.window.sale.basket.lines), timeout=15_000)
    line = till.window.sale.basket.lines[0]
    assert (line.gtin, line.qty_milli, line.weight_source) == (item["gtin"], 1830, "label")
    assert line.group == item["group"]
    bad = body[:-1] + str((int(body[-1]) + 1) % 10)
    type_text(till, bad + str(gtin_check_digit(body)))  # check digit of another code
    till.wait_message("نامعتبر")
    assert len(till.window.sale.basket.lines) == 1


def test_f7_without_a_scale_says_to_type_the_weight(terminal: Driver, central: Central) -> None:
    terminal.sign_in()
    type_text(terminal, kg_item(central)["gtin"])
    terminal.dialog("qtyDialog")
    press(terminal, Qt.Key.Key_Escape)
    before = terminal.window.sale.basket.lines[0]
    press(terminal, Qt.Key.Key_F7)
    terminal.wait_message("F4")
    assert terminal.window.sale.basket.lines[0] == before


def test_a_basket_dropped_unsold_counts_its_lines_as_voided_for_the_cashier(
        terminal: Driver, central: Central) -> None:
    pieces = central.products(eligible=True, unit="piece")[:3]
    terminal.sign_in()
    for product in pieces:
        terminal.scan(product["gtin"])
    press(terminal, Qt.Key.Key_F8)  # void the selected (last) line
    terminal.qtbot.waitUntil(lambda: len(terminal.window.sale.basket.lines) == 2)
    terminal.qtbot.keyClick(focused(terminal), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    terminal.qtbot.waitUntil(lambda: any(
        e[2] == "basket_abandoned" for e in terminal.counter.store.journal_entries()),
        timeout=15_000)
    terminal.scan(pieces[0]["gtin"])
    # Signed out over a basket (Ctrl+L): still the cashier's.
    terminal.qtbot.keyClick(focused(terminal), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    terminal.qtbot.waitUntil(lambda: sum(
        e[2] == "basket_abandoned" for e in terminal.counter.store.journal_entries()) == 2,
        timeout=15_000)
    terminal.wait_idle()
    (row,) = terminal.counter.x_report().figures.inspection
    assert (row.cashier, row.voided_lines, row.abandoned_baskets) == ("رضایی", 4, 2)
