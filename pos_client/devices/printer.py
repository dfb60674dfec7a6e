"""Receipt printers: every ``[printer] kind`` through python-escpos's connection classes.

A job is encoded once (``encode_job``: raster image ``GS v 0``, feed and cut, and the
drawer kick of a cash sale) and sent in one go over a connection opened for that job.
Before sending, the printer is asked for its real-time status (``DLE EOT``) where the
connection can answer; a printer that does not answer is tried anyway. Every failure is
a ``DeviceError`` whose Persian and English messages say what is wrong; nothing waits
forever (socket and serial timeouts). Printing never touches the sale: the caller keeps
the receipt document and reprints it once the printer is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image

from ..domain.errors import DeviceError, texts
from ..domain.receipts import ReceiptDoc
from ..settings.config import PrinterSettings
from .messages import printer_key
from .printer_state import PrinterState
from .receipt_image import render_receipt

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
STATUS_TIMEOUT_S = 1.0
SAVED_FA, SAVED_EN = texts("printer_saved")  # the sentence added after a receipt's printer error



@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said before a job; ``unknown`` when it cannot answer."""

    state: PrinterState
    printable: bool

    def message(self, language: str = "fa") -> str:
        fa, en = texts(printer_key(self.state), saved="")
        return fa if language == "fa" else en

    def error(self) -> DeviceError:
        return printer_error(self.state)


def printer_error(state: PrinterState, detail: str = "", *, saved: bool = True) -> DeviceError:
    """``printer_<state>``; ``saved``: it ends by saying the receipt is kept to reprint."""
    return DeviceError.from_code(printer_key(state), detail=detail,
                                 saved=texts("printer_saved") if saved else "")


def decode_status(online: bytes | None, cause: bytes | None,
                  paper: bytes | None) -> PrinterStatus:
    """``DLE EOT 1`` (printer), ``2`` (offline cause) and ``4`` (paper sensor) answers."""
    def bits(answer: bytes | None) -> int | None:
        if not answer or (answer[-1] & 0x93) != 0x12:  # bits 1, 4 set, 0, 7 clear
            return None
        return answer[-1]
    printer_bits, cause_bits, paper_bits = bits(online), bits(cause), bits(paper)
    if printer_bits is None:
        return PrinterStatus(PrinterState.UNKNOWN, True)
    if paper_bits is not None and paper_bits & 0x60:
        return PrinterStatus(PrinterState.PAPER_OUT, False)
    if cause_bits is not None and cause_bits & 0x04:
        return PrinterStatus(PrinterState.COVER_OPEN, False)
    if cause_bits is not None and cause_bits & 0x20:
        return PrinterStatus(PrinterState.PAPER_OUT, False)
    if printer_bits & 0x08:
        return PrinterStatus(PrinterState.OFFLINE, False)
    if paper_bits is not None and paper_bits & 0x0C:
        return PrinterStatus(PrinterState.PAPER_LOW, True)
    return PrinterStatus(PrinterState.READY, True)


_INVERT = bytes(255 - value for value in range(256))
FRAGMENT_HEIGHT = 960  # rows per GS v 0 command, as python-escpos splits


def raster_commands(image: Image.Image) -> bytes:
    """``GS v 0`` commands for a mode "1" image, byte for byte what python-escpos's
    ``image(impl="bitImageRaster")`` sends, without its RGBA round trip (about 35 ms
    for a long receipt; this takes about 1 ms)."""
    _require_mode_1(image)
    out = bytearray()
    width_bytes = (image.width + 7) // 8
    for top in range(0, image.height, FRAGMENT_HEIGHT):
        part = image.crop((0, top, image.width, min(image.height, top + FRAGMENT_HEIGHT)))
        out += _gs_v0(width_bytes, part.height, part.tobytes().translate(_INVERT))
    return bytes(out)


def _require_mode_1(image: Image.Image) -> None:
    if image.mode != "1":
        raise ValueError("a receipt image is mode '1'")


