"""Counter scales on a serial line (pyserial ``serial_for_url``), two protocols.

``toledo8217`` (Mettler Toledo 8217, the protocol of most POS scanner-scales): the terminal
sends ``W``; the scale answers ``STX`` + the weight in kg (``dd.ddd``, or five digits with
the decimal point implied, ``ddddd`` = ``dd.ddd``) + ``CR`` when the weight is stable and
valid, or ``STX ? s CR`` where ``s`` is the status byte:

====  ==========================================
bit   meaning when set
====  ==========================================
0     scale in motion
1     over capacity
2     under zero
3     outside zero capture range (not zeroed at power-up)
4     centre of zero (information only)
5     always 1 (the byte stays printable)
6, 7  always 0 / parity (ignored)
====  ==========================================

``cas`` (continuous stream, the format CAS and many Dibal/ACLAS counter scales send several
times a second): ``<stability>,<mode>,<sign><weight><unit>`` + ``CR LF``, e.g.
``ST,GS,+  1.234kg``. Stability is ``ST`` (stable), ``US`` (unstable) or ``OL`` (overload);
mode ``GS`` (gross) or ``NT`` (net); the weight field has a sign and a decimal point; the
unit must be ``kg``.

Only a stable, positive weight is taken: zero, negative, overload, moving and not zeroed
each give their own message. Framing, noise, partial frames and reconnection are the
scanner's (``serial_input.SerialLineReader``); a frame that does not parse is dropped with
its length in the log.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import serial

from ..domain.errors import DeviceError
from ..domain.money import MAX_QTY_MILLI
from ..settings.config import ScaleSettings
from .messages import scale_key
from .serial_input import SerialLineReader

log = logging.getLogger(__name__)

STX = 0x02
PROTOCOLS = ("toledo8217", "cas")
TOLEDO_MOTION, TOLEDO_OVER, TOLEDO_UNDER, TOLEDO_NOT_ZEROED, TOLEDO_CENTRE = (
    0x01, 0x02, 0x04, 0x08, 0x10)
_TOLEDO_WEIGHT = re.compile(r"^(\d{2})\.(\d{3})$|^(\d{5})$")
_CAS = re.compile(r"^(ST|US|OL),(GS|NT),([+-])\s*(\d{1,4}(?:\.\d{1,3})?)\s*(kg)$")

ScaleProblem = Literal["moving", "overload", "under_zero", "not_zeroed", "zero", "too_heavy",
                       "no_answer", "not_connected", "not_configured"]
FrameProblem = Literal["moving", "overload", "under_zero", "not_zeroed", ""]  # "" none


class ScaleError(DeviceError):
    """A scale that gave no usable weight; ``code`` is ``scale_<problem>``."""

    code = "scale_error"


def scale_error(problem: ScaleProblem) -> ScaleError:
    return ScaleError.from_code(scale_key(problem))


@dataclass(frozen=True)
class WeightFrame:
    """One answer of the scale: a weight (thousandths of a kg) or a problem."""

    weight_milli: int | None
    problem: FrameProblem = ""
    received_at: float = 0.0  # time.perf_counter() when the frame arrived

    @property
    def stable(self) -> bool:
        return self.problem == "" and self.weight_milli is not None


def parse_toledo(text: str) -> WeightFrame | None:
    """A Toledo 8217 answer without its STX and CR; None when it is not one."""
    if len(text) == 2 and text[0] == "?":
        status = ord(text[1])
        if not status & 0x20:
            return None
        toledo: tuple[tuple[int, FrameProblem], ...] = (
            (TOLEDO_OVER, "overload"), (TOLEDO_UNDER, "under_zero"),
            (TOLEDO_NOT_ZEROED, "not_zeroed"), (TOLEDO_MOTION, "moving"))
        for bit, problem in toledo:
            if status & bit:
                return WeightFrame(None, problem)
        return WeightFrame(0)  # centre of zero only: an empty, zeroed scale
    match = _TOLEDO_WEIGHT.match(text)
    if match is None:
        return None
    if match.group(3):
        return WeightFrame(int(match.group(3)))
    return WeightFrame(int(match.group(1)) * 1000 + int(match.group(2)))


def parse_cas(text: str) -> WeightFrame | None:
    """A CAS-style continuous frame without its CR LF; None when it is not one."""
    match = _CAS.match(text.strip())
    if match is None:
        return None
    state, _mode, sign, number = match.group(1), match.group(2), match.group(3), match.group(4)
    if state == "OL":
        return WeightFrame(None, "overload")
    whole, _dot, frac = number.partition(".")
    milli = int(whole) * 1000 + int(frac.ljust(3, "0") or "0")
    if sign == "-" and milli:
        return WeightFrame(None, "under_zero")
    if state == "US":
        return WeightFrame(None, "moving")
    return WeightFrame(milli)


PARSERS: dict[str, Callable[[str], WeightFrame | None]] = {
    "toledo8217": parse_toledo, "cas": parse_cas}


class ScaleLine(SerialLineReader):
    """The scanner's reader, taught STX-framed answers and able to send a request."""

    def __init__(self, url: str, on_frame: Callable[[str], None], **options: Any) -> None:
        options.setdefault("max_frame", 40)
        options.setdefault("name", "scale")
        super().__init__(url, on_frame, **options)
        self._port: Any = None
        self._write_lock = threading.Lock()

    def _read_frames(self, port: Any) -> None:
        with self._write_lock:
            self._port = port
        try:
            super()._read_frames(port)
        finally:
            with self._write_lock:
                self._port = None

    def _frame(self, raw: bytes) -> None:
        start = raw.rfind(bytes([STX]))
        # Noise before the STX is line noise; the answer is what follows it.
        super()._frame(raw[start + 1:] if start >= 0 else raw)

    def send(self, data: bytes) -> bool:
        """Write ``data`` to the scale; False when it is not connected now."""
        with self._write_lock:
            port = self._port
            if port is None:
                return False
            try:
                port.write(data)
                port.flush()
            except (serial.SerialException, OSError) as exc:
                log.info("scale: write failed (%s)", type(exc).__name__)
                return False
        return True


