"""The window's pages, by name: the stacked pages of ``MainWindow`` in their order.

Qt-free (mypy strict). ``int(page)`` is the page's place in the stack; the window adds its
pages in this order and never compares a bare index.
"""

from __future__ import annotations

from enum import IntEnum


class Page(IntEnum):
    LOGIN = 0  # the cashier's PIN
    SHIFT = 1  # the opening cash of a new day or shift
    SALE = 2  # the sale screen and its footer


def takes_scans(page: Page | None, dialog_open: bool) -> bool:
    """Scans are routed on the sale page when no dialog is asking for something."""
    return page is Page.SALE and not dialog_open


def takes_key(page: Page | None, key: str) -> bool:
    """The window's keys work on the sale page; F1 (help) everywhere."""
    return key == "F1" or page is Page.SALE
