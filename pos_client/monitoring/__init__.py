"""Terminal health in Prometheus' format, and ``pos-client health``.

A chain's help desk scrapes every terminal with Prometheus (``docs/monitoring/``). The
metrics are read afresh on each scrape from the terminal's database, opened read-only
(``readonly``), plus what only a running process knows (``live``); ``snapshot`` is the
one set of figures, ``collector`` turns it into metrics. They are served on
``[metrics] listen`` (off when empty) by the window's process (``start_window_metrics``,
called by the app's wiring) and by ``pos-client serve-metrics`` for a terminal whose
window is closed; ``pos-client health`` prints the same figures as JSON (``commands``).
Nothing here imports Qt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..domain.errors import UserFacingError
from . import messages as messages  # the layer's messages, registered before any raise
from .collector import MetricsServer, TerminalCollector, metric_families, serve
from .live import CounterLive, JournalVerifier, ProbeLive
from .readonly import ReadOnlyStore, open_read_only
from .snapshot import Problem, Snapshot, as_json, problems, take_snapshot

log = logging.getLogger(__name__)


@dataclass
class WindowMetrics:
    server: MetricsServer
    store: ReadOnlyStore

    def stop(self) -> None:
        self.server.stop()
        self.store.close()


def start_window_metrics(counter: Any) -> WindowMetrics | None:
    """Serve the window's metrics when ``[metrics] listen`` is set (else None). Started
    after ``Counter.open``, so the database exists; stopped before ``counter.close``.
    When the address cannot be served the window runs on, and the log says why."""
    settings = counter.settings
    if not settings.metrics.listen:
        return None
    try:
        store = open_read_only(settings.data_path, clock=counter.clock)
    except UserFacingError as exc:
        log.warning("metrics not served: %s", exc.en)
        return None
    live = CounterLive(counter)
    journal = JournalVerifier(settings.data_path)
    journal.start()
    collector = TerminalCollector(lambda: take_snapshot(store, live, journal, counter.clock))
    try:
        server = serve(settings.metrics.listen, collector)
    except UserFacingError as exc:  # the cashier's window runs on without its metrics
        log.warning("metrics not served: %s", exc.en)
        store.close()
        return None
    log.info("metrics on http://%s/metrics", settings.metrics.listen)
    return WindowMetrics(server, store)


__all__ = [
    "CounterLive", "JournalVerifier", "MetricsServer", "ProbeLive", "Problem",
    "ReadOnlyStore", "Snapshot", "TerminalCollector", "WindowMetrics", "as_json",
    "metric_families", "open_read_only", "problems", "serve", "start_window_metrics",
    "take_snapshot",
]