class Scale:
    """A scale of one protocol. ``read_weight`` blocks (the counter runs it off the GUI
    thread) until a stable weight comes, or raises ``ScaleError`` with the reason."""

    def __init__(self, url: str, protocol: str, *, baudrate: int = 9600,
                 answer_timeout_s: float = 1.0, settle_timeout_s: float = 3.0,
                 request_every_s: float = 0.2, **reader_options: Any) -> None:
        if protocol not in PARSERS:
            raise ValueError(f"unknown scale protocol {protocol!r}")
        self.protocol = protocol
        self.answer_timeout_s = answer_timeout_s
        self.settle_timeout_s = settle_timeout_s
        self.request_every_s = request_every_s
        self._parse = PARSERS[protocol]
        self._cond = threading.Condition()
        self._seq = 0
        self._last: WeightFrame | None = None
        self.on_drop = reader_options.pop("on_drop", None)
        self.line = ScaleLine(url, self._on_frame, baudrate=baudrate,
                              on_drop=self._dropped, **reader_options)

    @property
    def polled(self) -> bool:
        return self.protocol == "toledo8217"

    def start(self) -> Scale:
        self.line.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> bool:
        return self.line.stop(timeout_s)

    def _dropped(self, reason: str) -> None:
        if self.on_drop is not None:
            self.on_drop(reason)

    def _on_frame(self, text: str) -> None:
        frame = self._parse(text)
        if frame is None:
            self.line._drop("garbled", len(text))
            return
        frame = WeightFrame(frame.weight_milli, frame.problem, time.perf_counter())
        with self._cond:
            self._seq += 1
            self._last = frame
            self._cond.notify_all()

    def _next_frame(self, after: int, timeout_s: float) -> tuple[int, WeightFrame | None]:
        """The first frame after sequence number ``after``, or None within the timeout."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._seq == after:
                left = deadline - time.monotonic()
                if left <= 0:
                    return after, None
                self._cond.wait(left)
            return self._seq, self._last

    def read_frame(self) -> WeightFrame:
        """The next stable answer (asking for it when the protocol is polled); a problem
        other than motion raises at once, motion until ``settle_timeout_s`` is up."""
        if not self.line.connected.wait(min(self.answer_timeout_s, self.settle_timeout_s)):
            raise scale_error("not_connected")
        deadline = time.monotonic() + self.settle_timeout_s
        with self._cond:
            seq = self._seq
        moving = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise scale_error("moving" if moving else "no_answer")
            if self.polled and not self.line.send(b"W"):
                raise scale_error("not_connected")
            seq, frame = self._next_frame(seq, min(self.answer_timeout_s, left))
            if frame is None:
                if moving and time.monotonic() < deadline:
                    continue
                raise scale_error("moving" if moving else "no_answer")
            if frame.problem == "moving":
                moving = True
                if self.polled:
                    time.sleep(min(self.request_every_s, max(0.0, deadline - time.monotonic())))
                continue
            if frame.problem:
                raise scale_error(frame.problem)
            return frame

    def read_weight(self) -> int:
        """A stable weight in thousandths of a kg, or ``ScaleError``."""
        return check_weight(self.read_frame())


def check_weight(frame: WeightFrame) -> int:
    weight = frame.weight_milli
    if frame.problem:
        raise scale_error(frame.problem)
    if weight is None or weight == 0:
        raise scale_error("zero")
    if weight < 0:
        raise scale_error("under_zero")
    if weight > MAX_QTY_MILLI:
        raise scale_error("too_heavy")
    return weight


def scale_from_settings(settings: ScaleSettings, **options: Any) -> Scale | None:
    """The ``[scale]`` device when it is serial; ``None`` when there is none."""
    if settings.kind != "serial" or not settings.url:
        return None
    return Scale(settings.url, settings.protocol, baudrate=settings.baudrate, **options)
