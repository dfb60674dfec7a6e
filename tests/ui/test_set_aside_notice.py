"""The manager's screen says which items from the service were set aside."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from central_support import Central
from PySide6.QtWidgets import QLabel
from report_support import MANAGER_PIN, open_terminal

from pos_client.ui import i18n
from pos_client.ui.manager import open_manager_screen

SHOTS = os.environ.get("POS_TEST_SCREENSHOTS")  # a folder to keep the screen's picture in


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_manager_sees_the_items_set_aside_and_nothing_when_there_are_none(
        qtbot: object, central: Central, tmp_path: Path, language: str) -> None:
    counter = open_terminal(central, tmp_path, language=language)
    i18n.set_language(language)
    try:
        screen = open_manager_screen(None, counter, counter.manager(MANAGER_PIN))
        qtbot.addWidget(screen)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: not screen.runner.busy)  # type: ignore[attr-defined]
        notice = screen.findChild(QLabel, "setAsideNotice")
        assert notice is not None
        qtbot.waitUntil(lambda: not notice.runner.busy)  # type: ignore[attr-defined]
        assert not notice.isVisible()
        screen.hide()

        product = next(p for p in central.ids["products"] if p["group"])
        central.admin.post(f"catalog/{product['gtin']}", {"max_price_rials": -5})
        pulled, _ = counter.sync_now()
        assert pulled.set_aside == 1
        screen = open_manager_screen(None, counter, counter.manager(MANAGER_PIN))
        qtbot.addWidget(screen)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: not screen.runner.busy)  # type: ignore[attr-defined]
        notice = screen.findChild(QLabel, "setAsideNotice")
        assert notice is not None
        qtbot.waitUntil(notice.isVisible)  # type: ignore[attr-defined]
        assert product["gtin"] in notice.text() and "max_price_rials" in notice.text()
        assert ("broke a rule" in notice.text()) == (language == "en")
        if SHOTS:
            screen.grab().save(str(Path(SHOTS) / f"manager-set-aside-{language}.png"))
    finally:
        counter.close()
        i18n.set_language("fa")
