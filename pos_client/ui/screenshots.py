"""Screenshots of the main screens, from the demo window (run by ``scripts/screenshots``).

Offscreen (``QT_QPA_PLATFORM=offscreen``) or under Xvfb: sign-in, a sale with a household
and a basket, the cash tender dialog, and the same sale in English. Each is the window's
own ``grab()``, so what is saved is what a cashier sees.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QWidget

from . import i18n
from .app import build_window, make_app


def _spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(condition: Any, ms: int = 10_000) -> None:
    for _ in range(ms // 50):
        if condition():
            return
        _spin(50)
    raise TimeoutError("the window did not get there")


def _child(parent: Any, kind: type, name: str) -> Any:
    found = parent.findChild(kind, name)
    if found is None:
        raise LookupError(name)
    return found


def _sale(window: Any, demo: Any) -> None:
    _child(window, QLineEdit, "pinInput").setText(demo.cashier_pin)
    _child(window, QPushButton, "loginButton").click()
    _wait(lambda: _child(window, QLineEdit, "openingCashInput").isVisible())
    _child(window, QLineEdit, "openingCashInput").setText("5000000")
    _child(window, QPushButton, "openShiftButton").click()
    _wait(lambda: _child(window, QLineEdit, "scanInput").isVisible())
    window.sale.identify(demo.identities[0].text)
    _wait(lambda: window.sale.household is not None)
    products = demo.products
    picks = [products[0], products[5], next(p for p in products if not p["group"]),
             next(p for p in products if p["group"] and p["group"] not in ("rice",)
                  and p["unit"] == "piece")]
    for product in picks:
        window.sale.scan(product["gtin"])
        _wait(lambda: not window.runner.busy)
    _spin(200)


def shoot(out: Path, language: str) -> list[Path]:
    from ..app.demo import start_demo
    from ..counter.facade import Counter

    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="pos-shots-") as tmp:
        demo = start_demo(tmp, households=400, language=language)
        try:
            demo.settings.customer_display.kind = "window"  # the customer's screen too
            make_app(demo.settings)
            counter = Counter.open(demo.settings)
            try:
                window = build_window(counter, demo=demo)
                window.show()
                _spin(300)

                def save(name: str, widget: Any = None) -> None:
                    path = out / f"{name}-{language}.png"
                    (widget or window).grab().save(str(path))
                    saved.append(path)
                if language == "fa":
                    save("login")
                _sale(window, demo)
                save("sale")
                customer: Any = window.findChild(QWidget, "customerDisplay")
                customer.resize(1280, 720)
                _spin(100)
                save("customer", customer)
                _child(window, QPushButton, "payCashButton").click()
                _wait(lambda: window.findChild(QDialog, "tenderDialog") is not None)
                dialog = _child(window, QDialog, "tenderDialog")
                _child(dialog, QLineEdit, "tenderedInput").setText(
                    str(window.sale.split.remainder_rials + 1_000_000))
                _spin(100)
                save("tender", dialog)
                _child(dialog, QPushButton, "tenderOkButton").click()
                _wait(lambda: window.sale.outcome is not None)
                preview: Any = getattr(window, "receipt_preview", None)
                _wait(lambda: preview is not None and preview.count > 0)
                _spin(200)
                save("completed")
                save("customer-completed", customer)
                window.close()
            finally:
                counter.close()
        finally:
            demo.stop()
    return saved


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for language in ("fa", "en"):
        i18n.set_language(language)
        for path in shoot(out, language):
            print(path)
    from .screenshots_manager import main as shoot_manager_side
    for path in shoot_manager_side(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
