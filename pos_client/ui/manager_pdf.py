"""A day report as a PDF, with Qt's own writer: the report's sections, then a chart of
sales by hour and one of coupon by group. Persian is shaped by Qt, in the shipped font."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QApplication

from ..domain.dates import display_datetime
from ..reports import DayReport, report_sections
from ..reports.output import Formatter, GroupNamer
from ..settings.shipped import resources_dir

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
    """A page being drawn: ``y`` goes down; the start side is the right in Persian.
    Alignment is absolute (``AlignAbsolute``): the painter reads right to left in Persian,
    and Qt would otherwise swap left and right a second time."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, rtl: bool, family: str) -> None:
        self.writer, self.p, self.rtl = writer, painter, rtl
        self.width = writer.width()
        self.height = writer.height()
        self.y = 0.0
        self.family = family
        absolute = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        right, left = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft
        self.start = absolute | (right if rtl else left)
        self.end = absolute | (left if rtl else right)

    def font(self, size: float, bold: bool = False) -> float:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        self.p.setFont(font)
        return float(self.p.fontMetrics().height())

    def room(self, needed: float) -> None:
        if self.y + needed > self.height:
            self.writer.newPage()
            self.y = 0.0

    def x(self, offset: float, width: float) -> float:
        """The left edge of a box ``offset`` from the start side."""
        return self.width - offset - width if self.rtl else offset

    def line(self, text: str, *, size: float = 9, bold: bool = False) -> None:
        step = self.font(size, bold) * 1.3
        self.room(step)
        self.p.setPen(QColor("black"))
        self.p.drawText(QRectF(0, self.y, self.width, step), self.start, text)
        self.y += step

    def heading(self, text: str) -> None:
        self.y += 8
        self.line(text, size=11, bold=True)
        self.p.setPen(QPen(QColor("#2e7d32"), 2))
        self.p.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))
        self.y += 6

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[str]], *,
              header: bool = True, width: float = 0.75) -> None:
        """A table at the start side: the first column reads from the start, the others
        (figures) keep to their end; a header row when ``header``, lines between rows."""
        n = len(columns) if header else len(rows[0]) if rows else 0
        if n == 0:
            return
        total = self.width * width
        first = total * (0.5 if n <= 2 else 0.34)
        widths = [first] + [(total - first) / (n - 1)] * (n - 1) if n > 1 else [total]
        step = self.font(9) * 1.45
        pad = step * 0.25
        body = [list(r) for r in rows]
        for index, row in enumerate(([list(columns)] if header else []) + body):
            is_head = header and index == 0
            self.font(9, is_head)
            self.room(step)
            offset = 0.0
            if is_head:
                self.p.fillRect(QRectF(self.x(0, total), self.y, total, step),
                                QColor("#e8f5e9"))
            for column, (cell, w) in enumerate(zip(row, widths, strict=False)):
                box = QRectF(self.x(offset, w) + pad, self.y, w - 2 * pad, step)
                self.p.setPen(QColor("black"))
                # a value, a column's heading or a figure keeps to the end; names to the start
                figure = column and (not header or is_head or any(c.isdigit() for c in cell))
                self.p.drawText(box, self.end if figure else self.start, cell)
                offset += w
            self.p.setPen(QPen(QColor("#bbbbbb"), 1))
            self.p.drawLine(QPointF(self.x(0, total), self.y + step),
                            QPointF(self.x(0, total) + total, self.y + step))
            self.y += step
        self.y += step * 0.3

    def bars(self, title: str, items: Sequence[tuple[str, int]], shown: Sequence[str]) -> None:
        """A horizontal bar chart: one bar per item, its label and value written beside."""
        self.heading(title)
        if not items:
            self.line("—")
            return
        step = self.font(8) * 1.5
        top = max(v for _k, v in items) or 1
        label_w, value_w = self.width * 0.22, self.width * 0.25
        bar_w = self.width - label_w - value_w
        for (name, value), text in zip(items, shown, strict=True):
            self.room(step)
            length = bar_w * value / top
            self.p.fillRect(QRectF(self.x(label_w, length), self.y + step * 0.15, length,
                                   step * 0.7), QColor("#2e7d32"))
            self.p.setPen(QColor("black"))
            self.p.drawText(QRectF(self.x(0, label_w), self.y, label_w - 8, step),
                            self.start, name)
            self.p.drawText(QRectF(self.x(self.width - value_w, value_w), self.y, value_w,
                                   step), self.end, text)
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
        page.line(display_datetime(report.made_at, language), size=9)
        for section in report_sections(report, language=language, unit=unit,
                                       group_name=group_name):
            page.heading(section.title)
            if section.rows:
                page.table(("", ""), section.rows, header=False)
            if section.columns:
                page.table(section.columns, section.table)
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
