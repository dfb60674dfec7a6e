"""The terminal's health in one read: ``take_snapshot``, and what of it needs a person.

A ``Snapshot`` is read afresh on every scrape (and by ``pos-client health``) from the
store, opened read-only, and from a ``Live`` source for what only a running process
knows: whether the service answers, the printer's state, errors as they happen. Ages are
measured with the clock passed in, so a test can move time on. No figure names a
household or carries one household's amount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from .. import __version__
from ..devices.printer_state import PrinterState
from ..reports.ledger import SALE_STATUSES
from .readonly import ReadOnlyStore

# The printer's states (the metric's labels, in this order) and those a person has to fix
# (see devices/printer_state.py); ``paper_low``, ``unknown`` (no answer to the status query)
# and ``not_configured`` do not stop printing.
PRINTER_STATES = tuple(PrinterState)
PRINTER_ATTENTION = frozenset(s for s in PrinterState if s.needs_a_person)
# Offline limits whose use is the terminal's own (the per-sale and per-household limits
# are one sale's or one household's amounts: never exported).
EXPOSURE_LIMITS = ("max_terminal_rials", "max_age_hours")


class Live(Protocol):
    """What a running process knows beyond the store."""

    def online(self) -> bool | None: ...
    def last_contact_at(self) -> dt.datetime | None: ...
    def printer_state(self) -> PrinterState: ...
    def errors(self) -> dict[tuple[str, str], int]: ...  # (code, source) -> count


class JournalCheck(Protocol):
    @property
    def ok(self) -> bool | None: ...  # None: not checked yet


@dataclass(frozen=True)
class Snapshot:
    taken_at: dt.datetime
    version: str
    terminal_id: str
    store_code: str
    online: bool | None
    last_contact_at: dt.datetime | None
    unsent_sales: int
    unsent_voids: int
    oldest_unsent_age_s: float | None
    last_pull_at: dt.datetime | None
    last_push_at: dt.datetime | None
    business_date: dt.date
    sales_today: int
    coupon_today_rials: int
    rejected_offline_today: int
    exposure_used: dict[str, float] = field(default_factory=dict)
    exposure_limits: dict[str, float] = field(default_factory=dict)
    printer_state: PrinterState = PrinterState.UNKNOWN
    journal_ok: bool | None = None
    errors: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def max_age_s(self) -> float | None:
        hours = self.exposure_limits.get("max_age_hours")
        return None if hours is None else hours * 3600


def _latest(*moments: dt.datetime | None) -> dt.datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def take_snapshot(store: ReadOnlyStore, live: Live, journal: JournalCheck,
                  clock: Callable[[], dt.datetime]) -> Snapshot:
    now = clock()
    info = store.terminal_info()
    unsent_sales, unsent_voids = store.unsent_sales_count(), store.unsent_voids_count()
    exposure = store.offline_exposure()
    programme = store.programme()
    day = store.sales_date()
    voided = {v.txn_id for v in store.voids_for_day(day) if v.status != "rejected"}
    standing = [s for s in store.sales_for_day(day)
                if s.status in SALE_STATUSES and s.txn_id not in voided]
    age_h = exposure.oldest_unsent_age_hours
    used: dict[str, float] = {"max_terminal_rials": float(exposure.terminal_unsent_rials),
                              "max_age_hours": 0.0 if age_h is None else age_h}
    limits: dict[str, float] = {}
    if programme is not None:
        policy = programme.offline
        limits = {"max_sale_rials": policy.max_sale_rials,
                  "max_household_rials": policy.max_household_rials,
                  "max_terminal_rials": policy.max_terminal_rials,
                  "max_age_hours": policy.max_age_hours}
    errors = {(code, "store"): count for code, count in store.refusals().by_code.items()}
    for key, count in live.errors().items():
        errors[key] = errors.get(key, 0) + count
    return Snapshot(
        taken_at=now, version=__version__,
        terminal_id=info.terminal_id if info else "", store_code=info.store_code if info else "",
        online=live.online(), last_contact_at=_latest(store.last_contact_at(),
                                                      live.last_contact_at()),
        unsent_sales=unsent_sales, unsent_voids=unsent_voids,
        oldest_unsent_age_s=None if age_h is None else age_h * 3600,
        last_pull_at=store.last_pull_at(), last_push_at=store.last_push_at(),
        business_date=day, sales_today=len(standing),
        coupon_today_rials=sum(s.coupon_rials for s in standing),
        rejected_offline_today=sum(1 for s in standing if s.status == "rejected" and s.offline),
        exposure_used=used, exposure_limits=limits, printer_state=live.printer_state(),
        journal_ok=journal.ok, errors=errors)


ProblemCode = Literal["offline", "unsent_too_old", "printer", "journal"]


@dataclass(frozen=True)
class Problem:
    code: ProblemCode
    en: str
    fa: str


def problems(snap: Snapshot, *, offline_minutes: int) -> list[Problem]:
    """What needs a person now (``pos-client health`` exits 1 when there is any)."""
    found: list[Problem] = []
    if snap.online is False:
        since = snap.last_contact_at
        gone_s = None if since is None else (snap.taken_at - since).total_seconds()
        if gone_s is None or gone_s > offline_minutes * 60:
            minutes = "ever" if gone_s is None else f"{gone_s / 60:.0f} minutes"
            found.append(Problem(
                "offline", f"offline: the service has not answered for {minutes} "
                f"(limit {offline_minutes} minutes)",
                f"آفلاین: سامانه بیش از {offline_minutes} دقیقه پاسخ نداده است."))
    limit_s = snap.max_age_s
    age_s = snap.oldest_unsent_age_s
    if limit_s is not None and age_s is not None and age_s >= limit_s:
        found.append(Problem(
            "unsent_too_old", f"the oldest unsent sale is {age_s / 3600:.1f} hours old "
            f"(offline limit {limit_s / 3600:.0f} hours)",
            "قدیمی‌ترین فروش ارسال‌نشده از سقف زمان آفلاین گذشته است."))
    if snap.printer_state in PRINTER_ATTENTION:
        found.append(Problem("printer", f"printer: {snap.printer_state}",
                             f"چاپگر: {snap.printer_state}"))
    if snap.journal_ok is False:
        found.append(Problem("journal", "the journal's hash chain is broken "
                             "(pos-client journal verify)", "زنجیره دفتر رویداد شکسته است."))
    return found


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat()


def as_json(snap: Snapshot, found: list[Problem]) -> dict[str, Any]:
    """The figures ``pos-client health`` prints, named like the metrics."""
    return {
        "ok": not found,
        "problems": [{"code": p.code, "en": p.en, "fa": p.fa} for p in found],
        "taken_at": _iso(snap.taken_at), "version": snap.version,
        "terminal": snap.terminal_id, "store": snap.store_code,
        "online": snap.online, "last_contact_at": _iso(snap.last_contact_at),
        "unsent_sales": snap.unsent_sales, "unsent_voids": snap.unsent_voids,
        "unsent_oldest_age_seconds": snap.oldest_unsent_age_s,
        "last_pull_at": _iso(snap.last_pull_at), "last_push_at": _iso(snap.last_push_at),
        "business_date": snap.business_date.isoformat(),
        "sales_today": snap.sales_today, "coupon_today_rials": snap.coupon_today_rials,
        "rejected_offline_sales_today": snap.rejected_offline_today,
        "offline_exposure_used": snap.exposure_used,
        "offline_exposure_limit": snap.exposure_limits,
        "printer_status": snap.printer_state, "journal_verified": snap.journal_ok,
        "errors": [{"code": code, "source": source, "count": count}
                   for (code, source), count in sorted(snap.errors.items())],
    }
