"""Starting the window: the Qt application (font, direction, style), then the counter.

``run(settings)`` is ``pos-client`` (the window from the configuration); ``run_demo()`` is
``pos-client demo`` (the same window over an embedded central service and a file printer).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ..settings.config import Settings
from . import i18n
from .counter_port import CounterPort
from .main_window import MainWindow
from .style import STYLE_SHEET, load_fonts

log = logging.getLogger(__name__)


def make_app(settings: Settings, argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set for the cashier's language (created once, then reused)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("pos-client")
    i18n.set_language(settings.terminal.language, settings.terminal.money_unit)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                           else Qt.LayoutDirection.LeftToRight)
    load_fonts(app)
    app.setStyleSheet(STYLE_SHEET)
    return app


def build_window(counter: CounterPort, *, demo: Any = None) -> MainWindow:
    """The window over ``counter``; with a demo set-up, its PINs, identities and preview."""
    window = MainWindow(counter, title=i18n.tr("demo_title") if demo else "")
    if getattr(counter, "settings", None) is not None:
        window.use_serial_inputs(counter.settings)
    display = getattr(getattr(counter, "settings", None), "customer_display", None)
    if display is not None and display.kind != "none":
        from .customer_display import CustomerDisplays

        window.customer_displays = CustomerDisplays(window, display)  # type: ignore[attr-defined]
    if demo is not None:
        from .demo_panel import attach_demo

        attach_demo(window, demo)
    return window


def show_for_the_counter(window: MainWindow) -> None:
    """A counter's window fills the screen (the demo stays a window on a desktop)."""
    window.showFullScreen()


def run(settings: Settings) -> int:
    """``pos-client``: the window from the configuration, full screen, until it is closed."""
    from ..counter.facade import Counter
    from ..monitoring import start_window_metrics

    app = make_app(settings)
    counter = Counter.open(settings)
    metrics = None
    try:
        metrics = start_window_metrics(counter)  # [metrics] listen; None when off
        window = build_window(counter)
        show_for_the_counter(window)
        return app.exec()
    finally:
        if metrics is not None:
            metrics.stop()
        counter.close()


class _FirstPaint(QObject):
    """Quits the application once the watched window has painted (``--exit-after-first-paint``)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print("first paint", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def run_demo(language: str = "fa", *, exit_after_first_paint: bool = False) -> int:
    """``pos-client demo``: everything set up in a temporary directory, nothing to configure."""
    from ..app.demo import start_demo
    from ..counter.facade import Counter

    demo = start_demo(language=language)
    try:
        app = make_app(demo.settings)
        counter = Counter.open(demo.settings)
        try:
            window = build_window(counter, demo=demo)
            watcher = _FirstPaint(app) if exit_after_first_paint else None
            if watcher is not None:
                window.installEventFilter(watcher)
            window.show()
            result = app.exec()
            return 1 if watcher is not None and not watcher.painted else result
        finally:
            counter.close()
    finally:
        demo.stop()
