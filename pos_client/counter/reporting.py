"""The manager's side of the counter: X and Z reports, pending Zs, printing a report.

``ReportActions`` is a part of ``Counter`` (see ``pos_client.counter``), so the manager's
screen and ``pos-client report`` call the same use-cases and neither reaches into the
store, the service's client or the sync engine. Every method here may block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .. import reports
from ..settings.config import Settings
from ..store import Store, User
from ..sync.engine import SyncEngine
from .events import CounterEvent, DayClosed


class ReportActions:
    settings: Settings
    store: Store
    api: Any
    engine: SyncEngine | None
    printer: Any

    def _emit(self, event: CounterEvent) -> None:
        raise NotImplementedError

    def group_names(self, language: str) -> dict[str, str]:
        """The programme's goods groups by code, named in ``language``."""
        programme = self.store.programme()
        return {g.code: g.name(language) for g in programme.groups} if programme else {}

    def settle_pending_reports(self) -> list[reports.DayReport]:
        """Reconcile and send every Z kept pending whose sales have all been forwarded."""
        if self.api is None:
            return []
        return reports.redo_pending_reconciliations(self.store, self.api)

    def x_report(self, *, counted_cash_rials: int | None = None, day: dt.date | None = None,
                 who: str = "") -> reports.DayReport:
        return reports.x_report(self.store, day=day, api=self.api,
                                counted_cash_rials=counted_cash_rials, who=who,
                                clock=self.store.now)

    def z_default_day(self) -> dt.date:
        """The day a Z closes unless told: the oldest open day with trade, else today."""
        return self.store.z_default_day()

    def z_preview(self, counted_cash_rials: int, *,
                  day: dt.date | None = None) -> reports.ZPreview:
        """The day a Z would close and its figures, before it closes (read-only)."""
        return reports.z_preview(self.store, counted_cash_rials, day=day, clock=self.store.now)

    def z_report(self, manager: User, counted_cash_rials: int, *, day: dt.date | None = None,
                 close_anyway: bool = False, sync_first: bool = False) -> reports.DayReport:
        """Close ``day`` (default: ``z_default_day``) with a Z; ``sync_first`` forwards
        unsent sales before. Held baskets are cleared (audited). Listeners get a
        ``day_closed`` event: the window stops selling until a shift of the next day is
        opened with its cash."""
        push: Callable[[], object] | None = (self.engine.push if sync_first and self.engine
                                             is not None else None)
        report = reports.z_report(self.store, manager.name, counted_cash_rials, api=self.api,
                                  day=day, close_anyway=close_anyway, sync_first=push,
                                  clock=self.store.now)
        # baskets held and never recalled are not sales: the Z drops them, with a note
        cleared = self.store.clear_held_baskets(manager.name)
        self._emit(DayClosed(report.business_date, report.z_no, cleared))
        return report

    def print_report(self, report: reports.DayReport, language: str) -> bool:
        """Print ``report`` on the receipt printer; False when none is configured."""
        if self.printer is None:
            return False
        names = self.group_names(language)
        self.printer.print_document(reports.report_document(
            report, language=language, unit=self.settings.terminal.money_unit,
            group_name=lambda code: names.get(code, code)))
        return True
