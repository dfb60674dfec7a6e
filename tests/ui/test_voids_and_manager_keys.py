"""The void list and the manager's screen as a person uses them: every keystroke goes to
``QApplication.focusWidget()``; object names are only read."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from central_support import Central
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)
from report_support import MANAGER_PIN, Script
from window_driver import Driver

from pos_client.counter.checkout import PaymentChoice
from pos_client.ui import i18n
from pos_client.ui.manager import ManagerScreen, open_manager_screen


def keys(qtbot: Any, text: str) -> None:
    """Typed into the focus widget; Persian letters come as a Persian layout sends them
    (a key event carrying the character: QTest only knows ASCII keys)."""
    for char in text:
        focus = QApplication.focusWidget()
        assert focus is not None
        if char.isascii():
            QTest.keyClick(focus, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focus, QKeyEvent(
                    kind, 0, Qt.KeyboardModifier.NoModifier, char))


def key(qtbot: Any, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
        ) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, which, modifier)


def _sell(terminal: Driver, central: Central, n: int) -> list[Any]:
    """``n`` sales through the counter the window runs on (the list is what is tested)."""
    counter = terminal.counter
    product = counter.product(central.products(eligible=False)[0]["gtin"])
    out = []
    for _ in range(n):
        lines = [counter.line_for(product, 1000)]
        split = counter.quote(lines, None)
        out.append(counter.complete(lines, None, coupon_rials=0, payment=PaymentChoice(
            "cash", split.remainder_rials)).sale)
    return out


def test_the_void_list_holds_the_whole_day_finds_a_receipt_and_says_what_to_give_back(
        terminal: Driver, central: Central) -> None:
    terminal.sign_in()
    sales = _sell(terminal, central, 23)
    key(terminal.qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = terminal.dialog("voidDialog")
    table = dialog.findChild(QTableWidget, "recentSalesTable")
    assert table.rowCount() == 23
    assert table.item(0, 2).text() == i18n.money(sales[-1].total_rials)  # the whole money

    wanted = sales[2]  # the third of the day: not among the last twenty
    terminal.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                             and QApplication.focusWidget().objectName() == "managerPinInput")
    key(terminal.qtbot, Qt.Key.Key_Backtab)
    key(terminal.qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget().objectName() == "saleSearchInput"
    keys(terminal.qtbot, wanted.receipt_no[-6:])  # Latin digits; Persian ones match too
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == i18n.num(wanted.receipt_no)
    key(terminal.qtbot, Qt.Key.Key_Return)  # Enter in the search goes on to the PIN
    assert QApplication.focusWidget().objectName() == "managerPinInput"
    keys(terminal.qtbot, MANAGER_PIN)
    key(terminal.qtbot, Qt.Key.Key_Tab)
    keys(terminal.qtbot, "اشتباه")
    key(terminal.qtbot, Qt.Key.Key_Return)
    said = terminal.wait_message("باطل شد")
    assert i18n.money(wanted.total_rials) in said and "نقد" in said
    assert terminal.counter.store.get_sale(wanted.txn_id).voided

    terminal.window.activateWindow()  # the focus after a dialog is the sale screen's matter
    terminal.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    key(terminal.qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = terminal.dialog("reprintDialog")
    table = dialog.findChild(QTableWidget, "recentSalesTable")
    states = {table.item(r, 0).text(): table.item(r, 6).text() for r in range(table.rowCount())}
    assert states[i18n.num(wanted.receipt_no)] == "باطل شده"
    assert states[i18n.num(sales[0].receipt_no)] == "بدون کالابرگ"


@pytest.fixture
def language() -> str:
    return "fa"


@pytest.fixture
def screen(qtbot: Any, central: Central, tmp_path: Path, language: str) -> Any:
    from report_support import open_terminal
    counter = open_terminal(central, tmp_path, printer=True)
    i18n.set_language(language)  # the terminal's language, before the manager comes
    Script(counter, central).sell()
    counter.open_drawer(MANAGER_PIN)
    shown = open_manager_screen(None, counter, counter.manager(MANAGER_PIN))
    qtbot.addWidget(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: not shown.runner.busy)
    yield shown
    counter.close()
    i18n.set_language("fa")


def count_and_make_x(qtbot: Any, screen: ManagerScreen, count: str) -> None:
    """The manager's keys: the count typed where the screen opens, Tab to X, Space."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().objectName() == "cashCountInput")
    keys(qtbot, count)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "xReportButton"
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.findChild(QWidget, "reportText").toPlainText() != ""
                    and not screen.runner.busy, timeout=20_000)