def _gs_v0(width_bytes: int, height: int, ink: bytes) -> bytes:
    return (b"\x1dv0\x00" + width_bytes.to_bytes(2, "little") + height.to_bytes(2, "little")
            + ink)


MOTION_UNITS = b"\x1dP\xcb\xcb"  # GS P 203 203: one motion unit is one dot at 203 dpi
MAX_FEED = 255  # ESC J n feeds at most 255 motion units


def ink_bands(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """The image as horizontal bands: ``(top, bottom, first_byte, end_byte)`` for each run
    of rows that carry ink, cropped to the byte columns that have ink in that run."""
    width_bytes = (image.width + 7) // 8
    raw = image.tobytes()  # mode "1": 1 = white, so a blank byte is 0xFF
    blank = b"\xff" * width_bytes
    bands: list[tuple[int, int, int, int]] = []
    start = -1
    first, end = width_bytes, 0
    for y in range(image.height + 1):
        row = raw[y * width_bytes:(y + 1) * width_bytes] if y < image.height else blank
        if row == blank:
            if start >= 0:
                bands.append((start, y, first, end))
                start, first, end = -1, width_bytes, 0
            continue
        if start < 0:
            start = y
        stripped = row.lstrip(b"\xff")
        first = min(first, width_bytes - len(stripped))
        end = max(end, len(row.rstrip(b"\xff")))
    return bands


def _feed(dots: int) -> bytes:
    out = bytearray()
    while dots > 0:
        step = min(dots, MAX_FEED)
        out += b"\x1bJ" + bytes([step])
        dots -= step
    return bytes(out)


def _left_margin(dots: int) -> bytes:
    return b"\x1dL" + dots.to_bytes(2, "little")


def compact_raster_commands(image: Image.Image) -> bytes:
    """The same paper as ``raster_commands`` in far fewer bytes, for slow links (a serial
    printer at 9,600 baud waits minutes for a full-width raster): blank rows are a paper
    feed (``ESC J``, in dots once ``GS P`` sets 203 dpi motion units), and each band of
    rows with ink is sent only as wide as its ink, placed with the left margin (``GS L``),
    which is reset to zero afterwards."""
    _require_mode_1(image)
    width_bytes = (image.width + 7) // 8
    raw = image.tobytes()
    out = bytearray(MOTION_UNITS)
    y = 0
    for top, bottom, first, end in ink_bands(image):
        out += _feed(top - y)
        for part_top in range(top, bottom, FRAGMENT_HEIGHT):
            part_bottom = min(bottom, part_top + FRAGMENT_HEIGHT)
            ink = b"".join(raw[row * width_bytes + first:row * width_bytes + end]
                           for row in range(part_top, part_bottom))
            out += _left_margin(first * 8)
            out += _gs_v0(end - first, part_bottom - part_top, ink.translate(_INVERT))
        y = bottom
    out += _feed(image.height - y) + _left_margin(0)
    return bytes(out)


def encode_job(image: Image.Image, *, open_drawer: bool = False, cut: bool = True,
               compact: bool = False) -> bytes:
    """ESC/POS bytes of one receipt: init, drawer kick, raster image (``GS v 0``), cut.
    ``compact`` sends only the ink (``compact_raster_commands``); the paper is the same."""
    from escpos.printer import Dummy

    encoder = Dummy()
    encoder.hw("INIT")
    if open_drawer:
        encoder.cashdraw(2)
    encoder._raw(compact_raster_commands(image) if compact else raster_commands(image))
    if cut:
        encoder.cut()
    return bytes(encoder.output)


def _lazy_class(kind: str) -> Any:
    import escpos.printer as printers

    cls = {"usb": printers.Usb, "cups": printers.CupsPrinter, "win32raw": printers.Win32Raw}[kind]
    if not cls.is_usable():
        need = {"usb": texts("printer_missing_driver:usb"),
                "cups": texts("printer_missing_driver:cups"),
                "win32raw": texts("printer_missing_driver:win32raw")}[kind]
        raise DeviceError.from_code("printer_missing_driver", kind=kind, need=need)
    return cls


def open_connection(settings: PrinterSettings) -> Any:
    """An opened python-escpos connection for ``settings``; ``DeviceError`` if impossible."""
    kind = settings.kind
    try:
        connection = _make_connection(settings)
        if kind != "dummy":
            connection.open()
        return connection
    except DeviceError:
        raise
    except Exception as exc:  # escpos raises its own tree, OSError or SerialException
        log.warning("printer %s cannot be opened: %s", kind, exc)
        raise printer_error(PrinterState.UNREACHABLE, detail=f"{kind}: {exc}") from exc


def _make_connection(settings: PrinterSettings) -> Any:
    kind = settings.kind
    if kind == "none":
        raise printer_error(PrinterState.NOT_CONFIGURED, saved=False)
    if kind == "dummy":
        from escpos.printer import Dummy

        return Dummy()
    if kind == "file":
        from .connections import AppendFile

        return AppendFile(settings.path)
    if kind == "network":
        from escpos.printer import Network

        return Network(settings.host, port=settings.port, timeout=settings.timeout_s)
    if kind == "serial":
        from .connections import UrlSerial

        return UrlSerial(settings.url, baudrate=settings.baudrate, timeout=settings.timeout_s)
    if kind == "usb":
        vendor, _, product = settings.usb.partition(":")
        return _lazy_class("usb")(int(vendor, 16), int(product, 16),
                                  timeout=int(settings.timeout_s * 1000))
    if kind == "cups":
        return _lazy_class("cups")(printer_name=settings.cups_name or None,
                                   host=settings.host or "localhost")
    if kind == "win32raw":  # the Windows spooler, RAW data type: the driver adds nothing
        return _lazy_class("win32raw")(printer_name=settings.win32_name)
    raise printer_error(PrinterState.NOT_CONFIGURED, saved=False)


def _ask(connection: Any, n: int, timeout_s: float) -> bytes | None:
    """One real-time status request; ``None`` if the connection cannot answer in time."""
    from .connections import read_timeout

    try:
        with read_timeout(connection, timeout_s):
            return bytes(connection.query_status(DLE_EOT + bytes((n,))))
    except (NotImplementedError, TimeoutError):
        return None
    except Exception as exc:  # a device that cannot read at all
        log.info("printer status %d not available: %s", n, exc)
        return None


def query_status(connection: Any, timeout_s: float = STATUS_TIMEOUT_S) -> PrinterStatus:
    if type(connection).__name__ in ("Dummy", "AppendFile", "CupsPrinter", "Win32Raw"):
        return PrinterStatus(PrinterState.UNKNOWN, True)
    online = _ask(connection, 1, timeout_s)
    if online is None:
        return PrinterStatus(PrinterState.UNKNOWN, True)
    return decode_status(online, _ask(connection, 2, timeout_s), _ask(connection, 4, timeout_s))


def _confirm(connection: Any, timeout_s: float) -> PrinterStatus:
    """Ask the status after the job: the answer comes once the printer has taken in
    every byte before it, so a printer that stalls or went away is found out here."""
    from .connections import read_timeout

    with read_timeout(connection, timeout_s):
        connection._raw(DLE_EOT + b"\x01")
        answer = bytes(connection._read())
    if not answer:
        raise printer_error(PrinterState.DISCONNECTED if connection_is_socket(connection)
                            else PrinterState.TIMEOUT,
                            detail="no status answer after the job")
    status = decode_status(answer, None, None)
    if status.state is PrinterState.OFFLINE:  # ask why only when it matters
        status = decode_status(answer, _ask(connection, 2, timeout_s),
                               _ask(connection, 4, timeout_s))
    if not status.printable:
        raise status.error()
    return status


def connection_is_socket(connection: Any) -> bool:
    return type(connection).__name__ == "Network"


def _send(connection: Any, data: bytes, *, confirm_s: float | None) -> None:
    """Send a job; with ``confirm_s``, wait up to that long for the printer to confirm."""
    try:
        connection._raw(data)
        if confirm_s is not None:
            _confirm(connection, confirm_s)
        connection.close()
    except DeviceError:
        raise
    except TimeoutError as exc:
        raise printer_error(PrinterState.TIMEOUT, detail=str(exc)) from exc
    except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError) as exc:
        raise printer_error(PrinterState.DISCONNECTED, detail=str(exc)) from exc
    except Exception as exc:
        name = type(exc).__name__
        state = PrinterState.TIMEOUT if "Timeout" in name else PrinterState.ERROR
        raise printer_error(state, detail=f"{name}: {exc}") from exc


