"""The cashier's steps for the acceptance scenarios: keys only, to whatever has focus.

A scanner and a card reader are keyboards too (wedge devices): their keys also go to the
focus widget, but ``Counter.device_keys`` counts them apart from the cashier's own keys.
"""

from __future__ import annotations

from typing import Any

from central_support import Central
from keyboard import KEY, Keyboard, Screen
from window_driver import CASHIER, Driver

from pos_client.domain.money import to_persian_digits
from pos_client.ui import i18n


class Cashier:
    def __init__(self, terminal: Driver, central: Central) -> None:
        self.terminal = terminal
        self.central = central
        self.kb = Keyboard(terminal.qtbot)
        self.screen = Screen(terminal.qtbot, terminal.window)
        self.device_keys = 0

    @property
    def persian(self) -> bool:
        return i18n.is_rtl()

    def digits(self, text: str) -> str:
        """What the cashier's keyboard types: Persian digits on a Persian keyboard."""
        return to_persian_digits(text) if self.persian else text

    def sign_in(self, opening_cash: str = "0") -> None:
        self.screen.wait_focus("pinInput")
        self.kb.type_enter(self.digits(CASHIER[1]))
        self.terminal.qtbot.waitUntil(
            lambda: self.screen.focus_name() in ("openingCashInput", "scanInput"),
            timeout=15_000)
        if self.screen.focus_name() == "openingCashInput":
            self.kb.type_enter(self.digits(opening_cash))
        self.screen.wait_focus("scanInput")

    def device(self, text: str) -> None:
        """A scanner's or card reader's burst, ending in Enter."""
        before = self.kb.count
        self.kb.type_enter(text)
        self.device_keys += self.kb.count - before
        self.kb.count = before

    def scan(self, gtin: str) -> None:
        self.screen.scanned(lambda: self.device(gtin))

    def swipe(self, pan: str) -> None:
        self.device(f";{pan}=29031010000000000000?")
        self.wait_household()

    def identify(self, code: str) -> None:
        self.kb.press(KEY.Key_F2)
        self.kb.type_enter(self.digits(code))

    def wait_household(self) -> Any:
        window = self.terminal.window
        self.terminal.qtbot.waitUntil(lambda: window.sale.household is not None
                                      and not window.runner.busy, timeout=15_000)
        return window.sale.household

    def in_dialog(self, key: KEY, dialog: str, field: str, text: str | None) -> None:
        """Press ``key``; the dialog opens with the keyboard in ``field``; type, Enter."""
        self.kb.press(key)
        self.screen.wait_dialog(dialog)
        assert self.screen.focus_name() == field
        if text is not None:
            self.kb.type(text)
        self.kb.enter()

    def completed(self) -> Any:
        sale_screen = self.terminal.window.sale
        self.terminal.qtbot.waitUntil(lambda: sale_screen.outcome is not None, timeout=15_000)
        self.screen.wait_focus("scanInput")
        return sale_screen.outcome.sale
