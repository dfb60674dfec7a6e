"""The sale screen's phases in the real window: what is scanned while a sale is being
recorded never lands in the sale being recorded.

The product lookup and the recording are the real ones; a ``threading.Event`` holds each
one back until the test lets it go, so the lookup's answer lands exactly while the sale is
being recorded (no sleeps, no timing).
"""

from __future__ import annotations

import threading
from typing import Any

from central_support import Central
from keyboard import KEY, Keyboard
from PySide6.QtWidgets import QTableWidget
from window_driver import Driver

from pos_client.ui.phase import Phase


def _gate(counter: Any, name: str, *, when: Any = None) -> tuple[threading.Event,
                                                                   threading.Event]:
    """Hold ``counter.<name>`` back (for calls ``when`` accepts): returns (started, go)."""
    real = getattr(counter, name)
    started, go = threading.Event(), threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        if when is None or when(*args):
            started.set()
            assert go.wait(30), f"{name} was never let go"
        return real(*args, **kwargs)
    setattr(counter, name, held)
    return started, go


def test_an_item_whose_lookup_lands_while_the_sale_is_recorded_goes_to_the_next_sale(
        terminal: Driver, central: Central) -> None:
    first, second = central.products(eligible=False, unit="piece")[:2]
    terminal.sign_in()
    window, sale_screen, qtbot = terminal.window, terminal.window.sale, terminal.qtbot
    keys = Keyboard(qtbot)
    keys.type_enter(first["gtin"])
    qtbot.waitUntil(lambda: len(sale_screen.basket.lines) == 1, timeout=15_000)
    terminal.wait_idle()

    lookup_started, lookup_go = _gate(terminal.counter, "product",
                                      when=lambda text: text == second["gtin"])
    recording_started, recording_go = _gate(terminal.counter, "complete")
    keys.type_enter(second["gtin"])  # a busy store: this lookup is slow
    qtbot.waitUntil(lookup_started.is_set, timeout=15_000)
    keys.press(KEY.Key_F12)  # nothing chosen yet: the cash is asked for
    terminal.dialog("tenderDialog")
    keys.enter()  # exact cash
    qtbot.waitUntil(recording_started.is_set, timeout=15_000)
    assert sale_screen.completing

    lookup_go.set()  # the lookup's answer arrives while the sale is being recorded
    qtbot.waitUntil(lambda: second["name_fa"] in terminal.message(), timeout=15_000)
    recording_go.set()
    qtbot.waitUntil(lambda: not window.runner.busy and not sale_screen.completing,
                    timeout=15_000)

    recorded = terminal.counter.store.sales_for_day(terminal.counter.store.sales_date())
    assert [[line.gtin for line in s.lines] for s in recorded] == [[first["gtin"]]]
    receipt = terminal.counter.store.receipt_doc(recorded[0].txn_id) or ""
    assert first["name_fa"] in receipt and second["name_fa"] not in receipt
    # The screen agrees: the recorded sale is over, the late item is the next sale's.
    table = terminal.find(QTableWidget, "cartTable")
    shown = [" ".join(table.item(row, c).text() for c in range(table.columnCount())
                      if table.item(row, c)) for row in range(table.rowCount())]
    assert len(shown) == 1 and second["name_fa"] in shown[0], shown
    assert [line.gtin for line in sale_screen.basket.lines] == [second["gtin"]]
    assert second["name_fa"] in terminal.message()
    assert sale_screen.phase is Phase.EDITING


def test_a_household_identified_while_the_sale_is_recorded_is_the_next_sales(
        terminal: Driver, central: Central) -> None:
    product = central.products(eligible=False, unit="piece")[0]
    buyer = central.buyer()
    terminal.sign_in()
    sale_screen, qtbot = terminal.window.sale, terminal.qtbot
    keys = Keyboard(qtbot)
    keys.type_enter(product["gtin"])
    qtbot.waitUntil(lambda: len(sale_screen.basket.lines) == 1, timeout=15_000)
    terminal.wait_idle()

    asked, answer_go = _gate(terminal.counter, "identify")
    recording_started, recording_go = _gate(terminal.counter, "complete")
    keys.press(KEY.Key_F2)
    keys.type_enter(buyer["national_code"])  # the service is slow to answer
    qtbot.waitUntil(asked.is_set, timeout=15_000)
    keys.press(KEY.Key_F12)
    terminal.dialog("tenderDialog")
    keys.enter()
    qtbot.waitUntil(recording_started.is_set, timeout=15_000)
    answer_go.set()  # the household arrives while the sale (without it) is recorded
    qtbot.waitUntil(lambda: sale_screen.completion.waiting_household is not None, timeout=15_000)
    assert sale_screen.household is None  # the sale being recorded is not for it
    recording_go.set()
    qtbot.waitUntil(lambda: not terminal.window.runner.busy and not sale_screen.completing,
                    timeout=15_000)

    (recorded,) = terminal.counter.store.sales_for_day(terminal.counter.store.sales_date())
    assert recorded.household_key is None and recorded.coupon_rials == 0
    assert sale_screen.phase is Phase.EDITING and not sale_screen.basket.lines
    assert sale_screen.household is not None  # the next sale is the household's
    assert sale_screen.household.masked[-4:] == buyer["national_code"][-4:]
