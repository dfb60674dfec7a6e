"""The counter's serial barcode scanner and card reader (pyserial ``serial_for_url``).

A reader thread turns bytes into frames that end at CR or LF. Noise (bytes that are not
printable ASCII), partial frames (no terminator within ``frame_timeout_s``) and
over-long frames are dropped with a log line that gives the reason and the length, never
the content: a scan may be a national code and a swipe carries a card number. When the
device goes away the reader closes it and opens it again with a growing delay, so a
scanner that is unplugged and plugged back in just works again.

Callbacks run on the reader thread; the window hands them over to its own thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import serial

from ..domain.barcode import parse_gtin
from ..domain.errors import UserFacingError
from ..domain.identity import Identifier, looks_like_swipe, parse_pan, parse_track2
from ..settings.config import InputDeviceSettings

log = logging.getLogger(__name__)

FrameCallback = Callable[[str], None]
DropCallback = Callable[[str], None]  # reason: noise | partial | overlong
ErrorCallback = Callable[[UserFacingError], None]
_TERMINATORS = b"\r\n"


class SerialLineReader:
    """Frames from a serial device on a background thread, reconnecting when it returns."""

    def __init__(self, url: str, on_frame: FrameCallback, *, baudrate: int = 9600,
                 max_frame: int = 128, frame_timeout_s: float = 0.5, poll_s: float = 0.05,
                 retry_initial_s: float = 0.2, retry_max_s: float = 5.0,
                 on_drop: DropCallback | None = None,
                 on_connected: Callable[[bool], None] | None = None,
                 opener: Callable[[], Any] | None = None, name: str = "serial") -> None:
        self.url = url
        self.on_frame = on_frame
        self.on_drop = on_drop
        self.on_connected = on_connected
        self.baudrate = baudrate
        self.max_frame = max_frame
        self.frame_timeout_s = frame_timeout_s
        self.poll_s = poll_s
        self.retry_initial_s = retry_initial_s
        self.retry_max_s = retry_max_s
        self.name = name
        self._opener = opener or self._open_url
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    def start(self) -> SerialLineReader:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name=f"{self.name}-reader",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> bool:
        """Stop reading and close the device; ``False`` if the thread did not end in time."""
        self._stop.set()
        if self._thread is None:
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _open_url(self) -> Any:
        return serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=self.poll_s)

    def _run(self) -> None:
        delay = self.retry_initial_s
        while not self._stop.is_set():
            try:
                port = self._opener()
            except (serial.SerialException, OSError, ValueError) as exc:
                log.info("%s: cannot open %s (%s); retrying in %.1f s", self.name,
                         self.url, type(exc).__name__, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, self.retry_max_s)
                continue
            delay = self.retry_initial_s
            self._set_connected(True)
            try:
                self._read_frames(port)
            except (serial.SerialException, OSError) as exc:
                log.warning("%s: device lost (%s); reconnecting", self.name, type(exc).__name__)
            finally:
                self._set_connected(False)
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()

    def _set_connected(self, value: bool) -> None:
        if value:
            self.connected.set()
        else:
            self.connected.clear()
        if self.on_connected is not None:
            self.on_connected(value)

    def _read_frames(self, port: Any) -> None:
        port.timeout = self.poll_s
        buffer = bytearray()
        discarding = False  # the rest of an over-long frame, up to its terminator
        last_byte = time.monotonic()
        while not self._stop.is_set():
            chunk = bytes(port.read(max(1, port.in_waiting)))
            now = time.monotonic()
            if not chunk:
                if buffer and now - last_byte > self.frame_timeout_s:
                    self._drop("partial", len(buffer))
                    buffer.clear()
                discarding = False if not buffer else discarding
                continue
            last_byte = now
            for byte in chunk:
                if byte in _TERMINATORS:
                    if buffer and not discarding:
                        self._frame(bytes(buffer))
                    buffer.clear()
                    discarding = False
                elif not discarding:
                    buffer.append(byte)
                    if len(buffer) > self.max_frame:
                        self._drop("overlong", len(buffer))
                        buffer.clear()
                        discarding = True

    def _frame(self, raw: bytes) -> None:
        if any(byte < 0x20 or byte > 0x7E for byte in raw if byte != 0x09):
            self._drop("noise", len(raw))
            return
        text = raw.decode("ascii").strip()
        if text:
            self.on_frame(text)

    def _drop(self, reason: str, length: int) -> None:
        log.warning("%s: dropped a %s frame of %d bytes", self.name, reason, length)
        if self.on_drop is not None:
            self.on_drop(reason)


class BarcodeScanner:
    """A serial scanner: delivers valid GTINs; an invalid scan goes to ``on_error``."""

    def __init__(self, url: str, *, on_barcode: Callable[[str], None], on_error: ErrorCallback,
                 **reader_options: Any) -> None:
        self.on_barcode = on_barcode
        self.on_error = on_error
        self.reader = SerialLineReader(url, self._frame, name="scanner", **reader_options)

    def _frame(self, text: str) -> None:
        try:
            gtin = parse_gtin(text)
        except UserFacingError as exc:
            log.info("scanner: refused a scan (%s)", exc.code)
            self.on_error(exc)
            return
        self.on_barcode(gtin)

    def start(self) -> BarcodeScanner:
        self.reader.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> bool:
        return self.reader.stop(timeout_s)


class CardReader:
    """A magnetic-stripe reader: delivers the card as ``Identifier("card", pan)``."""

    def __init__(self, url: str, *, on_card: Callable[[Identifier], None],
                 on_error: ErrorCallback, **reader_options: Any) -> None:
        self.on_card = on_card
        self.on_error = on_error
        reader_options.setdefault("max_frame", 256)  # track 1 and 2 in one frame
        self.reader = SerialLineReader(url, self._frame, name="card-reader", **reader_options)

    def _frame(self, text: str) -> None:
        try:
            pan = parse_track2(text) if looks_like_swipe(text) else parse_pan(text)
        except UserFacingError as exc:
            log.info("card reader: refused a swipe (%s)", exc.code)
            self.on_error(exc)
            return
        self.on_card(Identifier("card", pan))

    def start(self) -> CardReader:
        self.reader.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> bool:
        return self.reader.stop(timeout_s)


def scanner_from_settings(settings: InputDeviceSettings, *, on_barcode: Callable[[str], None],
                          on_error: ErrorCallback) -> BarcodeScanner | None:
    """The ``[scanner]`` device when it is serial; ``None`` for wedge (keyboard) or none."""
    if settings.kind != "serial" or not settings.url:
        return None
    return BarcodeScanner(settings.url, on_barcode=on_barcode, on_error=on_error,
                          baudrate=settings.baudrate)


def card_reader_from_settings(settings: InputDeviceSettings, *,
                              on_card: Callable[[Identifier], None],
                              on_error: ErrorCallback) -> CardReader | None:
    if settings.kind != "serial" or not settings.url:
        return None
    return CardReader(settings.url, on_card=on_card, on_error=on_error,
                      baudrate=settings.baudrate)
