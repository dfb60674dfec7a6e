"""``pos-client card-terminal test``: the link to the store's card reader and its identity."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ...config import Settings
from ...errors import UserFacingError
from . import open_card_terminal

SettingsLoader = Callable[[], Settings]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("card-terminal", help="the store's bank card reader (PC-POS)")
    actions = parser.add_subparsers(dest="card_terminal_command", metavar="ACTION",
                                    required=True)
    test = actions.add_parser("test", help="check the link and show the reader's identity")
    test.set_defaults(func=card_terminal_test)


def card_terminal_test(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    settings = settings_loader()
    fa = settings.terminal.language == "fa"
    terminal = open_card_terminal(settings.card_terminal)
    if terminal is None:
        print("کارتخوانی تنظیم نشده است ([card_terminal] kind = none)." if fa else
              "No card reader is configured ([card_terminal] kind = none).", file=sys.stderr)
        return 1
    try:
        identity = terminal.test()
    except UserFacingError as exc:
        print(exc.message(settings.terminal.language), file=sys.stderr)
        return 1
    finally:
        terminal.close()
    if fa:
        print(f"کارتخوان {identity.kind} در {identity.link} پاسخ داد: پایانه "
              f"{identity.terminal_id}، پذیرنده {identity.merchant_id}")
    else:
        print(f"card reader {identity.kind} at {identity.link} answered: terminal "
              f"{identity.terminal_id}, merchant {identity.merchant_id}")
    return 0
