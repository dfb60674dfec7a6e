"""Scans and swipes land in the right place whatever has focus.

Keyboard-wedge devices: ``ScanFilter`` watches every key of the application and feeds
the core's ``WedgeDetector`` (``pos_client.devices.wedge``) with the key event's own time.
A fast burst ending in Enter that parses as a barcode goes to the basket; a card swipe
goes to the customer field. The burst's characters are taken back out of the field that
had focus and its Enter is swallowed, so nothing is typed twice.

Serial devices: ``SerialInputs`` starts the core's ``BarcodeScanner`` / ``CardReader``
(``pos_client.devices.serial_input``) from the settings; their callbacks arrive on a
reader thread and are re-emitted as signals, so the window handles them on its thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from ..devices.wedge import Scan, WedgeDetector
from ..domain.barcode import parse_gtin
from ..domain.errors import InvalidBarcode
from ..settings.config import Settings

log = logging.getLogger(__name__)
ENTER_KEYS = (0x01000004, 0x01000005)  # Qt.Key_Return, Qt.Key_Enter


class ScanFilter(QObject):
    """An application-wide event filter that routes wedge scans and swipes.

    ``active()`` says whether scans should be routed now (the sale screen is showing);
    ``on_barcode(text)`` and ``on_swipe(text)`` receive them; ``customer_field`` is the
    field whose own 8- or 10-digit entries (one-time and national codes) are left to it.
    """

    def __init__(self, *, active: Callable[[], bool], on_barcode: Callable[[str], None],
                 on_swipe: Callable[[str], None], customer_field: QLineEdit,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = WedgeDetector()
        self.active = active
        self.on_barcode = on_barcode
        self.on_swipe = on_swipe
        self.customer_field = customer_field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not self.active():
            self.detector.reset()
            return False
        if watched is not QApplication.focusWidget():
            return False  # the same key on its way to parents: feed it once
        char = "\r" if event.key() in ENTER_KEYS else event.text()
        if not char:
            return False
        scan = self.detector.feed(char, event.timestamp() / 1000.0)
        # The Enter that ended a routed scan goes nowhere else.
        return scan is not None and self._route(scan, watched)

    def _route(self, scan: Scan, field: QObject) -> bool:
        text = scan.text
        if scan.kind == "swipe":
            self._take_back(field, scan)
            self.on_swipe(text)
            return True
        digits = text.strip()
        if field is self.customer_field and len(digits) in (8, 9, 10):
            return False  # a one-time or national code scanned into its own field
        try:
            parse_gtin(digits)
        except InvalidBarcode:
            return False  # not a barcode: leave the keys where they were typed
        self._take_back(field, scan)
        self.on_barcode(digits)
        return True

    @staticmethod
    def _take_back(field: QObject, scan: Scan) -> None:
        """Remove the burst's characters (all but its Enter) typed into a line edit."""
        if not isinstance(field, QLineEdit):
            return
        cursor = field.cursorPosition()
        start = cursor - len(scan.text)
        text = field.text()
        if start >= 0 and text[start:cursor] == scan.text:
            field.setText(text[:start] + text[cursor:])
            field.setCursorPosition(start)


class SerialInputs(QObject):
    """The serial scanner and card reader of the settings, if any, on the GUI thread."""

    barcode = Signal(str)
    card = Signal(str)
    failed = Signal(object)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from ..devices.serial_input import card_reader_from_settings, scanner_from_settings

        self.devices: list[Any] = []
        scanner = scanner_from_settings(settings.scanner, on_barcode=self.barcode.emit,
                                        on_error=self.failed.emit)
        reader = card_reader_from_settings(settings.card_reader,
                                           on_card=lambda ident: self.card.emit(ident.value),
                                           on_error=self.failed.emit)
        self.devices = [d for d in (scanner, reader) if d is not None]

    def start(self) -> None:
        for device in self.devices:
            device.start()

    def stop(self) -> None:
        for device in self.devices:
            device.stop()


def install(scan_filter: ScanFilter) -> None:
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(scan_filter)


def uninstall(scan_filter: ScanFilter) -> None:
    app = QApplication.instance()
    if app is not None:
        app.removeEventFilter(scan_filter)
