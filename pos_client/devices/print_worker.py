"""Printing off the caller's thread: a queue, one worker thread, plain callbacks.

The window submits a document and goes on; ``on_done(job)`` or ``on_failed(job, error)``
is called later **on the worker thread** (the UI hands it over to its own thread). A
failed job is only reported: the sale and its stored document are untouched, and the
cashier reprints once the printer is back.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import DeviceError
from ..domain.receipts import ReceiptDoc
from .printer import ReceiptPrinter, printer_error
from .printer_state import PrinterState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintJob:
    job_id: int
    doc: ReceiptDoc


DoneCallback = Callable[[PrintJob], None]
FailedCallback = Callable[[PrintJob, DeviceError], None]
_STOP = object()


class PrintWorker:
    """``submit`` never blocks; jobs print one after another in submission order."""

    def __init__(self, printer: ReceiptPrinter, *, on_done: DoneCallback | None = None,
                 on_failed: FailedCallback | None = None) -> None:
        self.printer = printer
        self.on_done = on_done
        self.on_failed = on_failed
        self._queue: queue.Queue[object] = queue.Queue()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> PrintWorker:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="print-worker",
                                                daemon=True)
                self._thread.start()
        return self

    def submit(self, doc: ReceiptDoc) -> PrintJob:
        """Queue ``doc`` for printing (a copy prints as a copy, see ``mark_copy``)."""
        job = PrintJob(next(self._ids), doc)
        self.start()
        self._queue.put(job)
        return job

    def pending(self) -> int:
        return self._queue.qsize()

    def stop(self, timeout_s: float = 30.0) -> bool:
        """Finish queued jobs, then end the thread; ``False`` if it did not end in time."""
        thread = self._thread
        if thread is None:
            return True
        self._queue.put(_STOP)
        thread.join(timeout_s)
        return not thread.is_alive()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            assert isinstance(item, PrintJob)
            self._print(item)

    def _print(self, job: PrintJob) -> None:
        try:
            self.printer.print_document(job.doc)
        except DeviceError as exc:
            log.warning("print job %d failed: %s (%s)", job.job_id, exc.code, exc.detail)
            self._call(self.on_failed, job, exc)
            return
        except Exception as exc:  # a bug must not kill the worker: report it as a failure
            log.exception("print job %d crashed", job.job_id)
            self._call(self.on_failed, job, printer_error(PrinterState.ERROR, detail=repr(exc)))
            return
        self._call(self.on_done, job)

    @staticmethod
    def _call(callback: Callable[..., None] | None, *args: object) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:
            log.exception("print callback failed")
