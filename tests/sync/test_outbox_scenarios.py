"""Exactly once under partial outages and races: each scenario against a real central-sim
on loopback, with the backoff as configured and, where the scenario has one, the real
forwarder thread. After healing, the service holds what the terminal says it holds."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import pytest
from central_support import Central
from counter_support import basket_line, identify, manager_pin, sell
from outbox_support import (
    UNAVAILABLE,
    Gate,
    Proxy,
    StepClock,
    Terminal,
    clock,
    heal,
    open_uploads,
    terminal,
)

from pos_client.counter import Counter
from pos_client.counter.checkout import SplitChanged
from pos_client.counter.events import CounterEvent, StatusChanged
from pos_client.domain.errors import UserFacingError
from pos_client.store.outbox import OutboxState

__all__ = ["clock", "terminal"]


def balance_there(central: Central, key: str) -> int:
    return int(central.admin.household(key)["balance_rials"])


def settle_cache(counter: Counter, central: Central, key: str) -> None:
    """After healing, a pull brings the cache to the service's figure exactly."""
    assert counter.engine is not None
    counter.engine.pull()
    cached = counter.store.household_by_key(key)
    assert cached is not None and cached.balance_rials == balance_there(central, key)


def void_state(counter: Counter, txn_id: str) -> str | None:
    sale = counter.store.get_sale(txn_id)
    assert sale is not None
    for void in counter.store.voids_for_day(sale.business_date):
        if void.txn_id == txn_id:
            return void.status
    return None


@pytest.fixture
def proxy(central: Central) -> Any:
    made = Proxy(central.url)
    yield made
    made.stop()


# --- item 1 ----------------------------------------------------------------------------
def test_a_void_is_not_sent_before_its_sale_has_its_answer(
        central: Central, terminal: Terminal, clock: StepClock) -> None:
    counter = terminal()
    buyer = central.buyer(decile=1)
    household = identify(counter, buyer)
    central.stop()
    first = sell(counter, household, [basket_line(counter, central)]).sale
    second = sell(counter, counter.refresh(household),
                  [basket_line(counter, central, index=1)]).sale
    assert first.status == second.status == "pending"
    central.start()
    central.admin.faults(unavailable_rate=1.0, retry_after=30, paths=["/v1/sales"])
    counter.void_sale(first.txn_id, manager_pin(), "goods returned")
    assert counter.engine is not None
    for _ in range(4):  # the sales are told to come back in 30 s; voids would pass
        with contextlib.suppress(UserFacingError):
            counter.engine.push()
    assert void_state(counter, first.txn_id) == "pending"
    assert central.admin.get("sales/count")["count"] == 0
    central.admin.faults()
    heal(counter, clock)
    assert central.admin.sale(first.txn_id)["voided_by"] is not None  # type: ignore[index]
    assert central.admin.sale(second.txn_id)["voided_by"] is None  # type: ignore[index]
    assert void_state(counter, first.txn_id) == "voided"
    assert balance_there(central, buyer["key"]) == buyer["balance_rials"] - second.coupon_rials
    settle_cache(counter, central, buyer["key"])
    assert counter.store.verify_journal() is None


def test_a_declined_code_attempt_is_cancelled_after_it_and_never_charged(
        central: Central, terminal: Terminal, clock: StepClock) -> None:
    counter = terminal()
    buyer = central.buyer(decile=2)
    code = central.admin.post(f"households/{buyer['key']}/codes", {})["code"]
    household = counter.identify(code)
    central.admin.faults(unavailable_rate=1.0, retry_after=30, paths=["/v1/sales"])
    with pytest.raises(UserFacingError) as refused:
        sell(counter, household, [basket_line(counter, central)])
    assert refused.value.code == "code_needs_network"
    assert counter.engine is not None
    for _ in range(4):
        with contextlib.suppress(UserFacingError):
            counter.engine.push()
    central.admin.faults()
    heal(counter, clock)
    again = sell(counter, identify(counter, buyer), [basket_line(counter, central)]).sale
    assert again.status == "approved"
    assert balance_there(central, buyer["key"]) == buyer["balance_rials"] - again.coupon_rials
    settle_cache(counter, central, buyer["key"])