class ReceiptPrinter:
    """The configured printer: status, print a document or image, test page."""

    def __init__(self, settings: PrinterSettings, *,
                 status_timeout_s: float = STATUS_TIMEOUT_S,
                 connect: Callable[[PrinterSettings], Any] = open_connection) -> None:
        self.settings = settings
        self.status_timeout_s = min(status_timeout_s, settings.timeout_s)
        self._connect = connect
        self.last_dummy_output = b""  # kind "dummy": the last job's bytes, for previews

    @property
    def width_dots(self) -> int:
        return self.settings.width_dots

    def status(self) -> PrinterStatus:
        """Ask the printer now (``unknown`` where it cannot answer); ``DeviceError`` if
        it cannot be reached at all."""
        connection = self._connect(self.settings)
        try:
            return query_status(connection, self.status_timeout_s)
        finally:
            _close_quietly(connection)

    def print_document(self, doc: ReceiptDoc) -> None:
        """Render and print; kicks the drawer on a cash sale's first print if configured."""
        image = render_receipt(doc, self.width_dots)
        self.print_image(image, open_drawer=doc.opens_drawer)

    def print_image(self, image: Image.Image, *, open_drawer: bool = False) -> None:
        if image.width > self.width_dots:
            raise ValueError(f"image {image.width} dots wide, paper {self.width_dots}")
        kick = open_drawer and self.settings.drawer
        self.send(encode_job(image, open_drawer=kick, compact=self.compact_raster),
                  open_drawer=kick)

    @property
    def compact_raster(self) -> bool:
        """Send only the ink (see ``compact_raster_commands``)?"""
        if self.settings.raster == "auto":
            return self.settings.kind == "serial"
        return self.settings.raster == "compact"

    def open_drawer(self) -> None:
        """Kick the cash drawer with no receipt (python-escpos ``cashdraw(2)``, the pin
        the drawer of a cash sale uses); ``DeviceError`` when the printer cannot be
        reached. Works whatever the paper: the drawer hangs off the printer, not the roll."""
        from escpos.printer import Dummy

        encoder = Dummy()
        encoder.cashdraw(2)
        connection = self._connect(self.settings)
        try:
            _send(connection, bytes(encoder.output), confirm_s=None)
        finally:
            _close_quietly(connection)

    def send(self, data: bytes, *, open_drawer: bool = False) -> None:
        """Send one encoded job; ``DeviceError`` says what is wrong."""
        connection = self._connect(self.settings)
        try:
            status = query_status(connection, self.status_timeout_s)
            if not status.printable:
                if open_drawer:  # the cashier still needs the drawer for the cash
                    _kick_quietly(connection)
                raise status.error()
            confirm = None if status.state is PrinterState.UNKNOWN else self.settings.timeout_s
            _send(connection, data, confirm_s=confirm)
            if self.settings.kind == "dummy":
                self.last_dummy_output = bytes(connection.output)
        finally:
            _close_quietly(connection)


def _kick_quietly(connection: Any) -> None:
    try:
        connection.cashdraw(2)
    except Exception as exc:
        log.warning("cash drawer kick failed: %s", exc)


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception as exc:
        log.info("closing the printer connection: %s", exc)
