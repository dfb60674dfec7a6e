"""What the window shows when the counter's news arrives: each event made as the world makes
it (a printer on a TCP socket, central-sim stopped and started), none faked.

Rejected forwarding is in ``test_window_network.py``, a void on the customer display in
``test_customer_display.py``, and the day closed by a Z in ``test_window_day_close.py``.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from central_support import Central
from PySide6.QtWidgets import QLabel
from window_driver import Driver, set_up_store, terminal_settings

from pos_client.counter import Counter
from pos_client.counter.events import CounterEvent, Printed, PrintFailed
from pos_client.settings.config import settings_for
from pos_client.ui.app import build_window, make_app

STORE_NAME = "فروشگاه نمونه کالابرگ"  # central-sim's seeded store


class HeldPrinter:
    """A network printer on 127.0.0.1 that takes the connection and answers nothing until
    ``drop()``, which resets it the way a printer losing power does."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.connected = threading.Event()
        self._drop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._listener.settimeout(0.2)
        while True:
            try:
                conn, _ = self._listener.accept()
                break
            except TimeoutError:
                if self._drop.is_set():
                    return
        self.connected.set()
        self._drop.wait(60)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    def drop(self) -> None:
        self._drop.set()
        self._thread.join(10)
        self._listener.close()


class ReadyPrinter:
    """A network printer on 127.0.0.1 that answers every status request ``DLE EOT n`` with
    "ready" and keeps what it is sent."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = int(self._listener.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            with conn:
                while chunk := conn.recv(65536):
                    conn.sendall(b"\x12" * chunk.count(b"\x10\x04"))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self._listener.close()


@contextmanager
def printing_terminal(qtbot: Any, tmp_path: Path, central: Central, printer_port: int
                      ) -> Iterator[tuple[Driver, list[CounterEvent]]]:
    """A window over central-sim whose receipt printer is on ``printer_port``; also the
    events the window has handled, in order."""
    settings = settings_for(tmp_path / "data",
                            central={"url": central.url, "token": central.token},
                            printer={"kind": "network", "host": "127.0.0.1",
                                     "port": printer_port, "timeout_s": 30})
    set_up_store(settings, central.ids["products"])
    driver = Driver(qtbot, settings)
    handled: list[CounterEvent] = []
    # connected after the window's own handler: an event is here once the window handled it
    driver.window.bridge.arrived.connect(handled.append)
    try:
        yield driver, handled
    finally:
        driver.close()


def _sell(terminal: Driver, central: Central) -> str:
    terminal.sign_in()
    terminal.identify(central.buyer()["national_code"])
    terminal.scan(central.products(eligible=True, unit="piece")[0]["gtin"])
    terminal.pay_cash()
    return terminal.wait_message("ثبت شد")


def test_a_receipt_the_printer_drops_is_told_with_the_key_to_reprint_it(
        qtbot: Any, tmp_path: Path, central: Central) -> None:
    held = HeldPrinter()
    try:
        with printing_terminal(qtbot, tmp_path, central, held.port) as (terminal, handled):
            _sell(terminal, central)
            assert held.connected.wait(15)  # the receipt is on its way, the sale told
            held.drop()

            terminal.wait_message("Ctrl+R")
            failed = [e for e in handled if isinstance(e, PrintFailed)]
            assert failed and failed[-1].doc_kind == "sale"
            assert failed[-1].receipt_no == terminal.window.sale.outcome.sale.receipt_no
            assert terminal.window.sale.outcome.sale.status == "approved"  # the sale stands
    finally:
        held.drop()


def test_a_printed_receipt_leaves_the_sales_message_on_the_bar(
        qtbot: Any, tmp_path: Path, central: Central) -> None:
    ready = ReadyPrinter()
    try:
        with printing_terminal(qtbot, tmp_path, central, ready.port) as (terminal, handled):
            told = _sell(terminal, central)
            receipt_no = terminal.window.sale.outcome.sale.receipt_no

            terminal.qtbot.waitUntil(lambda: Printed(receipt_no, "sale") in handled,
                                     timeout=15_000)
            assert terminal.message() == told
    finally:
        ready.stop()


def test_the_status_strip_follows_the_service_going_away_and_coming_back(
        terminal: Driver, central: Central) -> None:
    forwarder = terminal.counter.forwarder
    assert forwarder is not None
    terminal.sign_in()
    terminal.qtbot.waitUntil(lambda: "برخط" in terminal.label("syncStatusLabel"),
                             timeout=15_000)
    terminal.window.status_timer.stop()  # from here the strip moves on the events alone

    central.stop()
    forwarder.wake()  # the next round now, not in five seconds
    terminal.qtbot.waitUntil(lambda: "آفلاین" in terminal.label("syncStatusLabel"),
                             timeout=15_000)
    central.start()
    forwarder.wake()
    terminal.qtbot.waitUntil(lambda: "برخط" in terminal.label("syncStatusLabel"),
                             timeout=60_000)


def test_a_first_sync_puts_the_store_on_the_strip_while_it_runs(
        qtbot: Any, tmp_path: Path, central: Central) -> None:
    settings = terminal_settings(tmp_path, central.url, central.token)
    set_up_store(settings, central.ids["products"])
    make_app(settings)
    counter = Counter.open(settings, start_sync=False)  # no forwarder: no status rounds
    window = build_window(counter)
    qtbot.addWidget(window)
    store_label = window.findChild(QLabel, "storeLabel")
    try:
        window.show()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=15_000)
        window.status_timer.stop()  # from here the strip moves on the events alone
        assert store_label.text() == ""  # nothing synced yet

        sync = threading.Thread(target=counter.sync_now)  # as the start-up sync does
        sync.start()
        qtbot.waitUntil(lambda: store_label.text() == STORE_NAME, timeout=60_000)
        sync.join(60)
    finally:
        window.close()
        counter.close()
