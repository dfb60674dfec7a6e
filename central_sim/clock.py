"""The service's notion of now and today, injectable for tests."""

from __future__ import annotations

import importlib.resources
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def _packaged_tehran() -> ZoneInfo:
    """Asia/Tehran from the ``tzdata`` package, not the OS database (which may predate
    Iran's 2022 abolition of daylight saving, or be absent on Windows)."""
    with importlib.resources.files("tzdata.zoneinfo.Asia").joinpath("Tehran").open("rb") as f:
        return ZoneInfo.from_file(f, key="Asia/Tehran")


TEHRAN = _packaged_tehran()
TODAY_ENV = "CENTRAL_SIM_TODAY"


def rfc3339(moment: datetime) -> str:
    """A UTC instant as ``2026-01-10T08:15:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z")


def parse_rfc3339(text: str) -> datetime:
    """An RFC 3339 timestamp with an offset (or ``Z``), ``T`` and ``Z`` in either case, as an
    aware datetime; other ISO 8601 forms (basic, no seconds, no offset) are refused."""
    if not isinstance(text, str) or not _RFC3339.match(text):
        raise ValueError("not an RFC 3339 timestamp")
    return datetime.fromisoformat(text[:10] + "T" + text[11:].upper())


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date, strictly."""
    if not isinstance(text, str) or len(text) != 10:
        raise ValueError("not a YYYY-MM-DD date")
    return date.fromisoformat(text)


@dataclass(frozen=True)
class Clock:
    """Real time, unless ``today`` pins the business date (Asia/Tehran).

    With ``today`` set, ``now()`` is that date at the current Tehran wall-clock time, so
    expiries and ``server_time`` still move while windows and caps see the chosen date.
    """

    today_override: date | None = None

    @classmethod
    def from_env(cls, today: date | str | None = None) -> Clock:
        value = today if today is not None else os.environ.get(TODAY_ENV) or None
        if isinstance(value, str):
            value = parse_date(value)
        return cls(value)

    def now(self) -> datetime:
        real = datetime.now(UTC)
        if self.today_override is None:
            return real
        wall = real.astimezone(TEHRAN).timetz().replace(tzinfo=None)
        return datetime.combine(self.today_override, time(), TEHRAN).replace(
            hour=wall.hour, minute=wall.minute, second=wall.second
        ).astimezone(UTC)

    def today(self) -> date:
        if self.today_override is not None:
            return self.today_override
        return datetime.now(TEHRAN).date()


def business_date_of(moment: datetime) -> date:
    """The Tehran calendar date of an instant."""
    return moment.astimezone(TEHRAN).date()
