"""What only a running process knows: is the service there, the printer's state, errors.

``CounterLive`` is the window's: it listens to the ``Counter``'s events (the forwarder's
rounds, print jobs) and never touches a device itself, so it cannot get in a receipt's
way. ``ProbeLive`` is for a terminal whose window is closed (``serve-metrics``,
``health``): ``refresh()`` asks the central service (``GET /v1/terminal``) and the printer
(its real-time status) itself; ``serve-metrics`` calls it every ``probe_interval_s`` from
a thread of its own, so a scrape never waits on the network.
``JournalVerifier`` checks the journal's hash chain once, at start, on a connection of
its own.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..counter.events import CounterEvent, Printed, PrintFailed, StatusChanged
from ..devices.printer_state import PrinterState
from ..domain.dates import utc_now
from ..domain.errors import UserFacingError
from ..settings.config import Settings
from .readonly import clean_code, open_read_only

log = logging.getLogger(__name__)


def printer_state_of(error: UserFacingError) -> PrinterState:
    """``printer_paper_out`` -> ``paper_out`` (devices/printer.py's codes)."""
    return PrinterState.of_code(error.code)


class _Errors:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, code: str | None, source: str) -> None:
        key = (clean_code(code), source)
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1

    def copy(self) -> dict[tuple[str, str], int]:
        with self._lock:
            return dict(self._counts)


class CounterLive:
    """The window's live figures, from its ``Counter`` (typed loosely: any object with
    ``subscribe``, ``believed_offline``, ``forwarder_state``, ``engine`` and ``printer``)."""

    def __init__(self, counter: Any) -> None:
        self._counter = counter
        self._errors = _Errors()
        self._printer = (PrinterState.NOT_CONFIGURED if counter.printer is None
                         else PrinterState.UNKNOWN)
        counter.subscribe(self._on_event)

    def _on_event(self, event: CounterEvent) -> None:
        match event:
            case Printed():
                self._printer = PrinterState.READY
            case PrintFailed(error=error):
                self._printer = printer_state_of(error)
                self._errors.add(error.code, "printer")
            case StatusChanged(error=UserFacingError() as error):
                self._errors.add(error.code, "sync")
            case _:
                pass

    def online(self) -> bool | None:
        if self._counter.believed_offline():
            return False
        online: bool | None = self._counter.forwarder_state.online
        return online

    def last_contact_at(self) -> dt.datetime | None:
        engine = self._counter.engine
        return None if engine is None else engine.last_success_at

    def printer_state(self) -> PrinterState:
        return self._printer

    def errors(self) -> dict[tuple[str, str], int]:
        return self._errors.copy()


class ProbeLive:
    """Asks the service and the printer itself (``refresh``), for a closed window."""

    def __init__(self, settings: Settings, *, clock: Callable[[], dt.datetime] = utc_now,
                 ask_printer: bool = True) -> None:
        self.settings = settings
        self.clock = clock
        self.ask_printer = ask_printer
        self._errors = _Errors()
        self._online: bool | None = None
        self._contact: dt.datetime | None = None
        self._printer = (PrinterState.NOT_CONFIGURED if settings.printer.kind == "none"
                         else PrinterState.UNKNOWN)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def refresh(self, *, service: bool = True) -> None:
        if service:
            self._ask_service()
        if self.ask_printer and self.settings.printer.kind != "none":
            self._ask_printer()

    def _ask_service(self) -> None:
        from ..sync.api import CentralApi

        try:
            api = CentralApi.from_settings(self.settings)
        except UserFacingError as exc:
            self._online = False
            self._errors.add(exc.code, "sync")
            return
        try:
            api.terminal()
            self._online, self._contact = True, self.clock()
        except UserFacingError as exc:
            self._online = False
            self._errors.add(exc.code, "sync")
        finally:
            api.close()

    def _ask_printer(self) -> None:
        from ..devices.printer import ReceiptPrinter

        try:
            self._printer = ReceiptPrinter(self.settings.printer).status().state
        except UserFacingError as exc:
            self._printer = printer_state_of(exc)
            self._errors.add(exc.code, "printer")
        except Exception as exc:  # a driver's own exception: the printer said nothing useful
            log.info("printer status: %r", exc)
            self._printer = PrinterState.ERROR
            self._errors.add("printer_error", "printer")

    def start(self, interval_s: float) -> None:
        """Refresh now and then every ``interval_s`` in a daemon thread until ``stop``."""
        def run() -> None:
            while not self._stop.is_set():
                try:
                    self.refresh()
                except Exception:
                    log.exception("metrics probe failed")
                self._stop.wait(interval_s)

        self._thread = threading.Thread(target=run, name="metrics-probe", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def online(self) -> bool | None:
        return self._online

    def last_contact_at(self) -> dt.datetime | None:
        return self._contact

    def printer_state(self) -> PrinterState:
        return self._printer

    def errors(self) -> dict[tuple[str, str], int]:
        return self._errors.copy()


class JournalVerifier:
    """The journal's hash chain checked once (``run`` now, or ``start`` in a thread)."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = data_dir
        self._ok: bool | None = None
        self.problem = ""

    @property
    def ok(self) -> bool | None:
        return self._ok

    def run(self) -> bool | None:
        try:
            with open_read_only(self.data_dir) as store:
                problem = store.verify_journal()
        except UserFacingError as exc:
            log.warning("journal check: the store could not be read: %s", exc.detail)
            return None
        self.problem = "" if problem is None else str(problem)
        if problem is not None:
            log.error("journal check at start: %s", problem)
        self._ok = problem is None
        return self._ok

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="journal-check", daemon=True)
        thread.start()
        return thread
