"""What the window says about a household: invalid codes, blocked, outside its window."""

from __future__ import annotations

from central_support import Central
from PySide6.QtCore import Qt
from window_driver import Driver, press, printed_jobs, wedge

from pos_client.domain.money import format_amount, to_ascii_digits


def test_an_invalid_national_code_names_the_rule_that_failed(terminal: Driver) -> None:
    terminal.sign_in()
    terminal.identify("1234567890")
    message = terminal.wait_message("کد ملی نامعتبر است")
    assert "رقم کنترل" in message
    assert terminal.window.sale.household is None
    assert terminal.window.focusWidget() is terminal.window.sale.household_panel.customer_input


def test_a_blocked_household_is_shown_blocked_and_gets_no_coupon(terminal: Driver,
                                                                central: Central) -> None:
    blocked = central.household(status="blocked")
    terminal.sign_in()
    terminal.identify(blocked["national_code"])
    assert "مسدود" in terminal.label("windowStatusLabel")
    assert "مسدود" in terminal.wait_message("مسدود")
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    assert terminal.label("couponLabel") == format_amount(0)
    assert terminal.label("remainderLabel") == terminal.label("totalLabel")


def test_a_household_outside_its_window_is_told_from_when_it_may_buy(
        terminal: Driver, central: Central) -> None:
    waiting = central.household(status="active", can_buy_today=False)
    terminal.sign_in()
    terminal.identify(waiting["national_code"])
    household = terminal.window.sale.household
    assert household is not None and not household.can_use_coupon
    status = terminal.label("windowStatusLabel")
    assert status.startswith("✗")
    if household.window.next_date is not None:
        assert "از" in status
    assert "نوبت خرید" in terminal.message()


def test_an_unknown_household_is_refused_with_what_to_do(terminal: Driver) -> None:
    terminal.sign_in()
    terminal.identify("0499370899")
    assert "فهرست پایانه نیست" in terminal.wait_message("خانوار")


def test_a_swiped_card_identifies_its_household_without_showing_the_number(
        terminal: Driver, central: Central) -> None:
    holder = next(h for h in central.ids["households"] if h["cards"] and h["status"] == "active"
                  and h["can_buy_today"])
    pan = holder["cards"][0]
    terminal.sign_in()
    wedge(f";{pan}=29031010000000000000?")  # swiped on the card reader's keyboard wedge
    terminal.wait_idle()
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    shown = terminal.find(type(terminal.window.sale.household_panel.customer_input),
                          "customerInput").text()
    assert pan not in shown and to_ascii_digits(shown).strip("\u2066\u2069").endswith(pan[-4:])


def test_a_one_time_code_from_the_app_identifies_its_household_online(
        terminal: Driver, central: Central) -> None:
    buyer = central.buyer()
    code = central.admin.post(f"households/{buyer['key']}/codes", {"ttl_seconds": 600})["code"]
    terminal.sign_in()
    terminal.identify(code)
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    household = terminal.window.sale.household
    assert household.kind == "code" and household.key == buyer["key"]
    assert code not in terminal.text("customerInput")


def test_a_balance_slip_is_printed_without_a_sale(terminal: Driver, central: Central) -> None:
    terminal.sign_in()
    terminal.identify(central.buyer()["national_code"])
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.household is not None, timeout=15_000)
    before = printed_jobs(terminal.settings)
    press(terminal.qtbot, Qt.Key.Key_F6)
    terminal.qtbot.waitUntil(lambda: printed_jobs(terminal.settings) == before + 1,
                             timeout=15_000)
    assert terminal.window.sale.household is not None  # still the same customer, no sale
    assert terminal.window.ctx.counter.recent_sales() == []
