"""A model-based test of exactly-once: Hypothesis drives a real terminal (store, Counter,
forwarder rounds) against a real central-sim on loopback, with faults, restarts, token
rotations and clock steps, then heals and checks the histories agree.

After healing: every sale that stands here is on the service exactly once with the same
status; a sale is voided there if and only if it is voided here; every household's
balance on the service is its starting balance less what stands there, and the cache
holds that figure to the rial; the X figures equal the service's settlement (no
reconciliation difference); no upload is open or set aside; the journal verifies.

Profiles (chosen here only, nothing global is loaded): the default runs a few hundred
steps in about a minute; ``HYPOTHESIS_PROFILE=deep`` runs at least 5,000 (see
docs/reliability.md for a run and its figures). ``OUTBOX_MODEL_REPORT=FILE`` writes
how many steps of each rule ran.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central, start_central
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from outbox_support import StepClock, open_uploads

from pos_client.app.demo import CASHIER, MANAGER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.domain.errors import UserFacingError
from pos_client.reports.day_end import kept_z_reports
from pos_client.settings.config import settings_for

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
PROFILE = settings(max_examples=300 if DEEP else 12, stateful_step_count=25, deadline=None,
                   suppress_health_check=list(HealthCheck), derandomize=not DEEP,
                   print_blob=True)
FAULTS: dict[str, dict[str, Any]] = {
    "none": {},
    "unavailable_retry_after": {"unavailable_rate": 0.6, "retry_after": 30},
    "server_errors": {"error_rate": 0.4},
    "drop_after_apply": {"drop_after_apply_rate": 0.5},
    "latency": {"latency_ms": 300},
    "mixed": {"error_rate": 0.15, "unavailable_rate": 0.15, "drop_after_apply_rate": 0.2,
              "retry_after": 2},
}
MAX_OFFSET_S = 3600
WORLD: dict[str, Any] = {}
STEPS: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    root = tmp_path_factory.mktemp("outbox-model")
    central = Central(start_central(root / "central.db"))
    WORLD.update(central=central, root=root, examples=0)
    try:
        yield
    finally:
        central.stop()
        WORLD.clear()
        figures = {"examples": STEPS.get("examples", 0),
                   "steps": sum(v for k, v in STEPS.items() if k.startswith("rule:")),
                   "by_rule": dict(sorted(STEPS.items()))}
        print("outbox model:", json.dumps(figures))
        if os.environ.get("OUTBOX_MODEL_REPORT"):
            Path(os.environ["OUTBOX_MODEL_REPORT"]).write_text(json.dumps(figures, indent=1),
                                                               encoding="utf-8")


class OutboxModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.central: Central = WORLD["central"]
        WORLD["examples"] += 1
        self.n = WORLD["examples"]
        self.clock = StepClock()
        self.offset_s = 0
        self.terminal_id = f"M-{self.n:04d}"
        self.data = Path(WORLD["root"]) / f"data-{self.n}"
        if not self.central.running:
            self.central.start()
        self.central.admin.faults()
        self.token = self.central.admin.post(f"terminals/{self.terminal_id}")["token"]
        buyers = [h for h in self.central.ids["households"]
                  if h["status"] == "active" and h["can_buy_today"]]
        self.buyers = [buyers[(3 * self.n + i) % len(buyers)] for i in range(3)]
        self.start_balance = {b["key"]: self.central.admin.household(b["key"])["balance_rials"]
                              for b in self.buyers}
        self.spent_elsewhere = dict.fromkeys(self.start_balance, 0)
        self.products = self.central.products(eligible=True, unit="piece", max_price=False)[:6]
        self.counter = self._open(first=True)
        self.z_done = False

    def _open(self, *, first: bool = False) -> Counter:
        settings_ = settings_for(self.data, central={"url": self.central.url,
                                                     "token": self.token, "timeout_s": 2.0},
                                 printer={"kind": "none"})
        if first:
            provision(settings_, self.central.ids["products"], self.data.parent /
                      f"prices-{self.n}.csv")
        counter = Counter.open(settings_, clock=self.clock, start_sync=False)
        counter.login(CASHIER[1])
        return counter

    def _count(self, name: str) -> None:
        STEPS[name] = STEPS.get(name, 0) + 1

    # --- the cashier and the manager ------------------------------------------------------
    @initialize()
    def started(self) -> None:
        self._count("examples")

    @rule(who=st.integers(0, 2), kind=st.sampled_from(["nid", "nid", "code"]),
          items=st.lists(st.tuples(st.integers(0, 5), st.integers(1, 3)), min_size=1,
                         max_size=3))
    def sell(self, who: int, kind: str, items: list[tuple[int, int]]) -> None:
        self._count("rule:sell_" + kind)
        buyer = self.buyers[who]
        try:
            if kind == "code":
                if not self.central.running:
                    return
                code = self.central.admin.post(f"households/{buyer['key']}/codes", {})["code"]
                view = self.counter.identify(code)
            else:
                view = self.counter.identify(buyer["national_code"])
            lines = [self.counter.line_for(self.counter.product(self.products[i]["gtin"]),
                                           1000 * q) for i, q in items]
            split = self.counter.quote(lines, view)
            done = self.counter.complete(lines, view, coupon_rials=split.coupon_rials,
                                         payment=PaymentChoice("cash"))
            self._count("outcome:sale_" + done.mode)
        except UserFacingError as exc:
            self._count("outcome:refused_" + exc.code)

    @rule(pick=st.integers(0, 1000))
    def void(self, pick: int) -> None:
        self._count("rule:void")
        sales = self.counter.store.sales_for_day(self.counter.store.sales_date())
        if not sales:
            return
        sale = sales[pick % len(sales)]
        try:
            self.counter.void_sale(sale.txn_id, MANAGER[1], "model: goods returned")
            self._count("outcome:voided")
        except UserFacingError as exc:
            self._count("outcome:void_refused_" + exc.code)

    @precondition(lambda self: not self.z_done)
    @rule()
    def z_report(self) -> None:
        self._count("rule:z")
        self.z_done = True
        with contextlib.suppress(UserFacingError):
            self.counter.z_report(self.counter.manager(MANAGER[1]), 0, close_anyway=True)

    @rule()
    def forwarder_round(self) -> None:
        self._count("rule:forwarder_round")
        assert self.counter.forwarder is not None
        self.counter.forwarder.run_once()

    # --- the world ------------------------------------------------------------------------
    @precondition(lambda self: self.central.running)
    @rule(kind=st.sampled_from(sorted(FAULTS)))
    def faults(self, kind: str) -> None:
        self._count("rule:faults_" + kind)
        self.central.admin.faults(**FAULTS[kind], seed=self.n)

    @precondition(lambda self: self.central.running)
    @rule(who=st.integers(0, 2), rials=st.integers(1, 4_000_000))
    def spent_at_another_store(self, who: int, rials: int) -> None:
        """The service's balance drops under the cache's: forwarded sales meet 409."""
        self._count("rule:spent_at_another_store")
        key = self.buyers[who]["key"]
        balance = self.central.admin.household(key)["balance_rials"]
        rials = min(rials, balance)
        if rials > 0:
            self.central.admin.post(f"households/{key}/spend", {"rials": rials})
            self.spent_elsewhere[key] += rials

    @precondition(lambda self: self.central.running)
    @rule()
    def service_stops(self) -> None:
        self._count("rule:service_stops")
        self.central.stop()

    @precondition(lambda self: not self.central.running)
    @rule()
    def service_starts(self) -> None:
        self._count("rule:service_starts")
        self.central.start()

    @precondition(lambda self: self.central.running)
    @rule()
    def token_rotation(self) -> None:
        self._count("rule:token_rotation")
        self.counter.close()
        self.token = self.central.admin.post(f"terminals/{self.terminal_id}/revoke")["token"]
        self.counter = self._open()

    @rule(seconds=st.integers(-900, 900))
    def clock_step(self, seconds: int) -> None:
        self._count("rule:clock_step")
        if abs(self.offset_s + seconds) <= MAX_OFFSET_S:
            self._count("outcome:clock_back" if seconds < 0 else "outcome:clock_forward")
            self.offset_s += seconds
            self.clock.step(seconds)

    @invariant()
    def the_journal_verifies(self) -> None:
        assert self.counter.store.verify_journal() is None

    # --- healing and the histories ------------------------------------------------------
    def teardown(self) -> None:
        try:
            self._heal()
            self._check()
        finally:
            with contextlib.suppress(Exception):
                self.counter.close()

    def _heal(self) -> None:
        if not self.central.running:
            self.central.start()
        self.central.admin.faults()
        assert self.counter.forwarder is not None and self.counter.engine is not None
        for _ in range(80):
            self.counter.forwarder.run_once()
            if open_uploads(self.counter) == 0:
                break
            self.clock.step(61)  # past any backoff the engine chose (capped at 60 s)
        assert open_uploads(self.counter) == 0, "the outbox did not drain"
        self.counter.engine.pull()
        self.counter.settle_pending_reports()

    def _check(self) -> None:
        conn = sqlite3.connect(f"file:{self.data / 'pos.db'}?mode=ro", uri=True)
        try:
            sales = conn.execute("SELECT txn_id, status, declined_code, coupon_rials, "
                                 "household_key, business_date FROM sales").fetchall()
            voids = {r[0]: r[1] for r in conn.execute("SELECT txn_id, status FROM voids "
                                                      "WHERE status != 'rejected'")}
        finally:
            conn.close()
        assert self.counter.store.held_uploads() == []
        standing_there = dict.fromkeys(self.start_balance, 0)
        days = set()
        for txn_id, status, declined, coupon, key, day in sales:
            days.add(day)
            if coupon == 0:
                continue
            there = self.central.admin.sale(txn_id)
            assert status in ("approved", "rejected"), (txn_id, status)
            if declined is None:
                assert there is not None, f"{txn_id} never reached the service"
                assert there["status"] == status, (txn_id, status, there)
                voided_here = voids.get(txn_id) == "voided"
                assert (there["voided_by"] is not None) == voided_here, (txn_id, there)
                if status == "rejected" and txn_id in voids:
                    assert voids[txn_id] == "local"
            elif there is not None:  # a declined attempt the service may have: cancelled
                assert there["status"] != "approved" or there["voided_by"] is not None
            if there is not None and there["status"] == "approved" and \
                    there["voided_by"] is None:
                standing_there[key] += coupon
        for key, start in self.start_balance.items():
            there = self.central.admin.household(key)["balance_rials"]
            assert there == start - standing_there[key] - self.spent_elsewhere[key], key
            cached = self.counter.store.household_by_key(key)
            assert cached is not None and cached.balance_rials == there, key
        for day in sorted(days):
            report = self.counter.x_report(day=dt.date.fromisoformat(day))
            recon = report.reconciliation
            assert recon is not None and recon.clean, (day, recon)
            # the service's "sales" include the voided ones; the Z's are those that stand
            assert (report.close.sales_count, report.close.coupon_rials,
                    report.close.void_count) == (
                recon.server_sales_count - recon.server_void_count,
                recon.server_coupon_rials - recon.server_void_coupon_rials,
                recon.server_void_count)
        assert not [z for z in kept_z_reports(self.counter.store) if z.pending]
        assert self.counter.store.verify_journal() is None


OutboxModel.TestCase.settings = PROFILE
TestOutboxModel = OutboxModel.TestCase