def export_by_keys(qtbot: Any, screen: ManagerScreen, button: str, target: Path) -> Any:
    """Tab on to the export ``button``, Space, and type ``target`` into the file dialog."""
    for _ in range(8):
        if QApplication.focusWidget().objectName() == button:
            break
        key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == button
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.findChild(QFileDialog, "exportFileDialog") is not None
                    and screen.findChild(QFileDialog, "exportFileDialog").isVisible())
    dialog = screen.findChild(QFileDialog, "exportFileDialog")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()))
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, str(target))
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0, timeout=20_000)
    return dialog


def test_the_busy_text_clears_when_the_screen_is_ready(screen: ManagerScreen) -> None:
    assert screen.message.text() != i18n.pick("در حال انجام…", "Working…")


def test_the_manager_screen_reads_right_to_left_with_persian_digits_and_real_tables(
        qtbot: Any, screen: ManagerScreen) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().objectName() == "cashCountInput")
    keys(qtbot, "4950000")  # the screen opens with the keys in the blind count
    assert screen.findChild(QLineEdit, "cashCountInput").text() == "۴٬۹۵۰٬۰۰۰"
    key(qtbot, Qt.Key.Key_Tab)  # on to the X button
    assert QApplication.focusWidget().objectName() == "xReportButton"
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.findChild(QWidget, "reportText").toPlainText() != ""
                    and not screen.runner.busy, timeout=20_000)
    text = screen.findChild(QWidget, "reportText")
    shown = text.toPlainText()
    assert "==" not in shown and " | " not in shown and "None" not in shown
    assert "کسری" in shown and not re.search("(?<!T)-[۰-۹]", shown)
    assert "باز شدن کشو بدون فروش" in shown
    assert not any(c in "0123456789" for c in shown)
    assert text.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.message.text() == "گزارش X آماده است."


def test_the_export_dialog_speaks_persian_and_saves_what_is_typed(
        qtbot: Any, screen: ManagerScreen, tmp_path: Path) -> None:
    count_and_make_x(qtbot, screen, "4950000")
    for _ in range(4):  # X, then Z, print and CSV: Tab on to the PDF button
        key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "exportPdfButton"
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.findChild(QFileDialog, "exportFileDialog") is not None
                    and screen.findChild(QFileDialog, "exportFileDialog").isVisible())
    dialog = screen.findChild(QFileDialog, "exportFileDialog")
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "ذخیره"
    assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "نام پرونده:"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == "ذخیره گزارش"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()))
    target = tmp_path / "x-report.pdf"
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, str(target))
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: target.exists())
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in screen.findChild(QLabel, "managerMessage").text()


@pytest.mark.parametrize("language", ["en"])
def test_the_report_pdf_has_the_drawer_line_and_a_shortage_in_words(
        qtbot: Any, screen: ManagerScreen, tmp_path: Path) -> None:
    count_and_make_x(qtbot, screen, "4950000")
    pdf = tmp_path / "x.pdf"
    export_by_keys(qtbot, screen, "exportPdfButton", pdf)
    assert str(pdf) in screen.findChild(QLabel, "managerMessage").text()
    assert shutil.which("pdftotext"), "poppler-utils (scripts/system-deps)"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Drawer opened without a sale" in text and "Times" in text
    assert "shortage" in text and "-50,000" not in text
    assert "|" not in text and "==" not in text
