"""``kind = "sadad"``: Sadad's PC-POS protocol over TCP (port 8888) or a serial URL.

The exchange (docs/pcpos.md): counter INM -> reader ACK; counter REQUEST -> reader ACK;
reader RESPONSE (or EOT) -> counter ACK. INM and REQUEST wait ``timeout_s`` (5 s) for
their ACK, up to three tries; the RESPONSE waits ``response_timeout_s`` (180 s) while the
customer is at the reader. Until the REQUEST is acknowledged nothing can have been
charged (``not_sent``); after it, a drop, a timeout or an unreadable frame is ``unknown``.
``cancel`` sends EOT; the sale then ends with whatever the reader answers (its EOT:
cancelled; a RESPONSE: that answer; nothing: unknown). One transaction at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from ....domain.errors import DeviceError
from ....settings.config import CardTerminalSettings
from ..base import CardOutcome, CardResult, ReaderIdentity
from ..link import Link, LinkClosed, SerialLink, SocketLink
from ..sadad_wire import (
    CODE_NOT_FOUND,
    VERSION,
    VERSION_EXTENDED,
    Frame,
    FrameBuffer,
    FrameError,
    FrameType,
    Response,
    control,
    decode_response,
    masked_frame,
    sale_request,
    search_request,
)

log = logging.getLogger(__name__)
KIND = "sadad"
TRIES = 3
POLL_S = 0.1
CANCEL_WAIT_S = 15.0  # after our EOT, how long the reader may take to end the sale


class _Unacknowledged(Exception):
    """No ACK after every try: nothing was charged."""


class SadadTerminal:
    kind = KIND
    supports_lookup = True

    def __init__(self, settings: CardTerminalSettings) -> None:
        self.settings = settings
        self._busy = threading.Lock()
        self._cancel = threading.Event()
        self._frames: list[str] = []
        self._link: Link | None = None
        self._buffer = FrameBuffer()
        self._pending: list[tuple[bytes, Frame | FrameError]] = []

    @property
    def where(self) -> str:
        s = self.settings
        return s.url if s.url else f"{s.host}:{s.port}"

    # --- the link ----------------------------------------------------------------------
    def _open(self) -> Link:
        s = self.settings
        if s.url:
            return SerialLink.open(s.url, s.baudrate, s.timeout_s)
        try:
            return SocketLink.connect(s.host, s.port, s.timeout_s)
        except OSError as exc:
            raise LinkClosed(str(exc)) from exc

    def _send(self, raw: bytes) -> None:
        assert self._link is not None
        self._frames.append("> " + raw.hex())
        self._link.write(raw)

    def _next(self, timeout_s: float, *, cancellable: bool = False) -> Frame | FrameError | None:
        """The next frame within ``timeout_s``; ``None`` on silence. ``cancellable``:
        return early (``None``) when a cancel is asked for."""
        assert self._link is not None
        deadline = time.monotonic() + timeout_s
        while not self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or (cancellable and self._cancel.is_set()):
                return None
            chunk = self._link.read(min(left, POLL_S))
            if chunk:
                self._pending.extend(self._buffer.feed(chunk))
        raw, frame = self._pending.pop(0)
        self._frames.append("< " + masked_frame(raw).hex())
        return frame

    def _handshake(self, raw: bytes) -> Frame | None:
        """Send ``raw`` until it is acknowledged (up to three tries). A RESPONSE or EOT in
        place of the ACK is handed back (the reader went ahead)."""
        for attempt in range(1, TRIES + 1):
            if self._cancel.is_set():
                raise _Unacknowledged("cancelled before it was acknowledged")
            self._send(raw)
            frame = self._next(self.settings.timeout_s)
            if isinstance(frame, Frame):
                if frame.type == FrameType.ACK:
                    return None
                if frame.type in (FrameType.RESPONSE, FrameType.EOT):
                    return frame
            why = ("silence" if frame is None else "bad frame" if isinstance(frame, FrameError)
                   else f"type {frame.type:#04x}")
            log.info("card reader: try %d of %d not acknowledged (%s)", attempt, TRIES, why)
        raise _Unacknowledged("no acknowledgement")

    # --- operations --------------------------------------------------------------------
    def test(self) -> ReaderIdentity:
        """INM/ACK, then a search for an order id no sale has: its answer names the reader."""
        result = self.lookup("0")
        if result.outcome is CardOutcome.UNKNOWN or not result.terminal_id:
            raise DeviceError.from_code(
                "card_terminal_unreachable", where=self.where,
                why=result.detail or "no terminal id")
        return ReaderIdentity(KIND, result.terminal_id, result.merchant_id, self.where)

    def sale(self, amount_rials: int, order_id: str) -> CardResult:
        if amount_rials <= 0:
            raise ValueError("a card sale needs a positive amount")
        return self._exchange(sale_request(amount_rials, order_id), VERSION, amount_rials,
                              order_id, self.settings.response_timeout_s, cancellable=True)

    def lookup(self, order_id: str) -> CardResult:
        return self._exchange(search_request(order_id), VERSION_EXTENDED, 0, order_id,
                              self.settings.timeout_s * TRIES, cancellable=False,
                              unreached=CardOutcome.UNKNOWN)

    def cancel(self) -> bool:
        if not self._busy.locked():
            return False
        self._cancel.set()
        return True

    def close(self) -> None:
        pass

    # --- one conversation --------------------------------------------------------------
    def _exchange(self, request: bytes, version: str, amount: int, order_id: str,
                  wait_s: float, *, cancellable: bool,
                  unreached: CardOutcome = CardOutcome.NOT_SENT) -> CardResult:
        """One request and its end. ``unreached``: the outcome when the request was never
        acknowledged (a sale: not sent; a search: unknown, the reader was not asked)."""
        if not self._busy.acquire(blocking=False):
            raise DeviceError.from_code("card_terminal_busy")
        self._cancel.clear()
        self._frames = []
        self._buffer = FrameBuffer()
        self._pending = []
        sent = False

        def result(outcome: CardOutcome, detail: str = "",
                   response: Response | None = None) -> CardResult:
            r = response
            return CardResult(
                outcome, r.amount_rials if r and r.amount_rials else amount, order_id,
                masked_card=r.masked_card if r else "", rrn=r.rrn if r else "",
                trace=r.trace if r else "", terminal_id=r.terminal_id if r else "",
                merchant_id=r.merchant_id if r else "",
                approval_code=r.approval_code if r else "",
                response_code=r.response_code if r else "",
                reader_time=r.reader_time if r else "", detail=detail,
                frames=tuple(self._frames))

        try:
            try:
                self._link = self._open()
            except LinkClosed as exc:
                return result(unreached, f"cannot reach the reader: {exc}")
            try:
                early = self._handshake(control(FrameType.INM, version))
                if early is None:
                    early = self._handshake(request)
                sent = True
            except _Unacknowledged as exc:
                return result(unreached, str(exc))
            return self._await_end(early, amount, wait_s, cancellable, result)
        except LinkClosed as exc:
            return result(CardOutcome.UNKNOWN if sent else unreached, f"link lost: {exc}")
        finally:
            if self._link is not None:
                self._link.close()
                self._link = None
            self._cancel.clear()
            self._busy.release()

    def _await_end(self, frame: Frame | FrameError | None, amount: int, wait_s: float,
                   cancellable: bool,
                   result: Callable[..., CardResult]) -> CardResult:
        deadline = time.monotonic() + wait_s
        eot_sent = False
        while frame is None:
            if cancellable and self._cancel.is_set() and not eot_sent:
                self._send(control(FrameType.EOT))
                eot_sent = True
                deadline = min(deadline, time.monotonic() + CANCEL_WAIT_S)
            left = deadline - time.monotonic()
            if left <= 0:
                return result(CardOutcome.UNKNOWN, "no answer from the reader in time")
            frame = self._next(left, cancellable=cancellable and not eot_sent)
            if isinstance(frame, Frame) and frame.type == FrameType.ACK:
                frame = None  # the ACK of our EOT
        if isinstance(frame, FrameError):
            return result(CardOutcome.UNKNOWN, f"unreadable answer: {frame}")
        if frame.type == FrameType.EOT:
            self._send(control(FrameType.ACK, frame.version))
            return result(CardOutcome.CANCELLED, "the reader ended the sale (EOT)")
        if frame.type != FrameType.RESPONSE:
            return result(CardOutcome.UNKNOWN, f"unexpected frame type {frame.type:#04x}")
        try:
            response = decode_response(frame.data)
        except FrameError as exc:
            return result(CardOutcome.UNKNOWN, f"unreadable answer: {exc}")
        self._send(control(FrameType.ACK, frame.version))
        if response.approved:
            if amount and response.amount_rials != amount:
                return result(CardOutcome.UNKNOWN, "approved for another amount", response)
            return result(CardOutcome.APPROVED, "", response)
        if response.response_code == CODE_NOT_FOUND and not amount:
            return result(CardOutcome.NOT_SENT, "the reader has no sale with this order id",
                          response)
        return result(CardOutcome.DECLINED, f"response code {response.response_code}",
                      response)


def open_terminal(settings: CardTerminalSettings) -> SadadTerminal:
    return SadadTerminal(settings)
