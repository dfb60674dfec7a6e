"""The manager's screen driven by a manager's keys and clicks (object names are only
read): X with a blind count, then Z with the reconciliation table, unsent sales and
closing anyway, exports."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from central_support import Central
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
)
from report_support import MANAGER_PIN, Script, open_terminal, remove_on_server

from pos_client.counter import Counter
from pos_client.ui import i18n
from pos_client.ui.manager import ManagerScreen, open_manager_screen


@pytest.fixture
def counter(central: Central, tmp_path: Path) -> Iterator[Counter]:
    terminal = open_terminal(central, tmp_path, language="en")
    i18n.set_language("en")
    try:
        yield terminal
    finally:
        terminal.close()
        i18n.set_language("fa")


def _screen(qtbot: object, counter: Counter) -> ManagerScreen:
    screen = open_manager_screen(None, counter, counter.manager(MANAGER_PIN))
    qtbot.addWidget(screen)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not screen.runner.busy)  # type: ignore[attr-defined]
    return screen


def _click(qtbot: object, screen: ManagerScreen, name: str) -> None:
    button = screen.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not screen.runner.busy, timeout=20_000)  # type: ignore[attr-defined]


def _confirm_z(qtbot: object, screen: ManagerScreen) -> None:
    """The Z shows its day and figures first; Enter on the focused confirm button."""
    qtbot.waitUntil(lambda: screen.z_confirm is not None  # type: ignore[attr-defined]
                    and screen.z_confirm.isVisible(), timeout=20_000)
    dialog = screen.z_confirm
    assert dialog.preview.business_date == screen.counter.z_default_day()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None  # type: ignore[attr-defined]
                    and QApplication.focusWidget().objectName() == "zConfirmButton")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.runner.busy, timeout=20_000)  # type: ignore[attr-defined]


def _type_count(qtbot: object, screen: ManagerScreen, count: str) -> None:
    """The manager clicks into the blind count and types it."""
    field = screen.findChild(QLineEdit, "cashCountInput")
    assert field.isVisible() and field.isEnabled()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is field
    QTest.keyClicks(QApplication.focusWidget(), count)


def _open_dialog(screen: ManagerScreen) -> QFileDialog | None:
    shown = [d for d in screen.findChildren(QFileDialog, "exportFileDialog") if d.isVisible()]
    return shown[0] if shown else None


def _export(qtbot: object, screen: ManagerScreen, button: str, target: Path) -> None:
    """Click the export button, type the path into the file dialog's focus, Enter."""
    _click(qtbot, screen, button)
    qtbot.waitUntil(lambda: _open_dialog(screen) is not None)  # type: ignore[attr-defined]
    dialog = _open_dialog(screen)
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None  # type: ignore[attr-defined]
                    and dialog.isAncestorOf(QApplication.focusWidget()))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), str(target))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0,  # type: ignore
                    timeout=20_000)
    qtbot.waitUntil(lambda: str(target) in screen.message.text(),  # type: ignore
                    timeout=20_000)


def test_x_shows_no_expected_cash_until_counted_and_z_lists_the_difference_by_receipt(
        qtbot: object, central: Central, counter: Counter, tmp_path: Path) -> None:
    script = Script(counter, central)
    sales = [script.sell() for _ in range(6)]
    screen = _screen(qtbot, counter)
    text = screen.findChild(object, "reportText")

    _click(qtbot, screen, "xReportButton")
    assert "X report" in text.toPlainText() and "Expected cash" not in text.toPlainText()

    missing = next(s for s in sales if s.status == "approved")
    remove_on_server(central, missing.txn_id)
    _type_count(qtbot, screen, "7000000")
    _click(qtbot, screen, "zReportButton")
    _confirm_z(qtbot, screen)
    shown = text.toPlainText()
    assert "Z report" in shown and "Expected cash" in shown
    assert "Z number 1" in screen.message.text()
    table = screen.findChild(QTableWidget, "reconcileTable")
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == missing.receipt_no
    assert table.item(0, 1).text() == "missing on the service"
    assert counter.store.business_day(screen.report.business_date).status == "closed"

    _export(qtbot, screen, "exportCsvButton", tmp_path / "z.csv")
    assert missing.receipt_no in (tmp_path / "z.csv").read_text(encoding="utf-8")
    _export(qtbot, screen, "exportPdfButton", tmp_path / "z.pdf")
    assert (tmp_path / "z.pdf").read_bytes().startswith(b"%PDF")


def test_unsent_sales_offer_sync_first_or_closing_anyway_with_the_z_pending(
        qtbot: object, central: Central, counter: Counter) -> None:
    script = Script(counter, central)
    script.sell()
    central.stop()
    script.sell(small=True)
    screen = _screen(qtbot, counter)
    _type_count(qtbot, screen, "0")
    _click(qtbot, screen, "zReportButton")
    _confirm_z(qtbot, screen)
    assert screen.findChild(QPushButton, "closeAnywayButton").isVisible()
    assert screen.report is None
    _click(qtbot, screen, "closeAnywayButton")
    assert screen.report is not None and screen.report.pending
    assert not screen.findChild(QPushButton, "closeAnywayButton").isVisible()


def test_the_screen_is_right_to_left_in_persian(qtbot: object, counter: Counter) -> None:
    i18n.set_language("fa")
    screen = _screen(qtbot, counter)
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.findChild(QPushButton, "zReportButton").text() == "گزارش Z و بستن روز"
