"""A day report as the manager's screen shows it: Qt rich text, right to left in Persian.

Each section of ``reports.report_sections`` becomes a heading, a table of label/value
rows (labels on the reading side, values in one aligned column) and, where it has one, a
real table with a header row. Every string comes formatted from the core (Persian digits
and the ``٬`` separator in Persian).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from .. import reports
from ..domain.dates import display_datetime

_CSS = """
h2 { font-size: 15pt; margin: 0 0 4px 0; }
h3 { font-size: 12pt; margin: 12px 0 4px 0; color: #1b5e20; }
table.rows td { padding: 3px 8px; border-bottom: 1px solid #ddd; }
table.grid { border-collapse: collapse; }
table.grid th { background: #e8f5e9; padding: 3px 8px; border: 1px solid #aaa; }
table.grid td { padding: 3px 8px; border: 1px solid #ccc; }
"""


def _cell(text: str, tag: str = "td", align: str = "") -> str:
    where = f' align="{align}"' if align else ""
    return f"<{tag}{where}>{html.escape(text)}</{tag}>"


def _figure(text: str) -> bool:
    """An amount or a count (kept to the column's end); names read from the start."""
    return any(c.isdigit() for c in text)


def _tr(cells: Sequence[str], rtl: bool) -> str:
    """One table row; Qt lays a table's columns out left to right whatever the text's
    direction, so a right-to-left row is written last column first."""
    return "<tr>" + "".join(reversed(cells) if rtl else cells) + "</tr>"


def _rows(rows: Sequence[tuple[str, str]], rtl: bool) -> str:
    start, end = ("right", "left") if rtl else ("left", "right")
    body = "".join(_tr([_cell(k, align=start), _cell(v, align=end)], rtl) for k, v in rows)
    return f'<table class="rows" width="75%" cellspacing="0">{body}</table>'


def _grid(columns: Sequence[str], table: Sequence[Sequence[str]], rtl: bool) -> str:
    start, end = ("right", "left") if rtl else ("left", "right")
    head = _tr([_cell(c, "th", start if i == 0 else end) for i, c in enumerate(columns)], rtl)
    body = "".join(_tr([_cell(v, align=end if i and _figure(v) else start)
                        for i, v in enumerate(row)], rtl) for row in table)
    return (f'<table class="grid" width="75%" border="1" cellspacing="0">'
            f"{head}{body}</table>")


def report_html(report: reports.DayReport, *, language: str, unit: Any,
                group_name: reports.output.GroupNamer | None = None) -> str:
    """``report`` as an HTML document for a ``QTextDocument``."""
    rtl = language == "fa"
    direction = "rtl" if rtl else "ltr"
    start = "right" if rtl else "left"
    f = reports.output.Formatter(language, unit)
    parts = [f"<html><head><style>{_CSS}</style></head>"
             f'<body dir="{direction}"><div dir="{direction}" align="{start}">',
             f"<h2>{html.escape(report.store_name)} · {html.escape(f.num(report.terminal_id))}"
             f"</h2><p>{html.escape(display_datetime(report.made_at, language))}</p>"]
    for section in reports.report_sections(report, language=language, unit=unit,
                                           group_name=group_name):
        parts.append(f"<h3>{html.escape(section.title)}</h3>")
        if section.rows:
            parts.append(_rows(section.rows, rtl))
        if section.columns:
            parts.append("<p></p>" if section.rows else "")
            parts.append(_grid(section.columns, section.table, rtl))
    parts.append("</div></body></html>")
    return "".join(parts)
