"""A counter scale simulator on the device side of a pty or a TCP socket (tests, bench,
demos): ``toledo8217`` answers each ``W``; ``cas`` streams its frame every ``every_s``.

``answers`` is what the scale says next, in order; the last one is repeated. Frames are
raw bytes, so a test can send noise, half frames or anything else it wants.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
from collections.abc import Callable

STX, CR, LF = b"\x02", b"\r", b"\n"


def toledo_weight(kg: str) -> bytes:
    """``01.234`` -> the 8217 answer for a stable weight."""
    return STX + kg.encode("ascii") + CR


def toledo_status(bits: int) -> bytes:
    """The 8217 status answer; bit 5 is always set (see ``devices.scale``)."""
    return STX + b"?" + bytes([0x20 | bits]) + CR


def cas_frame(state: str, kg: str, mode: str = "GS") -> bytes:
    """``cas_frame("ST", "+  1.234")`` -> ``ST,GS,+  1.234kg`` CR LF."""
    return f"{state},{mode},{kg}kg".encode("ascii") + CR + LF


class ScaleSim:
    """The scale's end of a line. ``start()`` runs it on a thread; ``stop()`` ends it."""

    def __init__(self, protocol: str, fileno: int, read: Callable[[int], bytes],
                 write: Callable[[bytes], object], *, every_s: float = 0.02) -> None:
        self.protocol = protocol
        self.fileno = fileno
        self._read = read
        self._write = write
        self.every_s = every_s
        self._answers: list[bytes] = [toledo_weight("00.000") if protocol == "toledo8217"
                                      else cas_frame("ST", "+  0.000")]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.requests = 0
        self.sent = threading.Event()  # set after every answer written
        self.answered_at: list[float] = []  # perf_counter() as each answer was written
        self._closers: list[Callable[[], None]] = []

    @classmethod
    def on_pty(cls, protocol: str, **options: float) -> tuple[ScaleSim, str]:
        """A simulator on a new pty; returns it and the path the terminal opens."""
        master, slave = os.openpty()
        sim = cls(protocol, master, lambda n: os.read(master, n),
                  lambda data: os.write(master, data), **options)
        sim._closers = [lambda: os.close(master), lambda: os.close(slave)]
        return sim, os.ttyname(slave)

    def answer(self, *frames: bytes) -> None:
        """What the scale says next (the last is repeated until changed)."""
        with self._lock:
            self._answers = list(frames)

    def _next(self) -> bytes:
        with self._lock:
            return self._answers.pop(0) if len(self._answers) > 1 else self._answers[0]

    def send_raw(self, data: bytes) -> None:
        self._write(data)

    def start(self) -> ScaleSim:
        self._thread = threading.Thread(target=self._run, name="scale-sim", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.fileno], [], [], self.every_s)
                if self.protocol == "toledo8217":
                    if not ready:
                        continue
                    data = self._read(64)
                    if not data:
                        return
                    for _ in range(data.count(b"W")):
                        self.requests += 1
                        frame = self._next()
                        self.answered_at.append(time.perf_counter())
                        self._write(frame)
                        self.sent.set()
                else:
                    if ready and not self._read(64):
                        return
                    self._write(self._next())
                    self.sent.set()
            except OSError:
                return

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        for close in self._closers:
            with contextlib.suppress(OSError):
                close()


class TcpScale:
    """A scale behind ``socket://127.0.0.1:port`` that can be unplugged and plugged back."""

    def __init__(self, protocol: str) -> None:
        self.protocol = protocol
        self.port = 0
        self.sim: ScaleSim | None = None
        self.connected = threading.Event()
        self._listener: socket.socket | None = None
        self._conn: socket.socket | None = None
        self.answers: tuple[bytes, ...] = ()
        self.plug()

    @property
    def url(self) -> str:
        return f"socket://127.0.0.1:{self.port}"

    def plug(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(1)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self.connected.clear()

        def accept() -> None:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            self._conn = conn
            self.sim = ScaleSim(self.protocol, conn.fileno(), conn.recv, conn.sendall)
            if self.answers:
                self.sim.answer(*self.answers)
            self.sim.start()
            self.connected.set()
        threading.Thread(target=accept, daemon=True).start()

    def answer(self, *frames: bytes) -> None:
        self.answers = frames
        if self.sim is not None:
            self.sim.answer(*frames)

    def unplug(self) -> None:
        if self.sim is not None:
            self.sim.stop()
            self.sim = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
