"""``pos-client serve-metrics`` and ``pos-client health``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any

from ..domain.dates import utc_now
from ..domain.errors import ConfigError
from ..settings.config import SettingsLoader
from .collector import TerminalCollector, serve
from .live import JournalVerifier, ProbeLive
from .readonly import open_read_only
from .snapshot import as_json, problems, take_snapshot


def register(subparsers: Any) -> None:
    metrics = subparsers.add_parser(
        "serve-metrics", help="serve Prometheus metrics for a terminal whose window is closed")
    metrics.add_argument("--listen", help="host:port (default: [metrics] listen)")
    metrics.set_defaults(func=run_serve_metrics)
    health = subparsers.add_parser(
        "health", help="the terminal's health as JSON; exit 1 when something needs a person")
    health.add_argument("--offline-minutes", type=int, default=None, metavar="N",
                        help="offline longer than N minutes needs a person "
                             "(default: [metrics] offline_minutes)")
    health.add_argument("--offline", action="store_true", help="do not ask the service")
    health.add_argument("--no-printer", action="store_true",
                        help="do not ask the printer (while the window is printing)")
    health.set_defaults(func=run_health)


def run_serve_metrics(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    settings = settings_loader()
    listen = args.listen or settings.metrics.listen
    if not listen:
        raise ConfigError.from_code("config_invalid:no_metrics_address",
                                    detail="metrics.listen")
    store = open_read_only(settings.data_path)
    probe = ProbeLive(settings)
    journal = JournalVerifier(settings.data_path)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server = serve(listen, TerminalCollector(lambda: take_snapshot(store, probe, journal,
                                                                   utc_now)))
    try:
        host = listen.rpartition(":")[0]
        print(f"metrics: http://{host}:{server.port}/metrics", flush=True)
        journal.start()
        probe.start(settings.metrics.probe_interval_s)
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        probe.stop()
        server.stop()
        store.close()
    return 0


def run_health(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    settings = settings_loader()
    minutes = settings.metrics.offline_minutes if args.offline_minutes is None \
        else args.offline_minutes
    if minutes < 1:
        raise ConfigError.from_code("config_invalid:offline_minutes", detail="offline-minutes")
    with open_read_only(settings.data_path) as store:
        probe = ProbeLive(settings, ask_printer=not args.no_printer)
        probe.refresh(service=not args.offline)
        journal = JournalVerifier(settings.data_path)
        journal.run()
        snap = take_snapshot(store, probe, journal, utc_now)
    found = problems(snap, offline_minutes=minutes)
    json.dump(as_json(snap, found), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 1 if found else 0
