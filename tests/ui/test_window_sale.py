"""A cashier's sale in the real window, against central-sim and a file printer."""

from __future__ import annotations

from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from window_driver import Driver, press, printed_jobs, type_keys

from pos_client.domain.money import format_amount


def money(rials: int) -> str:
    return format_amount(rials)


def test_a_full_online_sale_is_approved_printed_and_the_household_charged(
        terminal: Driver, central: Central) -> None:
    buyer = central.buyer()
    eligible = central.products(eligible=True, unit="piece")[0]
    other = central.products(eligible=False)[0]
    terminal.sign_in(opening_cash="1000000")
    terminal.identify(buyer["national_code"])
    assert terminal.label("windowStatusLabel").startswith("✓")
    assert terminal.label("spendableLabel").endswith("ریال")

    terminal.scan(eligible["gtin"])
    terminal.scan(other["gtin"])
    assert terminal.cart_cell(0, 1).text() == "✓"
    assert terminal.cart_cell(1, 1).text() == "✗"
    assert "فهرست کالاهای مشمول" in terminal.cart_cell(1, 2).toolTip()
    total = eligible["price_rials"] + other["price_rials"]
    assert terminal.label("totalLabel") == money(total)
    assert terminal.label("eligibleLabel") == money(eligible["price_rials"])
    split = terminal.window.sale.split
    assert terminal.label("couponLabel") == money(split.coupon_rials) and split.coupon_rials > 0
    assert terminal.label("remainderLabel") == money(total - split.coupon_rials)

    terminal.pay_cash(tendered=str(split.remainder_rials + 50_000))
    terminal.wait_message("ثبت شد", "کالابرگ تأیید شد", money(50_000))
    outcome = terminal.window.sale.outcome
    assert outcome.mode == "online" and outcome.sale.status == "approved"
    assert central.admin.sale(outcome.sale.txn_id) is not None
    terminal.qtbot.waitUntil(lambda: printed_jobs(terminal.settings) == 1, timeout=15_000)


def test_the_keyboard_alone_rings_up_and_completes_a_sale(terminal: Driver,
                                                           central: Central) -> None:
    product = central.products(eligible=False)[0]
    terminal.sign_in()
    window = terminal.window
    qtbot = terminal.qtbot
    press(qtbot, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is terminal.find(QLineEdit, "customerInput")
    press(qtbot, Qt.Key.Key_Escape)
    scan = terminal.find(QLineEdit, "scanInput")
    assert QApplication.focusWidget() is scan
    type_keys(qtbot, product["gtin"])
    press(qtbot, Qt.Key.Key_Return)
    terminal.wait_idle()
    qtbot.waitUntil(lambda: terminal.find(QLineEdit, "scanInput").text() == ""
                    and window.sale.basket.lines != [], timeout=15_000)
    press(qtbot, Qt.Key.Key_F12)  # nothing chosen yet: asks for the cash
    dialog = terminal.dialog("tenderDialog")
    terminal.type_in_dialog(dialog, "tenderedInput", "", enter=True)  # Enter: exact
    terminal.wait_message("ثبت شد")
    assert window.sale.outcome.sale.status == "no_coupon"


def test_a_weighed_item_takes_its_quantity_in_kilograms_with_three_decimals(
        terminal: Driver, central: Central) -> None:
    weighed = central.products(unit="kg")[0]
    terminal.sign_in()
    terminal.scan(weighed["gtin"])
    dialog = terminal.dialog("qtyDialog")
    terminal.type_in_dialog(dialog, "qtyInput", "1.250", enter=True)
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.basket.lines[0].qty_milli == 1250, timeout=15_000)
    assert terminal.cart_cell(0, 3).text() == "۱٫۲۵۰"


def test_the_coupon_can_be_lowered_at_the_customers_request_but_never_raised(
        terminal: Driver, central: Central) -> None:
    terminal.sign_in()
    terminal.identify(central.buyer()["national_code"])
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    most = terminal.window.sale.split.coupon_rials
    terminal.click("lowerCouponButton")
    dialog = terminal.dialog("couponDialog")
    terminal.type_in_dialog(dialog, "couponInput", str(most + 10), enter=True)
    assert "فقط می‌توان کم کرد" in dialog.findChild(QLabel, "couponDialogError").text()
    terminal.type_in_dialog(dialog, "couponInput", "100000", enter=True)
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.split.coupon_rials == 100_000, timeout=15_000)
    assert terminal.label("couponLabel") == money(100_000)
