"""The terminal's metrics over a real store, central-sim and printer, as Prometheus reads them."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from central_support import Central
from counter_support import basket_line, identify, manager_pin, sell
from fake_printer import PAPER_OUT, FakeNetworkPrinter
from monitoring_support import FakeClock, MakeTerminal, make_terminal, one, scrape

from pos_client.counter import Counter
from pos_client.counter.events import CounterEvent, Printed, PrintFailed
from pos_client.domain.dates import utc_now
from pos_client.domain.errors import ConfigError
from pos_client.monitoring import (
    CounterLive,
    JournalVerifier,
    ProbeLive,
    open_read_only,
    problems,
    start_window_metrics,
    take_snapshot,
)
from pos_client.settings.config import load_settings, settings_for

__all__ = ["make_terminal"]
Metrics = dict[str, dict[tuple[tuple[str, str], ...], float]]


def wait_for(check: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def with_metrics(counter: Counter) -> int:
    counter.settings.metrics.listen = "127.0.0.1:0"
    metrics = start_window_metrics(counter)
    assert metrics is not None
    _started.append(metrics)
    return metrics.server.port


_started: list[object] = []


@pytest.fixture(autouse=True)
def _stop_servers() -> object:
    yield None
    while _started:
        _started.pop().stop()  # type: ignore[attr-defined]


def printed_event(counter: Counter, kind: type[Printed | PrintFailed]) -> threading.Event:
    seen = threading.Event()

    def listen(event: CounterEvent) -> None:
        if isinstance(event, kind):
            seen.set()
    counter.subscribe(listen)
    return seen


def test_an_outage_shows_in_the_window_metrics_with_no_identity(
        central: Central, make_terminal: MakeTerminal) -> None:
    counter = make_terminal(clock=FakeClock(utc_now()))  # still "just failed" when scraped
    port = with_metrics(counter)
    buyer = central.buyer()
    household = identify(counter, buyer)
    before = scrape(port)
    assert one(before, "pos_client_unsent_sales") == 0
    assert one(before, "pos_client_sales_today") == 0
    central.stop()
    printed = printed_event(counter, Printed)
    sale = sell(counter, household, [basket_line(counter, central)]).sale
    assert sale.status == "pending" and sale.coupon_rials > 0
    assert printed.wait(30)
    metrics = scrape(port)
    assert one(metrics, "pos_client_online") == 0
    assert one(metrics, "pos_client_unsent_sales") == 1
    assert one(metrics, "pos_client_unsent_oldest_age_seconds") >= 0
    assert one(metrics, "pos_client_offline_exposure_used", limit="max_terminal_rials") == \
        sale.coupon_rials
    programme = counter.store.programme()
    assert programme is not None
    assert one(metrics, "pos_client_offline_exposure_limit", limit="max_age_hours") == \
        programme.offline.max_age_hours
    assert one(metrics, "pos_client_sales_today") == 1
    assert one(metrics, "pos_client_coupon_today_rials") == sale.coupon_rials
    assert one(metrics, "pos_client_rejected_offline_sales_today") == 0
    assert one(metrics, "pos_client_printer_status", state="ready") == 1
    assert one(metrics, "pos_client_printer_needs_attention") == 0
    assert one(metrics, "pos_client_info", version="0.1.0", terminal="T-0001",
               store=counter.store.terminal_info().store_code) == 1  # type: ignore[union-attr]
    assert "pos_client_last_pull_timestamp_seconds" in metrics
    assert "pos_client_last_push_timestamp_seconds" not in metrics  # nothing sent yet
    wait_for(lambda: "pos_client_journal_verified" in scrape(port), "the journal check")
    assert one(scrape(port), "pos_client_journal_verified") == 1
    text = str(metrics)
    for secret in (buyer["national_code"], buyer["key"], household.masked):
        assert secret not in text
    labels = {name for samples in metrics.values() for key in samples for name, _ in key}
    assert labels == {"limit", "state", "version", "terminal", "store"}  # no household


def test_serve_metrics_and_the_window_say_the_same(
        central: Central, make_terminal: MakeTerminal, tmp_path: Path) -> None:
    counter = make_terminal()
    port = with_metrics(counter)
    household = identify(counter, central.buyer())
    sell(counter, household, [basket_line(counter, central)])  # online
    central.stop()
    sell(counter, counter.refresh(household), [basket_line(counter, central, index=1)])
    config = tmp_path / "pos.toml"
    config.write_text(f"""
