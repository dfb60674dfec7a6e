"""Serving a ``SimReader``: a loopback TCP port, a pty, and a line-based control port.

The control port takes one command a line and answers one JSON line:
``fault NAME [TIMES]``, ``clear``, ``mode approve|decline``, ``pin-delay SECONDS``,
``enter-pin``, ``deaf on|off``, ``state``.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import sys
import threading

from pos_client.devices.card_terminal.link import Link, LinkClosed, SocketLink

from .reader import SimReader


class SimServer:
    """The reader on ``host:port`` (0: any free port), one connection at a time, like
    the real reader; ``control_port`` (optional) for faults at run time."""

    def __init__(self, reader: SimReader, host: str = "127.0.0.1", port: int = 0, *,
                 control_port: int | None = None) -> None:
        self.reader = reader
        self._sock = socket.create_server((host, port))
        self._sock.settimeout(0.2)  # accept() wakes up to see ``stop``
        self.host, self.port = self._sock.getsockname()[:2]
        self._control = (socket.create_server((host, control_port))
                         if control_port is not None else None)
        self.control_port = self._control.getsockname()[1] if self._control else None
        if self._control is not None:
            self._control.settimeout(0.2)
        self._threads: list[threading.Thread] = []

    def start(self) -> SimServer:
        self._spawn(self._accept_loop, "pcpos-sim")
        if self._control is not None:
            self._spawn(self._control_loop, "pcpos-sim-control")
        return self

    def _spawn(self, target: object, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    def _accept_loop(self) -> None:
        while not self.reader.stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            link = SocketLink(conn, "counter")
            try:
                self.reader.serve(link)
            finally:
                link.close()

    def _control_loop(self) -> None:
        assert self._control is not None
        while not self.reader.stopped.is_set():
            try:
                conn, _ = self._control.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            with conn, conn.makefile("rw", encoding="utf-8", newline="\n") as stream:
                for line in stream:
                    stream.write(json.dumps(control_command(self.reader, line)) + "\n")
                    stream.flush()

    def stop(self) -> None:
        self.reader.stopped.set()
        for sock in (self._sock, self._control):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()
        for thread in self._threads:
            thread.join(5)


def control_command(reader: SimReader, line: str) -> dict[str, object]:
    words = line.split()
    try:
        if not words or words[0] == "state":
            pass
        elif words[0] == "fault":
            reader.set_fault(words[1], int(words[2]) if len(words) > 2 else 1)
        elif words[0] == "clear":
            reader.clear_faults()
        elif words[0] == "mode":
            reader.set_mode(words[1])
        elif words[0] == "pin-delay":
            reader.pin_delay_s = float(words[1])
        elif words[0] == "deaf":
            reader.set_deaf(words[1] == "on")
        elif words[0] == "enter-pin":
            reader.enter_pin()
        else:
            return {"ok": False, "error": f"unknown command {words[0]!r}"}
    except (IndexError, ValueError) as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True, "state": reader.state()}


class FdLink(Link):
    """The master side of a pty."""

    def __init__(self, fd: int, name: str = "pty") -> None:
        self.fd = fd
        self.name = name

    def write(self, data: bytes) -> None:
        try:
            os.write(self.fd, data)
        except OSError as exc:
            raise LinkClosed(str(exc)) from exc

    def read(self, timeout_s: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], timeout_s)
        if not ready:
            return b""
        try:
            return os.read(self.fd, 4096)
        except OSError as exc:
            raise LinkClosed(str(exc)) from exc

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


class PtyServer:
    """The reader on a pty (POSIX), as if on a serial cable: ``path`` is the device to
    open (``[card_terminal] url``). Every frame the reader sends ends with ``\\n``."""

    _master: int
    _slave: int
    path: str

    def __init__(self, reader: SimReader) -> None:
        self.reader = reader
        reader.line_end = b"\n"
        self._thread: threading.Thread | None = None
        if sys.platform == "win32":
            raise OSError("no pty on Windows: run pcpos-sim on a TCP port")
        else:
            import tty

            self._master, self._slave = os.openpty()
            tty.setraw(self._slave)
            self.path = os.ttyname(self._slave)

    def start(self) -> PtyServer:
        self._thread = threading.Thread(target=self._run, name="pcpos-sim-pty", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        link = FdLink(self._master)
        while not self.reader.stopped.is_set():
            self.reader.serve(link)  # a "dropped" conversation: the line stays, silent

    def stop(self) -> None:
        self.reader.stopped.set()
        if self._thread is not None:
            self._thread.join(5)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
