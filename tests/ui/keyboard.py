"""A person's keyboard for the window's tests: every key goes to
``QApplication.focusWidget()``, whatever that is, as a real keyboard's keys do.

Object names are for reading the screen (``Screen``), never for writing into it.
``Keyboard.count`` counts the keys pressed (a chord such as Ctrl+D is one press).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget, QWidget

KEY = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


class Keyboard:
    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focus(self) -> QWidget:
        """The widget a key would reach now: what the window system has already queued
        (a dialog's activation) happens first, as it does before a real key arrives."""
        QApplication.processEvents()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def type(self, text: str) -> None:
        for char in text:
            widget = self.focus()
            if char.isascii():
                QTest.keyClicks(widget, char)
            else:  # a Persian letter or digit: QTest only spells ASCII
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(widget, QKeyEvent(
                        kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
            self.count += 1

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        QTest.keyClick(self.focus(), key, modifier)
        self.count += 1

    def enter(self) -> None:
        self.press(KEY.Key_Return)

    def type_enter(self, text: str) -> None:
        self.type(text)
        self.enter()


class Screen:
    """What the window shows, read by object name."""

    def __init__(self, qtbot: Any, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window

    def widget(self, name: str, kind: type = QWidget) -> Any:
        for top in QApplication.topLevelWidgets():
            if top.objectName() == name and isinstance(top, kind) and top.isVisible():
                return top
            found = [w for w in top.findChildren(kind, name) if w.isVisible()]
            if found:
                return found[0]
        return None

    def text(self, name: str) -> str:
        widget = self.widget(name)
        assert widget is not None, f"nothing named {name} on the screen"
        return str(widget.text())

    def message(self) -> str:
        return self.text("messageBar")

    def wait_message(self, *parts: str, timeout: int = 15_000) -> str:
        self.qtbot.waitUntil(lambda: all(p in self.message() for p in parts), timeout=timeout)
        return self.message()

    def wait_dialog(self, name: str) -> Any:
        self.qtbot.waitUntil(lambda: self.widget(name, QDialog) is not None, timeout=10_000)
        return self.widget(name, QDialog)

    def wait_closed(self, name: str) -> None:
        self.qtbot.waitUntil(lambda: self.widget(name, QDialog) is None, timeout=15_000)

    def wait_focus(self, name: str) -> None:
        self.qtbot.waitUntil(lambda: (QApplication.focusWidget() is not None
                                      and QApplication.focusWidget().objectName() == name),
                             timeout=10_000)

    def focus_name(self) -> str:
        QApplication.processEvents()
        widget = QApplication.focusWidget()
        return widget.objectName() if widget is not None else ""

    def label(self, name: str) -> str:
        widget = self.widget(name, QLabel)
        assert widget is not None, name
        return str(widget.text())

    def cart(self) -> QTableWidget:
        table = self.widget("cartTable", QTableWidget)
        assert table is not None
        return table

    def cart_rows(self) -> list[list[str]]:
        table = self.cart()
        return [[table.item(r, c).text() if table.item(r, c) else ""
                 for c in range(table.columnCount())] for r in range(table.rowCount())]

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.cart().selectionModel().selectedRows())

    def basket_state(self) -> tuple[Any, ...]:
        return (self.cart().rowCount(), self.label("totalLabel"), self.message())

    def scanned(self, scan: Any) -> None:
        """Run ``scan`` (keys that end in a scan) and wait until the basket or the message
        bar changed: the scan's own answer, not a row count that was already there."""
        before = self.basket_state()
        scan()
        # the message bar may also change for another reason (the last sale's receipt
        # printed): the scan's answer is in only once the window has no job left
        runner = self.window.runner
        self.qtbot.waitUntil(lambda: self.basket_state() != before and not runner.busy,
                             timeout=15_000)

    def wait_rows(self, count: int) -> None:
        self.qtbot.waitUntil(lambda: self.cart().rowCount() == count, timeout=15_000)
