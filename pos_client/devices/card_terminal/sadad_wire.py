"""Sadad PC-POS frames: building, checking and reading them (pure; no I/O).

A frame is ``STX | LEN | VER | TYPE | DATA | ETX | LRC``: LEN is three ASCII digits
counting VER + TYPE + DATA + ETX + LRC, VER is ``"000"`` (``"002"`` for the extended
functions), and LRC is the XOR of every byte from LEN through DATA, XORed with ETX (0x03).
See ``docs/pcpos.md`` for the whole protocol as this terminal speaks it.

A full card number exists here only inside ``decode_response``: it is masked at once and
the raw frame handed back for the log has the card field overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum

STX = 0x02
ETX = 0x03
VERSION = "000"
VERSION_EXTENDED = "002"
API_VERSION = "5.3.185.1336"  # optional field 8: the caller's API version string


class FrameType(IntEnum):
    INM = 0xF1  # are you there
    ACK = 0x06
    NACK = 0x15
    EOT = 0x04  # end / cancel
    REQUEST = 0x19
    RESPONSE = 0x1A


class FrameError(ValueError):
    """Bytes that are not a good frame (length, ETX or LRC)."""


@dataclass(frozen=True)
class Frame:
    type: int
    data: bytes = b""
    version: str = VERSION


def lrc(body: bytes) -> int:
    """XOR of ``body`` (LEN through DATA), XORed with ETX."""
    value = ETX
    for byte in body:
        value ^= byte
    return value


def encode(frame: Frame) -> bytes:
    length = 3 + 1 + len(frame.data) + 1 + 1
    if length > 999:
        raise ValueError("a Sadad frame carries at most 993 bytes of data")
    body = f"{length:03d}".encode("ascii") + frame.version.encode("ascii") + \
        bytes([frame.type]) + frame.data
    return bytes([STX]) + body + bytes([ETX, lrc(body)])


def decode(raw: bytes) -> Frame:
    """One whole frame (starting at STX) into its parts, or ``FrameError``."""
    if len(raw) < 10 or raw[0] != STX:
        raise FrameError("too short or no STX")
    try:
        length = int(raw[1:4].decode("ascii"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FrameError("the length is not three digits") from exc
    if len(raw) != 4 + length:
        raise FrameError(f"length {length} does not match {len(raw) - 4} bytes")
    if raw[-2] != ETX:
        raise FrameError("no ETX before the LRC")
    body = raw[1:-2]
    if lrc(body) != raw[-1]:
        raise FrameError("bad LRC")
    try:
        version = raw[4:7].decode("ascii")
    except UnicodeDecodeError as exc:
        raise FrameError("the version is not ASCII") from exc
    return Frame(raw[7], raw[8:-2], version)


def control(kind: FrameType, version: str = VERSION) -> bytes:
    return encode(Frame(kind, b"", version))


# --- the REQUEST ----------------------------------------------------------------------------
FUNCTION_SALE = "    "  # four spaces: a plain sale
FUNCTION_SEARCH_ORDER = "0015"  # version 002: search by order id (see docs/pcpos.md)
FUNCTION_SEARCH_ORDER_ALT = "0017"
MESSAGE_TYPE = "0200"
PROCESSING_SALE = "000000"
FIELD_BILL = 3
FIELD_ORDER_ID = 5
FIELD_API_VERSION = 8
FIELD_SALE_ID = 2


@dataclass(frozen=True)
class Request:
    amount_rials: int
    function: str = FUNCTION_SALE
    fields: tuple[tuple[int, str], ...] = ()  # (field number, value), any order
    invoice: str = ""
    message_type: str = MESSAGE_TYPE
    processing_code: str = PROCESSING_SALE


def request_data(request: Request) -> bytes:
    amount = str(request.amount_rials).encode("ascii") if request.amount_rials else b""
    if len(amount) > 13:
        raise ValueError("the amount has more than 13 digits")
    out = bytearray(amount.ljust(13, b"\0"))
    out += request.invoice.encode("ascii")[:10].ljust(10, b" ")
    out += request.function.encode("ascii")[:4].ljust(4, b" ")
    out += request.message_type.encode("ascii") + request.processing_code.encode("ascii")
    bitmap = 0
    tail = bytearray()
    for number, value in sorted(request.fields):
        if not 1 <= number <= 8:
            raise ValueError(f"optional field {number} is outside the one-byte bitmap")
        raw = value.encode("utf-8")
        if len(raw) > 999:
            raise ValueError(f"optional field {number} is too long")
        bitmap |= 1 << (number - 1)
        tail += f"{len(raw):03d}".encode("ascii") + raw
    out.append(bitmap)
    out += tail
    return bytes(out)


def parse_request_data(data: bytes) -> Request:
    """The reader's side (the simulator): a REQUEST's data back into its parts."""
    if len(data) < 38:
        raise FrameError("a request has at least 38 bytes of data")
    try:
        amount_text = data[:13].rstrip(b"\0").decode("ascii")
        amount = int(amount_text) if amount_text else 0
        invoice = data[13:23].decode("ascii").strip()
        function = data[23:27].decode("ascii")
        message_type = data[27:31].decode("ascii")
        processing = data[31:37].decode("ascii")
    except (UnicodeDecodeError, ValueError) as exc:
        raise FrameError("the request's fixed part is not readable") from exc
    bitmap = data[37]
    pos = 38
    fields: list[tuple[int, str]] = []
    for number in range(1, 9):
        if not bitmap & (1 << (number - 1)):
            continue
        try:
            size = int(data[pos:pos + 3].decode("ascii"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise FrameError(f"field {number} has no length") from exc
        value = data[pos + 3:pos + 3 + size]
        if len(value) != size:
            raise FrameError(f"field {number} is cut short")
        fields.append((number, value.decode("utf-8", "replace")))
        pos += 3 + size
    if pos != len(data):
        raise FrameError("bytes after the last optional field")
    return Request(amount, function, tuple(fields), invoice, message_type, processing)


def sale_request(amount_rials: int, order_id: str = "", *,
                 api_version: str = API_VERSION) -> bytes:
    fields: list[tuple[int, str]] = []
    if order_id:
        fields.append((FIELD_ORDER_ID, order_id))
    if api_version:
        fields.append((FIELD_API_VERSION, api_version))
    return encode(Frame(FrameType.REQUEST, request_data(Request(amount_rials,
                                                                fields=tuple(fields)))))


def search_request(order_id: str, *, api_version: str = API_VERSION) -> bytes:
    """Version 002, function 0015: the reader's record of the sale sent with ``order_id``."""
    fields = [(FIELD_ORDER_ID, order_id)] + ([(FIELD_API_VERSION, api_version)]
                                             if api_version else [])
    data = request_data(Request(0, FUNCTION_SEARCH_ORDER, tuple(fields)))
    return encode(Frame(FrameType.REQUEST, data, VERSION_EXTENDED))


