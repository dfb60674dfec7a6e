"""Voids with a manager's PIN, reprints, and the manager's entry."""

from __future__ import annotations

from pathlib import Path

from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from window_driver import MANAGER, Driver, printed_jobs

from pos_client.devices.escpos_decode import decode_jobs


def sell_one(terminal: Driver, central: Central) -> str:
    terminal.sign_in()
    terminal.identify(central.buyer()["national_code"])
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    terminal.pay_cash()
    terminal.wait_message("ثبت شد")
    terminal.qtbot.waitUntil(lambda: printed_jobs(terminal.settings) == 1, timeout=15_000)
    return str(terminal.window.sale.outcome.sale.txn_id)


def submit(terminal: Driver, dialog: object, button: str) -> None:
    terminal.qtbot.mouseClick(dialog.findChild(QPushButton, button),  # type: ignore[attr-defined]
                              Qt.MouseButton.LeftButton)


def test_a_sale_of_today_is_voided_only_with_a_manager_pin(terminal: Driver,
                                                           central: Central) -> None:
    txn_id = sell_one(terminal, central)
    terminal.click("voidSaleButton")
    dialog = terminal.dialog("voidDialog")
    terminal.type_in_dialog(dialog, "managerPinInput", "0000")
    terminal.type_in_dialog(dialog, "voidReasonInput", "اشتباه صندوقدار")
    submit(terminal, dialog, "voidDialogOk")
    terminal.qtbot.waitUntil(lambda: dialog.findChild(QLabel, "voidDialogError").text() != "",
                             timeout=15_000)
    assert dialog.isVisible()
    assert terminal.message() == dialog.findChild(QLabel, "voidDialogError").text()

    terminal.type_in_dialog(dialog, "managerPinInput", MANAGER[1])
    submit(terminal, dialog, "voidDialogOk")
    terminal.wait_message("باطل شد")
    assert not dialog.isVisible()
    terminal.qtbot.waitUntil(lambda: bool((central.admin.sale(txn_id) or {}).get("voided_by")),
                             timeout=20_000)  # forwarded to the service in the background


def test_the_last_receipt_is_reprinted_as_a_copy(terminal: Driver, central: Central) -> None:
    sell_one(terminal, central)
    terminal.click("reprintButton")
    dialog = terminal.dialog("reprintDialog")
    submit(terminal, dialog, "reprintOkButton")
    terminal.wait_message("المثنی")
    terminal.qtbot.waitUntil(lambda: printed_jobs(terminal.settings) == 2, timeout=15_000)


def test_the_manager_entry_opens_the_manager_screen_after_the_manager_pin(
        terminal: Driver) -> None:
    terminal.sign_in()
    terminal.click("reportsButton")
    dialog = terminal.dialog("managerDialog")
    terminal.type_in_dialog(dialog, "managerPinInput", MANAGER[1])
    submit(terminal, dialog, "managerDialogOk")
    terminal.qtbot.waitUntil(lambda: terminal.window.findChild(QWidget, "managerScreen")
                             is not None, timeout=15_000)
    screen = terminal.window.findChild(QWidget, "managerScreen")
    assert screen.findChild(QPushButton, "xReportButton") is not None
    assert screen.findChild(QLineEdit, "cashCountInput") is not None


def test_the_drawer_opens_without_a_sale_only_with_a_manager_pin(terminal: Driver) -> None:
    terminal.sign_in()
    terminal.click("openDrawerButton")
    dialog = terminal.dialog("drawerDialog")
    terminal.type_in_dialog(dialog, "managerPinInput", "1111")  # a cashier's PIN
    submit(terminal, dialog, "drawerDialogOk")
    terminal.qtbot.waitUntil(lambda: dialog.findChild(QLabel, "drawerDialogError").text() != "",
                             timeout=15_000)
    terminal.type_in_dialog(dialog, "managerPinInput", MANAGER[1])
    submit(terminal, dialog, "drawerDialogOk")
    terminal.wait_message("کشوی پول باز شد")
    kicks = sum(job.drawer_kicks for job in decode_jobs(
        Path(terminal.settings.printer.path).read_bytes()))
    assert kicks == 1
    audit = terminal.window.ctx.counter.store.audit_log()
    assert [who for _at, who, action, _d in audit if action == "open_drawer"] == [MANAGER[0]]
