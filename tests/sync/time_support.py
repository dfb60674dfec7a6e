"""A terminal whose system clock the test steps (across midnight, the Z, backwards), over
a central-sim whose business date is pinned, both on loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from central_support import Central

from central_sim.server import serve_in_thread
from pos_client.app.demo import CASHIER, MANAGER, _write_price_list
from pos_client.counter import Counter
from pos_client.domain.clock import SteppedClock
from pos_client.domain.dates import TEHRAN
from pos_client.settings.config import Settings, settings_for
from pos_client.store import Store
from pos_client.sync.api import CentralApi
from pos_client.sync.engine import SyncEngine

OPENING_CASH = 1_000_000


def tehran_today() -> dt.date:
    return dt.datetime.now(TEHRAN).date()


@contextmanager
def pinned_central(tmp_path: Path, today: dt.date, households: int = 200) -> Iterator[Central]:
    """central-sim seeded with a round around ``today`` (its windows and caps), which
    judges each sale by the business date the sale carries."""
    central = Central(serve_in_thread(tmp_path / "central.db", seed=households, today=today))
    try:
        yield central
    finally:
        central.stop()


def terminal_settings(central: Central, tmp_path: Path, *, language: str = "en") -> Settings:
    return settings_for(tmp_path / "data", central={"url": central.url, "token": central.token,
                                                    "timeout_s": 3.0},
                        printer={"kind": "none"}, terminal={"language": language})


def provision_at(settings: Settings, central: Central, clock: SteppedClock) -> None:
    """Users, the price list and a first pull, at the clock's time."""
    prices = settings.data_path.parent / "prices.csv"
    _write_price_list(prices, central.ids["products"])
    settings.data_path.mkdir(parents=True, exist_ok=True)
    with Store.open(settings.data_path, clock=clock) as store:
        for (name, pin), role in ((CASHIER, "cashier"), (MANAGER, "manager")):
            store.add_user(name, role, pin)  # type: ignore[arg-type]
        store.import_products(prices, by=MANAGER[0])
        api = CentralApi.from_settings(settings)
        try:
            SyncEngine(store, api).pull()
        finally:
            api.close()


def open_counter(settings: Settings, clock: SteppedClock) -> Counter:
    return Counter.open(settings, clock=clock, start_sync=False)


@contextmanager
def shift_open_at(central: Central, tmp_path: Path, day: dt.date, hour: int,
                  minute: int = 0) -> Iterator[tuple[Counter, SteppedClock]]:
    """A terminal provisioned at ``day`` ``hour``:``minute`` Tehran time on a stepped clock,
    its cashier signed in and the shift open; closed afterwards."""
    clock = SteppedClock.tehran(day, hour, minute)
    settings = terminal_settings(central, tmp_path)
    provision_at(settings, central, clock)
    counter = open_counter(settings, clock)
    try:
        counter.login(CASHIER[1])
        counter.open_shift(OPENING_CASH)
        yield counter, clock
    finally:
        counter.close()


def with_window(central: Central, *, deciles: range, digits: range) -> dict[str, Any]:
    for h in central.ids["households"]:
        if (h["status"] == "active" and h["decile"] in deciles
                and h["nid_last_digit"] in digits):
            return dict(h)
    raise LookupError("no such household in the seed")
