"""The serial pole display: a 2x20 VFD showing the total, the coupon and what to pay.

Command set: the Epson DM-D (ESC/POS customer display) standard mode that most 2x20 pole
displays emulate:

- ``ESC @`` (1B 40): initialise, once after each connect;
- ``FF`` (0C): clear the screen, cursor home;
- ``US $ x y`` (1F 24 x y): move the cursor to column x (1..20), line y (1..2);
- then the text of that line, printable ASCII.

Each picture is one frame: FF, ``US $ 1 1``, 20 characters, ``US $ 1 2``, 20
characters. Such displays cannot shape Persian, so the figures are Latin digits after
short labels from ``[customer_display] label_*``. ``decode_frames`` reads a byte stream
back into pictures (the tests read a pty with it).

A worker thread owns the device: it writes the newest picture only (a picture replaced
before it is written is skipped), and when the device goes away it is opened again with
a growing delay, like the serial scanner (``serial_input``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import serial

from ..domain.customer_view import CustomerView
from ..settings.config import CustomerDisplaySettings

log = logging.getLogger(__name__)

WIDTH = 2 * 10
ESC_INIT = b"\x1b@"
CLEAR = b"\x0c"
MOVE = b"\x1f$"


def fit(label: str, amount: int, width: int) -> str:
    """``label`` left, ``amount`` right, in ``width`` characters: the whole label if it fits
    (with thousands separators if they fit too), else its first letters, else digits only."""
    forms = (f"{amount:,}", str(amount))
    for least in (len(label), 1, 0):
        for digits in forms:
            room = width - len(digits)
            if least == 0 and room >= 0:
                return digits.rjust(width)
            if least and room >= least + 1:
                name = label[:room - 1]
                return name + " " * (room - len(name)) + digits
    return str(amount)[-width:]


def picture(view: CustomerView, labels: CustomerDisplaySettings) -> tuple[str, str]:
    """The two 20-character lines for ``view``."""
    if view.phase == "idle":
        return labels.label_welcome.center(WIDTH)[:WIDTH], " " * WIDTH
    if view.phase == "voided":
        return (labels.label_void.center(WIDTH)[:WIDTH],
                fit(labels.label_total, view.total_rials, WIDTH))
    first = fit(labels.label_total, view.total_rials, WIDTH)
    if view.coupon_rials:
        half = WIDTH // 2
        second = (fit(labels.label_coupon, view.coupon_rials, half - 1) + " "
                  + fit(labels.label_pay, view.pays_rials, half))
    else:
        second = fit(labels.label_pay, view.pays_rials, WIDTH)
    return first, second


def encode(lines: tuple[str, str]) -> bytes:
    out = bytearray(CLEAR)
    for row, text in enumerate(lines, start=1):
        clean = "".join(c if " " <= c <= "~" else "?" for c in text)[:WIDTH].ljust(WIDTH)
        out += MOVE + bytes((1, row)) + clean.encode("ascii")
    return bytes(out)


def decode_frames(data: bytes) -> list[tuple[str, str]]:
    """The pictures in a stream of the commands above: one each time the last cell of the
    second line is written (a partial last frame is left out)."""
    frames: list[tuple[str, str]] = []
    screen = [[" "] * WIDTH, [" "] * WIDTH]
    col, row, i = 0, 0, 0
    while i < len(data):
        if data.startswith(ESC_INIT, i):
            i += 2
        elif data[i] == CLEAR[0]:
            screen = [[" "] * WIDTH, [" "] * WIDTH]
            col, row, i = 0, 0, i + 1
        elif data.startswith(MOVE, i):
            if i + 4 > len(data):
                break
            col, row, i = data[i + 2] - 1, data[i + 3] - 1, i + 4
        else:
            if 0x20 <= data[i] <= 0x7E and 0 <= row < 2 and 0 <= col < WIDTH:
                screen[row][col] = chr(data[i])
                col += 1
                if row == 1 and col == WIDTH:
                    frames.append(("".join(screen[0]), "".join(screen[1])))
            i += 1
    return frames


class PoleDisplay:
    """Writes the newest ``CustomerView`` to the pole display from its own thread."""

    def __init__(self, settings: CustomerDisplaySettings, *, retry_initial_s: float = 0.2,
                 retry_max_s: float = 5.0, opener: Callable[[], Any] | None = None) -> None:
        self.settings = settings
        self.retry_initial_s = retry_initial_s
        self.retry_max_s = retry_max_s
        self._opener = opener or self._open_url
        self._lock = threading.Lock()
        self._pending: CustomerView | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.shown: CustomerView | None = None  # the last picture written to the device
        self._written = threading.Condition()

    def _open_url(self) -> Any:
        return serial.serial_for_url(self.settings.url, baudrate=self.settings.baudrate,
                                     timeout=1, write_timeout=2)

    def show(self, view: CustomerView) -> None:
        """Any thread: ``view`` becomes the next picture (replacing one not yet written)."""
        with self._lock:
            self._pending = view
        self._wake.set()

    def start(self) -> PoleDisplay:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="pole-display",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> bool:
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _run(self) -> None:
        delay = self.retry_initial_s
        while not self._stop.is_set():
            try:
                port = self._opener()
            except (serial.SerialException, OSError, ValueError) as exc:
                log.info("pole display: cannot open %s (%s); retrying in %.1f s",
                         self.settings.url, type(exc).__name__, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, self.retry_max_s)
                continue
            delay = self.retry_initial_s
            try:
                port.write(ESC_INIT)
                if self.shown is not None:  # a display plugged back in gets the picture
                    self.show(self._pending or self.shown)
                self._write_loop(port)
            except (serial.SerialException, OSError) as exc:
                log.warning("pole display: device lost (%s); reconnecting",
                            type(exc).__name__)
            finally:
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()

    def _write_loop(self, port: Any) -> None:
        while not self._stop.is_set():
            if not self._wake.wait(0.2):
                # Idle: reading notices a device that went away (a socket's EOF raises),
                # so the picture is sent again as soon as it is back.
                if port.in_waiting:
                    port.read(port.in_waiting)
                continue
            with self._lock:
                view, self._pending = self._pending, None
                self._wake.clear()
            if view is None:
                continue
            try:
                port.write(encode(picture(view, self.settings)))
                port.flush()
            except BaseException:
                with self._lock:  # written again after the reconnect
                    self._pending = self._pending or view
                raise
            with self._written:
                self.shown = view
                self._written.notify_all()

    def wait_shown(self, view: CustomerView, timeout_s: float) -> bool:
        """Whether ``view`` is (or becomes within ``timeout_s``) the picture on the device."""
        with self._written:
            return self._written.wait_for(lambda: self.shown == view, timeout_s)
