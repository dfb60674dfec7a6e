"""Serial scanner and card reader on real transports: a pty pair, loop://, socket://."""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
from collections.abc import Iterator

import pytest
import serial

from pos_client.devices.serial_input import BarcodeScanner, CardReader, SerialLineReader
from pos_client.domain.barcode import gtin_check_digit
from pos_client.domain.errors import UserFacingError
from pos_client.domain.identity import Identifier, luhn_check_digit

RICE = "626010000001" + str(gtin_check_digit("626010000001"))
PAN = "603799123456789" + str(luhn_check_digit("603799123456789"))
WAIT = 5.0


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    path = os.ttyname(slave)
    yield master, path
    os.close(master)
    os.close(slave)


def collect() -> tuple[queue.Queue[object], queue.Queue[object], queue.Queue[object]]:
    return queue.Queue(), queue.Queue(), queue.Queue()


def test_the_scanner_delivers_valid_barcodes_and_reports_invalid_ones(
        pty_pair: tuple[int, str]) -> None:
    master, path = pty_pair
    barcodes, errors, _ = collect()
    scanner = BarcodeScanner(path, on_barcode=barcodes.put, on_error=errors.put).start()
    try:
        assert scanner.reader.connected.wait(WAIT)
        os.write(master, f"{RICE}\r\n6260100000015\r".encode())
        assert barcodes.get(timeout=WAIT) == RICE
        error = errors.get(timeout=WAIT)
        assert isinstance(error, UserFacingError) and error.code == "barcode_checksum"
    finally:
        assert scanner.stop()


def test_noise_partial_and_overlong_frames_are_dropped_and_the_next_scan_still_works(
        pty_pair: tuple[int, str], caplog: pytest.LogCaptureFixture) -> None:
    master, path = pty_pair
    frames, _, drops = collect()
    reader = SerialLineReader(path, frames.put, on_drop=drops.put, max_frame=20,
                              frame_timeout_s=0.2).start()
    try:
        assert reader.connected.wait(WAIT)
        os.write(master, b"\x00\xff\x13garbage\n")
        assert drops.get(timeout=WAIT) == "noise"
        os.write(master, b"9" * 50 + b"\r\n")
        assert drops.get(timeout=WAIT) == "overlong"
        os.write(master, b"62601")  # the rest never comes
        assert drops.get(timeout=WAIT) == "partial"
        os.write(master, RICE.encode() + b"\r\n")
        assert frames.get(timeout=WAIT) == RICE
    finally:
        assert reader.stop()
    assert frames.empty()
    assert "62601" not in caplog.text and "9999" not in caplog.text


def test_a_swipe_becomes_a_card_identifier_and_the_number_is_never_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    port = serial.serial_for_url("loop://", timeout=0.05)
    cards, errors, _ = collect()
    reader = CardReader("loop://", on_card=cards.put, on_error=errors.put,
                        opener=lambda: port).start()
    try:
        port.write(f"%B{PAN}^TEST/CARD^2912?;{PAN}=29121010000?\r\n".encode())
        card = cards.get(timeout=WAIT)
        port.write(b";1234567890123456=2912?\r\n")  # fails the Luhn check
        error = errors.get(timeout=WAIT)
    finally:
        assert reader.stop()
    assert card == Identifier("card", PAN)
    assert PAN not in repr(card)
    assert isinstance(error, UserFacingError) and error.code == "card_checksum"
    assert PAN not in caplog.text and "1234567890123456" not in caplog.text


class FlakyDevice:
    """A serial device over TCP (``socket://``) that can be unplugged and plugged back."""

    def __init__(self) -> None:
        self.port = 0
        self._listener: socket.socket | None = None
        self.conn: socket.socket | None = None
        self.accepted = threading.Event()
        self.plug()

    def plug(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(1)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self.accepted.clear()

        def accept() -> None:
            self.conn, _ = listener.accept()
            self.accepted.set()
        threading.Thread(target=accept, daemon=True).start()

    def unplug(self) -> None:
        assert self._listener is not None
        if self.conn is not None:
            self.conn.close()
        self._listener.close()

    def send(self, data: bytes) -> None:
        assert self.accepted.wait(WAIT) and self.conn is not None
        self.conn.sendall(data)


def test_the_reader_reconnects_when_the_device_comes_back() -> None:
    device = FlakyDevice()
    frames: queue.Queue[str] = queue.Queue()
    states: queue.Queue[bool] = queue.Queue()
    reader = SerialLineReader(f"socket://127.0.0.1:{device.port}", frames.put,
                              on_connected=states.put, retry_initial_s=0.05,
                              retry_max_s=0.2).start()
    try:
        assert states.get(timeout=WAIT) is True
        device.send(b"first\r\n")
        assert frames.get(timeout=WAIT) == "first"
        device.unplug()
        assert states.get(timeout=WAIT) is False
        device.plug()
        assert states.get(timeout=WAIT) is True
        device.send(b"second\r\n")
        assert frames.get(timeout=WAIT) == "second"
    finally:
        assert reader.stop()
        device.unplug()


def test_a_reader_whose_device_is_missing_keeps_retrying_and_stops_cleanly() -> None:
    reader = SerialLineReader("/dev/does-not-exist", lambda _: None,
                              retry_initial_s=0.01).start()
    assert not reader.connected.wait(0.1)
    assert reader.stop()
