"""The programme's rules: rounds, purchase windows, cumulative caps, spendable, offline limits.

Figures come from the central service (``GET /v1/programme``); nothing is hard-coded.
``parse_programme`` validates a server answer before anything else sees it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .errors import OfflineLimitExceeded, texts
from .money import format_amount


class ProgrammeFormatError(ValueError):
    """The programme document is not what the contract describes."""


@dataclass(frozen=True)
class Group:
    code: str
    name_fa: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_fa if language == "fa" else self.name_en


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    deciles: frozenset[int] | None = None
    nid_last_digits: frozenset[int] | None = None

    def admits(self, decile: int, last_digit: int) -> bool:
        return ((self.deciles is not None and decile in self.deciles)
                or (self.nid_last_digits is not None and last_digit in self.nid_last_digits))


@dataclass(frozen=True)
class Round:
    id: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    copay_rials: int
    cumulative_caps: tuple[tuple[dt.date, int], ...]
    windows: tuple[Window, ...]

    def is_active(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def cap_per_member(self, day: dt.date) -> int | None:
        """The cumulative cap per member on ``day``: the last entry whose ``from`` <= day."""
        cap: int | None = None
        for start, amount in self.cumulative_caps:
            if start <= day:
                cap = amount
        if self.cumulative_caps and cap is None:
            return 0
        return cap


@dataclass(frozen=True)
class OfflinePolicy:
    enabled: bool
    max_sale_rials: int
    max_household_rials: int
    max_terminal_rials: int
    max_age_hours: int


@dataclass(frozen=True)
class Programme:
    version: int
    groups: tuple[Group, ...]
    rounds: tuple[Round, ...]
    offline: OfflinePolicy

    def round(self, round_id: str) -> Round | None:
        return next((r for r in self.rounds if r.id == round_id), None)

    def group(self, code: str) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)


WindowReason = Literal["open", "round_not_started", "round_closed", "no_round", "not_yet",
                       "window_over"]


@dataclass(frozen=True)
class WindowDecision:
    """May a household use its coupon on a date, and if not, from when (or never)."""

    open: bool
    reason: WindowReason
    next_date: dt.date | None = None


def window_decision(rnd: Round | None, decile: int, last_digit: int,
                    day: dt.date) -> WindowDecision:
    if rnd is None:
        return WindowDecision(False, "no_round")
    if day > rnd.ends_on:
        return WindowDecision(False, "round_closed")
    if not rnd.windows:
        if day < rnd.starts_on:
            return WindowDecision(False, "round_not_started", rnd.starts_on)
        return WindowDecision(True, "open")
    mine = [w for w in rnd.windows if w.admits(decile, last_digit)]
    if day >= rnd.starts_on and any(w.start <= day <= w.end for w in mine):
        return WindowDecision(True, "open")
    later = sorted(max(w.start, rnd.starts_on) for w in mine
                   if w.end >= day and max(w.start, rnd.starts_on) > day
                   and max(w.start, rnd.starts_on) <= min(w.end, rnd.ends_on))
    if later:
        reason: WindowReason = "round_not_started" if day < rnd.starts_on else "not_yet"
        return WindowDecision(False, reason, later[0])
    return WindowDecision(False, "window_over")


def spendable(balance_rials: int, members: int, spent_in_round_rials: int,
              cap_per_member: int | None) -> int:
    """``min(balance, members * cap - spent_in_round)``, never below zero."""
    if cap_per_member is None:
        return max(0, balance_rials)
    return max(0, min(balance_rials, members * cap_per_member - spent_in_round_rials))


@dataclass(frozen=True)
class OfflineExposure:
    """What this terminal already owes the service in unsent coupon."""

    household_unsent_rials: int
    terminal_unsent_rials: int
    oldest_unsent_age_hours: float | None


def check_offline(policy: OfflinePolicy, coupon_rials: int, exposure: OfflineExposure,
                  *, language: str = "fa") -> None:
    """Raise ``OfflineLimitExceeded`` naming the first offline limit ``coupon`` would pass."""
    if coupon_rials <= 0:
        return
    if not policy.enabled:
        raise OfflineLimitExceeded(
            *texts("offline_limit:offline_disabled"),
            limit="offline_disabled")

    def amount(value: int) -> str:
        return format_amount(value, digits="fa" if language == "fa" else "en",
                             language=language)

    if coupon_rials > policy.max_sale_rials:
        raise OfflineLimitExceeded(
            *texts("offline_limit:max_sale_rials", limit=amount(policy.max_sale_rials)),
            limit="max_sale_rials")
    if exposure.household_unsent_rials + coupon_rials > policy.max_household_rials:
        raise OfflineLimitExceeded(
            *texts("offline_limit:max_household_rials", limit=amount(policy.max_household_rials)),
            limit="max_household_rials")
    if exposure.terminal_unsent_rials + coupon_rials > policy.max_terminal_rials:
        raise OfflineLimitExceeded(
            *texts("offline_limit:max_terminal_rials", limit=amount(policy.max_terminal_rials)),
            limit="max_terminal_rials")
    age = exposure.oldest_unsent_age_hours
    if age is not None and age >= policy.max_age_hours:
        raise OfflineLimitExceeded(
            *texts("offline_limit:max_age_hours", hours=policy.max_age_hours),
            limit="max_age_hours")


# --- parsing the service's document -------------------------------------------------------

def _req(obj: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise ProgrammeFormatError(f"missing field {key!r}")
    value = obj[key]
    if isinstance(value, bool) and kind is not bool:
        raise ProgrammeFormatError(f"field {key!r} has the wrong type")
    if not isinstance(value, kind):
        raise ProgrammeFormatError(f"field {key!r} has the wrong type")
    return value


def _nonneg(obj: dict[str, Any], key: str) -> int:
    value: int = _req(obj, key, int)
    if value < 0:
        raise ProgrammeFormatError(f"field {key!r} is negative")
    return value


def _date(obj: dict[str, Any], key: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(_req(obj, key, str))
    except ValueError as exc:
        raise ProgrammeFormatError(f"field {key!r} is not a date") from exc
    if not 2000 <= day.year <= 2200:  # a Jalali date sent by mistake reads as year 14xx
        raise ProgrammeFormatError(f"field {key!r} is not a Gregorian date of this era")
    return day


def _digits(value: Any, low: int, high: int, key: str) -> frozenset[int]:
    if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and low <= v <= high for v in value):
        raise ProgrammeFormatError(f"field {key!r} must list integers {low}..{high}")
    return frozenset(value)


def _window(obj: dict[str, Any]) -> Window:
    if not isinstance(obj, dict):
        raise ProgrammeFormatError("a window is not an object")
    deciles = obj.get("deciles")
    digits = obj.get("nid_last_digits")
    if deciles is None and digits is None:
        raise ProgrammeFormatError("a window lists neither deciles nor last digits")
    return Window(
        start=_date(obj, "from"), end=_date(obj, "to"),
        deciles=None if deciles is None else _digits(deciles, 1, 10, "deciles"),
        nid_last_digits=None if digits is None else _digits(digits, 0, 9, "nid_last_digits"))


def _round(obj: dict[str, Any]) -> Round:
    caps = tuple(sorted((_date(c, "from"), _nonneg(c, "per_member_rials"))
                        for c in _req(obj, "cumulative_caps", list)))
    rnd = Round(id=_req(obj, "id", str), title=_req(obj, "title", str),
                starts_on=_date(obj, "starts_on"), ends_on=_date(obj, "ends_on"),
                copay_rials=_nonneg(obj, "copay_rials"), cumulative_caps=caps,
                windows=tuple(_window(w) for w in _req(obj, "windows", list)))
    if rnd.ends_on < rnd.starts_on:
        raise ProgrammeFormatError(f"round {rnd.id} ends before it starts")
    return rnd


def parse_programme(doc: Any) -> Programme:
    """Validate and convert a ``GET /v1/programme`` answer; ``ProgrammeFormatError`` if off."""
    if not isinstance(doc, dict):
        raise ProgrammeFormatError("the programme is not an object")
    off = _req(doc, "offline", dict)
    groups = tuple(Group(_req(g, "code", str), _req(g, "name_fa", str), _req(g, "name_en", str))
                   for g in _req(doc, "groups", list))
    return Programme(
        version=_nonneg(doc, "version"),
        groups=groups,
        rounds=tuple(_round(r) for r in _req(doc, "rounds", list)),
        offline=OfflinePolicy(
            enabled=_req(off, "enabled", bool), max_sale_rials=_nonneg(off, "max_sale_rials"),
            max_household_rials=_nonneg(off, "max_household_rials"),
            max_terminal_rials=_nonneg(off, "max_terminal_rials"),
            max_age_hours=_nonneg(off, "max_age_hours")))
