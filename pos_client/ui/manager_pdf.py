"""A day report as a PDF, with Qt's own writer: the report's sections, then a chart of
sales by hour and one of coupon by group. Persian is shaped by Qt, in the shipped font."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication

from ..reports import DayReport, report_sections
from ..reports.output import Formatter, GroupNamer
from ..shipped import resources_dir

_FONT_DIR = resources_dir() / "fonts"
_app: list[QApplication] = []


def ensure_gui_app() -> None:
    """Qt needs an application object to lay out text; without a display, offscreen. A
    full ``QApplication``, so that windows opened later in the same process still work."""
    if QApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app.append(QApplication([]))


def _family() -> str:
    family = "Vazirmatn"
    for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(_FONT_DIR / name))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


class _Page:
    def __init__(self, writer: QPdfWriter, painter: QPainter, rtl: bool, family: str) -> None:
        self.writer, self.p, self.rtl = writer, painter, rtl
        self.width = writer.width()
        self.height = writer.height()
        self.y = 0.0
        self.family = family

    def font(self, size: float, bold: bool = False) -> None:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        self.p.setFont(font)

    def room(self, needed: float) -> None:
        if self.y + needed > self.height:
            self.writer.newPage()
            self.y = 0.0

    def line(self, text: str, *, size: float = 9, bold: bool = False, value: str = "") -> None:
        self.font(size, bold)
        step = self.p.fontMetrics().height() * 1.2
        self.room(step)
        rect = QRectF(0, self.y, self.width, step)
        start = Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft
        end = Qt.AlignmentFlag.AlignLeft if self.rtl else Qt.AlignmentFlag.AlignRight
        self.p.drawText(rect, start | Qt.AlignmentFlag.AlignVCenter, text)
        if value:
            self.p.drawText(rect, end | Qt.AlignmentFlag.AlignVCenter, value)
        self.y += step

    def bars(self, title: str, items: Sequence[tuple[str, int]], shown: Sequence[str]) -> None:
        """A horizontal bar chart: one bar per item, its label and value written beside."""
        self.line(title, size=11, bold=True)
        if not items:
            self.line("—")
            return
        self.font(8)
        step = self.p.fontMetrics().height() * 1.5
        top = max(v for _k, v in items) or 1
        label_w, value_w = self.width * 0.22, self.width * 0.25
        bar_w = self.width - label_w - value_w
        for (name, value), text in zip(items, shown, strict=True):
            self.room(step)
            length = bar_w * value / top
            if self.rtl:
                label_rect = QRectF(self.width - label_w, self.y, label_w, step)
                bar = QRectF(self.width - label_w - length, self.y + step * 0.15, length,
                             step * 0.7)
                value_rect = QRectF(0, self.y, value_w, step)
            else:
                label_rect = QRectF(0, self.y, label_w, step)
                bar = QRectF(label_w, self.y + step * 0.15, length, step * 0.7)
                value_rect = QRectF(self.width - value_w, self.y, value_w, step)
            self.p.fillRect(bar, QColor("#2e7d32"))
            self.p.setPen(QColor("black"))
            self.p.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter, name)
            self.p.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter, text)
            self.y += step
        self.y += step / 2


def write_pdf(report: DayReport, path: str | Path, *, language: str = "fa",
              unit: Any = "rial", group_name: GroupNamer | None = None) -> Path:
    """Write ``report`` to ``path`` (A4); returns the path."""
    ensure_gui_app()
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{report.kind} {report.business_date.isoformat()} {report.terminal_id}")
    f = Formatter(language, unit)
    painter = QPainter(writer)
    try:
        if language == "fa":
            painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        page = _Page(writer, painter, language == "fa", _family())
        page.line(f"{report.store_name} · {f.num(report.terminal_id)}", size=14, bold=True)
        for section in report_sections(report, language=language, unit=unit,
                                       group_name=group_name):
            page.y += 6
            page.line(section.title, size=11, bold=True)
            for key, value in section.rows:
                page.line(key, value=value)
            if section.columns:
                page.line("  ·  ".join(section.columns), bold=True)
                for row in section.table:
                    page.line("  ·  ".join(row))
        page.y += 12
        hours = report.figures.by_hour
        page.bars(f.t("hours"), [(f.num(f"{h.hour:02d}"), h.total_rials) for h in hours],
                  [f"{f.num(h.sales_count)} · {f.money(h.total_rials)}" for h in hours])
        groups = list(report.figures.coupon_by_group.items())
        name = group_name or (lambda code: code)
        page.bars(f.t("groups"), [(name(code), v) for code, v in groups],
                  [f.money(v) for _code, v in groups])
    finally:
        painter.end()
    return target
