"""Monitoring tests: a provisioned terminal against the test's central-sim, and its
metrics read as a Prometheus server reads them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from central_support import Central
from prometheus_client.parser import text_string_to_metric_families

from pos_client.app.demo import CASHIER, provision
from pos_client.counter import Counter
from pos_client.settings.config import Settings, settings_for

MakeTerminal = Callable[..., Counter]


class FakeClock:
    """A clock a test moves on by hand (the store's and the exporter's)."""

    def __init__(self, start: Any) -> None:
        self.now = start

    def __call__(self) -> Any:
        return self.now


def terminal_settings(central: Central, data: Path, **sections: dict[str, Any]) -> Settings:
    return settings_for(data, central={"url": central.url, "token": central.token,
                                       "timeout_s": 2.0}, **sections)


@pytest.fixture
def make_terminal(central: Central, tmp_path: Path) -> Iterator[MakeTerminal]:
    made: list[Counter] = []

    def make(*, printer: dict[str, Any] | None = None, clock: Any = None) -> Counter:
        data = tmp_path / "data"
        settings = terminal_settings(
            central, data, printer=printer or {"kind": "file", "path": str(tmp_path / "r.bin")})
        provision(settings, central.ids["products"], tmp_path / "prices.csv")
        counter = Counter.open(settings, start_sync=False, clock=clock)
        counter.login(CASHIER[1])
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.close()


def scrape(port: int) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    """``/metrics`` parsed: sample name -> {sorted labels: value}."""
    response = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
    response.raise_for_status()
    out: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            out.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return out


def one(metrics: dict[str, dict[tuple[tuple[str, str], ...], float]], name: str,
        **labels: str) -> float:
    return metrics[name][tuple(sorted(labels.items()))]
