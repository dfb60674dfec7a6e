"""Terminals (Counter) provisioned against the test's central-sim, and a way to sell."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central

from pos_client.app.demo import CASHIER, MANAGER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import HouseholdView, PaymentChoice, SaleOutcome
from pos_client.domain.basket import Line
from pos_client.settings.config import settings_for

MakeCounter = Callable[..., Counter]


@pytest.fixture
def make_counter(central: Central, tmp_path: Path) -> Iterator[MakeCounter]:
    made: list[Counter] = []

    def make(terminal: str = "T-0001", *, start_sync: bool = False,
             timeout_s: float = 2.0) -> Counter:
        data = tmp_path / f"data-{terminal}"
        settings = settings_for(
            data, central={"url": central.url, "token": central.handle.tokens[terminal],
                           "timeout_s": timeout_s},
            printer={"kind": "file", "path": str(tmp_path / f"{terminal}.bin")})
        provision(settings, central.ids["products"], tmp_path / f"prices-{terminal}.csv")
        counter = Counter.open(settings, start_sync=start_sync)
        counter.login(CASHIER[1])
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.close()


def manager_pin() -> str:
    return MANAGER[1]


def basket_line(counter: Counter, central: Central, *, qty_milli: int = 1000,
                index: int = 0) -> Line:
    product = central.products(eligible=True, unit="piece", max_price=False)[index]
    return counter.line_for(counter.product(product["gtin"]), qty_milli)


def sell(counter: Counter, household: HouseholdView, lines: list[Line],
         *, coupon: int | None = None, tendered: int | None = None) -> SaleOutcome:
    split = counter.quote(lines, household)
    return counter.complete(lines, household,
                            coupon_rials=split.coupon_rials if coupon is None else coupon,
                            payment=PaymentChoice("cash", tendered))


def identify(counter: Counter, household: dict[str, Any]) -> HouseholdView:
    return counter.identify(household["national_code"])
