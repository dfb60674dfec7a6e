"""``pos-client printer test`` and ``pos-client printer status``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain.dates import utc_now
from ..domain.errors import DeviceError
from ..domain.receipts import build_test_receipt
from ..settings.config import Settings, SettingsLoader


def register(subparsers: Any) -> None:
    """Add this part's sub-commands to ``subparsers``."""
    printer = subparsers.add_parser("printer", help="the receipt printer")
    actions = printer.add_subparsers(dest="printer_command", metavar="ACTION", required=True)
    test = actions.add_parser("test", help="print a test receipt, or say what is wrong")
    test.set_defaults(func=printer_test)
    status = actions.add_parser("status", help="ask the printer for its status")
    status.set_defaults(func=printer_status)


def _describe(settings: Settings) -> str:
    p = settings.printer
    where = {"file": p.path, "network": f"{p.host}:{p.port}", "usb": p.usb, "serial": p.url,
             "cups": p.cups_name, "win32raw": p.win32_name or "(Windows default printer)"
             }.get(p.kind, "")
    return f"{p.kind} {where}".strip()


def printer_test(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    from .printer import ReceiptPrinter

    settings = settings_loader()
    language = settings.terminal.language
    printer = ReceiptPrinter(settings.printer)
    doc = build_test_receipt(utc_now(), description=_describe(settings),
                             width_dots=settings.printer.width_dots, language=language)
    try:
        printer.print_document(doc)
    except DeviceError as exc:
        print(_without_receipt_note(exc.message(language)), file=sys.stderr)
        return 1
    print("صفحه آزمایشی چاپ شد." if language == "fa" else "Test receipt printed.",
          f"({_describe(settings)})")
    return 0


def printer_status(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    from .printer import ReceiptPrinter

    settings = settings_loader()
    language = settings.terminal.language
    try:
        status = ReceiptPrinter(settings.printer).status()
    except DeviceError as exc:
        print(_without_receipt_note(exc.message(language)), file=sys.stderr)
        return 1
    print(status.message(language), f"({_describe(settings)})")
    return 0 if status.printable else 1


def _without_receipt_note(message: str) -> str:
    """A test page is no sale: drop the "receipt is saved" sentence."""
    from .printer import SAVED_EN, SAVED_FA

    return message.replace(SAVED_FA, "").replace(SAVED_EN, "")