[central]
url = "{central.url}"
token = "{central.token}"
timeout_s = 1
[terminal]
data_dir = "{counter.settings.data_path}"
[metrics]
listen = "127.0.0.1:0"
probe_interval_s = 1
""", encoding="utf-8")
    config.chmod(0o600)  # it holds the token
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_CLIENT_")}
    env["POS_CLIENT_CONFIG"] = str(config)
    server = subprocess.Popen([sys.executable, "-m", "pos_client.app.cli", "serve-metrics"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("metrics: http://127.0.0.1:"), line + server.stderr.read()
        other = int(line.rsplit(":", 1)[1].split("/")[0])
        wait_for(lambda: "pos_client_online" in scrape(other), "the first probe")
        mine, theirs = scrape(port), scrape(other)
        for name in ("pos_client_unsent_sales", "pos_client_sales_today",
                     "pos_client_coupon_today_rials", "pos_client_offline_exposure_limit", "pos_client_info",
                     "pos_client_last_pull_timestamp_seconds",
                     "pos_client_last_push_timestamp_seconds"):
            assert mine[name] == theirs[name], name
        used = "pos_client_offline_exposure_used"  # the age part moves on between reads
        assert one(mine, used, limit="max_terminal_rials") == \
            one(theirs, used, limit="max_terminal_rials")
        assert one(theirs, "pos_client_unsent_sales") == 1
        assert one(theirs, "pos_client_online") == 0
        assert one(theirs, "pos_client_errors_total", code="service_unreachable", source="sync") >= 1
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(20) == 0


def test_the_figures_are_the_x_reports(central: Central, make_terminal: MakeTerminal) -> None:
    counter = make_terminal()
    household = identify(counter, central.buyer())
    first = sell(counter, household, [basket_line(counter, central)]).sale
    second = sell(counter, counter.refresh(household), [basket_line(counter, central)]).sale
    counter.void_sale(first.txn_id, manager_pin(), "customer changed mind")
    with open_read_only(counter.settings.data_path) as store:
        snap = take_snapshot(store, CounterLive(counter), JournalVerifier(counter.settings.data_path), utc_now)
    figures = counter.x_report().figures
    assert (snap.sales_today, snap.coupon_today_rials) == \
        (figures.sales_count, figures.coupon_rials) == (1, second.coupon_rials)
    assert (snap.unsent_sales, snap.unsent_voids) == (0, 1)  # the void waits for the forwarder
    assert snap.unsent_voids == counter.store.cache_status().unsent_voids


def test_a_printer_out_of_paper_needs_a_person(
        central: Central, make_terminal: MakeTerminal) -> None:
    with FakeNetworkPrinter(status=PAPER_OUT) as device:
        counter = make_terminal(printer={"kind": "network", "host": "127.0.0.1",
                                         "port": device.port, "timeout_s": 2.0})
        port = with_metrics(counter)
        failed = printed_event(counter, PrintFailed)
        sell(counter, identify(counter, central.buyer()), [basket_line(counter, central)])
        assert failed.wait(30)
        metrics = scrape(port)
        assert one(metrics, "pos_client_printer_status", state="paper_out") == 1
        assert one(metrics, "pos_client_printer_needs_attention") == 1
        assert one(metrics, "pos_client_errors_total", code="printer_paper_out",
                   source="printer") == 1
        probe = ProbeLive(counter.settings)
        probe.refresh(service=False)
        assert probe.printer_state() == "paper_out"  # asked directly, as serve-metrics does


def test_health_says_when_a_person_is_needed(
        central: Central, make_terminal: MakeTerminal, tmp_path: Path) -> None:
    start = utc_now()
    clock = FakeClock(start)
    counter = make_terminal(clock=clock)
    household = identify(counter, central.buyer())
    central.stop()
    sell(counter, household, [basket_line(counter, central)])
    config = tmp_path / "pos.toml"
    config.write_text(f"""
