"""python-escpos connections adapted to the terminal's configuration.

``AppendFile`` appends each job (python-escpos's ``File`` truncates), so the demo and
scripts see every receipt in one raw ESC/POS file. ``UrlSerial`` opens any pyserial URL
(``/dev/ttyUSB0``, ``rfc2217://``, ``socket://``) with read and write timeouts, where
python-escpos's ``Serial`` takes a device path only.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any

import serial
from escpos.printer import File, Serial


class AppendFile(File):  # type: ignore[misc]
    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        self.device = open(self.devfile, "ab")  # noqa: SIM115 - closed by close()


class UrlSerial(Serial):  # type: ignore[misc]
    def __init__(self, url: str, *, baudrate: int = 9600, timeout: float = 10.0) -> None:
        super().__init__(url, baudrate=baudrate, timeout=timeout, dsrdtr=False)

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        self.device = serial.serial_for_url(self.devfile, baudrate=self.baudrate,
                                            timeout=self.timeout, write_timeout=self.timeout)

    def _read(self) -> bytes:
        """What has arrived, as soon as one byte has (python-escpos waits for 16)."""
        first = bytes(self.device.read(1))
        waiting = self.device.in_waiting if first else 0
        return first + (bytes(self.device.read(waiting)) if waiting else b"")


@contextlib.contextmanager
def read_timeout(connection: Any, seconds: float) -> Iterator[None]:
    """A shorter read timeout while asking for the status, then the job's timeout again."""
    device = getattr(connection, "_device", None)
    if isinstance(device, socket.socket):
        saved = device.gettimeout()
        device.settimeout(seconds)
        try:
            yield
        finally:
            device.settimeout(saved)
    elif isinstance(device, serial.SerialBase):
        saved_serial = device.timeout
        device.timeout = seconds
        try:
            yield
        finally:
            device.timeout = saved_serial
    else:
        yield
