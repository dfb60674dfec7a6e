from __future__ import annotations

import datetime as dt

import pytest

from pos_client.domain.dates import (
    business_date,
    jalali_date,
    jalali_datetime,
    parse_rfc3339,
    to_rfc3339,
)


def test_the_business_date_is_the_calendar_date_in_tehran() -> None:
    # 21:00 UTC is 00:30 the next day in Tehran (UTC+03:30).
    assert business_date(dt.datetime(2026, 1, 10, 21, 0, tzinfo=dt.UTC)) == dt.date(2026, 1, 11)
    assert business_date(dt.datetime(2026, 1, 10, 20, 29, tzinfo=dt.UTC)) == dt.date(2026, 1, 10)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        business_date(dt.datetime(2026, 1, 10, 8, 0))


def test_jalali_dates_have_persian_digits() -> None:
    assert jalali_date(dt.date(2026, 1, 10)) == "۱۴۰۴/۱۰/۲۰"
    assert jalali_date(dt.date(2026, 3, 21), digits="en") == "1405/01/01"
    assert jalali_datetime(dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)) == "۱۴۰۴/۱۰/۲۰ ۱۱:۴۵"


def test_timestamps_round_trip_as_the_service_writes_them() -> None:
    moment = dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)
    assert to_rfc3339(moment) == "2026-01-10T08:15:00Z"
    assert parse_rfc3339("2026-01-10T08:15:00Z") == moment
    with pytest.raises(ValueError):
        parse_rfc3339("2026-01-10T08:15:00")


@pytest.mark.parametrize("text", ["2026-01-10t08:15:00z", "2026-01-10T08:15:00z",
                                  "2026-01-10t08:15:00Z", "2026-01-10T11:45:00+03:30",
                                  "2026-01-10T08:15:00.000Z"])
def test_rfc_3339_allows_lowercase_t_and_z_and_offsets(text: str) -> None:
    assert parse_rfc3339(text) == dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["20260110T081500Z", "2026-01-10 08:15:00Z", "2026-01-10",
                                  "2026-01-10T08:15Z", "2026-01-10T08:15:00+0000", ""])
def test_what_is_not_rfc_3339_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rfc3339(text)