[central]
url = "{central.url}"
token = "{central.token}"
timeout_s = 1
[terminal]
data_dir = "{counter.settings.data_path}"
""", encoding="utf-8")
    config.chmod(0o600)  # it holds the token
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_CLIENT_")}
    result = subprocess.run([sys.executable, "-m", "pos_client.app.cli", "--config", str(config),
                             "health"], env=env, capture_output=True, text=True, timeout=60)
    doc = json.loads(result.stdout)
    assert result.returncode == 0, doc  # offline for moments, the sale is fresh
    assert doc["online"] is False and doc["unsent_sales"] == 1 and doc["problems"] == []
    assert doc["journal_verified"] is True
    with open_read_only(counter.settings.data_path, clock=clock) as store:
        probe = ProbeLive(counter.settings, clock=clock, ask_printer=False)
        probe.refresh()
        journal = JournalVerifier(counter.settings.data_path)
        clock.now = start + dt.timedelta(hours=25)
        later = take_snapshot(store, probe, journal, clock)
    assert {p.code for p in problems(later, offline_minutes=10)} == {"offline", "unsent_too_old"}
    broken = tmp_path / "broken.toml"
    broken.write_text(config.read_text(encoding="utf-8") + """
[printer]
kind = "network"
host = "127.0.0.1"
port = 9
timeout_s = 1
""", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pos_client.app.cli", "--config", str(broken),
                             "health", "--offline"], env=env, capture_output=True, text=True,
                            timeout=60)
    doc = json.loads(result.stdout)
    assert result.returncode == 1
    assert [p["code"] for p in doc["problems"]] == ["printer"]
    assert doc["printer_status"] == "unreachable"


def test_a_broken_journal_is_told(central: Central, make_terminal: MakeTerminal) -> None:
    counter = make_terminal()
    sell(counter, identify(counter, central.buyer()), [basket_line(counter, central)])
    data = counter.settings.data_path
    with sqlite3.connect(data / "pos.db") as conn:
        conn.execute("UPDATE journal SET data = replace(data, '\"coupon_rials\":', "
                     "'\"coupon_rials\":1') WHERE kind = 'sale'")
    journal = JournalVerifier(data)
    assert journal.run() is False and "does not match" in journal.problem
    with open_read_only(data) as store:
        snap = take_snapshot(store, CounterLive(counter), journal, utc_now)
    assert [p.code for p in problems(snap, offline_minutes=10)] == ["journal"]


def test_the_metrics_address_is_checked(tmp_path: Path) -> None:
    assert settings_for(tmp_path, metrics={"listen": "127.0.0.1:9464"}).metrics.listen
    for bad in ("9464", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000"):
        with pytest.raises(ConfigError) as err:
            settings_for(tmp_path, metrics={"listen": bad})
        assert "metrics.listen" in err.value.en
    settings = load_settings(None, {"POS_CLIENT_METRICS_LISTEN": "[::1]:9464",
                                    "POS_CLIENT_TERMINAL_DATA_DIR": str(tmp_path)})
    assert settings.metrics.listen == "[::1]:9464"
    assert settings_for(tmp_path).metrics.listen == ""  # off by default


@pytest.mark.qt
def test_the_window_serves_its_metrics_when_configured(
        central: Central, make_terminal: MakeTerminal, tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    counter = make_terminal()
    data = counter.settings.data_path
    counter.close()  # the window takes the data_dir itself
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = tmp_path / "window.toml"
    config.write_text(f"""
[central]
url = "{central.url}"
token = "{central.token}"
[terminal]
data_dir = "{data}"
[printer]
kind = "none"
[metrics]
listen = "127.0.0.1:{port}"
""", encoding="utf-8")
    config.chmod(0o600)  # it holds the token
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_CLIENT_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    window = subprocess.Popen([sys.executable, "-m", "pos_client.app.cli", "--config", str(config),
                               "run"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        def up() -> bool:
            assert window.poll() is None, window.stderr.read() if window.stderr else ""
            try:
                return "pos_client_info" in scrape(port)
            except requests.RequestException:
                return False
        wait_for(up, "the window's metrics", timeout_s=60)
        metrics = scrape(port)
        assert one(metrics, "pos_client_printer_status", state="not_configured") == 1
        assert one(metrics, "pos_client_unsent_sales") == 0
    finally:
        window.kill()
        window.wait(20)


def test_a_busy_metrics_address_leaves_the_window_running(
        central: Central, make_terminal: MakeTerminal, tmp_path: Path) -> None:
    counter = make_terminal()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        counter.settings.metrics.listen = f"127.0.0.1:{taken.getsockname()[1]}"
        assert start_window_metrics(counter) is None  # logged; the counter goes on
    assert counter.status().unsent_sales == 0
    config = tmp_path / "none.toml"
    config.write_text(f'[terminal]\ndata_dir = "{counter.settings.data_path}"\n',
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_CLIENT_")}
    result = subprocess.run([sys.executable, "-m", "pos_client.app.cli", "--config", str(config),
                             "serve-metrics"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "[metrics] listen" in result.stderr
