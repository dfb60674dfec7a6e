"""The store's bank card reader (PC-POS), behind one small Protocol.

``open_card_terminal(settings)`` gives the driver named by ``[card_terminal] kind``, or
``None`` for ``kind = "none"`` (the cashier types the card payment's reference). A driver
is one module ``kinds/<kind>.py`` with ``open_terminal(settings) -> CardTerminal``: adding
another payment company's reader is adding that one file.
"""

from __future__ import annotations

import importlib
import pkgutil

from ...domain.errors import ConfigError
from ...settings.config import CardTerminalSettings
from . import kinds
from .base import CardOutcome, CardResult, CardTerminal, ReaderIdentity


def known_kinds() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(kinds.__path__)
                  if not m.name.startswith("_"))


def open_card_terminal(settings: CardTerminalSettings) -> CardTerminal | None:
    if settings.kind == "none":
        return None
    if settings.kind not in known_kinds():
        allowed = ", ".join(["none", *known_kinds()])
        raise ConfigError.from_code("config_invalid:card_terminal_kind", allowed=allowed,
                                    kind=settings.kind, detail="card_terminal.kind")
    module = importlib.import_module(f"{kinds.__name__}.{settings.kind}")
    terminal: CardTerminal = module.open_terminal(settings)
    return terminal


__all__ = ["CardOutcome", "CardResult", "CardTerminal", "ReaderIdentity", "known_kinds",
           "open_card_terminal"]
