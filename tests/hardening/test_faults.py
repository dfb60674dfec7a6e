"""Faults at the counter: the printer vanishing mid-job, the database locked by another
process, the clock jumping back. Each has a clear message and loses nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from central_support import Central
from counter_support import basket_line, identify, sell
from fake_printer import FakeNetworkPrinter
from hardening_support import assert_speaks_both, table_counts

from pos_client.app.demo import CASHIER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.counter.events import CounterEvent, Printed, PrintFailed
from pos_client.devices.escpos_decode import decode_jobs
from pos_client.domain.dates import business_date
from pos_client.domain.errors import RuleViolation, StoreError
from pos_client.settings.config import settings_for


def provisioned(central: Central, tmp_path: Path, **printer: object) -> object:
    settings = settings_for(tmp_path / "data", central={"url": central.url,
                                                        "token": central.token},
                            printer=printer or {"kind": "none"})
    provision(settings, central.ids["products"], tmp_path / "prices.csv")
    return settings


def test_a_printer_that_vanishes_mid_job_keeps_the_sale_and_the_reprint_works_later(
        central: Central, tmp_path: Path) -> None:
    device = FakeNetworkPrinter("close_after", limit=2000)
    port = device.port
    settings = provisioned(central, tmp_path, kind="network", host="127.0.0.1", port=port,
                           timeout_s=2.0)
    counter = Counter.open(settings, start_sync=False)  # type: ignore[arg-type]
    events: list[CounterEvent] = []
    done = threading.Event()

    def listen(event: CounterEvent) -> None:
        if isinstance(event, Printed | PrintFailed):
            events.append(event)
            done.set()

    counter.subscribe(listen)
    try:
        counter.login(CASHIER[1])
        household = identify(counter, central.buyer())
        sale = sell(counter, household, [basket_line(counter, central)]).sale
        assert done.wait(30)
        failed = events[-1]
        assert isinstance(failed, PrintFailed) and failed.receipt_no == sale.receipt_no
        error = failed.error
        assert error.code in ("printer_disconnected", "printer_timeout")
        assert_speaks_both(error)
        assert counter.store.get_sale(sale.txn_id).status == "approved"  # type: ignore[union-attr]
        device.stop()

        with FakeNetworkPrinter(port=port) as back:  # the printer is back on the same port
            done.clear()
            copy = counter.reprint()
            assert done.wait(30) and isinstance(events[-1], Printed)
            assert copy.copy
            assert back.closed.wait(10)
        [job] = decode_jobs(back.data)
        assert job.cut and job.image.height > 100
    finally:
        counter.close()


@pytest.fixture
def locker(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the terminal database's write lock until told."""
    script = ("import sqlite3, sys\n"
              "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "conn.execute('BEGIN IMMEDIATE')\n"
              "conn.execute('CREATE TABLE IF NOT EXISTS intruder (x)')\n"
              "print('locked', flush=True)\n"
              "sys.stdin.readline()\n"
              "conn.execute('ROLLBACK')\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "data" / "pos.db")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    yield process
    if process.poll() is None:
        process.kill()
        process.wait(10)


def test_a_database_locked_by_another_process_fails_the_sale_cleanly_then_it_works(
        central: Central, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    settings = provisioned(central, tmp_path)
    counter = Counter.open(settings, start_sync=False)  # type: ignore[arg-type]
    try:
        counter.login(CASHIER[1])
        lines = [basket_line(counter, central)]
        counts = table_counts(tmp_path / "data")
        locker = request.getfixturevalue("locker")
        assert locker.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError) as err:  # after the busy timeout
            counter.complete(lines, None, coupon_rials=0, payment=PaymentChoice("cash"))
        assert err.value.code == "store_busy"
        assert_speaks_both(err.value)
        locker.stdin.write("\n")
        locker.stdin.flush()
        assert locker.wait(10) == 0
        assert table_counts(tmp_path / "data") == counts  # not a row of it was written
        result = counter.complete(lines, None, coupon_rials=0, payment=PaymentChoice("cash"))
        assert result.sale.receipt_no.endswith("000001")
        assert counter.store.verify_journal() is None
    finally:
        counter.close()


class SettableClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_a_clock_jumping_back_keeps_receipt_numbers_unique_and_the_journal_whole(
        central: Central, tmp_path: Path) -> None:
    settings = provisioned(central, tmp_path)
    clock = SettableClock(dt.datetime.now(dt.UTC).replace(microsecond=0))
    counter = Counter.open(settings, start_sync=False,  # type: ignore[arg-type]
                           clock=clock)
    try:
        counter.login(CASHIER[1])
        lines = [basket_line(counter, central)]
        sales = []
        for jump in (dt.timedelta(0), -dt.timedelta(hours=3), -dt.timedelta(days=1),
                     dt.timedelta(days=2, hours=5)):
            clock.now += jump
            sales.append(counter.complete(lines, None, coupon_rials=0,
                                          payment=PaymentChoice("cash")).sale)
        numbers = [s.receipt_no for s in sales]
        assert len(set(numbers)) == len(numbers) and numbers == sorted(numbers)
        # the terminal's time never goes back: each sale is dated at or after the one before
        created = [s.created_at for s in sales]
        assert created == sorted(created)
        assert [s.business_date for s in sales] == [business_date(s.created_at) for s in sales]
        assert counter.store.verify_journal() is None
        # the last jump put the clock a day ahead: the first sale is another day's, no void
        with pytest.raises(RuleViolation) as err:
            counter.void_sale(sales[0].txn_id, "9999", "clock test")
        assert err.value.code == "other_day"
    finally:
        counter.close()
