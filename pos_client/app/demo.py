"""``pos-client demo``: a whole store on this machine, with nothing to configure.

Starts the reference central service in-process on a free loopback port over a fresh
temporary directory, creates a demo cashier and manager, imports the store's price list,
makes the first sync, and points a file printer at the same directory so every receipt
can be shown on screen. The demo identities to try come from the service's seed.
"""

from __future__ import annotations

import csv
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from central_sim.server import ServerHandle, serve_in_thread

from ..settings.config import Settings, settings_for
from ..store import Store
from ..sync.api import CentralApi, issue_demo_code
from ..sync.engine import SyncEngine

log = logging.getLogger(__name__)
DEMO_HOUSEHOLDS = 2000
CASHIER = ("رضایی", "1111")
MANAGER = ("مدیر فروشگاه", "9999")


@dataclass(frozen=True)
class DemoIdentity:
    label_fa: str
    label_en: str
    text: str  # what to type, scan or swipe into customerInput
    kind: Literal["nid", "card", "code", "invalid"]


@dataclass
class DemoSetup:
    settings: Settings
    central: ServerHandle
    directory: Path
    cashier_pin: str = CASHIER[1]
    manager_pin: str = MANAGER[1]
    identities: list[DemoIdentity] = field(default_factory=list)
    products: list[dict[str, Any]] = field(default_factory=list)
    _tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def printer_path(self) -> Path:
        return Path(self.settings.printer.path)

    def stop(self) -> None:
        self.central.stop()
        if self._tmp is not None:
            self._tmp.cleanup()


def _write_price_list(path: Path, products: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["gtin", "name", "price_rials", "unit", "name_en"])
        for p in products:
            writer.writerow([p["gtin"], p["name_fa"], p["price_rials"], p["unit"],
                             p.get("name_en", "")])


def _pick(households: list[dict[str, Any]], **want: Any) -> dict[str, Any] | None:
    return next((h for h in households if all(h.get(k) == v for k, v in want.items())), None)


def demo_identities(central: ServerHandle) -> list[DemoIdentity]:
    """A few households worth trying: each of the counter's cases once."""
    households = central.identities["households"]
    out: list[DemoIdentity] = []
    buyer = _pick(households, status="active", can_buy_today=True)
    if buyer:
        out.append(DemoIdentity("کد ملی، مجاز به خرید", "National code, may buy",
                                buyer["national_code"], "nid"))
    card_buyer = next((h for h in households if h["status"] == "active" and h["can_buy_today"]
                       and h["cards"] and h is not buyer), None)
    if card_buyer:
        out.append(DemoIdentity("کشیدن کارت بانکی", "Card swipe",
                                f";{card_buyer['cards'][0]}=29031010000000000000?", "card"))
        code = issue_demo_code(central.url, central.admin_token, card_buyer["key"])
        if code:
            out.append(DemoIdentity("کد یک‌بار مصرف (برنامه همراه)", "One-time code (app)",
                                    code, "code"))
    blocked = _pick(households, status="blocked")
    if blocked:
        out.append(DemoIdentity("خانوار مسدود", "Blocked household",
                                blocked["national_code"], "nid"))
    waiting = _pick(households, status="active", can_buy_today=False)
    if waiting:
        out.append(DemoIdentity("خارج از نوبت خرید", "Outside its purchase window",
                                waiting["national_code"], "nid"))
    out.append(DemoIdentity("کد ملی نادرست", "Invalid national code", "1234567890", "invalid"))
    return out


def provision(settings: Settings, products: list[dict[str, Any]], prices_csv: Path) -> None:
    """Make a fresh terminal ready to sell: demo users, the price list, a first pull."""
    _write_price_list(prices_csv, products)
    settings.data_path.mkdir(parents=True, exist_ok=True)
    with Store.open(settings.data_path) as store:
        existing = {u.name for u in store.users()}
        for (name, pin), role in ((CASHIER, "cashier"), (MANAGER, "manager")):
            if name not in existing:
                store.add_user(name, role, pin)  # type: ignore[arg-type]
        store.import_products(prices_csv, by=MANAGER[0])
        api = CentralApi.from_settings(settings)
        try:
            SyncEngine(store, api).pull()
        finally:
            api.close()


def start_demo(directory: str | Path | None = None, *, households: int = DEMO_HOUSEHOLDS,
               language: str = "fa") -> DemoSetup:
    """Everything the demo window needs, ready: call ``.stop()`` when done."""
    tmp = None
    if directory is None:
        tmp = tempfile.TemporaryDirectory(prefix="pos-client-demo-")
        directory = tmp.name
    root = Path(directory)
    (root / "data").mkdir(parents=True, exist_ok=True)
    central = serve_in_thread(root / "central.db", seed=households)
    try:
        settings = settings_for(
            root / "data",
            central={"url": central.url, "token": central.tokens["T-0001"], "timeout_s": 3.0},
            printer={"kind": "file", "path": str(root / "receipts.bin")},
            terminal={"language": language})
        products = list(central.identities["products"])
        provision(settings, products, root / "prices.csv")
        setup = DemoSetup(settings, central, root, identities=demo_identities(central),
                          products=products, _tmp=tmp)
    except BaseException:
        central.stop()
        if tmp is not None:
            tmp.cleanup()
        raise
    return setup
