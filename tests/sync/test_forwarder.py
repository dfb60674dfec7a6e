"""The background forwarder, slow and killed services, clock skew, 401 and 403."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from central_support import Central, ProcessCentral, free_port
from counter_support import MakeCounter, basket_line, identify, make_counter, sell

from pos_client.app.demo import CASHIER, provision
from pos_client.counter import Counter
from pos_client.counter.events import CounterEvent, SaleForwarded, StatusChanged
from pos_client.settings.config import settings_for
from pos_client.sync.errors import ServiceUnreachable, TerminalBlocked, Throttled, Unauthorized

__all__ = ["make_counter"]


def wait_for(condition: object, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_the_background_forwarder_sends_offline_sales_and_reports_events(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter(start_sync=True)
    events: list[CounterEvent] = []
    counter.subscribe(events.append)
    household = identify(counter, central.buyer())
    central.stop()
    assert counter.forwarder is not None
    counter.forwarder.wake()
    wait_for(lambda: counter.status().online is False)
    sale = sell(counter, household, [basket_line(counter, central)]).sale
    assert sale.offline and sale.status == "pending"
    central.start()
    counter.forwarder.wake()
    wait_for(lambda: counter.status().unsent_sales == 0)
    assert counter.store.get_sale(sale.txn_id).status == "approved"  # type: ignore[union-attr]
    assert any(isinstance(e, StatusChanged) and e.online is False and e.error is not None
               for e in events)
    wait_for(lambda: StatusChanged(online=True) in events)
    # the round's result comes after its status, on the forwarder's thread
    wait_for(lambda: any(isinstance(e, SaleForwarded) and e.approved == 1 for e in events))
    counter.forwarder.stop()
    assert counter.forwarder._thread is None


def test_a_five_second_answer_stands_in_offline_and_arrives_once(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter(timeout_s=1.0)
    buyer = central.buyer()
    household = identify(counter, buyer)
    central.admin.faults(latency_ms=5000, paths=["/v1/sales"])
    result = sell(counter, household, [basket_line(counter, central)])
    assert result.mode == "offline"
    wait_for(lambda: central.admin.sale(result.sale.txn_id) is not None)
    central.admin.faults()
    assert counter.engine is not None
    assert counter.engine.push().approved == 1
    assert central.admin.get("sales/count")["count"] == 1
    assert central.admin.household(buyer["key"])["balance_rials"] == \
        buyer["balance_rials"] - result.sale.coupon_rials


def test_retry_after_is_honoured(central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    household = identify(counter, central.buyer())
    central.stop()
    sell(counter, household, [basket_line(counter, central)])
    central.start()
    central.admin.faults(throttle_rate=1.0, retry_after=120)
    assert counter.engine is not None
    with pytest.raises(Throttled):
        counter.engine.push()
    upload = counter.store.due_uploads()
    assert upload == []  # not due again before Retry-After has passed


def test_a_service_killed_mid_batch_and_restarted_has_every_sale_once(tmp_path: Path) -> None:
    central = ProcessCentral(tmp_path / "central.db", free_port())
    try:
        # the terminal waits longer than the service holds the batch: only the kill can cut
        # the batch off, never the terminal's own timeout
        settings = settings_for(tmp_path / "data", central={
            "url": central.url, "token": central.token, "timeout_s": 60.0})
        provision(settings, central.ids["products"], tmp_path / "prices.csv")
        counter = Counter.open(settings, start_sync=False)
        counter.login(CASHIER[1])
        assert counter.engine is not None
        counter.engine.backoff_start_s = 0.0
        buyers = [h for h in central.ids["households"]
                  if h["status"] == "active" and h["can_buy_today"]][:10]
        views = [counter.identify(b["national_code"]) for b in buyers]
        central.kill()
        product = next(p for p in central.ids["products"] if p["group"] and p["unit"] == "piece"
                       and p["max_price_rials"] is None)
        line = counter.line_for(counter.product(product["gtin"]), 1000)
        sales = [sell(counter, counter.refresh(views[i % 10]), [line]).sale for i in range(30)]
        central.start()
        # the service holds the batch it received (and counts it as delayed) until the kill
        central.admin("faults", {"latency_ms": 120_000, "paths": ["/v1/sales/batch"]})
        failures: list[Exception] = []

        def push_until_killed() -> None:
            try:
                counter.engine.push()  # type: ignore[union-attr]
            except (ServiceUnreachable, Throttled) as exc:
                failures.append(exc)

        pushing = threading.Thread(target=push_until_killed)
        pushing.start()
        # the moment itself: the service says the batch is in its hands
        wait_for(lambda: central.admin_get("faults")["counts"]["latency"] >= 1)
        assert pushing.is_alive() and not failures
        central.kill()
        pushing.join(30)
        assert failures, "the batch should have been cut off by the kill"
        central.start()  # faults are gone with the process
        for _ in range(50):
            if counter.status().unsent_sales == 0:
                break
            try:
                counter.engine.push()
            except (ServiceUnreachable, Throttled):
                time.sleep(0.1)  # a retry's pause, not a moment to hit
        assert counter.status().unsent_sales == 0
        assert central.admin_get("sales/count")["count"] == len(sales)
        for buyer in buyers:
            spent = sum(s.coupon_rials for s in sales if s.household_key == buyer["key"])
            server = central.admin_get(f"households/{buyer['key']}")["household"]
            assert server["balance_rials"] == buyer["balance_rials"] - spent
        counter.close()
    finally:
        if central.process.poll() is None:
            central.kill()


def test_a_clock_off_by_more_than_two_minutes_is_shown(central: Central, tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "data", central={"url": central.url,
                                                        "token": central.token})
    provision(settings, central.ids["products"], tmp_path / "prices.csv")
    late = Counter.open(settings, start_sync=False,
                        clock=lambda: dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10))
    try:
        assert late.engine is not None
        assert late.engine.pull().skew_warning
        assert "clock" in late.status().message_en
    finally:
        late.close()


def test_a_refused_token_stops_syncing_and_keeps_local_sales(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    household = identify(counter, central.buyer())
    central.stop()
    sale = sell(counter, household, [basket_line(counter, central)]).sale
    central.start()
    central.admin.post("terminals/T-0001/revoke")
    assert counter.forwarder is not None
    counter.forwarder.run_once()
    assert counter.forwarder.state.stopped_by == "unauthorized"
    assert isinstance(counter.forwarder.state.last_error, Unauthorized)
    assert "manager" in counter.status().message_en
    assert counter.store.get_sale(sale.txn_id).status == "pending"  # type: ignore[union-attr]


def test_a_suspended_store_refuses_coupon_sales_but_sells_for_cash(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    household = identify(counter, central.buyer())
    central.admin.post("stores/S-1001/block", {"reason": "inspection"})
    with pytest.raises(TerminalBlocked):
        sell(counter, household, [basket_line(counter, central)])
    assert counter.recent_sales() == []
    cash = sell(counter, counter.refresh(household), [basket_line(counter, central)], coupon=0)
    assert cash.mode == "no_coupon"
    assert counter.refresh(household).can_use_coupon is False
