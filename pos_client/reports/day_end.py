"""The manager's use-cases: the X report, the Z report that closes the day, and settling
a pending Z with the service once its sales are forwarded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from ..domain.dates import utc_now
from ..domain.errors import InvalidInput, RuleViolation, SyncError, UserFacingError, texts
from .figures import CashCount, close_figures, day_figures
from .ledger import DayLedger, build_ledger, read_journal
from .model import Z_PENDING, DayReport, DrawerOpening, ReportKind, StoreView
from .reconcile import Reconciliation, probe_sale, reconcile

log = logging.getLogger(__name__)
Z_ACTION = "z_report"
X_ACTION = "x_report"
_AUDIT_SCAN = 1_000_000


class UnsentSales(RuleViolation):
    """The day has sales (or voids) the service has not had yet: sync first, or close
    anyway with the Z pending (the service's day is closed once they are forwarded)."""

    code = "unsent_sales"

    def __init__(self, count: int) -> None:
        super().__init__(*texts("unsent_sales", count=count), count=count)
        self.count = count


def day_ledger(store: Any, day: dt.date, *, upto_close: bool = False) -> DayLedger:
    """``day`` folded from the journal; ``upto_close``: as it stood at its Z."""
    entries = read_journal(store)
    voids = [(v.void_id, v.txn_id, v.status) for v in store.voids_for_day(day)]
    ledger = build_ledger(entries, day, voids=voids)
    if upto_close and ledger.close_seq is not None:
        ledger = build_ledger(entries, day, upto_seq=ledger.close_seq, voids=voids)
    return ledger


def _check_count(counted: int | None, *, required: bool) -> None:
    if counted is None and not required:
        return
    if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
        raise InvalidInput.from_code("cash_count_missing")


def _build(kind: ReportKind, store: Any, ledger: DayLedger, counted: int | None,
           now: dt.datetime) -> DayReport:
    figures = day_figures(ledger)
    opening = sum(s.opening_cash_rials for s in store.shifts_for_day(ledger.business_date))
    info = store.terminal_info()
    return DayReport(
        kind=kind, business_date=ledger.business_date,
        terminal_id=info.terminal_id if info else "", store_code=info.store_code if info else "",
        store_name=info.store_name if info else "", made_at=now, figures=figures,
        cash=CashCount(opening, figures.cash_taken_rials, figures.change_rials, counted),
        close=close_figures(ledger), z_no=ledger.z_no,
        drawer_opens=drawer_openings(store, ledger.business_date))


def drawer_openings(store: Any, day: dt.date) -> tuple[DrawerOpening, ...]:
    """The day's openings of the drawer without a sale (``Store.drawer_opens``)."""
    return tuple(DrawerOpening(o.at.isoformat(), o.manager, o.cashier, o.reason)
                 for o in store.drawer_opens(day))


def _service_view(api: Any, ledger: DayLedger, *, probe: bool,
                  store_scope: bool) -> tuple[Reconciliation, StoreView | None]:
    day = ledger.business_date.isoformat()
    settlement = api.settlement(day, "terminal")
    rec = reconcile(ledger, settlement, probe=probe_sale(api) if probe else None)
    view = None
    if store_scope:
        try:
            view = StoreView.from_settlement(api.settlement(day, "store"))
        except SyncError as exc:
            log.info("store settlement of %s not available: %s", day, exc.code)
    return rec, view


def x_report(store: Any, *, day: dt.date | None = None, api: Any = None,
             counted_cash_rials: int | None = None, probe: bool = True,
             store_scope: bool = True, who: str = "",
             clock: Callable[[], dt.datetime] = utc_now) -> DayReport:
    """*Blocking* (the service, when ``api`` is given). The day so far, read-only: figures
    from the journal, the drawer (expected cash only with a count), and the service's view
    when it can be reached. A count given here is kept in the audit log."""
    _check_count(counted_cash_rials, required=False)
    day = day or store.z_default_day()  # the day the Z would close
    ledger = day_ledger(store, day)
    report = _build("X", store, ledger, counted_cash_rials, clock())
    if api is not None:
        try:
            rec, view = _service_view(api, ledger, probe=probe, store_scope=store_scope)
            report = dataclasses.replace(report, reconciliation=rec, store_view=view)
        except SyncError as exc:
            report = dataclasses.replace(report, note=exc.en)
    if counted_cash_rials is not None:
        store.audit(who or "manager", X_ACTION, {
            "business_date": day.isoformat(), "counted_rials": counted_cash_rials,
            "expected_rials": report.cash.expected_rials,
            "difference_rials": report.cash.difference_rials})
    return report


def z_report(store: Any, manager: str, counted_cash_rials: int, *, api: Any = None,
             day: dt.date | None = None, close_anyway: bool = False,
             sync_first: Callable[[], object] | None = None, probe: bool = True,
             store_scope: bool = True,
             clock: Callable[[], dt.datetime] = utc_now) -> DayReport:
    """*Blocking.* Close ``day`` with a Z report; by default the oldest open day with
    trade (``Store.z_default_day``), so a Z pressed after midnight closes the day that
    traded, not the new empty one. Show ``z_preview`` first.

    ``sync_first``: forward unsent sales before (e.g. ``engine.push``); its failure is only
    noted. Unsent sales left: ``UnsentSales`` unless ``close_anyway``; then the day closes
    here, the Z is kept ``pending`` and the service's day is not closed yet (it would
    refuse the unsent sales with ``day_closed``): ``redo_pending_reconciliations`` settles
    it once they are forwarded. Otherwise the Z is reconciled and sent at once.
    """
    _check_count(counted_cash_rials, required=True)
    day = day or store.z_default_day()
    if kept_z_report(store, day) is not None:
        raise RuleViolation.from_code("day_closed:z_done", day=day.isoformat())
    note = ""
    if sync_first is not None:
        try:
            sync_first()
        except UserFacingError as exc:
            note = exc.en
    unsent = day_ledger(store, day).unsent()
    if unsent and not close_anyway:
        raise UnsentSales(len(unsent))
    business_day = store.business_day(day)
    if business_day is None or business_day.status != "closed":
        store.close_day(day, manager)
    ledger = day_ledger(store, day, upto_close=True)
    report = dataclasses.replace(_build("Z", store, ledger, counted_cash_rials, clock()),
                                 status=Z_PENDING, manager=manager, note=note)
    keep_z_report(store, report)
    if api is None:
        return report
    return settle_z_report(store, api, report, probe=probe, store_scope=store_scope)


def settle_z_report(store: Any, api: Any, report: DayReport, *, probe: bool = True,
                    store_scope: bool = True) -> DayReport:
    """*Blocking.* Reconcile a kept Z with the settlement and close the service's day
    with its figures, unless the day still has unsent sales; the result is kept."""
    ledger = day_ledger(store, report.business_date)
    unsent = ledger.unsent()
    figures = close_figures(ledger)
    try:
        rec, view = _service_view(api, ledger, probe=probe, store_scope=store_scope)
    except SyncError as exc:
        return _keep_changed(store, report, note=exc.en)
    if unsent:
        return _keep_changed(store, report, reconciliation=rec, store_view=view, close=figures,
                             note=f"{len(unsent)} unsent")
    assert report.z_no is not None
    try:
        answer = api.close_day(report.business_date.isoformat(), figures.body(report.z_no))
    except SyncError as exc:
        refused = getattr(exc, "status", 0) == 422 or exc.code == "day_closed"
        return _keep_changed(store, report, reconciliation=rec, store_view=view,
                             close=figures, note=exc.en,
                             status="refused" if refused else Z_PENDING)
    return _keep_changed(store, report, reconciliation=rec, store_view=view, close=figures,
                         status=str(answer["status"]), service_answer=dict(answer), note="")


def _keep_changed(store: Any, report: DayReport, **changes: Any) -> DayReport:
    changed = dataclasses.replace(report, **changes)
    if changed != report:
        keep_z_report(store, changed)
    return changed


def keep_z_report(store: Any, report: DayReport) -> None:
    """Keep a Z (each change is appended; the newest wins)."""
    store.audit(report.manager or "system", Z_ACTION, report.to_dict())


def kept_z_reports(store: Any) -> list[DayReport]:
    """The newest kept Z of every closed day, oldest day first."""
    newest: dict[str, DayReport] = {}
    for _at, _who, action, details in store.audit_log(_AUDIT_SCAN):
        if action == Z_ACTION and details.get("business_date") not in newest:
            newest[details["business_date"]] = DayReport.from_dict(details)
    return [newest[d] for d in sorted(newest)]


def kept_z_report(store: Any, day: dt.date) -> DayReport | None:
    """The kept Z of ``day``; a day closed without one (a crash between the close and
    keeping it) gets it rebuilt from the journal, pending, without a cash count."""
    for report in kept_z_reports(store):
        if report.business_date == day:
            return report
    business_day = store.business_day(day)
    if business_day is None or business_day.status != "closed":
        return None
    ledger = day_ledger(store, day, upto_close=True)
    report = dataclasses.replace(_build("Z", store, ledger, None, utc_now()), status=Z_PENDING,
                                 manager=business_day.closed_by or "")
    keep_z_report(store, report)
    return report


def redo_pending_reconciliations(store: Any, api: Any, *, probe: bool = True) -> list[DayReport]:
    """*Blocking.* Settle every pending Z whose sales have all been forwarded since (the
    forwarder after a push, or the manager's screen). Returns the Zs it changed."""
    changed = []
    for report in kept_z_reports(store):
        if not report.pending:
            continue
        if day_ledger(store, report.business_date).unsent():
            continue
        settled = settle_z_report(store, api, report, probe=probe)
        if settled != report:
            changed.append(settled)
    return changed