# --- the RESPONSE ---------------------------------------------------------------------------
# (name, width in UTF-16 code units), in order
RESPONSE_FIELDS: tuple[tuple[str, int], ...] = (
    ("response_code", 4), ("amount", 13), ("card", 17), ("processing_code", 7),
    ("trace", 7), ("date", 6), ("time", 8), ("rrn", 13), ("approval_code", 7),
    ("terminal_id", 9), ("merchant_id", 16), ("optional", 30))
RESPONSE_CHARS = sum(width for _, width in RESPONSE_FIELDS)
TIME_OFFSET = 24  # every SYSTEMTIME part used is stored plus 24
CODE_APPROVED = "00"
CODE_NOT_FOUND = "25"  # the search found no sale with that order id (our reading)


def _offsets() -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    pos = 0
    for name, width in RESPONSE_FIELDS:
        out[name] = (pos * 2, (pos + width) * 2)
        pos += width
    return out


OFFSETS = _offsets()


@dataclass(frozen=True)
class Response:
    response_code: str
    amount_rials: int
    masked_card: str
    processing_code: str
    trace: str
    date: str
    reader_time: str  # Jalali ``YYYY/MM/DD HH:MM:SS`` as the reader keeps it, or ""
    rrn: str
    approval_code: str
    terminal_id: str
    merchant_id: str
    optional: str

    @property
    def approved(self) -> bool:
        return self.response_code == CODE_APPROVED


def mask_card(card: str) -> str:
    """First six and last four digits only: ``621986******3864``."""
    if "*" in card:
        return card  # already masked
    digits = "".join(ch for ch in card if ch.isdigit())
    if len(digits) < 10:
        return "*" * len(digits)
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def _text(data: bytes, name: str) -> str:
    start, end = OFFSETS[name]
    return data[start:end].decode("utf-16-le", "replace").split("\0", 1)[0].strip()


