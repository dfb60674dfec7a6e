"""The simulated reader: one conversation at a time over a byte link.

Faults (``set_fault(name, times)``; each use counts one down):
``nack``            NACK the next INM or REQUEST instead of acknowledging it;
``silence_ack``     say nothing to the next INM or REQUEST;
``bad_lrc_ack``     the next ACK goes out with a wrong LRC;
``bad_lrc``         the next RESPONSE goes out with a wrong LRC (the sale *is* charged);
``eot``             the customer cancels at the reader: EOT instead of a RESPONSE;
``silence``         acknowledge the next sale, then never answer (not charged);
``drop_charged``    acknowledge the next sale, charge it, and drop the connection;
``drop_uncharged``  acknowledge the next sale and drop the connection without charging.

``deaf`` (``set_deaf``) makes the reader ignore every frame, as if switched off;
``deaf_after_drop`` makes a drop fault leave it deaf, so that the counter's search right
after the drop cannot reach it either (an unknown outcome that stays unknown).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import threading
import time
from dataclasses import dataclass

import jdatetime

from pos_client.devices.card_terminal.link import Link, LinkClosed
from pos_client.devices.card_terminal.sadad_wire import (
    CODE_APPROVED,
    CODE_NOT_FOUND,
    FUNCTION_SEARCH_ORDER,
    FUNCTION_SEARCH_ORDER_ALT,
    VERSION,
    VERSION_EXTENDED,
    Frame,
    FrameBuffer,
    FrameError,
    FrameType,
    Request,
    control,
    encode,
    parse_request_data,
    response_data,
)

log = logging.getLogger(__name__)
FAULTS = ("nack", "silence_ack", "bad_lrc_ack", "bad_lrc", "eot", "silence", "drop_charged",
          "drop_uncharged")
CODE_DECLINED = "51"  # insufficient funds
TEST_CARD = "6219863510313864"  # the published example's card: never leaves this module
ACK_WAIT_S = 5.0


class _Dropped(Exception):
    """The simulated reader hangs up."""


@dataclass(frozen=True)
class Charge:
    order_id: str
    amount_rials: int
    response_code: str
    trace: str
    rrn: str
    approval_code: str
    when: tuple[int, int, int, int, int, int]

    @property
    def approved(self) -> bool:
        return self.response_code == CODE_APPROVED


class SimReader:
    def __init__(self, *, terminal_id: str = "C0000301",
                 merchant_id: str = "000000000000152", mode: str = "approve",
                 pin_delay_s: float = 0.0, line_end: bytes = b"") -> None:
        self.terminal_id = terminal_id
        self.merchant_id = merchant_id
        self.mode = mode
        self.pin_delay_s = pin_delay_s
        self.line_end = line_end
        self._lock = threading.Lock()
        self._faults: dict[str, int] = {}
        self._records: dict[str, Charge] = {}  # every sale that reached a decision
        self._numbers = itertools.count(996)
        self.requests_seen = 0  # sale REQUESTs acknowledged
        self.waiting_pin = threading.Event()  # set while the "customer" is at the reader
        self._pin_entered = threading.Event()
        self.stopped = threading.Event()
        self.deaf = False
        self.deaf_after_drop = False

    # --- the control API (in process; the control port calls the same) ----------------
    def set_fault(self, name: str, times: int = 1) -> None:
        if name not in FAULTS:
            raise ValueError(f"unknown fault {name!r}; one of {', '.join(FAULTS)}")
        with self._lock:
            self._faults[name] = times

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
        self.deaf = False

    def set_deaf(self, deaf: bool) -> None:
        self.deaf = deaf

    def set_mode(self, mode: str) -> None:
        if mode not in ("approve", "decline"):
            raise ValueError("mode is approve or decline")
        self.mode = mode

    def enter_pin(self) -> None:
        """The customer finishes at the reader now (ends the PIN wait early)."""
        self._pin_entered.set()

    def charges(self) -> list[Charge]:
        """Approved sales: what the bank would debit."""
        with self._lock:
            return [c for c in self._records.values() if c.approved]

    def record(self, order_id: str) -> Charge | None:
        with self._lock:
            return self._records.get(order_id)

    def state(self) -> dict[str, object]:
        with self._lock:
            return {"mode": self.mode, "pin_delay_s": self.pin_delay_s,
                    "faults": dict(self._faults), "requests_seen": self.requests_seen,
                    "charges": [{"order_id": c.order_id, "amount_rials": c.amount_rials}
                                for c in self._records.values() if c.approved],
                    "waiting_pin": self.waiting_pin.is_set(), "deaf": self.deaf}

    def _take(self, name: str) -> bool:
        with self._lock:
            left = self._faults.get(name, 0)
            if left <= 0:
                return False
            self._faults[name] = left - 1
            return True

    # --- the conversation --------------------------------------------------------------
    def serve(self, link: Link) -> None:
        """Answer frames on ``link`` until it closes, the reader hangs up, or ``stop``."""
        buffer = FrameBuffer()
        try:
            while not self.stopped.is_set():
                chunk = link.read(0.1)
                for raw, frame in buffer.feed(chunk) if chunk else []:
                    self._answer(link, buffer, raw, frame)
        except (LinkClosed, _Dropped):
            pass

    def _send(self, link: Link, raw: bytes, *, bad_lrc: bool = False) -> None:
        if bad_lrc:
            raw = raw[:-1] + bytes([raw[-1] ^ 0xFF])
        link.write(raw + self.line_end)

    def _ack(self, link: Link, version: str) -> None:
        self._send(link, control(FrameType.ACK, version), bad_lrc=self._take("bad_lrc_ack"))

    def _answer(self, link: Link, buffer: FrameBuffer, raw: bytes,
                frame: Frame | FrameError) -> None:
        if self.deaf:
            return
        if isinstance(frame, FrameError):
            self._send(link, control(FrameType.NACK))
            return
        if frame.type in (FrameType.INM, FrameType.REQUEST):
            if self._take("silence_ack"):
                return
            if self._take("nack"):
                self._send(link, control(FrameType.NACK, frame.version))
                return
        if frame.type == FrameType.INM:
            self._ack(link, frame.version)
        elif frame.type == FrameType.EOT:
            self._ack(link, frame.version)  # nothing running: nothing to cancel
        elif frame.type == FrameType.REQUEST:
            try:
                request = parse_request_data(frame.data)
            except FrameError:
                self._send(link, control(FrameType.NACK, frame.version))
                return
            self._ack(link, frame.version)
            if request.function in (FUNCTION_SEARCH_ORDER, FUNCTION_SEARCH_ORDER_ALT):
                self._search(link, buffer, request)
            else:
                self._sale(link, buffer, request)

    def _order_id(self, request: Request) -> str:
        return next((value for number, value in request.fields if number == 5), "")

    def _now(self) -> tuple[int, int, int, int, int, int]:
        j = jdatetime.datetime.fromgregorian(datetime=dt.datetime.now())
        return (j.year, j.month, j.day, j.hour, j.minute, j.second)

    def _response(self, charge: Charge | None, version: str, *, bad_lrc: bool = False,
                  link: Link) -> None:
        if charge is None:
            data = response_data(response_code=CODE_NOT_FOUND, amount_rials=0,
                                 terminal_id=self.terminal_id, merchant_id=self.merchant_id)
        else:
            data = response_data(
                response_code=charge.response_code, amount_rials=charge.amount_rials,
                card=TEST_CARD, trace=charge.trace, when=charge.when, rrn=charge.rrn,
                approval_code=charge.approval_code, terminal_id=self.terminal_id,
                merchant_id=self.merchant_id)
        self._send(link, encode(Frame(FrameType.RESPONSE, data, version)), bad_lrc=bad_lrc)

    def _search(self, link: Link, buffer: FrameBuffer, request: Request) -> None:
        self._response(self.record(self._order_id(request)), VERSION_EXTENDED, link=link)
        self._wait_ack(link, buffer)

    def _sale(self, link: Link, buffer: FrameBuffer, request: Request) -> None:
        with self._lock:
            self.requests_seen += 1
        order_id = self._order_id(request)
        if self._take("drop_uncharged"):
            self.deaf = self.deaf_after_drop
            raise _Dropped
        if self._take("silence"):
            while not self.stopped.is_set():  # hear everything, answer nothing
                link.read(0.1)  # until the counter hangs up (LinkClosed)
            raise _Dropped
        if self._pin_wait(link, buffer):
            self._send(link, control(FrameType.EOT))
            self._wait_ack(link, buffer)
            return
        if self._take("eot"):
            self._send(link, control(FrameType.EOT))
            self._wait_ack(link, buffer)
            return
        number = next(self._numbers)
        approved = self.mode == "approve"
        charge = Charge(order_id, request.amount_rials,
                        CODE_APPROVED if approved else CODE_DECLINED, f"{number:06d}",
                        f"3200626{number:05d}" if approved else "",
                        f"{number % 10000:04d}" if approved else "", self._now())
        with self._lock:
            if order_id:
                self._records[order_id] = charge
        if self._take("drop_charged"):
            self.deaf = self.deaf_after_drop
            raise _Dropped
        self._response(charge, VERSION, bad_lrc=self._take("bad_lrc"), link=link)
        self._wait_ack(link, buffer)

    def _pin_wait(self, link: Link, buffer: FrameBuffer) -> bool:
        """The customer at the reader for ``pin_delay_s``; ``True`` when the counter sent
        EOT meanwhile (cancelled)."""
        self._pin_entered.clear()
        self.waiting_pin.set()
        try:
            deadline = time.monotonic() + self.pin_delay_s
            while not self._pin_entered.is_set() and not self.stopped.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                chunk = link.read(min(left, 0.05))
                for _raw, frame in buffer.feed(chunk) if chunk else []:
                    if isinstance(frame, Frame) and frame.type == FrameType.EOT:
                        return True
            return False
        finally:
            self.waiting_pin.clear()

    def _wait_ack(self, link: Link, buffer: FrameBuffer) -> None:
        deadline = time.monotonic() + ACK_WAIT_S
        while time.monotonic() < deadline and not self.stopped.is_set():
            chunk = link.read(0.1)
            for _raw, frame in buffer.feed(chunk) if chunk else []:
                if isinstance(frame, Frame) and frame.type in (FrameType.ACK, FrameType.NACK):
                    return


__all__ = ["FAULTS", "VERSION", "Charge", "SimReader"]
