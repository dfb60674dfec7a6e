"""The terminal clock: forward only, one report per backwards step, Tehran midnight."""

from __future__ import annotations

import datetime as dt

from pos_client.domain.clock import BackwardsStep, SteppedClock, TerminalClock, next_midnight


def test_the_terminal_time_never_goes_back_and_catches_up_with_the_system_clock() -> None:
    system = SteppedClock.tehran(dt.date(2026, 3, 20), 23, 50)  # the last day of 1404
    steps: list[BackwardsStep] = []
    clock = TerminalClock(system, on_backwards=steps.append)
    start = clock.now()
    assert clock.business_date() == dt.date(2026, 3, 20)
    system.step(dt.timedelta(minutes=20))  # across midnight
    assert clock.business_date() == dt.date(2026, 3, 21)
    system.step(-dt.timedelta(hours=1))
    assert clock.now() == start + dt.timedelta(minutes=20)
    assert clock.business_date() == dt.date(2026, 3, 21) and clock.behind()
    clock.now()
    assert [s.behind_seconds for s in steps] == [3600]
    system.step(-dt.timedelta(minutes=5))  # a second step back: a second report
    clock.now()
    assert [s.behind_seconds for s in steps] == [3600, 3900]
    system.step(dt.timedelta(hours=2))
    assert clock.now() == system() and not clock.behind()


def test_a_mark_found_recorded_holds_the_clock_from_the_start() -> None:
    system = SteppedClock(dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC))
    recorded = dt.datetime(2026, 1, 11, 8, 0, tzinfo=dt.UTC)
    steps: list[BackwardsStep] = []
    clock = TerminalClock(system, high_water=recorded, on_backwards=steps.append)
    assert clock.now() == recorded
    assert steps == [BackwardsStep(system(), recorded)]


def test_a_tehran_day_ends_at_midnight_tehran_time() -> None:
    assert next_midnight(dt.date(2026, 1, 10)) == dt.datetime(2026, 1, 10, 20, 30,
                                                              tzinfo=dt.UTC)