# --- item 2 ----------------------------------------------------------------------------
def rounds_seen(events: list[CounterEvent]) -> int:
    return sum(1 for e in events if isinstance(e, StatusChanged))


def test_the_forwarder_leaves_the_counters_refused_post_alone(
        central: Central, terminal: Terminal, proxy: Proxy) -> None:
    counter = terminal(url=proxy.url, timeout_s=30, start_sync=True, push_interval_s=0.2)
    events: list[CounterEvent] = []
    counter.subscribe(events.append)
    buyer = central.buyer(decile=3)
    household = identify(counter, buyer)
    central.admin.post(f"households/{buyer['key']}", {"balance_rials": 1_000})
    gate = Gate("/v1/sales")
    proxy.gates.append(gate)
    outcome: list[BaseException] = []

    def cashier() -> None:
        try:
            sell(counter, household, [basket_line(counter, central, qty_milli=3000)])
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=cashier)
    thread.start()
    assert gate.arrived.wait(30)  # the counter's own post is in flight
    before = rounds_seen(events)
    while rounds_seen(events) < before + 3:  # three forwarder rounds while it is held
        assert thread.is_alive()
        threading.Event().wait(0.05)
    gate.release()
    thread.join(30)
    assert outcome and isinstance(outcome[0], SplitChanged)
    assert counter.store.rejected_sales() == []
    day = counter.store.sales_date()
    figures = counter.x_report(day=day).figures
    assert figures.sales_count == 0 and figures.rejected == ()
    assert proxy.posts.count("/v1/sales") == 1  # the forwarder never posted it


def test_an_unknown_outcome_beyond_the_limit_is_cancelled_even_if_the_post_landed(
        central: Central, terminal: Terminal, proxy: Proxy, clock: StepClock) -> None:
    counter = terminal(url=proxy.url, timeout_s=30, start_sync=True, push_interval_s=0.2)
    events: list[CounterEvent] = []
    counter.subscribe(events.append)
    buyer = central.buyer(decile=4)
    code = central.admin.post(f"households/{buyer['key']}/codes", {})["code"]
    household = counter.identify(code)
    gate = Gate("/v1/sales", answer=UNAVAILABLE)  # applied there, the answer lost
    proxy.gates.append(gate)
    outcome: list[BaseException] = []

    def cashier() -> None:
        try:
            sell(counter, household, [basket_line(counter, central)])
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=cashier)
    thread.start()
    assert gate.arrived.wait(30)
    before = rounds_seen(events)
    while rounds_seen(events) < before + 3:
        assert thread.is_alive()
        threading.Event().wait(0.05)
    gate.release()
    thread.join(30)
    assert outcome and getattr(outcome[0], "code", "") == "code_needs_network"
    assert counter.forwarder is not None
    counter.forwarder.stop()
    heal(counter, clock)
    again = sell(counter, identify(counter, buyer), [basket_line(counter, central)]).sale
    assert again.status == "approved"
    assert balance_there(central, buyer["key"]) == buyer["balance_rials"] - again.coupon_rials


# --- item 3 ----------------------------------------------------------------------------
def test_a_token_rotation_does_not_strand_a_sealed_code(
        central: Central, terminal: Terminal, clock: StepClock) -> None:
    counter = terminal()
    buyer, other = central.buyer(decile=5), central.buyer(decile=6)
    standing = sell(counter, identify(counter, other), [basket_line(counter, central)]).sale
    code = central.admin.post(f"households/{buyer['key']}/codes", {})["code"]
    household = counter.identify(code)
    central.admin.faults(unavailable_rate=1.0, paths=["/v1/sales"])
    with pytest.raises(UserFacingError):
        sell(counter, household, [basket_line(counter, central)])
    central.admin.faults()
    counter.void_sale(standing.txn_id, manager_pin(), "goods returned")
    counter.close()
    token = central.admin.post("terminals/T-0001/revoke")["token"]
    counter = terminal(token=token)
    heal(counter, clock)
    assert counter.status().held_uploads == 0
    assert central.admin.sale(standing.txn_id)["voided_by"] is not None  # type: ignore[index]
    assert balance_there(central, buyer["key"]) == buyer["balance_rials"]
    assert balance_there(central, other["key"]) == other["balance_rials"]


