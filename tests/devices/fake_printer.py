"""A network receipt printer on 127.0.0.1 that records what it receives.

It answers real-time status requests (``DLE EOT n``) like a printer does, and can
misbehave on purpose: stay silent, stall (stop reading), or close in the middle of a job.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

READY = {1: 0x12, 2: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x1A, 2: 0x32, 4: 0x72}
COVER_OPEN = {1: 0x1A, 2: 0x16, 4: 0x12}
OFFLINE = {1: 0x1A, 2: 0x52, 4: 0x12}
PAPER_LOW = {1: 0x12, 2: 0x12, 4: 0x1E}


class FakeNetworkPrinter:
    """``mode``: record (answers status), silent (never answers), stall (answers, then
    stops reading after ``limit`` bytes) or close_after (closes after ``limit`` bytes)."""

    def __init__(self, mode: str = "record", *, status: dict[int, int] | None = None,
                 limit: int = 4096, port: int = 0) -> None:
        self.mode = mode
        self.status = READY if status is None else status
        self.limit = limit
        self.received: list[bytes] = []  # one entry per connection
        self.connections = 0
        self.closed = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if mode == "stall":  # a printer's buffer is small: the sender soon has to wait
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._listener.bind(("127.0.0.1", port))
        self._listener.listen(4)
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def data(self) -> bytes:
        return b"".join(self.received)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()
        for conn in self._held:
            conn.close()

    def __enter__(self) -> FakeNetworkPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        while True:  # accept what is already waiting even when stopping
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                if self._stop.is_set():
                    break
                continue
            self.connections += 1
            self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        received = bytearray()
        conn.settimeout(0.1)
        with conn:
            while True:  # read to the end even when stopping: the job is in the buffer
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    if self._stop.is_set():
                        break
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                start = max(0, len(received) - 2)
                received += chunk
                if self.mode != "silent":
                    self._answer(conn, bytes(received[start:]))
                if self.mode == "stall" and len(received) >= self.limit:
                    self._held.append(conn.dup())  # keep it open, never read again
                    break
                if self.mode == "close_after" and len(received) >= self.limit:
                    # close with unread data: the sender gets a reset, like a power cut
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                    break
        self.received.append(bytes(received))
        self.closed.set()

    def _answer(self, conn: socket.socket, window: bytes) -> None:
        at = window.find(b"\x10\x04")
        while at != -1 and at + 2 < len(window):
            n = window[at + 2]
            if n in self.status:
                conn.sendall(bytes((self.status[n],)))
            at = window.find(b"\x10\x04", at + 3)


def free_port() -> int:
    """A loopback port with nothing listening (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def pty_printer() -> Iterator[tuple[str, bytearray]]:
    """A ready serial printer on a pty: it answers every status request (``DLE EOT``).
    Yields the device to open and the bytes it received (complete once the block ends)."""
    master, slave = os.openpty()
    received = bytearray()

    def printer_side() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            received.extend(chunk)
            os.write(master, b"\x12" * chunk.count(b"\x10\x04"))

    thread = threading.Thread(target=printer_side, daemon=True)
    thread.start()
    try:
        yield os.ttyname(slave), received
    finally:
        os.close(slave)
        os.close(master)
        thread.join(5)
