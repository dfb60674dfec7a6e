"""The snapshot as Prometheus metrics: a custom collector read afresh on every scrape.

``TerminalCollector`` holds no figures of its own: each scrape takes a new ``Snapshot``
(``snapshot.take_snapshot``), so the window's exporter and ``pos-client serve-metrics``
over the same data directory say the same thing and nothing drifts. ``serve(listen,
collector)`` starts ``prometheus_client``'s HTTP server on a registry of its own.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from ..domain.errors import UserFacingError
from ..settings.config import parse_listen
from .snapshot import PRINTER_ATTENTION, PRINTER_STATES, Snapshot

log = logging.getLogger(__name__)
PREFIX = "pos_client_"


def _ts(moment: dt.datetime) -> float:
    return moment.timestamp()


def metric_families(snap: Snapshot) -> Iterator[Metric]:
    """Every metric of one snapshot (names in docs/monitoring/README.md)."""
    yield InfoMetricFamily("pos_client", "the terminal: software version, terminal and store",
                           value={"version": snap.version, "terminal": snap.terminal_id,
                                  "store": snap.store_code})
    if snap.online is not None:
        yield GaugeMetricFamily(PREFIX + "online", "1 when the central service answers",
                                value=1 if snap.online else 0)
    if snap.last_contact_at is not None:
        yield GaugeMetricFamily(PREFIX + "last_contact_timestamp_seconds",
                                "when the central service last answered (Unix time)",
                                value=_ts(snap.last_contact_at))
    yield GaugeMetricFamily(PREFIX + "unsent_sales", "sales waiting for the central service",
                            value=snap.unsent_sales)
    yield GaugeMetricFamily(PREFIX + "unsent_voids", "voids waiting for the central service",
                            value=snap.unsent_voids)
    yield GaugeMetricFamily(PREFIX + "unsent_oldest_age_seconds",
                            "age of the oldest unsent sale (0 when none)",
                            value=snap.oldest_unsent_age_s or 0.0)
    for name, moment, what in (("last_pull", snap.last_pull_at, "pull"),
                               ("last_push", snap.last_push_at, "push")):
        if moment is not None:
            yield GaugeMetricFamily(PREFIX + name + "_timestamp_seconds",
                                    f"when the last successful {what} ended (Unix time)",
                                    value=_ts(moment))
    yield GaugeMetricFamily(PREFIX + "rejected_offline_sales_today",
                            "offline sales of today's business day the service rejected",
                            value=snap.rejected_offline_today)
    used = GaugeMetricFamily(PREFIX + "offline_exposure_used",
                             "offline exposure used against a limit (rials, or hours for "
                             "max_age_hours)", labels=["limit"])
    for limit, value in sorted(snap.exposure_used.items()):
        used.add_metric([limit], value)
    yield used
    limits = GaugeMetricFamily(PREFIX + "offline_exposure_limit",
                               "the programme's offline limits (rials, or hours)",
                               labels=["limit"])
    for limit, value in sorted(snap.exposure_limits.items()):
        limits.add_metric([limit], value)
    yield limits
    printer = GaugeMetricFamily(PREFIX + "printer_status",
                                "1 for the printer's current state", labels=["state"])
    for state in PRINTER_STATES:
        printer.add_metric([state], 1 if state == snap.printer_state else 0)
    yield printer
    yield GaugeMetricFamily(PREFIX + "printer_needs_attention",
                            "1 when the printer needs a person (out of paper, cover open, ...)",
                            value=1 if snap.printer_state in PRINTER_ATTENTION else 0)
    if snap.journal_ok is not None:
        yield GaugeMetricFamily(PREFIX + "journal_verified",
                                "1 when the journal's hash chain verified at start",
                                value=1 if snap.journal_ok else 0)
    yield GaugeMetricFamily(PREFIX + "sales_today", "standing sales of today's business day",
                            value=snap.sales_today)
    yield GaugeMetricFamily(PREFIX + "coupon_today_rials",
                            "coupon total of today's standing sales (rials)",
                            value=snap.coupon_today_rials)
    errors = CounterMetricFamily(PREFIX + "errors", "errors by code; source store: sales and "
                                 "voids refused (kept), sync/printer: seen by this process",
                                 labels=["code", "source"])
    for (code, source), count in sorted(snap.errors.items()):
        errors.add_metric([code, source], count)
    yield errors


class TerminalCollector(Collector):
    """Reads a fresh snapshot on each scrape; a failed read is logged and scraped as
    ``pos_client_scrape_ok 0`` rather than breaking the endpoint."""

    def __init__(self, take: Callable[[], Snapshot]) -> None:
        self._take = take
        self._lock = threading.Lock()

    def collect(self) -> Iterator[Metric]:
        with self._lock:  # one read at a time: scrapes come on server threads
            try:
                snap = self._take()
            except UserFacingError as exc:
                log.warning("metrics: the store could not be read: %s (%s)", exc.code,
                            exc.detail)
                snap = None
        yield GaugeMetricFamily(PREFIX + "scrape_ok", "1 when the terminal's store was read",
                                value=0 if snap is None else 1)
        if snap is not None:
            yield from metric_families(snap)


@dataclass
class MetricsServer:
    server: WSGIServer
    thread: threading.Thread

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def serve(listen: str, collector: Collector) -> MetricsServer:
    """Serve ``/metrics`` on ``host:port`` (port 0: any free one) in a daemon thread."""
    host, port = parse_listen(listen)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    try:
        server, thread = start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        raise UserFacingError.from_code("metrics_listen", listen=listen, strerror=exc.strerror, detail=str(exc)) from exc
    return MetricsServer(server, thread)
