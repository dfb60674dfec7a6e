"""What a Z is about to close, shown before it closes: the day, its figures, the drawer.

A Z pressed after midnight must not close the new, empty day while the day that traded
stays open: the Z closes the oldest open day with trade by default
(``Store.z_default_day``), and the manager (or the ``pos-client report z`` script) sees
that date and its figures first, then confirms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain.dates import business_date, display_date, utc_now
from ..domain.errors import RuleViolation
from ..domain.money import Unit
from ..store.days import day_ahead_error
from .day_end import _check_count, day_ledger
from .figures import CashCount, DayFigures, day_figures
from .output import Formatter


@dataclass(frozen=True)
class ZPreview:
    business_date: dt.date
    today: dt.date  # in Tehran, by the terminal's time
    figures: DayFigures
    cash: CashCount
    unsent: int

    @property
    def is_today(self) -> bool:
        return self.business_date == self.today


def z_preview(store: Any, counted_cash_rials: int, *, day: dt.date | None = None,
              clock: Callable[[], dt.datetime] = utc_now) -> ZPreview:
    """The Z of ``day`` (default: the oldest open day with trade) before it is made.
    Read-only: nothing is closed, kept or audited."""
    _check_count(counted_cash_rials, required=True)
    day = day or store.z_default_day()
    found = store.business_day(day)
    if found is not None and found.status == "closed":
        raise RuleViolation.from_code("day_closed:z_done", day=day.isoformat())
    today = business_date(clock())
    if day > today:
        raise day_ahead_error(day, today)
    ledger = day_ledger(store, day)
    figures = day_figures(ledger)
    opening = sum(s.opening_cash_rials for s in store.shifts_for_day(day))
    return ZPreview(day, today, figures,
                    CashCount(opening, figures.cash_taken_rials, figures.change_rials,
                              counted_cash_rials), len(ledger.unsent()))


_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("بستن روز کاری با گزارش Z", "Close the business day with a Z"),
    "day": ("روز کاری", "Business date"),
    "today": ("امروز", "today"),
    "earlier": ("روز پیش", "an earlier day"),
    "sales": ("تعداد فروش", "Sales"),
    "total": ("جمع کل", "Total"),
    "coupon": ("کالابرگ", "Coupon"),
    "voids": ("ابطال‌ها", "Voids"),
    "expected": ("نقد مورد انتظار", "Expected cash"),
    "counted": ("نقد شمارش‌شده", "Counted cash"),
    "short": ("کسری صندوق", "Shortage"),
    "over": ("اضافه صندوق", "Overage"),
    "even": ("اختلاف صندوق", "Difference"),
    "unsent": ("فروش یا ابطال ارسال‌نشده", "Unsent sales or voids"),
    "after": ("پس از بستن، در این روز فروش یا ابطالی ثبت نمی‌شود.",
              "Once closed, no sale or void can be recorded on this day."),
    "after_today": ("پس از بستن، تا ساعت ۰۰:۰۰ به وقت تهران هیچ فروشی ثبت نمی‌شود.",
                    "Once closed, nothing can be sold until 00:00 Tehran time."),
}


def preview_lines(preview: ZPreview, *, language: str = "fa",
                  unit: Unit = "rial") -> list[tuple[str, str]]:
    """``(label, value)`` rows: the day first, then the figures and the drawer."""
    f = Formatter(language, unit)

    def t(key: str) -> str:
        fa, en = _TEXTS[key]
        return fa if language == "fa" else en

    g, cash = preview.figures, preview.cash
    when = t("today") if preview.is_today else t("earlier")
    rows = [(t("day"), f"{display_date(preview.business_date, language)} ({when})"),
            (t("sales"), f.num(g.sales_count)), (t("total"), f.money(g.total_rials)),
            (t("coupon"), f.money(g.coupon_rials)), (t("voids"), f.num(g.void_count)),
            (t("expected"), f.money(cash.expected_rials)),
            (t("counted"), f.money(cash.counted_rials))]
    difference = cash.difference_rials or 0
    word = "short" if difference < 0 else "over" if difference > 0 else "even"
    rows.append((t(word), f.money(abs(difference))))
    if preview.unsent:
        rows.append((t("unsent"), f.num(preview.unsent)))
    return rows


def preview_text(preview: ZPreview, *, language: str = "fa", unit: Unit = "rial") -> str:
    fa_title, en_title = _TEXTS["title"]
    after = _TEXTS["after_today" if preview.is_today else "after"]
    lines = [fa_title if language == "fa" else en_title]
    lines += [f"{name}: {value}" for name, value in preview_lines(preview, language=language,
                                                                   unit=unit)]
    lines.append(after[0] if language == "fa" else after[1])
    return "\n".join(lines) + "\n"
