"""Keyboard-only acceptance: the end of a cashier's day and the next morning, in Persian
and in English. Two cash sales; one voided (Ctrl+D, its void slip printed), then
reprinted as voided (Ctrl+R); the drawer opened without a sale (Ctrl+O); the manager's
screen (Ctrl+M): the blind count, X, and the Z with its confirmation; then the window
waits for the next day's shift, opened the next morning with its cash.

Every key goes to ``QApplication.focusWidget()``; the screen is read by object names.
The terminal's system clock is a ``SteppedClock`` (the next morning comes by a step).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from central_support import Central
from keyboard import CTRL, KEY
from shift import Cashier
from window_driver import CASHIER, MANAGER, MakeTerminal, printed_jobs

from pos_client.domain.clock import SteppedClock
from pos_client.domain.dates import TEHRAN
from pos_client.ui import i18n
from pos_client.ui.pages import Page


@pytest.fixture
def day() -> dt.date:
    return dt.datetime.now(TEHRAN).date() + dt.timedelta(days=1)


@pytest.fixture
def clock(day: dt.date) -> SteppedClock:
    return SteppedClock.tehran(day, 20, 0)


@pytest.fixture(params=["fa", "en"])
def cashier(request: pytest.FixtureRequest, make_terminal: MakeTerminal, central: Central,
            clock: SteppedClock) -> Iterator[Cashier]:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language=request.param, clock=clock)
    yield Cashier(terminal, central)


def cash_sale(cashier: Cashier, gtin: str) -> Any:
    sale_screen = cashier.terminal.window.sale
    cashier.scan(gtin)
    # the scan's own line, in a new sale (not the last sale's receipt message)
    cashier.terminal.qtbot.waitUntil(lambda: sale_screen.outcome is None
                                     and len(sale_screen.basket.lines) == 1, timeout=15_000)
    cashier.in_dialog(KEY.Key_F9, "tenderDialog", "tenderedInput", None)  # exact cash
    return cashier.completed()


def manager_pin(cashier: Cashier, dialog: str) -> None:
    cashier.screen.wait_dialog(dialog)
    cashier.screen.wait_focus("managerPinInput")
    cashier.kb.type(cashier.digits(MANAGER[1]))


def jobs_printed(cashier: Cashier, count: int) -> None:
    settings = cashier.terminal.settings
    cashier.terminal.qtbot.waitUntil(lambda: printed_jobs(settings) == count, timeout=15_000)


def test_void_reprint_drawer_x_and_z_then_the_next_morning(
        cashier: Cashier, central: Central, clock: SteppedClock, day: dt.date) -> None:
    screen, kb, terminal = cashier.screen, cashier.kb, cashier.terminal
    counter, qtbot = terminal.counter, terminal.qtbot
    cashier.sign_in(opening_cash="500000")
    goods = central.products(eligible=False, unit="piece")
    kept = cash_sale(cashier, goods[0]["gtin"])
    jobs_printed(cashier, 1)
    voided = cash_sale(cashier, goods[1]["gtin"])
    jobs_printed(cashier, 2)

    # Ctrl+D: the newest sale is selected; the PIN, Tab, the reason, Enter
    kb.press(KEY.Key_D, CTRL)
    manager_pin(cashier, "voidDialog")
    kb.press(KEY.Key_Tab)
    assert screen.focus_name() == "voidReasonInput"
    kb.type_enter("wrong goods")
    screen.wait_closed("voidDialog")
    qtbot.waitUntil(lambda: counter.store.get_sale(voided.txn_id).voided, timeout=15_000)
    screen.wait_message(i18n.money(voided.total_rials))  # the cash to give back
    jobs_printed(cashier, 3)  # the void slip
    assert counter.store.get_sale(kept.txn_id).voided is False

    # Ctrl+R: the newest (voided) sale, reprinted as voided
    kb.press(KEY.Key_R, CTRL)
    screen.wait_dialog("reprintDialog")
    kb.enter()
    screen.wait_closed("reprintDialog")
    jobs_printed(cashier, 4)

    # Ctrl+O: the drawer, under the manager's PIN; recorded for the X and the Z
    kb.press(KEY.Key_O, CTRL)
    manager_pin(cashier, "drawerDialog")
    kb.enter()
    screen.wait_closed("drawerDialog")
    qtbot.waitUntil(lambda: len(counter.x_report().drawer_opens) == 1, timeout=15_000)

    # Ctrl+M: the manager's screen opens on the blind count
    kb.press(KEY.Key_M, CTRL)
    manager_pin(cashier, "managerDialog")
    kb.enter()
    screen.wait_focus("cashCountInput")
    kb.type(cashier.digits(str(500_000 + kept.total_rials)))
    kb.press(KEY.Key_Tab)
    assert screen.focus_name() == "xReportButton"
    kb.press(KEY.Key_Space)
    manager = terminal.window.protected.screen
    qtbot.waitUntil(lambda: manager.report is not None, timeout=20_000)
    assert (manager.report.kind, len(manager.report.drawer_opens)) == ("X", 1)
    screen.wait_focus("xReportButton")
    kb.press(KEY.Key_Tab)
    assert screen.focus_name() == "zReportButton"
    kb.press(KEY.Key_Space)
    screen.wait_focus("zConfirmButton")  # the day and its figures, shown first
    kb.enter()
    qtbot.waitUntil(lambda: counter.store.business_day(day) is not None
                    and counter.store.business_day(day).status == "closed", timeout=20_000)
    qtbot.waitUntil(lambda: manager.report.kind == "Z", timeout=20_000)
    assert (manager.report.z_no, manager.report.business_date) == (1, day)
    screen.wait_focus("zReportButton")
    kb.press(KEY.Key_Escape)  # the manager's screen closes; the keys go back to the till

    # the window stopped selling: the shift page, and not before 00:00 in Tehran
    screen.wait_focus("openingCashInput")
    assert terminal.window.page is Page.SHIFT
    clock.step(dt.timedelta(hours=4, minutes=10))  # 00:10, the next morning
    kb.type_enter(cashier.digits("700000"))
    screen.wait_focus("scanInput")
    shift = counter.store.current_shift(CASHIER[0])
    assert shift is not None and shift.business_date == day + dt.timedelta(days=1)
    assert shift.opening_cash_rials == 700_000
