"""A real Prometheus server scrapes a terminal during an outage and fires the docs' alert.

Prometheus comes from Debian's ``prometheus`` package (scripts/system-deps); where the
binary is missing the test is skipped, saying so. It runs on a loopback port with its own
storage in the test's temporary directory, scrapes and evaluates every second, and is
killed at the end.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from central_support import Central
from counter_support import basket_line, identify, sell
from monitoring_support import FakeClock, MakeTerminal, make_terminal

from pos_client.domain.dates import utc_now
from pos_client.monitoring import start_window_metrics

__all__ = ["make_terminal"]
PROMETHEUS = shutil.which("prometheus")
ALERTS = Path(__file__).resolve().parents[2] / "docs" / "monitoring" / "alerts.yml"
pytestmark = pytest.mark.skipif(
    PROMETHEUS is None, reason="the prometheus binary is missing: install Debian's "
    "'prometheus' package (scripts/system-deps does, as root)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def poll(get: Callable[[], Any], what: str, timeout_s: float = 90.0) -> Any:
    """``get()`` until it gives something true; its last error or value is reported."""
    deadline = time.monotonic() + timeout_s
    last: Any = None
    while time.monotonic() < deadline:
        try:
            value = last = get()
        except requests.RequestException as exc:
            value, last = None, exc
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


class PrometheusServer:
    def __init__(self, directory: Path, target_port: int) -> None:
        directory.mkdir()
        config = directory / "prometheus.yml"
        config.write_text(f"""
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - {ALERTS}
scrape_configs:
  - job_name: pos-client
    scrape_timeout: 1s
    static_configs:
      - targets: ["127.0.0.1:{target_port}"]
""", encoding="utf-8")
        config.chmod(0o600)  # it holds the token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (directory / "prometheus.log").open("w")
        assert PROMETHEUS is not None
        self.process = subprocess.Popen(
            [PROMETHEUS, f"--config.file={config}", f"--storage.tsdb.path={directory / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.session = requests.Session()
        self.session.trust_env = False

    def api(self, path: str, **params: str) -> Any:
        response = self.session.get(f"{self.url}/api/v1/{path}", params=params, timeout=5)
        response.raise_for_status()
        body = response.json()
        assert body["status"] == "success", body
        return body["data"]

    def ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"prometheus exited with {self.process.returncode}")
        return self.session.get(f"{self.url}/-/ready", timeout=2).status_code == 200

    def query(self, promql: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.api("query", query=promql)["result"]
        return result

    def alerts(self, name: str) -> list[dict[str, Any]]:
        return [a for a in self.api("alerts")["alerts"] if a["labels"]["alertname"] == name]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(20)
        self.log.close()


@pytest.fixture
def prometheus_for(tmp_path: Path) -> Iterator[Callable[[int], PrometheusServer]]:
    started: list[PrometheusServer] = []

    def start(target_port: int) -> PrometheusServer:
        server = PrometheusServer(tmp_path / "prometheus", target_port)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_prometheus_sees_the_unsent_sale_of_an_offline_terminal_and_alerts_when_too_old(
        central: Central, make_terminal: MakeTerminal,
        prometheus_for: Callable[[int], PrometheusServer]) -> None:
    start = utc_now()
    clock = FakeClock(start)
    counter = make_terminal(clock=clock)
    counter.settings.metrics.listen = "127.0.0.1:0"
    metrics = start_window_metrics(counter)
    assert metrics is not None
    try:
        household = identify(counter, central.buyer())
        central.stop()  # the outage
        sale = sell(counter, household, [basket_line(counter, central)]).sale
        assert sale.status == "pending"
        prometheus = prometheus_for(metrics.server.port)
        poll(prometheus.ready, "prometheus to start")
        unsent = poll(lambda: prometheus.query('pos_client_unsent_sales{job="pos-client"}'),
                      "the first scrape")
        assert [float(r["value"][1]) for r in unsent] == [1.0]
        online = prometheus.query("pos_client_online")
        assert [float(r["value"][1]) for r in online] == [0.0]
        poll(lambda: prometheus.alerts("PosClientOffline"), "the offline alert to be pending")
        assert prometheus.alerts("PosClientUnsentTooOld") == []

        programme = counter.store.programme()
        assert programme is not None
        clock.now = start + dt.timedelta(hours=programme.offline.max_age_hours, minutes=1)
        firing = poll(lambda: [a for a in prometheus.alerts("PosClientUnsentTooOld")
                               if a["state"] == "firing"], "the unsent-too-old alert")
        assert firing[0]["labels"]["severity"] == "critical"
        age = prometheus.query("pos_client_unsent_oldest_age_seconds")
        assert float(age[0]["value"][1]) >= programme.offline.max_age_hours * 3600
    finally:
        metrics.stop()
