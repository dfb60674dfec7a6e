"""The window, offscreen, in a child process: cold start to first paint, then
scan-to-line latency in the basket.

    python -m bench.window SETTINGS-JSON SPAWNED-AT GTINS-FILE SCANS [KG-GTIN WEIGHS]

``SPAWNED-AT`` is the parent's ``time.time()`` just before it started this process, so
the cold start includes the interpreter, the imports, Qt, opening the 3,000,000-household
database and the first sync round's start, exactly as ``pos-client`` does them
(``pos_client.ui.app.run``).

With ``KG-GTIN WEIGHS``, a Toledo 8217 scale simulator runs on a pty in this process and
the window weighs that kg item ``WEIGHS`` times (F7, then the scan): from the moment the
scale writes its answer to the weighed line painted in the basket.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

SPAWNED_AT = float(sys.argv[2]) if len(sys.argv) > 2 else time.time()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.measure import peak_rss_mb, summary  # noqa: E402
from pos_client.app.demo import CASHIER  # noqa: E402
from pos_client.counter import Counter  # noqa: E402
from pos_client.devices.scale_sim import ScaleSim, toledo_weight  # noqa: E402
from pos_client.settings.config import settings_for  # noqa: E402
from pos_client.ui.app import build_window, make_app  # noqa: E402

IMPORTED_AT = time.time()


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.time()
            QTimer.singleShot(0, QApplication.quit)
        return False


def wait_for(app: QApplication, done: object, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():  # type: ignore[operator]
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        time.sleep(0.0002)


def scan_to_line(app: QApplication, window: object, gtins: list[str], scans: int) -> list[float]:
    sale = window.sale  # type: ignore[attr-defined]
    window._login(CASHIER[1])  # type: ignore[attr-defined]
    stack = window.stack  # type: ignore[attr-defined]
    wait_for(app, lambda: stack.currentIndex() in (1, 2))
    if stack.currentIndex() == 1:
        window._open_shift(0)  # type: ignore[attr-defined]
        wait_for(app, lambda: stack.currentIndex() == 2)
    table = sale.basket_view.table
    latencies: list[float] = []
    for n in range(scans + 5):
        if n % 20 == 0:
            sale.new_sale(announce=False)
            app.processEvents()
        rows = table.rowCount()
        started = time.perf_counter()
        sale.scan(gtins[n])
        wait_for(app, lambda rows=rows: table.rowCount() > rows)
        table.viewport().repaint()
        if n >= 5:  # the first scans warm the lookup path
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def weigh_to_line(app: QApplication, window: object, sim: ScaleSim, gtin: str,
                  weighs: int) -> list[float]:
    """F7 with an empty basket, then the kg item's scan: the scale's answer to the line."""
    sale = window.sale  # type: ignore[attr-defined]
    table = sale.basket_view.table
    latencies: list[float] = []
    for n in range(weighs + 3):
        grams = 500 + n
        sim.answer(toledo_weight(f"{grams // 1000:02d}.{grams % 1000:03d}"))
        sale.new_sale(announce=False)
        sale.read_scale()  # armed: the next kg item scanned is weighed
        sale.scan(gtin)
        wait_for(app, lambda grams=grams: bool(sale.basket.lines)
                 and sale.basket.lines[0].qty_milli == grams and table.rowCount() == 1)
        table.viewport().repaint()
        if n >= 3:  # the first weighings warm the path
            latencies.append((time.perf_counter() - sim.answered_at[-1]) * 1000)
    return latencies


def main() -> None:
    raw_settings = json.loads(sys.argv[1])
    gtins = json.loads(Path(sys.argv[3]).read_text()) if len(sys.argv) > 3 else []
    scans = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    kg_gtin = sys.argv[5] if len(sys.argv) > 5 else ""
    weighs = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    sim = None
    if weighs:
        sim, path = ScaleSim.on_pty("toledo8217")
        sim.start()
        raw_settings["scale"] = {"kind": "serial", "url": path, "protocol": "toledo8217"}
    settings = settings_for(**raw_settings)
    app = make_app(settings)
    counter = Counter.open(settings)
    try:
        window = build_window(counter)
        painted = FirstPaint()
        window.installEventFilter(painted)
        window.show()
        app.exec()
        assert painted.at is not None
        result = {"cold_start_s": painted.at - SPAWNED_AT,
                  "imports_s": IMPORTED_AT - SPAWNED_AT}
        if scans:
            result["scan_ms"] = summary(scan_to_line(app, window, gtins, scans))
        if sim is not None:
            assert counter.scale is not None and counter.scale.line.connected.wait(10)
            result["weigh_ms"] = summary(weigh_to_line(app, window, sim, kg_gtin, weighs))
        window.removeEventFilter(painted)
        window.close()
    finally:
        counter.close()
        if sim is not None:
            sim.stop()
    result["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