def test_a_code_sealed_the_old_way_is_set_aside_and_blocks_nothing(
        central: Central, terminal: Terminal, clock: StepClock) -> None:
    from pos_client.domain import sealing
    counter = terminal()
    buyer, other = central.buyer(decile=7), central.buyer(decile=8)
    code = central.admin.post(f"households/{buyer['key']}/codes", {})["code"]
    household = counter.identify(code)
    central.stop()
    with pytest.raises(UserFacingError):
        sell(counter, household, [basket_line(counter, central)])
    (declined,) = counter.store.sales_for_day(counter.store.sales_date(),
                                              include_declined=True)
    old = sealing._xor(central.token, declined.txn_id, code.encode()).hex()  # before 0005
    with counter.store._c.write() as conn:  # a row as a terminal of the old version left it
        conn.execute("UPDATE outbox SET sealed_code = ? WHERE ref = ?", [old, declined.txn_id])
    later = sell(counter, identify(counter, other), [basket_line(counter, central)]).sale
    counter.close()
    central.start()
    token = central.admin.post("terminals/T-0001/revoke")["token"]
    counter = terminal(token=token)
    heal(counter, clock)
    assert counter.status().held_uploads == 1
    assert [h.ref for h in counter.store.held_uploads()] == [declined.txn_id]
    assert counter.store.upload_state("sale", declined.txn_id) == OutboxState.HELD
    assert central.admin.sale(later.txn_id)["status"] == "approved"  # type: ignore[index]
    assert open_uploads(counter) == 0


# --- item 6 ----------------------------------------------------------------------------
def test_a_voided_offline_sale_the_service_rejects_stays_voided(
        central: Central, terminal: Terminal, clock: StepClock) -> None:
    counter = terminal()
    buyer = central.buyer(decile=9)
    household = identify(counter, buyer)
    central.stop()
    sale = sell(counter, household, [basket_line(counter, central, qty_milli=2000)]).sale
    counter.void_sale(sale.txn_id, manager_pin(), "goods returned")
    central.start()
    central.admin.post(f"households/{buyer['key']}", {"balance_rials": 1_000})
    heal(counter, clock)
    assert central.admin.sale(sale.txn_id)["status"] == "rejected"  # type: ignore[index]
    assert void_state(counter, sale.txn_id) == "local"
    figures = counter.x_report(day=sale.business_date).figures
    assert figures.sales_count == 0 and figures.rejected == () and figures.void_count == 1
    assert counter.store.rejected_sales() == []
    settle_cache(counter, central, buyer["key"])


# --- items 10 and 11 -------------------------------------------------------------------
def test_the_receipts_balance_after_counts_this_terminals_unsent_sales(
        central: Central, terminal: Terminal) -> None:
    counter = terminal()
    buyer = central.buyer(decile=1)
    household = identify(counter, buyer)
    central.stop()
    unsent = sell(counter, household, [basket_line(counter, central)]).sale
    assert unsent.status == "pending"
    central.start()
    assert counter.engine is not None
    counter.engine.ping()  # the service is back; the unsent sale is not forwarded yet
    online = sell(counter, counter.refresh(household),
                  [basket_line(counter, central, index=1)])
    assert online.mode == "online"
    cached = counter.store.household_by_key(buyer["key"])
    assert cached is not None
    expected = buyer["balance_rials"] - unsent.coupon_rials - online.sale.coupon_rials
    assert cached.balance_rials == expected
    assert online.sale.balance_after_rials == expected


