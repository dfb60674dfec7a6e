"""Slow work off the GUI thread, with its result or error delivered back on it.

Every use-case that may block (the database, the network, a printer) runs through
``Runner.run``: the callable runs on a pool thread and exactly one of ``on_done`` or
``on_error`` is then called on the GUI thread. Errors reach the window in one place
(``Runner.failed``) unless the caller handles them, so a refusal is never lost.

Two lanes keep order where order matters: ``lane="basket"`` runs one job at a time in
the order asked (scans land in the basket in the order they were read); the default
lane runs side by side (a one-time code check never holds up a scan).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]


class _Relay(QObject):
    """Lives on the GUI thread; its signal crosses from the pool thread to it."""

    finished = Signal(object, object, bool)  # job, value or error, ok


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay,
                 on_done: Done | None, on_error: Failed | None) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.on_done = on_done
        self.on_error = on_error
        self.setAutoDelete(False)  # the runner keeps it until its answer is delivered

    def run(self) -> None:
        _trace_like_python_threads()
        try:
            value = self.fn()
        except BaseException as exc:
            self.relay.finished.emit(self, exc, False)
            return
        self.relay.finished.emit(self, value, True)


def _trace_like_python_threads() -> None:
    """Qt's pool threads are not started by ``threading``, so a tracer that Python
    threads get (coverage's, a debugger's) never reaches them: hand it on here."""
    hook = threading.gettrace()
    if hook is not None and sys.gettrace() is None:
        sys.settrace(hook)


class Runner(QObject):
    """Runs callables off the GUI thread; answers arrive on the GUI thread.

    ``failed`` carries errors whose caller gave no ``on_error``; ``busy_changed`` says
    whether any job is still running (the window shows it and refuses a second sale).
    """

    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(4)
        self._basket_pool = QThreadPool(self)
        self._basket_pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._jobs: set[_Job] = set()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None, *, lane: str = "") -> None:
        job = _Job(fn, self._relay, on_done, on_error)
        was_busy = self.busy
        self._jobs.add(job)
        if not was_busy:
            self.busy_changed.emit(True)
        (self._basket_pool if lane == "basket" else self._pool).start(job)

    def _deliver(self, job: _Job, payload: Any, ok: bool) -> None:
        self._jobs.discard(job)
        try:
            if ok:
                if job.on_done is not None:
                    job.on_done(payload)
            elif job.on_error is not None:
                job.on_error(payload)
            else:
                self.failed.emit(payload)
        finally:
            if not self._jobs:
                self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running jobs (closing the window); their answers are dropped."""
        ok_main = self._pool.waitForDone(msecs)
        return self._basket_pool.waitForDone(msecs) and ok_main
