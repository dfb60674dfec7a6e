"""The demo's dock: its marks explained and its prices shown; the receipt preview fits its
column and shows a picture only for what was printed (a drawer kick prints nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from pos_client.app.demo import start_demo
from pos_client.counter import Counter
from pos_client.ui import i18n
from pos_client.ui.app import build_window, make_app


def test_the_demo_dock_explains_its_marks_shows_prices_and_previews_only_receipts(
        qtbot: Any, tmp_path: Path) -> None:
    demo = start_demo(tmp_path, households=50)
    counter = Counter.open(demo.settings)
    try:
        make_app(demo.settings)
        window = build_window(counter, demo=demo)
        qtbot.addWidget(window)
        window.show()
        legend = window.findChild(QLabel, "demoProductsLegend")
        assert legend is not None and "✓" in legend.text() and "✗" in legend.text()
        products = window.findChild(QListWidget, "demoProducts")
        first = demo.products[0]
        assert i18n.money(first["price_rials"]) in products.item(0).text()

        counter.sync_now()
        counter.login(demo.cashier_pin)
        counter.open_drawer(demo.manager_pin)  # a drawer kick: a job with no picture
        counter.balance_slip(counter.identify(demo.identities[0].text))
        preview = window.receipt_preview
        qtbot.waitUntil(lambda: preview.count == 1, timeout=15_000)
        qtbot.waitUntil(lambda: not preview.reading, timeout=15_000)
        assert preview.count == 1
        assert preview.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        picture = window.findChild(QLabel, "receiptImage0")
        assert picture.pixmap().width() <= preview.viewport().width()
        window.close()
    finally:
        counter.close()
        demo.stop()
