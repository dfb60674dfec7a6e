"""Keyboard-only acceptance: hold a basket, serve the next customer, restart the terminal,
and bring the held basket back (Ctrl+H, Ctrl+B), in Persian and in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from central_support import Central
from keyboard import CTRL, KEY
from shift import Cashier
from window_driver import Driver, MakeTerminal

from pos_client.ui import i18n


@pytest.fixture(params=["fa", "en"])
def cashier(request: pytest.FixtureRequest, make_terminal: MakeTerminal,
            central: Central) -> Iterator[Cashier]:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language=request.param)
    yield Cashier(terminal, central)


def test_hold_serve_the_next_customer_restart_and_recall(cashier: Cashier,
                                                         central: Central) -> None:
    screen, kb = cashier.screen, cashier.kb
    waiting, next_customer = central.buyer(), central.products(eligible=False, unit="piece")
    cashier.sign_in()
    cashier.identify(waiting["national_code"])
    household = cashier.wait_household()
    products = central.products(eligible=True, unit="piece")[:2]
    for product in products:
        cashier.scan(product["gtin"])
    held_names = [row[2] for row in screen.cart_rows()]

    kb.press(KEY.Key_H, CTRL)
    screen.wait_rows(0)
    assert i18n.num(2) in screen.message()
    assert screen.label("maskedLabel") == "" and screen.label("couponLabel") == i18n.money(0)

    cashier.scan(next_customer[0]["gtin"])  # the next customer, paid in cash
    cashier.in_dialog(KEY.Key_F9, "tenderDialog", "tenderedInput", None)
    cashier.completed()

    kb.press(KEY.Key_B, CTRL)  # recall refuses nothing after a completed sale
    screen.wait_dialog("heldDialog")
    kb.press(KEY.Key_Escape)
    screen.wait_closed("heldDialog")

    settings = cashier.terminal.settings
    cashier.terminal.close()  # the terminal restarts
    again = Driver(cashier.terminal.qtbot, settings)
    try:
        cashier.terminal = again
        cashier.screen.window = again.window
        cashier.sign_in()
        screen.wait_message("Ctrl+B")
        kb.press(KEY.Key_B, CTRL)
        screen.wait_dialog("heldDialog")
        assert screen.focus_name() == "heldTable"
        table = screen.widget("heldTable")
        assert table.rowCount() == 1
        assert table.item(0, 1).text() == i18n.ident(household.masked)
        kb.enter()
        screen.wait_closed("heldDialog")
        screen.wait_rows(2)
        assert [row[2] for row in screen.cart_rows()] == held_names
        assert screen.selected_rows() == [1]
        assert again.window.sale.household is None  # identified again, with today's balance
        assert again.counter.held_baskets() == []
        cashier.identify(waiting["national_code"])
        cashier.wait_household()
        coupon = again.window.sale.split.coupon_rials
        assert coupon > 0
        cashier.in_dialog(KEY.Key_F9, "tenderDialog", "tenderedInput", None)
        sale = cashier.completed()
        assert sale.coupon_rials == coupon and len(sale.lines) == 2
        assert central.admin.sale(sale.txn_id)["status"] == "approved"
    finally:
        again.close()
