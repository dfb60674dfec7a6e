"""The byte link to a reader: a TCP socket or any pyserial URL (``serial_for_url``).

``read(timeout_s)`` returns what arrived (``b""`` on a timeout); a closed link raises
``LinkClosed``. Both sides of a conversation use it: the drivers and the simulator.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

import serial


class LinkClosed(OSError):
    """The other side went away."""


class Link:
    name: str = ""

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def read(self, timeout_s: float) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SocketLink(Link):
    def __init__(self, sock: socket.socket, name: str = "") -> None:
        self.sock = sock
        self.name = name

    @classmethod
    def connect(cls, host: str, port: int, timeout_s: float) -> SocketLink:
        sock = socket.create_connection((host, port), timeout=timeout_s)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(sock, f"{host}:{port}")

    def write(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except OSError as exc:
            raise LinkClosed(str(exc)) from exc

    def read(self, timeout_s: float) -> bytes:
        self.sock.settimeout(max(timeout_s, 0.001))
        try:
            chunk = self.sock.recv(4096)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise LinkClosed(str(exc)) from exc
        if not chunk:
            raise LinkClosed("the other side closed the connection")
        return chunk

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self.sock.close()


class SerialLink(Link):
    def __init__(self, port: Any, name: str = "") -> None:
        self.port = port
        self.name = name

    @classmethod
    def open(cls, url: str, baudrate: int, timeout_s: float) -> SerialLink:
        try:
            port = serial.serial_for_url(url, baudrate=baudrate, bytesize=8, parity="N",
                                         stopbits=1, timeout=timeout_s,
                                         write_timeout=timeout_s)
        except (serial.SerialException, ValueError) as exc:
            raise LinkClosed(str(exc)) from exc
        return cls(port, url)

    def write(self, data: bytes) -> None:
        try:
            self.port.write(data)
            self.port.flush()
        except (serial.SerialException, OSError) as exc:
            raise LinkClosed(str(exc)) from exc

    def read(self, timeout_s: float) -> bytes:
        try:
            self.port.timeout = max(timeout_s, 0.001)
            first = bytes(self.port.read(1))
            if not first:
                return b""
            waiting = self.port.in_waiting
            return first + (bytes(self.port.read(waiting)) if waiting else b"")
        except (serial.SerialException, OSError) as exc:
            raise LinkClosed(str(exc)) from exc

    def close(self) -> None:
        with contextlib.suppress(serial.SerialException, OSError):
            self.port.close()
