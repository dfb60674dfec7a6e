"""The cashier's window as ``pos-client run`` starts it, on a real X display, for the
xdotool scenario: ``python x_terminal.py ROOT URL TOKEN PRODUCTS.json STATE.json [LANGUAGE]``.

The store is set up as in the other window tests; every 100 ms the window's state (what
the screen shows, read by object names) is written to STATE.json for the test to read,
and the window is saved to ROOT/screen.png when the first sale is completed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget
from window_driver import set_up_store, terminal_settings

from pos_client.counter import Counter
from pos_client.ui.app import build_window, make_app, show_for_the_counter


def main() -> int:
    root, url, token, products, state_path = sys.argv[1:6]
    language = sys.argv[6] if len(sys.argv) > 6 else "fa"
    settings = terminal_settings(Path(root), url, token, language=language)
    set_up_store(settings, json.loads(Path(products).read_text(encoding="utf-8")))
    app = make_app(settings)
    counter = Counter.open(settings)
    counter.sync_now()
    window = build_window(counter)
    show_for_the_counter(window)

    def dump() -> None:
        focus = QApplication.focusWidget()
        outcome = window.sale.outcome
        screen = window.screen().geometry()
        state = {
            "focus": focus.objectName() if focus is not None else "",
            "message": window.findChild(QLabel, "messageBar").text(),
            "rows": window.findChild(QTableWidget, "cartTable").rowCount(),
            "remainder": window.sale.split.remainder_rials if window.sale.split else 0,
            "dialogs": [w.objectName() for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not window],
            "receipt": outcome.sale.receipt_no if outcome is not None else "",
            "txn_id": outcome.sale.txn_id if outcome is not None else "",
            "change": outcome.sale.change_rials if outcome is not None else 0,
            "full_screen": window.isFullScreen(),
            "size": [window.width(), window.height()],
            "screen": [screen.width(), screen.height()],
        }
        if outcome is not None and not shot.exists():
            window.grab().save(str(shot))
        partial = state_path + ".part"
        Path(partial).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, state_path)

    shot = Path(root) / "screen.png"
    timer = QTimer()
    timer.timeout.connect(dump)
    timer.start(100)
    try:
        return app.exec()
    finally:
        counter.close()


if __name__ == "__main__":
    sys.exit(main())
