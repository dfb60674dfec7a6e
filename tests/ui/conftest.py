"""The window's tests: a terminal with a real data dir and file printer over the real
central-sim of ``tests/conftest.py``, its window driven offscreen by object names."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from central_support import Central  # noqa: E402
from window_driver import Driver, set_up_store, terminal_settings  # noqa: E402

from pos_client.ui import i18n  # noqa: E402


@pytest.fixture
def terminal(qtbot: object, central: Central, tmp_path: Path) -> Iterator[Driver]:
    settings = terminal_settings(tmp_path / "terminal", central.url, central.token)
    set_up_store(settings, central.ids["products"])
    driver = Driver(qtbot, settings)
    try:
        yield driver
    finally:
        driver.close()
        i18n.set_language("fa")
