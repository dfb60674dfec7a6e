"""F10 through the card reader in the real window, against central-sim and pcpos-sim.

Keys go to ``QApplication.focusWidget()`` as a cashier types them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from window_driver import Driver, printed_jobs, set_up_store, terminal_settings

from pcpos_sim import SimReader, SimServer

FULL_CARD = "6219863510313864"


@pytest.fixture
def sim() -> Iterator[SimServer]:
    server = SimServer(SimReader()).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def till(qtbot: Any, tmp_path: Path, central: Central, sim: SimServer) -> Iterator[Driver]:
    settings = terminal_settings(tmp_path, central.url, central.token)
    settings.card_terminal.kind = "sadad"
    settings.card_terminal.host = sim.host
    settings.card_terminal.port = sim.port
    settings.card_terminal.timeout_s = 1.0
    settings.card_terminal.response_timeout_s = 60.0
    set_up_store(settings, central.ids["products"])
    driver = Driver(qtbot, settings)
    driver.sign_in()
    try:
        yield driver
    finally:
        driver.close()


def _key(driver: Driver, key: Qt.Key) -> None:
    _key_with(driver, key, Qt.KeyboardModifier.NoModifier)


def _key_with(driver: Driver, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    driver.qtbot.keyClick(widget, key, modifier)


def _type(driver: Driver, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    driver.qtbot.keyClicks(widget, text)


def _wait_focus(driver: Driver, name: str) -> None:
    driver.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                           and QApplication.focusWidget().objectName() == name,
                           timeout=10_000)


def _ring_up(driver: Driver, central: Central) -> int:
    product = central.products(eligible=False)[0]
    driver.click_into(driver.find(QLineEdit, "scanInput"))
    driver.qtbot.keyClicks(QApplication.focusWidget(), product["gtin"])
    _key(driver, Qt.Key.Key_Return)
    driver.wait_idle()
    driver.qtbot.waitUntil(lambda: driver.window.sale.split is not None, timeout=10_000)
    return int(driver.window.sale.split.remainder_rials)


def test_f10_pays_on_the_reader_and_completes_the_sale(till: Driver, central: Central,
                                                       sim: SimServer) -> None:
    due = _ring_up(till, central)
    _key(till, Qt.Key.Key_F10)
    till.dialog("cardReaderDialog")
    till.qtbot.waitUntil(lambda: till.window.sale.outcome is not None, timeout=20_000)
    sale = till.window.sale.outcome.sale
    assert sale.paid("card") == due
    assert sale.extra["card_masked"] == "621986******3864"
    assert [c.amount_rials for c in sim.reader.charges()] == [due]
    till.qtbot.waitUntil(lambda: printed_jobs(till.settings) == 1, timeout=15_000)
    assert FULL_CARD.encode() not in Path(till.settings.printer.path).read_bytes()


def test_esc_cancels_while_the_customer_is_at_the_reader(till: Driver, central: Central,
                                                         sim: SimServer) -> None:
    sim.reader.pin_delay_s = 60
    _ring_up(till, central)
    _key(till, Qt.Key.Key_F10)
    dialog = till.dialog("cardReaderDialog")
    assert sim.reader.waiting_pin.wait(10)
    till.qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()),
                         timeout=5_000)
    _key(till, Qt.Key.Key_Escape)
    till.qtbot.waitUntil(lambda: dialog.retry_button.isVisible(), timeout=20_000)
    assert sim.reader.charges() == []
    assert till.window.sale.outcome is None
    assert till.counter.store.sales_for_day(till.counter.store.sales_date()) == []
    assert dialog.cash_button.isVisible()


def test_an_unknown_outcome_keeps_the_sale_open_until_the_reader_is_checked(
        till: Driver, central: Central, sim: SimServer) -> None:
    sim.reader.set_fault("drop_charged")
    sim.reader.deaf_after_drop = True
    due = _ring_up(till, central)
    _key(till, Qt.Key.Key_F10)
    dialog = till.dialog("cardReaderDialog")
    till.qtbot.waitUntil(lambda: dialog.check_button.isVisible(), timeout=30_000)
    assert till.window.sale.outcome is None
    sim.reader.clear_faults()  # the reader answers again
    till.qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.check_button,
                         timeout=5_000)
    _key(till, Qt.Key.Key_Space)
    till.qtbot.waitUntil(lambda: till.window.sale.outcome is not None, timeout=20_000)
    assert till.window.sale.outcome.sale.paid("card") == due
    assert len(sim.reader.charges()) == 1


def test_voiding_a_card_paid_sale_says_to_refund_it_on_the_reader(
        till: Driver, central: Central, sim: SimServer) -> None:
    from window_driver import MANAGER
    _ring_up(till, central)
    _key(till, Qt.Key.Key_F10)
    till.qtbot.waitUntil(lambda: till.window.sale.outcome is not None, timeout=20_000)
    rrn = till.window.sale.outcome.sale.extra["card_rrn"]
    _key_with(till, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # Ctrl+D
    till.dialog("voidDialog")
    _wait_focus(till, "managerPinInput")  # the newest sale is selected; the PIN first
    _type(till, MANAGER[1])
    _key(till, Qt.Key.Key_Tab)
    _wait_focus(till, "voidReasonInput")
    _type(till, "customer returned it")
    _key(till, Qt.Key.Key_Return)
    assert rrn in till.wait_message("کارتخوان", "باطل شد")
