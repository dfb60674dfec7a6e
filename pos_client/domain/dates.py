"""Time at the counter: Asia/Tehran business dates and Jalali display."""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

from .money import to_persian_digits
from .timezone import TEHRAN as TEHRAN  # from the shipped tzdata, not the OS


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_rfc3339(moment: dt.datetime) -> str:
    """``2026-01-10T08:15:00Z``: UTC, whole seconds, as the central service speaks."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z")


def parse_rfc3339(text: str) -> dt.datetime:
    """An RFC 3339 timestamp (``T`` and ``Z`` in either case, as its section 5.6 allows)
    as an aware UTC datetime; ``ValueError`` for anything else, a missing offset included."""
    if not isinstance(text, str) or not _RFC3339.match(text):
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    moment = dt.datetime.fromisoformat(text[:10] + "T" + text[11:].upper().replace("Z", "+00:00"))
    return moment.astimezone(dt.UTC)


def business_date(moment: dt.datetime) -> dt.date:
    """The store's business date of a moment: its calendar date in Asia/Tehran."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(TEHRAN).date()


def jalali_date(day: dt.date, *, digits: str = "fa") -> str:
    """``۱۴۰۴/۱۰/۲۰`` for a Gregorian date."""
    text = jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
    return to_persian_digits(text) if digits == "fa" else text


def jalali_datetime(moment: dt.datetime, *, digits: str = "fa") -> str:
    """``۱۴۰۴/۱۰/۲۰ ۱۱:۴۵`` in Tehran time."""
    local = moment.astimezone(TEHRAN)
    text = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None)).strftime(
        "%Y/%m/%d %H:%M")
    return to_persian_digits(text) if digits == "fa" else text


def display_date(day: dt.date, language: str) -> str:
    """Jalali with Persian digits in Persian; ISO (Gregorian) in English."""
    return jalali_date(day) if language == "fa" else day.isoformat()


def display_datetime(moment: dt.datetime, language: str) -> str:
    if language == "fa":
        return jalali_datetime(moment)
    return moment.astimezone(TEHRAN).strftime("%Y-%m-%d %H:%M")
