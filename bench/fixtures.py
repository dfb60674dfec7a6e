"""What the benchmarks feed the terminal: a store's price list, national codes of cached
households, and sales built the way the counter builds them."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any

from central_sim.seed import _national_code, household_key
from pos_client.app.demo import CASHIER, MANAGER
from pos_client.counter.checkout import (
    PaymentChoice,
    build_sale,
    household_view,
    payments_for,
    quote,
)
from pos_client.domain.barcode import gtin_check_digit
from pos_client.domain.basket import Line
from pos_client.domain.dates import utc_now
from pos_client.domain.sale import Sale
from pos_client.store import Store

TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def national_code(hid: int) -> str:
    """The clear national code central-sim's seed gave household ``hid`` (no need to read
    a 3,000,000-line identities file: the seed walks the code space deterministically)."""
    return _national_code(hid)


def typed_codes(households: int, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(text as the cashier's keyboard or scanner gives it, household key) pairs: half in
    Persian digits with a separator, so normalising has real work to do."""
    out = []
    for _ in range(count):
        hid = rng.randint(1, households)
        code = national_code(hid)
        text = f"{code[:3]}-{code[3:9]}-{code[9]}".translate(TO_PERSIAN) if hid % 2 else code
        out.append((text, household_key(hid)))
    return out


def _gtin(n: int) -> str:
    body = f"629{n:09d}"
    return body + str(gtin_check_digit(body))


def write_price_list(path: Path, shelf: list[dict[str, Any]], count: int) -> list[str]:
    """A store's CSV: the seed's shelf products plus filler up to ``count`` rows; returns
    every GTIN in it."""
    gtins = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["gtin", "name", "price_rials", "unit"])
        for p in shelf:
            writer.writerow([p["gtin"], p["name_fa"], p["price_rials"], p["unit"]])
            gtins.append(p["gtin"])
        for n in range(max(0, count - len(shelf))):
            gtin = _gtin(n)
            writer.writerow([gtin, f"کالای نمونه {n}", 10_000 + (n % 997) * 1000, "piece"])
            gtins.append(gtin)
    return gtins


def add_staff_and_products(store: Store, prices: Path) -> None:
    existing = {u.name for u in store.users()}
    for (name, pin), role in ((CASHIER, "cashier"), (MANAGER, "manager")):
        if name not in existing:
            store.add_user(name, role, pin)  # type: ignore[arg-type]
    store.import_products(prices, by=MANAGER[0])


def coupon_lines(shelf: list[dict[str, Any]], count: int, rng: random.Random) -> list[Line]:
    """``count`` basket lines: APL products by the piece within their max price, and one
    product off the list (paid by other means) when there are five or more."""
    eligible = [p for p in shelf if p["group"] and p["unit"] == "piece"
                and (p["max_price_rials"] is None or p["price_rials"] <= p["max_price_rials"])]
    other = [p for p in shelf if not p["group"]]
    picks = rng.sample(eligible, count - 1 if count >= 5 and other else count)
    if len(picks) < count:
        picks.append(rng.choice(other))
    return [Line(p["gtin"], p["name_fa"], 1000 * rng.randint(1, 2), p["price_rials"],
                 group=p["group"], max_price_rials=p["max_price_rials"]) for p in picks]


def counter_sale(store: Store, key: str, lines: list[Line], *, offline: bool,
                 now: dt.datetime | None = None) -> Sale | None:
    """A coupon sale for household ``key`` as ``Counter.complete`` builds it (None when the
    household cannot use its coupon today)."""
    household = store.household_by_key(key)
    info = store.terminal_info()
    assert household is not None and info is not None
    day = store.sales_date()
    view = household_view(household, "nid", "***", store.programme(), day)
    split = quote(lines, view)
    if split.coupon_rials <= 0:
        return None
    return build_sale(lines=lines, split=split, payments=payments_for(
        split, PaymentChoice("cash", None)), household=view, terminal_id=info.terminal_id,
        cashier=CASHIER[0], business_date=day, now=now or utc_now(), offline=offline)
