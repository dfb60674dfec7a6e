"""Keyboard-only acceptance: a cashier's shift at the counter, in Persian and in English.

Every key goes to ``QApplication.focusWidget()``; the screen is read by object names and
what reached central-sim is read from its admin side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from central_support import Central
from keyboard import KEY
from shift import Cashier
from window_driver import MakeTerminal, printed_jobs

from pos_client.ui import i18n

README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.fixture(params=["fa", "en"])
def cashier(request: pytest.FixtureRequest, make_terminal: MakeTerminal,
            central: Central) -> Iterator[Cashier]:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language=request.param)
    yield Cashier(terminal, central)


def test_sign_in_open_the_shift_and_sell_by_national_code(cashier: Cashier,
                                                          central: Central) -> None:
    screen, kb = cashier.screen, cashier.kb
    cashier.sign_in(opening_cash="500000")
    name = cashier.terminal.counter.user.name  # a Persian name, isolated in either language
    screen.qtbot.waitUntil(lambda: screen.label("cashierLabel") == i18n.tr(
        "cashier", name="\u2068" + name + "\u2069"), timeout=10_000)
    buyer = central.buyer()
    before = central.admin.household(buyer["key"])["balance_rials"]
    cashier.identify(buyer["national_code"])
    household = cashier.wait_household()
    assert screen.label("spendableLabel") == i18n.money(household.spendable_rials)

    piece = central.products(eligible=True, unit="piece")[0]
    cashier.scan(piece["gtin"])
    kg = central.products(unit="kg")[0]
    cashier.scan(kg["gtin"])  # a weighed item asks for its weight at once
    screen.wait_dialog("qtyDialog")
    assert screen.focus_name() == "qtyInput"
    kb.type_enter("۱٫۲۵۰" if cashier.persian else "1.250")
    screen.wait_closed("qtyDialog")
    assert screen.cart_rows()[1][3] == i18n.qty(1250, weighed=True)

    other = central.products(eligible=False, unit="piece")[0]
    name = other["name_fa"] if cashier.persian else other["name_en"]
    cashier.in_dialog(KEY.Key_F3, "searchDialog", "searchInput", None)  # Enter on nothing
    assert screen.widget("searchDialogError").text()  # says there is nothing to add
    kb.type(name[:5])
    screen.qtbot.waitUntil(lambda: screen.widget("searchResults").count() > 0, timeout=15_000)
    kb.enter()
    screen.wait_rows(3)

    most = cashier.terminal.window.sale.split.coupon_rials
    lowered = most - 10_000
    cashier.in_dialog(KEY.Key_F5, "couponDialog", "couponInput", cashier.digits(str(lowered)))
    screen.wait_closed("couponDialog")
    assert screen.label("couponLabel") == i18n.money(lowered)

    jobs = printed_jobs(cashier.terminal.settings)
    kb.press(KEY.Key_F6)
    screen.qtbot.waitUntil(lambda: printed_jobs(cashier.terminal.settings) == jobs + 1,
                           timeout=15_000)

    due = cashier.terminal.window.sale.split.remainder_rials
    tendered = (due // 100_000 + 1) * 100_000
    cashier.in_dialog(KEY.Key_F9, "tenderDialog", "tenderedInput",
                      cashier.digits(str(tendered)))
    sale = cashier.completed()
    assert i18n.num(sale.receipt_no) in screen.message()
    assert i18n.money(tendered - due) in screen.message()
    assert sale.coupon_rials == lowered and sale.status == "approved"
    assert central.admin.sale(sale.txn_id)["status"] == "approved"
    assert central.admin.household(buyer["key"])["balance_rials"] == before - lowered


def typical_sale(cashier: Cashier, central: Central) -> tuple[int, int]:
    """A card swipe, five scans, cash with change: (cashier's keys, devices' keys)."""
    holder = next(h for h in central.ids["households"] if h["cards"]
                  and h["status"] == "active" and h["can_buy_today"])
    kb_before, device_before = cashier.kb.count, cashier.device_keys
    cashier.swipe(holder["cards"][0])
    for product in central.products(unit="piece")[:5]:
        cashier.scan(product["gtin"])
    due = cashier.terminal.window.sale.split.remainder_rials
    tendered = (due // 1_000_000 + 1) * 1_000_000
    cashier.in_dialog(KEY.Key_F9, "tenderDialog", "tenderedInput",
                      cashier.digits(str(tendered)))
    sale = cashier.completed()
    assert sale.identified_by == "card" and len(sale.lines) == 5
    assert i18n.money(tendered - due) in cashier.screen.message()
    assert central.admin.sale(sale.txn_id) is not None
    return cashier.kb.count - kb_before, cashier.device_keys - device_before


def test_a_typical_sale_takes_the_keys_the_readme_says(cashier: Cashier,
                                                       central: Central) -> None:
    cashier.sign_in()
    keys, device_keys = typical_sale(cashier, central)
    assert device_keys > 5 * 13  # the swipe and the scans came in as keys too
    stated = re.search(r"typical sale \(a card swipe, five scans, cash with change\) takes "
                       r"\*\*(\d+)\*\* keys", README.read_text(encoding="utf-8"))
    assert stated is not None, "README: the keystroke count of a typical sale"
    assert int(stated.group(1)) == keys, f"measured {keys} keys"


def test_a_one_time_code_sale_with_a_line_voided_paid_by_card(cashier: Cashier,
                                                              central: Central) -> None:
    screen, kb = cashier.screen, cashier.kb
    buyer = central.buyer()
    code = central.admin.post(f"households/{buyer['key']}/codes", {"ttl_seconds": 600})["code"]
    cashier.sign_in()
    cashier.identify(code)
    household = cashier.wait_household()
    assert household.kind == "code" and code not in screen.text("customerInput")
    products = central.products(unit="piece")[:3]
    for product in products:
        cashier.scan(product["gtin"])
    kb.press(KEY.Key_Up)
    assert screen.selected_rows() == [1]
    kb.press(KEY.Key_F8)
    screen.wait_rows(2)
    assert [row[2] for row in screen.cart_rows()] == [
        line.name for line in cashier.terminal.window.sale.basket.lines]
    assert [line.gtin for line in cashier.terminal.window.sale.basket.lines] == [
        products[0]["gtin"], products[2]["gtin"]]
    cashier.in_dialog(KEY.Key_F10, "cardDialog", "cardReferenceInput", cashier.digits("7731"))
    sale = cashier.completed()
    assert sale.identified_by == "code" and sale.payments[-1].reference == "7731"
    assert central.admin.sale(sale.txn_id) is not None


def test_an_invalid_code_after_a_valid_one_leaves_no_household(cashier: Cashier,
                                                               central: Central) -> None:
    screen = cashier.screen
    buyer = central.buyer()
    before = central.admin.household(buyer["key"])["balance_rials"]
    cashier.sign_in()
    cashier.identify(buyer["national_code"])
    cashier.wait_household()
    cashier.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    assert cashier.terminal.window.sale.split.coupon_rials > 0
    cashier.identify("1234567890")
    screen.wait_message(i18n.pick("کد ملی نامعتبر است", "Invalid national code"))
    assert screen.label("couponLabel") == i18n.money(0)
    assert screen.label("maskedLabel") == ""
    cashier.kb.press(KEY.Key_F12)  # nothing chosen: asks for the cash; Enter = exact
    screen.wait_dialog("tenderDialog")
    cashier.kb.enter()
    sale = cashier.completed()
    assert sale.coupon_rials == 0 and sale.household_key is None
    assert central.admin.household(buyer["key"])["balance_rials"] == before
    assert central.admin.get("sales/count")["approved"] == 0  # no coupon was authorised
