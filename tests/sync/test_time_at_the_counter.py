"""Time at the counter, against central-sim on loopback: the business date is the Tehran
date and never ahead of it, a Z after midnight closes the day that traded, and a clock set
back reopens nothing. The terminal's system clock is a ``SteppedClock``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from counter_support import basket_line, sell
from time_support import (
    OPENING_CASH,
    open_counter,
    pinned_central,
    provision_at,
    shift_open_at,
    tehran_today,
    terminal_settings,
    with_window,
)

from pos_client.app.demo import CASHIER, MANAGER
from pos_client.counter.checkout import PaymentChoice
from pos_client.counter.events import DayClosed
from pos_client.domain.clock import SteppedClock
from pos_client.domain.errors import RuleViolation, UserFacingError
from pos_client.store import TillState
from pos_client.store.clock_mark import CLOCK_BACK_ACTION


def test_after_the_z_a_household_whose_window_opens_tomorrow_gets_no_coupon_tonight(
        tmp_path: Path) -> None:
    today = tehran_today()
    with pinned_central(tmp_path, today) as central:
        day = today + dt.timedelta(days=2)  # the seed opens last digits 7-9 on today + 3
        household = with_window(central, deciles=range(8, 11), digits=range(7, 10))
        with shift_open_at(central, tmp_path, day, 20, 0) as (counter, clock):
            lines = [basket_line(counter, central)]
            counter.complete(lines, None, coupon_rials=0, payment=PaymentChoice("cash"))
            counter.z_report(counter.manager(MANAGER[1]), 0, close_anyway=True)
            clock.step(dt.timedelta(hours=1, minutes=10))  # 21:10, still `day` in Tehran
            assert counter.store.sales_date() == day
            assert counter.till_state() is TillState.DAY_CLOSED
            view = counter.identify(household["national_code"])
            assert not view.can_use_coupon  # tomorrow's window is not open tonight
            for coupon in ({"coupon": None}, {"coupon": 0}):  # as quoted; cash only
                with pytest.raises(RuleViolation) as refused:
                    sell(counter, view, lines, **coupon)  # type: ignore[arg-type]
                assert refused.value.code == "day_closed"
                assert "00:00 Tehran" in refused.value.en
            with pytest.raises(RuleViolation):
                counter.open_shift(OPENING_CASH)
            assert central.admin.household(household["key"])["spent_in_round_rials"] == 0

            clock.step(dt.timedelta(hours=3))  # 00:10 the next day: its window opens
            assert counter.till_state() is TillState.NEEDS_SHIFT
            assert counter.open_shift(OPENING_CASH).business_date == day + dt.timedelta(days=1)
            view = counter.identify(household["national_code"])
            result = sell(counter, view, lines)
            assert result.sale.status == "approved" and result.sale.coupon_rials > 0
            assert result.sale.business_date == day + dt.timedelta(days=1)


def test_after_the_z_the_next_months_cumulative_cap_does_not_open_early(
        tmp_path: Path) -> None:
    today = tehran_today()
    with pinned_central(tmp_path, today) as central:
        day = today + dt.timedelta(days=26)  # the seed's cap rises on today + 27
        household = central.buyer()
        members = household["members"]
        central.admin.post(f"households/{household['key']}", {
            "balance_rials": members * 15_000_000, "spent_in_round_rials": members * 10_000_000})
        with shift_open_at(central, tmp_path, day, 20, 30) as (counter, clock):
            assert counter.identify(household["national_code"]).spendable_rials == 0
            counter.z_report(counter.manager(MANAGER[1]), OPENING_CASH)
            clock.step(dt.timedelta(minutes=40))  # 21:10
            view = counter.identify(household["national_code"])
            assert view.spendable_rials == 0 and not view.can_use_coupon
            with pytest.raises(RuleViolation) as refused:
                sell(counter, view, [basket_line(counter, central)])
            assert refused.value.code == "day_closed"
            assert central.admin.household(household["key"])["spent_in_round_rials"] == \
                members * 10_000_000


def test_a_z_pressed_after_midnight_closes_the_day_that_traded_and_shows_it_first(
        tmp_path: Path) -> None:
    today = tehran_today()
    with pinned_central(tmp_path, today) as central:
        day = today + dt.timedelta(days=1)
        with shift_open_at(central, tmp_path, day, 18, 0) as (counter, clock):
            lines = [basket_line(counter, central)]
            household = central.buyer()
            sales = [sell(counter, counter.identify(household["national_code"]), lines,
                          tendered=10_000_000).sale for _ in range(2)]
            clock.step(dt.timedelta(hours=6, minutes=20))  # 00:20 the next day
            counter.logout()
            counter.login(CASHIER[1])  # opens the new, empty day
            manager = counter.manager(MANAGER[1])
            counted = OPENING_CASH + sum(
                p.tendered_rials - p.change_rials for s in sales for p in s.payments)
            preview = counter.z_preview(counted)
            assert preview.business_date == day and not preview.is_today
            assert preview.figures.sales_count == 2 and preview.cash.difference_rials == 0
            report = counter.z_report(manager, counted)
            assert report.business_date == day and report.figures.sales_count == 2
            assert report.cash.difference_rials == 0 and report.status == "matched"
            assert counter.store.business_day(day).status == "closed"  # type: ignore[union-attr]
            assert counter.store.business_day(  # type: ignore[union-attr]
                day + dt.timedelta(days=1)).status == "open"
            # the day that traded is closed; the new one needs its shift and opening cash
            assert counter.till_state() is TillState.NEEDS_SHIFT


def test_a_clock_set_back_reopens_neither_the_offline_age_limit_nor_a_closed_day(
        tmp_path: Path) -> None:
    today = tehran_today()
    with pinned_central(tmp_path, today) as central:
        day = today + dt.timedelta(days=1)
        with shift_open_at(central, tmp_path, day, 9, 0) as (counter, clock):
            lines = [basket_line(counter, central)]
            buyers = [h for h in central.ids["households"] if h["can_buy_today"]][:2]
            central.stop()  # the service is down: the first sale stands in offline
            first = sell(counter, counter.identify(buyers[0]["national_code"]), lines)
            assert first.mode == "offline"
            clock.step(dt.timedelta(hours=25))
            with pytest.raises(UserFacingError):  # the oldest unsent sale is 25 h old
                sell(counter, counter.identify(buyers[1]["national_code"]), lines)
            clock.step(-dt.timedelta(hours=26))
            with pytest.raises(UserFacingError):  # still 25 h old: time does not go back
                sell(counter, counter.identify(buyers[1]["national_code"]), lines)
            steps = [d for _at, _w, action, d in counter.store.audit_log()
                     if action == CLOCK_BACK_ACTION]
            assert [s["behind_seconds"] for s in steps] == [26 * 3600]
            assert "set back" in counter.status().message_en


def test_after_the_z_a_clock_a_day_behind_dates_no_approved_sale_into_the_closed_day(
        tmp_path: Path) -> None:
    today = tehran_today()
    with pinned_central(tmp_path, today) as central:
        day = today + dt.timedelta(days=1)
        with shift_open_at(central, tmp_path, day, 20, 0) as (counter, clock):
            counter.z_report(counter.manager(MANAGER[1]), OPENING_CASH)
            clock.step(dt.timedelta(hours=14))  # 10:00 the next day
            counter.open_shift(OPENING_CASH)
            clock.step(-dt.timedelta(days=1))  # the clock goes a day back
            household = central.buyer()
            result = sell(counter, counter.identify(household["national_code"]),
                          [basket_line(counter, central)])
            assert result.sale.status == "approved"
            assert result.sale.business_date == day + dt.timedelta(days=1)
            assert result.sale.created_at >= clock() + dt.timedelta(days=1)
            closed_day = counter.api.settlement(day.isoformat(), "terminal")
            next_day = counter.api.settlement((day + dt.timedelta(days=1)).isoformat(),
                                              "terminal")
            assert result.sale.txn_id not in closed_day["approved_txn_ids"]
            assert result.sale.txn_id in next_day["approved_txn_ids"]


def test_the_z_clears_the_baskets_held_and_never_recalled(tmp_path: Path) -> None:
    today = tehran_today()
    with pinned_central(tmp_path, today) as central:
        clock = SteppedClock.tehran(today, 20, 0)
        settings = terminal_settings(central, tmp_path)
        provision_at(settings, central, clock)
        counter = open_counter(settings, clock)
        events: list[object] = []
        counter.subscribe(events.append)
        try:
            counter.login(CASHIER[1])
            counter.open_shift(OPENING_CASH)
            counter.hold_basket([basket_line(counter, central)], "")
            assert len(counter.held_baskets()) == 1
            counter.z_report(counter.manager(MANAGER[1]), OPENING_CASH)
            assert counter.held_baskets() == []
            closed = [e for e in events if isinstance(e, DayClosed)]
            assert closed and closed[-1].held_cleared == 1
        finally:
            counter.close()
