"""``pos-client report x`` and ``pos-client report z``: the manager's end of day, scripted.

``report x [--date D] [--counted RIALS] [--csv FILE] [--pdf FILE] [--no-print]`` shows the
X report (read-only). ``report z [--date D] --counted RIALS [--sync-first]
[--close-anyway] [--csv FILE] [--pdf FILE] [--no-print]`` closes the day with a Z; the
manager's PIN is read from standard input. Without ``--date`` both take the oldest open
day with trade (so a Z after midnight closes the day that traded), else today. The Z
first prints the day and its figures; at a terminal (standard input a TTY) it then asks
before closing. Both print on the configured receipt printer
unless ``--no-print``. Exit 0 when done (a Z matched or pending), 1 when the service
answers a mismatch or refuses the close; a refusal (wrong PIN, unsent sales) is exit 2.

The PDF is drawn with Qt (imported here, only when ``--pdf`` asks for it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from typing import Any

from ..domain.errors import InvalidInput, UserFacingError
from ..domain.money import to_ascii_digits

log = logging.getLogger(__name__)


def _rials(text: str) -> int:
    cleaned = to_ascii_digits(text).replace(",", "").replace("_", "").strip()
    if not cleaned.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number of rials: {text!r}")
    return int(cleaned)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def register(subparsers: Any) -> None:
    """Add ``report x`` and ``report z``."""
    report = subparsers.add_parser("report", help="X report, or close the day with a Z report")
    kinds = report.add_subparsers(dest="report_kind", metavar="x|z", required=True)
    x = kinds.add_parser("x", help="the day so far, read-only")
    z = kinds.add_parser("z", help="close the business day (manager PIN on standard input)")
    for sub in (x, z):
        sub.add_argument("--date", type=_date, help="business date YYYY-MM-DD (default: the oldest open day with "
                         "sales, else today)")
        sub.add_argument("--counted", type=_rials, required=sub is z,
                         help="the cash counted in the drawer, in rials (blind count)")
        sub.add_argument("--csv", help="also write the report as CSV to this file")
        sub.add_argument("--pdf", help="also write the report as PDF (with charts) to this file")
        sub.add_argument("--no-print", action="store_true", help="do not print on the printer")
    z.add_argument("--sync-first", action="store_true", help="forward unsent sales first")
    z.add_argument("--close-anyway", action="store_true",
                   help="close even with unsent sales (the Z stays pending)")
    x.set_defaults(func=_run)
    z.set_defaults(func=_run)


def _run(args: argparse.Namespace, settings_loader: Any) -> int:
    from ..counter.facade import Counter

    settings = settings_loader()
    counter = Counter.open(settings, start_sync=False)
    try:
        return _report(counter, args)
    finally:
        counter.close()


def _confirmed(language: str) -> bool:
    """A person at a terminal confirms the day shown (a script has named it already)."""
    question = ("این روز بسته شود؟ [y/N] " if language == "fa"
                else "Close this business day? [y/N] ")
    print(question, end="", file=sys.stderr, flush=True)
    answer = to_ascii_digits(sys.stdin.readline().strip().lower())
    return answer in ("y", "yes", "بله", "ب")


def _report(counter: Any, args: argparse.Namespace) -> int:
    from .. import reports

    language = counter.settings.terminal.language
    unit = counter.settings.terminal.money_unit
    try:
        counter.settle_pending_reports()
    except UserFacingError as exc:
        log.info("pending Z reports not settled: %s", exc.code)
    if args.report_kind == "z":
        pin = sys.stdin.readline().strip()
        if not pin:
            raise InvalidInput.from_code("pin_missing")
        manager = counter.manager(pin)
        preview = counter.z_preview(args.counted, day=args.date)
        print(reports.preview_text(preview, language=language, unit=unit), flush=True)
        if sys.stdin.isatty() and not _confirmed(language):
            print("روز بسته نشد." if language == "fa" else "The day was not closed.",
                  file=sys.stderr)
            return 2
        report = counter.z_report(manager, args.counted, day=preview.business_date,
                                  close_anyway=args.close_anyway, sync_first=args.sync_first)
    else:
        report = counter.x_report(day=args.date, counted_cash_rials=args.counted)
    names = counter.group_names(language)

    def name(code: str) -> str:
        return str(names.get(code, code))

    print(reports.report_text(report, language=language, unit=unit, group_name=name), end="")
    if args.csv:
        reports.write_csv(report, args.csv)
    if args.pdf:
        from ..ui.manager_pdf import write_pdf
        write_pdf(report, args.pdf, language=language, unit=unit, group_name=name)
    if not args.no_print:
        counter.print_report(report, language)
    return 1 if report.status in ("mismatch", "refused") else 0
