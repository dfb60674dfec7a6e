"""``pos-client card-terminal test``: the link to the store's card reader and its identity."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..devices.card_terminal import open_card_terminal
from ..domain.errors import UserFacingError
from ..settings.config import SettingsLoader


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("card-terminal", help="the store's bank card reader (PC-POS)")
    actions = parser.add_subparsers(dest="card_terminal_command", metavar="ACTION",
                                    required=True)
    test = actions.add_parser("test", help="check the link and show the reader's identity")
    test.set_defaults(func=card_terminal_test)
    pending = actions.add_parser("pending", help="card payments whose result is still unknown")
    pending.add_argument("--search", action="store_true",
                         help="ask the reader about each (search by order id)")
    pending.set_defaults(func=card_terminal_pending)


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


def card_terminal_pending(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    """Unresolved card payments (journaled, sent, result unknown); ``--search`` asks the
    reader about each. Exit 0 when none is left unresolved."""
    from ..counter.card_payment import CardDesk
    from ..store import Store

    settings = settings_loader()
    fa = settings.terminal.language == "fa"
    terminal = open_card_terminal(settings.card_terminal) if args.search else None

    def no_manager(_pin: str) -> Any:
        raise RuntimeError("no manager here")

    with Store.open(settings.data_path) as store:
        desk = CardDesk(store, terminal, no_manager)
        left = 0
        for payment in desk.unresolved():
            state = payment.state
            if terminal is not None:
                try:
                    state = desk.resolve(payment.order_id).state
                except UserFacingError as exc:
                    print(exc.message(settings.terminal.language), file=sys.stderr)
            left += state in ("sending", "unknown")
            print(f"{payment.order_id} {payment.amount_rials} {state}")
        if not left:
            print("پرداخت کارتی نامعلومی نمانده است." if fa else
                  "No card payment is left unresolved.")
    return 1 if left else 0
