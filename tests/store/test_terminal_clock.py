"""The terminal clock over a real database file: it never goes below a recorded time, even
across a restart, and a backwards step is audited once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from store_support import Clock, build_sale

from pos_client.domain.errors import RuleViolation
from pos_client.store import Store
from pos_client.store.clock_mark import CLOCK_BACK_ACTION


def _clock_steps(store: Store) -> list[dict[str, object]]:
    return [d for _at, _who, action, d in store.audit_log() if action == CLOCK_BACK_ACTION]


def test_a_clock_set_back_never_dates_a_sale_before_one_already_recorded(
        store: Store, clock: Clock) -> None:
    first = store.record_sale(build_sale(clock))
    clock.advance(hours=-26)
    assert store.now() == first.created_at
    second = store.record_sale(build_sale(store.now))
    assert second.created_at >= first.created_at
    assert second.business_date == first.business_date
    (step,) = _clock_steps(store)
    assert step["behind_seconds"] == 26 * 3600
    store.now()
    store.now()
    assert len(_clock_steps(store)) == 1  # one step, audited once
    clock.advance(hours=27)
    assert store.now() == clock.moment  # caught up: the system clock again


def test_the_oldest_unsent_age_is_not_reopened_by_setting_the_clock_back(
        store: Store, clock: Clock) -> None:
    store.record_sale(build_sale(clock))
    clock.advance(hours=25)
    assert store.offline_exposure().oldest_unsent_age_hours == pytest.approx(25)
    clock.advance(hours=-26)
    assert store.offline_exposure().oldest_unsent_age_hours == pytest.approx(25)


def test_the_high_water_mark_survives_a_restart_with_the_clock_set_back(
        tmp_path: Path, clock: Clock, manager: str, store: Store) -> None:
    sale = store.record_sale(build_sale(clock))
    clock.advance(hours=25)
    store.audit("مدیر", "x_report", {})  # any write keeps the mark
    store.close()
    clock.advance(hours=-26)
    with Store.open(tmp_path, clock=clock) as reopened:
        assert reopened.now() == sale.created_at + dt.timedelta(hours=25)
        assert reopened.offline_exposure().oldest_unsent_age_hours == pytest.approx(25)
        assert reopened.clock_behind()
        assert len(_clock_steps(reopened)) == 1


def test_after_the_z_a_clock_a_day_behind_cannot_date_a_sale_into_the_closed_day(
        store: Store, clock: Clock, manager: str) -> None:
    day = store.record_sale(build_sale(clock)).business_date
    store.close_day(day, manager)
    clock.advance(days=1)
    tomorrow = store.record_sale(build_sale(store.now))
    assert tomorrow.business_date == day + dt.timedelta(days=1)
    clock.advance(days=-1)  # the clock goes back a day: still the next day for the terminal
    assert store.sales_date() == day + dt.timedelta(days=1)
    with pytest.raises(RuleViolation) as closed:
        store.record_sale(build_sale(clock))  # a sale dated by the system clock alone
    assert closed.value.code == "day_closed"
    assert store.record_sale(build_sale(store.now)).business_date == tomorrow.business_date
    assert store.verify_journal() is None