def test_a_pull_after_a_lost_answer_does_not_count_the_sale_twice(
        central: Central, terminal: Terminal, proxy: Proxy) -> None:
    counter = terminal(url=proxy.url)
    buyer = central.buyer(decile=2)
    household = identify(counter, buyer)
    proxy.gates.append(Gate("/v1/sales", answer=UNAVAILABLE, hold=False))
    sale = sell(counter, household, [basket_line(counter, central)])
    assert sale.mode == "offline" and sale.sale.status == "pending"
    assert central.admin.sale(sale.sale.txn_id) is not None  # it was applied there
    assert counter.engine is not None
    counter.engine.pull()
    cached = counter.store.household_by_key(buyer["key"])
    assert cached is not None
    assert cached.balance_rials == buyer["balance_rials"] - sale.sale.coupon_rials
    # The service replays its first answer, with the household as it was then; a pull
    # afterwards still brings what changed since (the skipped household is fetched again).
    central.admin.post(f"households/{buyer['key']}/spend", {"rials": 1_000})
    counter.engine.pull()
    assert counter.engine.push().approved == 1
    settle_cache(counter, central, buyer["key"])


# --- a round pushes before it pulls ----------------------------------------------------
def test_a_forwarder_round_pushes_before_it_pulls(
        central: Central, terminal: Terminal, proxy: Proxy) -> None:
    counter = terminal(url=proxy.url)
    household = identify(counter, central.buyer(decile=6))
    central.stop()
    sell(counter, household, [basket_line(counter, central)])
    central.start()
    assert counter.forwarder is not None
    proxy.seen.clear()
    counter.forwarder.run_once()  # the first round of a forwarder: a push, then a pull
    order = [s for s in proxy.seen if s in ("POST /v1/sales", "GET /v1/households")]
    assert order[:2] == ["POST /v1/sales", "GET /v1/households"], proxy.seen


# --- also seen in the code -------------------------------------------------------------
def test_a_batch_refused_whole_is_sent_one_by_one_and_not_resent_every_round(
        central: Central, terminal: Terminal, proxy: Proxy, clock: StepClock) -> None:
    counter = terminal(url=proxy.url)
    buyers = [central.buyer(decile=d) for d in (3, 4)]
    households = [identify(counter, b) for b in buyers]
    central.admin.faults(unavailable_rate=1.0, paths=["/v1/sales"])
    sales = [sell(counter, h, [basket_line(counter, central)]).sale for h in households]
    central.admin.faults()
    assert all(s.status == "pending" for s in sales)
    refused = (400, b'{"error": {"code": "invalid_request", "message": "batch"}}', {})
    proxy.gates.append(Gate("/v1/sales/batch", forward=False, answer=refused, hold=False,
                            times=1000))
    heal(counter, clock)
    assert proxy.posts.count("/v1/sales/batch") <= 1
    for sale in sales:
        assert central.admin.sale(sale.txn_id)["status"] == "approved"  # type: ignore[index]


def test_a_pending_z_settles_when_the_counters_own_post_answers(
        central: Central, terminal: Terminal, proxy: Proxy) -> None:
    counter = terminal(url=proxy.url, timeout_s=30)
    buyer = central.buyer(decile=5)
    household = identify(counter, buyer)
    gate = Gate("/v1/sales")
    proxy.gates.append(gate)
    done: list[Any] = []
    thread = threading.Thread(target=lambda: done.append(
        sell(counter, household, [basket_line(counter, central)])))
    thread.start()
    assert gate.arrived.wait(30)
    manager = counter.manager(manager_pin())
    z = counter.z_report(manager, 0, close_anyway=True)
    assert z.pending
    gate.release()
    thread.join(30)
    assert done and done[0].mode == "online"
    from pos_client.reports.day_end import kept_z_reports
    (kept,) = [r for r in kept_z_reports(counter.store) if r.business_date == z.business_date]
    assert not kept.pending
