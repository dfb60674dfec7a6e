"""The customer display window, read back in every state of a sale driven by keystrokes.

The cashier's window is driven as a person types (keys to ``QApplication.focusWidget()``);
the customer's window is only read, by object names.
"""

from __future__ import annotations

import os
import select
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QWidget
from window_driver import CASHIER, MANAGER, Driver, set_up_store, terminal_settings

from pos_client.counter.checkout import PaymentChoice
from pos_client.devices.pole_display import decode_frames
from pos_client.domain.customer_view import shown_figures
from pos_client.domain.errors import RuleViolation
from pos_client.store import Store
from pos_client.ui import i18n
from pos_client.ui.i18n import TEXTS

FIGURES = ("customerTotalLabel", "customerCouponLabel", "customerCopayLabel",
           "customerPaysLabel", "customerBalanceBeforeLabel", "customerBalanceAfterLabel",
           "customerStatusLabel", "customerHeaderLabel", "customerCouponNoteLabel")


class Screen:
    """The customer's window, read by object names; a snapshot at every published view."""

    def __init__(self, terminal: Driver) -> None:
        self.window = terminal.window.findChild(QWidget, "customerDisplay")
        assert self.window is not None and self.window.isVisible()
        self.snapshots: list[dict[str, Any]] = []
        # Connected after the display's own slot: the labels are already updated.
        terminal.window.sale.customer_view_changed.connect(lambda _v: self.snapshots.append(
            self.read()))

    def read(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: self.window.findChild(QLabel, name).text()
                               for name in FIGURES}
        table = self.window.findChild(QTableWidget, "customerLinesTable")
        out["rows"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        return out


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard"
    return widget


def keys(text: str) -> None:
    QTest.keyClicks(focused(), text)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def wait_focus(t: Driver, name: str) -> None:
    # Offscreen there is no window manager to give the keyboard back to the cashier's
    # window when a dialog closes; a desktop does this by itself.
    def there() -> bool:
        if QApplication.activeWindow() is None and QApplication.activeModalWidget() is None:
            t.window.activateWindow()
        widget = QApplication.focusWidget()
        return widget is not None and widget.objectName() == name
    t.qtbot.waitUntil(there, timeout=15_000)


@pytest.fixture(params=["fa"])
def display_terminal(qtbot: Any, tmp_path: Path, central: Central,
                     request: pytest.FixtureRequest) -> Any:
    settings = terminal_settings(tmp_path / "terminal", central.url, central.token,
                                 language=request.param)
    settings.customer_display.kind = "window"
    set_up_store(settings, central.ids["products"])
    driver = Driver(qtbot, settings)
    driver.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    try:
        yield driver
    finally:
        driver.close()
        i18n.set_language("fa")


def in_dialog(t: Driver, name: str) -> None:
    """Waits until the keyboard is in the dialog ``name`` (as a person waits to see it)."""
    dialog = t.dialog(name)
    t.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                      and QApplication.focusWidget().window() is dialog, timeout=10_000)


def fa(key: str) -> str:
    return TEXTS["display_" + key][0]  # the customer display's entries


