"""The window and an unreliable service: offline stand-in, forwarding, a slow answer."""

from __future__ import annotations

from pathlib import Path

from central_support import Central, start_central
from PySide6.QtCore import QTimer
from window_driver import MakeTerminal

from pos_client.domain.money import to_persian_digits


def test_an_offline_sale_is_stood_in_and_forwarded_when_the_service_is_back(
        make_terminal: MakeTerminal, tmp_path: Path) -> None:
    central = Central(start_central(tmp_path / "central.db"))
    port = central.handle.port
    terminal = make_terminal(central.url, central.token, central.ids["products"])
    try:
        terminal.sign_in()
        terminal.identify(central.buyer()["national_code"])
        terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
        central.handle.stop()

        terminal.pay_cash()
        terminal.wait_message("آفلاین")
        outcome = terminal.window.sale.outcome
        sale = outcome.sale
        assert outcome.mode == "offline" and sale.status == "pending"
        terminal.qtbot.waitUntil(
            lambda: terminal.label("unsentCountLabel").endswith(to_persian_digits("1")),
            timeout=15_000)
        assert "آفلاین" in terminal.label("syncStatusLabel")

        central = Central(start_central(tmp_path / "central.db", port=port))
        terminal.qtbot.waitUntil(lambda: central.admin.sale(sale.txn_id) is not None,
                                 timeout=60_000)
        terminal.qtbot.waitUntil(
            lambda: terminal.label("unsentCountLabel").endswith(to_persian_digits("0"))
            and "برخط" in terminal.label("syncStatusLabel"), timeout=15_000)
    finally:
        central.handle.stop()


def test_the_window_keeps_turning_while_a_sale_waits_five_seconds_for_the_service(
        make_terminal: MakeTerminal, central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             timeout_s=15.0)
    terminal.sign_in()
    terminal.identify(central.buyer()["national_code"])
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    central.admin.faults(latency_ms=5000, paths=["/v1/sales"])
    ticks_while_waiting = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: terminal.window.sale.completing
                          and ticks_while_waiting.append(1))
    timer.start()

    terminal.pay_cash()
    terminal.qtbot.waitUntil(lambda: terminal.window.sale.completing, timeout=15_000)
    assert "در حال ثبت" in terminal.message()
    terminal.wait_message("ثبت شد", timeout=30_000)
    timer.stop()
    assert terminal.window.sale.outcome.mode == "online"
    assert len(ticks_while_waiting) >= 10  # the GUI thread ran its timers the whole wait


def test_a_rejected_offline_sale_is_told_and_forwarding_alone_is_not(
        make_terminal: MakeTerminal, central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"])
    buyer = central.buyer()
    # the forwarder's first round (a pull) is over: the next pull is minutes away, so the
    # terminal keeps the balance it has while the service's changes below
    terminal.qtbot.waitUntil(lambda: terminal.counter.forwarder_state.online is True,
                             timeout=15_000)
    terminal.sign_in()
    terminal.identify(buyer["national_code"])
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    central.admin.post(f"households/{buyer['key']}", {"balance_rials": 0})  # spent elsewhere
    central.stop()
    terminal.pay_cash()
    terminal.wait_message("آفلاین")
    sale = terminal.window.sale.outcome.sale
    assert sale.coupon_rials > 0
    terminal.window.say("پیام صندوقدار")

    central.start()
    message = terminal.wait_message("نپذیرفت", timeout=60_000)
    assert "۱" in message
    assert central.admin.sale(sale.txn_id)["status"] == "rejected"  # type: ignore[index]


def test_forwarding_that_the_service_accepts_leaves_the_message_bar_alone(
        make_terminal: MakeTerminal, central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"])
    terminal.sign_in()
    terminal.identify(central.buyer()["national_code"])
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    central.stop()
    terminal.pay_cash()
    terminal.wait_message("آفلاین")
    sale = terminal.window.sale.outcome.sale
    terminal.window.say("پیام صندوقدار")

    central.start()
    terminal.qtbot.waitUntil(lambda: central.admin.sale(sale.txn_id) is not None,
                             timeout=60_000)
    terminal.qtbot.waitUntil(  # the window refreshed its status after the forwarding
        lambda: terminal.label("unsentCountLabel").endswith(to_persian_digits("0")),
        timeout=15_000)
    assert terminal.message() == "پیام صندوقدار"