def _reader_time(data: bytes) -> str:
    start, end = OFFSETS["time"]
    parts = [int.from_bytes(data[i:i + 2], "little") for i in range(start, end, 2)]
    year, month, _weekday, day, hour, minute, second, _ms = parts
    if not year:
        return ""
    y, mo, d, h, mi, s = (v - TIME_OFFSET for v in (year, month, day, hour, minute, second))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 0 <= h < 24 and 0 <= mi < 60 and 0 <= s < 62):
        return ""
    return f"{y:04d}/{mo:02d}/{d:02d} {h:02d}:{mi:02d}:{s:02d}"


def decode_response(data: bytes) -> Response:
    """A RESPONSE's data; the card number is masked before anything else sees it."""
    if len(data) != RESPONSE_CHARS * 2:
        raise FrameError(f"a response has {RESPONSE_CHARS * 2} bytes of data, not {len(data)}")
    amount = _text(data, "amount")
    return Response(
        response_code=_text(data, "response_code"),
        amount_rials=int(amount) if amount.isdigit() else 0,
        masked_card=mask_card(_text(data, "card")),
        processing_code=_text(data, "processing_code"), trace=_text(data, "trace"),
        date=_text(data, "date"), reader_time=_reader_time(data), rrn=_text(data, "rrn"),
        approval_code=_text(data, "approval_code"), terminal_id=_text(data, "terminal_id"),
        merchant_id=_text(data, "merchant_id"), optional=_text(data, "optional"))


def masked_frame(raw: bytes) -> bytes:
    """The frame as the log may keep it: a RESPONSE's card field holds the masked number."""
    if len(raw) < 8 or raw[7] != FrameType.RESPONSE or len(raw) != 10 + RESPONSE_CHARS * 2:
        return raw
    start, end = OFFSETS["card"]
    data = bytearray(raw[8:-2])
    masked = mask_card(_text(bytes(data), "card"))
    data[start:end] = masked.encode("utf-16-le").ljust(end - start, b"\0")
    body = raw[1:8] + bytes(data)
    return bytes([STX]) + body + bytes([ETX, lrc(body)])


def response_data(*, response_code: str, amount_rials: int, card: str = "",
                  processing_code: str = PROCESSING_SALE, trace: str = "", date: str = "",
                  when: dt.datetime | tuple[int, int, int, int, int, int] | None = None,
                  rrn: str = "", approval_code: str = "", terminal_id: str = "",
                  merchant_id: str = "", optional: str = "") -> bytes:
    """The reader's side (the simulator): a RESPONSE's data. ``when`` is the reader's
    Jalali (year, month, day, hour, minute, second)."""
    values = {"response_code": response_code, "amount": str(amount_rials) if amount_rials
              else "", "card": card, "processing_code": processing_code, "trace": trace,
              "date": date, "rrn": rrn, "approval_code": approval_code,
              "terminal_id": terminal_id, "merchant_id": merchant_id, "optional": optional}
    out = bytearray()
    for name, width in RESPONSE_FIELDS:
        if name == "time":
            out += _time_bytes(when)
            continue
        raw = values[name].encode("utf-16-le")
        if len(raw) > width * 2:
            raise ValueError(f"{name} is wider than {width} characters")
        out += raw.ljust(width * 2, b"\0")
    return bytes(out)


def _time_bytes(when: dt.datetime | tuple[int, int, int, int, int, int] | None) -> bytes:
    if when is None:
        return b"\0" * 16
    if isinstance(when, dt.datetime):
        when = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    year, month, day, hour, minute, second = when
    parts = (year + TIME_OFFSET, month + TIME_OFFSET, 0, day + TIME_OFFSET,
             hour + TIME_OFFSET, minute + TIME_OFFSET, second + TIME_OFFSET, 0)
    return b"".join(p.to_bytes(2, "little") for p in parts)


class FrameBuffer:
    """Bytes in, whole frames out. Bytes before an STX (the serial line's ``\\n``,
    noise) are skipped; a frame whose LRC or ETX is wrong comes out as ``FrameError``."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, chunk: bytes) -> list[tuple[bytes, Frame | FrameError]]:
        self._buf += chunk
        out: list[tuple[bytes, Frame | FrameError]] = []
        while True:
            start = self._buf.find(bytes([STX]))
            if start < 0:
                self._buf.clear()
                return out
            del self._buf[:start]
            if len(self._buf) < 4:
                return out
            try:
                length = int(bytes(self._buf[1:4]).decode("ascii"))
            except (UnicodeDecodeError, ValueError):
                del self._buf[:1]  # not a frame's start: look for the next STX
                continue
            if len(self._buf) < 4 + length:
                return out
            raw = bytes(self._buf[:4 + length])
            del self._buf[:4 + length]
            try:
                out.append((raw, decode(raw)))
            except FrameError as exc:
                out.append((raw, exc))
