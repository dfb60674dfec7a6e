"""Terminals over the test's central-sim, and a scripted day of sales whose figures the
test sums on its own (from the sales it made, never from the journal)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from central_support import Central

from central_sim.errors import canonical
from central_sim.rules import split_largest_remainder
from pos_client.app.demo import CASHIER, MANAGER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import HouseholdView, PaymentChoice
from pos_client.domain.basket import Line
from pos_client.domain.sale import Sale
from pos_client.settings.config import settings_for

MakeCounter = Callable[..., Counter]
MANAGER_NAME, MANAGER_PIN = MANAGER
OPENING_CASH = 5_000_000


def open_terminal(central: Central, tmp_path: Path, terminal: str = "T-0001", *,
                  printer: bool = False, language: str = "fa") -> Counter:
    """A provisioned terminal, cashier signed in, shift open, forwarder not started."""
    data = tmp_path / f"data-{terminal}"
    printer_settings = ({"kind": "file", "path": str(tmp_path / f"{terminal}.bin")}
                        if printer else {"kind": "none"})
    settings = settings_for(
        data, central={"url": central.url, "token": central.handle.tokens[terminal],
                       "timeout_s": 2.0},
        printer=printer_settings, terminal={"language": language})
    provision(settings, central.ids["products"], tmp_path / f"prices-{terminal}.csv")
    counter = Counter.open(settings, start_sync=False)
    counter.login(CASHIER[1])
    counter.open_shift(OPENING_CASH)
    return counter


@dataclass
class Expected:
    """The day as the script made it, summed independently of the terminal's code."""

    sales: dict[str, Sale] = field(default_factory=dict)
    voided: set[str] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)
    unsent: set[str] = field(default_factory=set)

    def standing(self) -> list[Sale]:
        return [s for t, s in self.sales.items() if t not in self.voided]

    def figures(self) -> dict[str, Any]:
        standing = self.standing()
        groups: dict[str, int] = {}
        for sale in standing:
            weights: dict[str, int] = {}
            for line in sale.lines:
                if line.group:
                    weights[line.group] = weights.get(line.group, 0) + line.amount_rials
            for g, part in split_largest_remainder(sale.coupon_rials, weights).items():
                groups[g] = groups.get(g, 0) + part
        cash = sum(p.tendered_rials for s in standing for p in s.payments if p.kind == "cash")
        change = sum(p.change_rials for s in standing for p in s.payments)
        return {
            "sales_count": len(standing),
            "total_rials": sum(s.total_rials for s in standing),
            "eligible_rials": sum(s.eligible_rials for s in standing),
            "copay_rials": sum(s.copay_rials for s in standing if s.coupon_rials),
            "coupon_rials": sum(s.coupon_rials for s in standing),
            "cash_taken_rials": cash, "change_rials": change,
            "card_rials": sum(p.amount_rials for s in standing for p in s.payments
                              if p.kind == "card"),
            "void_count": len(self.voided),
            "void_coupon_rials": sum(self.sales[t].coupon_rials for t in self.voided),
            "coupon_by_group": {g: groups[g] for g in sorted(groups) if groups[g]},
            "expected_cash": OPENING_CASH + cash - change,
        }

    def close_body(self, z_no: int) -> dict[str, int]:
        approved = [s for t, s in self.sales.items() if s.coupon_rials and
                    t not in self.rejected]
        standing = [s for s in approved if s.txn_id not in self.voided]
        return {"z_no": z_no, "sales_count": len(standing),
                "coupon_rials": sum(s.coupon_rials for s in standing),
                "void_count": len(approved) - len(standing)}


class Script:
    """Sells at ``counter`` with a seeded mix of baskets, payments and households."""

    def __init__(self, counter: Counter, central: Central, seed: int = 8) -> None:
        self.counter, self.central = counter, central
        self.rng = random.Random(seed)
        self.expected = Expected()
        self.buyers = [h for h in central.ids["households"]
                       if h["status"] == "active" and h["can_buy_today"]]
        self.eligible = central.products(eligible=True, max_price=False)
        self.other = central.products(eligible=False)
        self._views: dict[str, HouseholdView] = {}

    def household(self, buyer: dict[str, Any]) -> HouseholdView:
        view = self._views.get(buyer["key"])
        if view is None:
            view = self.counter.identify(buyer["national_code"])
        else:
            view = self.counter.refresh(view)
        self._views[buyer["key"]] = view
        return view

    def basket(self, small: bool = False) -> list[Line]:
        lines = []
        for product in self.rng.sample(self.eligible, 1 if small else self.rng.randint(1, 3)):
            qty = self.rng.choice((500, 1250, 2000)) if product["unit"] == "kg" else \
                self.rng.randint(1, 3) * 1000
            if small:
                qty = 1000
            lines.append(self.counter.line_for(self.counter.product(product["gtin"]), qty))
        if self.other and self.rng.random() < 0.4:
            product = self.rng.choice(self.other)
            qty = 1000 if product["unit"] == "piece" else 750
            lines.append(self.counter.line_for(self.counter.product(product["gtin"]), qty))
        return lines

    def sell(self, buyer: dict[str, Any] | None = None, *, coupon: bool = True,
             small: bool = False) -> Sale:
        """One completed sale; ``small``: one line of one (under the offline limits)."""
        lines = self.basket(small)
        view = self.household(buyer or self.rng.choice(self.buyers)) if coupon else None
        split = self.counter.quote(lines, view)
        if self.rng.random() < 0.3 and split.remainder_rials:
            choice = PaymentChoice("card", card_reference=str(self.rng.randint(10**5, 10**6)))
        else:
            extra = self.rng.choice((0, 0, 50_000, 1_000_000))
            choice = PaymentChoice("cash", split.remainder_rials + extra)
        result = self.counter.complete(lines, view, coupon_rials=split.coupon_rials,
                                       payment=choice)
        self.expected.sales[result.sale.txn_id] = result.sale
        if result.sale.status == "pending":
            self.expected.unsent.add(result.sale.txn_id)
        return result.sale

    def void(self, sale: Sale) -> None:
        self.counter.void_sale(sale.txn_id, MANAGER_PIN, "wrong basket")
        self.expected.voided.add(sale.txn_id)

    def push(self) -> None:
        """One forwarder round (``engine.push`` inside), in this thread: the counter then
        knows the service is back."""
        assert self.counter.forwarder is not None
        self.counter.forwarder.run_once()
        assert self.counter.forwarder.state.online, self.counter.forwarder.state.last_error
        self.expected.rejected = {s.txn_id for s in self.counter.store.rejected_sales(
            unacknowledged_only=False)}
        self.expected.unsent.clear()


def remove_on_server(central: Central, txn_id: str) -> None:
    with central.handle.service.db.write() as conn:
        assert conn.execute("DELETE FROM sales WHERE txn_id = ?", [txn_id]).rowcount == 1


def change_coupon_on_server(central: Central, txn_id: str, delta: int) -> None:
    """The service's record of the sale says another coupon amount (its body too)."""
    with central.handle.service.db.write() as conn:
        body = json.loads(conn.execute("SELECT body FROM sales WHERE txn_id = ?",
                                       [txn_id]).fetchone()[0])
        body["coupon_rials"] += delta
        conn.execute("UPDATE sales SET body = ?, coupon_rials = coupon_rials + ? "
                     "WHERE txn_id = ?", [canonical(body), delta, txn_id])
