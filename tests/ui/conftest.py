"""The window's tests: a terminal with a real data dir and file printer over the real
central-sim of ``tests/conftest.py``, its window driven offscreen by object names."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from central_support import Central
from window_driver import Driver, MakeTerminal, set_up_store, terminal_settings

from pos_client.ui import i18n


@pytest.fixture
def make_terminal(qtbot: Any, tmp_path: Path) -> Iterator[MakeTerminal]:
    """A terminal over ``url`` (any central-sim), with its own data dir and printer."""
    drivers: list[Driver] = []

    def make(url: str, token: str, products: list[dict[str, Any]], *, clock: Any = None,
             **options: Any) -> Driver:
        settings = terminal_settings(tmp_path / f"terminal{len(drivers)}", url, token,
                                     **options)
        set_up_store(settings, products)
        driver = Driver(qtbot, settings, clock)
        drivers.append(driver)
        return driver

    try:
        yield make
    finally:
        for driver in drivers:
            driver.close()
        i18n.set_language("fa")


@pytest.fixture
def terminal(make_terminal: MakeTerminal, central: Central) -> Driver:
    return make_terminal(central.url, central.token, central.ids["products"])
