"""The pole display on real transports: a pty decoded back into the two lines, and a
socket:// device that is unplugged and plugged back in."""

from __future__ import annotations

import os
import select
import socket
import threading
from collections.abc import Iterator

import pytest

from pos_client.devices.pole_display import (
    CLEAR,
    ESC_INIT,
    WIDTH,
    PoleDisplay,
    decode_frames,
    encode,
    fit,
    picture,
)
from pos_client.domain.customer_view import CustomerView
from pos_client.domain.errors import ConfigError
from pos_client.settings.config import CustomerDisplaySettings, settings_for

WAIT = 5.0


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def read_frames(master: int, count: int) -> tuple[bytes, list[tuple[str, str]]]:
    """Bytes from the pty until ``count`` pictures have arrived."""
    data = b""
    while len(decode_frames(data)) < count:
        ready, _, _ = select.select([master], [], [], WAIT)
        assert ready, f"only {decode_frames(data)} arrived"
        data += os.read(master, 4096)
    return data, decode_frames(data)


def settings(url: str) -> CustomerDisplaySettings:
    return CustomerDisplaySettings(kind="pole", url=url, label_total="TOTAL",
                                   label_coupon="CPN", label_pay="PAY")


def test_the_pole_shows_total_coupon_and_pay_in_digits(pty_pair: tuple[int, str]) -> None:
    master, path = pty_pair
    pole = PoleDisplay(settings(path)).start()
    try:
        pole.show(CustomerView("idle"))
        data, frames = read_frames(master, 1)
        assert data.startswith(ESC_INIT + CLEAR)
        assert frames == [("WELCOME".center(WIDTH), " " * WIDTH)]
        pole.show(CustomerView("scanning", total_rials=1_365_000, pays_rials=1_365_000))
        _, frames = read_frames(master, 1)
        assert frames[-1] == ("TOTAL      1,365,000", "PAY        1,365,000")
        view = CustomerView("identified", total_rials=17_932_000, coupon_rials=5_882_000,
                            copay_rials=50_000, pays_rials=12_050_000,
                            balance_before_rials=20_000_000, balance_after_rials=14_118_000)
        pole.show(view)
        _, frames = read_frames(master, 1)
        assert frames[-1] == ("TOTAL     17,932,000", "C 5882000 P 12050000")
        assert pole.wait_shown(view, WAIT)
    finally:
        assert pole.stop()


def test_amounts_never_overflow_the_twenty_columns() -> None:
    labels = settings("loop://")
    for amount in (0, 9, 123_456_789, 99_999_999_999):
        view = CustomerView("paid", total_rials=amount, coupon_rials=amount, pays_rials=amount)
        first, second = picture(view, labels)
        assert len(first) == len(second) == WIDTH
        assert str(amount) in first.replace(",", "")
        assert decode_frames(encode((first, second))) == [(first, second)]
    assert fit("COUPON", 5_882_000, 9) == "C 5882000"
    assert fit("COUPON", 5_882_000, 10) == "CO 5882000"
    assert fit("COUPON", 5_882_000, 20) == "COUPON     5,882,000"
    assert fit("COUPON", 123_456_789, 9) == "123456789"


def test_labels_a_pole_cannot_show_are_refused_by_name(tmp_path: object) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_for(str(tmp_path), customer_display={"kind": "pole", "url": "loop://",
                                                      "label_total": "جمع"})
    assert "customer_display.label_total" in raised.value.en
    with pytest.raises(ConfigError) as raised:
        settings_for(str(tmp_path), customer_display={"kind": "pole"})
    assert "customer_display.url" in raised.value.en


class Device:
    """A pole display over TCP (``socket://``) that can be unplugged and plugged back."""

    def __init__(self) -> None:
        self.port = 0
        self.plug()

    def plug(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()

        def accept() -> None:
            self.conn, _ = self.listener.accept()
            self.accepted.set()
        threading.Thread(target=accept, daemon=True).start()

    def frames(self, count: int) -> list[tuple[str, str]]:
        assert self.accepted.wait(WAIT)
        self.conn.settimeout(WAIT)
        data = b""
        while len(decode_frames(data)) < count:
            data += self.conn.recv(4096)
        return decode_frames(data)

    def unplug(self) -> None:
        self.conn.close()
        self.listener.close()


def test_the_pole_shows_the_picture_again_when_it_is_plugged_back_in() -> None:
    device = Device()
    pole = PoleDisplay(settings(f"socket://127.0.0.1:{device.port}"), retry_initial_s=0.05,
                       retry_max_s=0.2).start()
    try:
        pole.show(CustomerView("scanning", total_rials=1000, pays_rials=1000))
        assert device.frames(1)[-1][0] == "TOTAL          1,000"
        device.unplug()
        device.plug()
        assert device.frames(1)[-1][0] == "TOTAL          1,000"
    finally:
        assert pole.stop()
        device.unplug()