def test_the_customer_sees_every_state_of_a_coupon_sale(display_terminal: Driver,
                                                        central: Central) -> None:
    t = display_terminal
    screen = Screen(t)
    keys(CASHIER[1])
    press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and
                      QApplication.focusWidget().objectName() in ("openingCashInput",
                                                                  "scanInput"), timeout=15_000)
    if QApplication.focusWidget().objectName() == "openingCashInput":
        keys("0")
        press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and
                      QApplication.focusWidget().objectName() == "scanInput", timeout=15_000)

    # Empty: the store's name, no figures, the sentence about the coupon.
    t.qtbot.waitUntil(lambda: screen.read()["customerHeaderLabel"] != fa("welcome"),
                      timeout=10_000)
    empty = screen.read()
    assert empty["customerHeaderLabel"] == t.counter.store_info().name != ""
    assert empty["customerStatusLabel"] == fa("welcome")
    assert empty["rows"] == [] and empty["customerTotalLabel"] == ""
    assert empty["customerCouponNoteLabel"] == fa("note")

    # Scanning: the line and the total; no household, so no coupon and no balance.
    product = central.products(eligible=True, unit="piece")[0]
    keys(product["gtin"])
    press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: len(screen.read()["rows"]) == 1, timeout=15_000)
    scanning = screen.read()
    assert scanning["rows"] == [product["name_fa"]]
    assert scanning["customerTotalLabel"] == i18n.money(product["price_rials"])
    assert scanning["customerCouponLabel"] == i18n.money(0)
    assert scanning["customerPaysLabel"] == i18n.money(product["price_rials"])
    assert scanning["customerBalanceBeforeLabel"] == "—"
    assert scanning["customerStatusLabel"] == fa("scanning")

    # Identified: the coupon part, the copay and the balances, as the cashier sees them.
    press(Qt.Key.Key_F2)
    keys(central.buyer()["national_code"])
    press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: t.window.sale.household is not None, timeout=15_000)
    household, split = t.window.sale.household, t.window.sale.split
    assert split.coupon_rials > 0
    identified = screen.read()
    assert identified["customerStatusLabel"] == fa("identified")
    assert identified["customerCouponLabel"] == t.label("couponLabel") == i18n.money(
        split.coupon_rials)
    assert identified["customerCopayLabel"] == i18n.money(split.copay_rials)
    assert identified["customerPaysLabel"] == t.label("remainderLabel")
    assert identified["customerBalanceBeforeLabel"] == i18n.money(household.balance_rials)
    assert identified["customerBalanceAfterLabel"] == i18n.money(
        household.balance_rials - split.coupon_rials)

    # Paid (cash, exact: F9 then Enter), then completed: the new balance stays up.
    press(Qt.Key.Key_F9)
    in_dialog(t, "tenderDialog")
    press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: t.window.sale.outcome is not None, timeout=15_000)
    paid = [s for s in screen.snapshots if s["customerStatusLabel"] == fa("paid")]
    assert paid and paid[-1]["customerCouponLabel"] == identified["customerCouponLabel"]
    sale = t.window.sale.outcome.sale
    completed = screen.read()
    assert completed["customerStatusLabel"].startswith(fa("completed"))
    assert i18n.money(sale.balance_after_rials) in completed["customerStatusLabel"]
    assert completed["customerBalanceAfterLabel"] == i18n.money(sale.balance_after_rials)

    # Recorded: the journal entry of the sale holds the figures the customer was shown.
    with Store.open(t.settings.data_path) as store:
        entry = [e for e in store.journal_entries() if e[2] == "sale" and e[3] == sale.txn_id]
    assert entry[0][4]["customer_shown"]["coupon_rials"] == sale.coupon_rials
    assert entry[0][4]["customer_shown"]["pays_rials"] == sale.total_rials - sale.coupon_rials
    assert shown_figures(sale.extra) == entry[0][4]["customer_shown"]

    # Voided with a manager's PIN: the display says so.
    wait_focus(t, "scanInput")
    press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    in_dialog(t, "voidDialog")
    keys(MANAGER[1])
    for _ in range(6):
        if QApplication.focusWidget().objectName() == "voidReasonInput":
            break
        press(Qt.Key.Key_Tab)
    keys("wrong basket")  # QTest types Latin letters only
    press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: screen.read()["customerStatusLabel"] == fa("voided"),
                      timeout=15_000)
    gone = screen.read()
    assert gone["customerCouponLabel"] == i18n.money(sale.coupon_rials)
    assert gone["customerBalanceAfterLabel"] == i18n.money(sale.balance_before_rials)

    # The next customer starts: the completed sale leaves the screen.
    wait_focus(t, "scanInput")
    keys(product["gtin"])
    press(Qt.Key.Key_Return)
    t.qtbot.waitUntil(lambda: screen.read()["customerStatusLabel"] == fa("scanning"),
                      timeout=15_000)
    assert screen.read()["customerBalanceAfterLabel"] == "—"


def test_a_coupon_sale_whose_coupon_was_not_shown_is_refused_and_nothing_is_recorded(
        display_terminal: Driver, central: Central) -> None:
    t = display_terminal
    t.sign_in()
    t.identify(central.buyer()["national_code"])
    t.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    sale = t.window.sale
    shown = sale.customer_view
    assert shown is not None and shown.coupon_rials == sale.split.coupon_rials > 0
    lines, household = list(sale.basket.lines), sale.household
    with Store.open(t.settings.data_path) as store:
        before = len(store.journal_entries())
    stale = replace(shown, coupon_rials=shown.coupon_rials + 1000)
    for view in (None, stale):
        with pytest.raises(RuleViolation) as refused:
            t.counter.complete(lines, household, coupon_rials=sale.split.coupon_rials,
                               payment=PaymentChoice("cash"), shown_view=view)
        assert refused.value.code == "coupon_not_shown"
        assert "نمایشگر مشتری" in refused.value.fa
    with Store.open(t.settings.data_path) as store:
        assert len(store.journal_entries()) == before
    done = t.counter.complete(lines, household, coupon_rials=sale.split.coupon_rials,
                              payment=PaymentChoice("cash"), shown_view=shown)
    assert shown_figures(done.sale.extra) == shown.figures()


@pytest.mark.parametrize("display_terminal", ["en"], indirect=True)
def test_in_english_the_customer_reads_english_left_to_right(display_terminal: Driver,
                                                             central: Central) -> None:
    t = display_terminal
    t.sign_in()
    t.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    screen = Screen(t)
    assert screen.read()["customerCouponNoteLabel"] == (
        "The amount on the coupon is yours to choose; it can be lowered, never raised.")
    assert screen.read()["customerStatusLabel"] == "Your items"
    assert screen.window.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_window_feeds_a_pole_display_on_a_pty(qtbot: Any, tmp_path: Path,
                                                  central: Central) -> None:
    master, slave = os.openpty()
    settings = terminal_settings(tmp_path / "terminal", central.url, central.token)
    settings.customer_display.kind = "pole"
    settings.customer_display.url = os.ttyname(slave)
    set_up_store(settings, central.ids["products"])
    t = Driver(qtbot, settings)
    try:
        assert t.window.findChild(QWidget, "customerDisplay") is None
        t.sign_in()
        product = central.products(eligible=True, unit="piece")[0]
        t.scan(product["gtin"])
        data = b""
        wanted = f"{product['price_rials']:,}"
        while not any(wanted in frame[0] for frame in decode_frames(data)):
            ready, _, _ = select.select([master], [], [], 10)
            assert ready, f"the pole showed only {decode_frames(data)}"
            data += os.read(master, 4096)
        first, second = next(f for f in decode_frames(data) if wanted in f[0])
        assert first.startswith("TOTAL") and second.startswith("PAY") and wanted in second
    finally:
        t.close()
        os.close(master)
        os.close(slave)
    # Closing the cashier's window stops the pole's writer.
    assert not any(th.name == "pole-display" and th.is_alive() for th in threading.enumerate())
