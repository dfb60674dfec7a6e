"""A day report as the printer, a CSV file and a terminal see it (the PDF is drawn by
``pos_client.ui.manager_pdf`` with Qt's own writer, from the same ``report_lines``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..domain.dates import display_date, display_datetime
from ..domain.money import Unit, format_amount, to_persian_digits
from ..domain.receipts import ReceiptDoc, ReportSection, StoreInfo, build_report, in_language
from .inspection import COUNTS as INSPECTION_COUNTS
from .inspection import CashierCounts
from .model import DayReport

GroupNamer = Callable[[str], str]

LABELS: dict[str, tuple[str, str]] = {
    "X": ("گزارش X (میانی، بدون بستن روز)", "X report (read-only)"),
    "Z": ("گزارش Z (بستن روز کاری)", "Z report (day close)"),
    "day": ("روز کاری", "Business date"),
    "z_no": ("شماره Z", "Z number"),
    "status": ("وضعیت", "Status"),
    "sales": ("فروش", "Sales"),
    "sales_count": ("تعداد فروش", "Sales"),
    "total": ("جمع کل", "Total"),
    "eligible": ("کالاهای مشمول", "Eligible"),
    "copay": ("سهم خریدار", "Copay"),
    "coupon": ("کالابرگ", "Coupon"),
    "approved_coupon": ("کالابرگ تأییدشده", "Coupon approved"),
    "cash": ("نقد دریافتی", "Cash taken"),
    "change": ("مبلغ برگشتی", "Change given"),
    "card": ("کارت بانکی", "Card"),
    "offline": ("فروش آفلاین", "Offline sales"),
    "voids": ("ابطال‌ها", "Voids"),
    "void_count": ("تعداد ابطال", "Voids"),
    "void_coupon": ("کالابرگ ابطال‌شده", "Coupon voided"),
    "groups": ("کالابرگ به تفکیک گروه", "Coupon by group"),
    "group": ("گروه", "Group"),
    "hours": ("فروش به تفکیک ساعت", "Sales by hour"),
    "hour": ("ساعت", "Hour"),
    "count": ("تعداد", "Count"),
    "unsent": ("فروش‌های ارسال‌نشده", "Unsent sales"),
    "rejected": ("فروش‌های ردشده (زیان فروشگاه)", "Rejected offline sales (store's loss)"),
    "receipt": ("رسید", "Receipt"),
    "amount": ("مبلغ", "Amount"),
    "drawer": ("صندوق نقد", "Cash drawer"),
    "opening": ("موجودی اول روز", "Opening cash"),
    "expected": ("نقد مورد انتظار", "Expected cash"),
    "counted": ("نقد شمارش‌شده", "Counted cash"),
    "difference": ("اختلاف", "Difference"),
    "shortage": ("کسری", "shortage"),
    "surplus": ("اضافه", "surplus"),
    "no_difference": ("بدون اختلاف", "none"),
    "drawer_opens": ("باز شدن کشو بدون فروش", "Drawer opened without a sale"),
    "drawer_count": ("دفعات", "Times"),
    "time": ("زمان", "Time"),
    "manager": ("مدیر", "Manager"),
    "cashier": ("صندوقدار", "Cashier"),
    "figure": ("رقم", "Figure"),
    "agree": ("برابر", "equal"),
    "disagree": ("نابرابر", "differs"),
    "sales_coupon": ("کالابرگ فروش‌ها (با ابطال‌شده‌ها)", "Coupon of sales (voided included)"),
    "standing_coupon": ("کالابرگ خالص (بدون ابطال‌شده‌ها)", "Net coupon (voided excluded)"),
    "sales_matched": ("فروش‌های منطبق تک‌به‌تک", "Sales matched one by one"),
    "result": ("نتیجه", "Result"),
    "sent_count": ("فروش‌های تأییدشده (با ابطال‌شده‌ها)", "Approved sales (voided included)"),
    "not_counted": ("شمارش نشده", "not counted"),
    "service": ("تطبیق با سامانه", "Reconciliation with the service"),
    "matched": ("منطبق", "Matched"),
    "server_sales": ("فروش در سامانه", "Sales at the service"),
    "not_matched": ("منطبق نیست", "Not matched"),
    "server_coupon": ("کالابرگ در سامانه", "Coupon at the service"),
    "server_voids": ("ابطال در سامانه", "Voids at the service"),
    "differences": ("مغایرت‌ها", "Differences"),
    "kind": ("نوع", "Kind"),
    "here": ("این پایانه", "Here"),
    "there": ("سامانه", "Service"),
    "no_service": ("سامانه در دسترس نبود", "The service could not be reached"),
    "store_view": ("کل فروشگاه (همه پایانه‌ها)", "Whole store (every terminal)"),
    "terminals": ("پایانه‌ها", "Terminals"),
    "answer": ("پاسخ سامانه", "Service's answer"),
    "note": ("یادداشت", "Note"),
    "open": ("باز", "open"),
    "pending": ("در انتظار ارسال و تطبیق", "pending (not yet settled)"),
    "mismatch": ("مغایرت", "mismatch"),
    "refused": ("رد شد", "refused"),
    "missing_on_server": ("در سامانه نیست", "missing on the service"),
    "missing_locally": ("در پایانه نیست", "missing here"),
    "voided_here_only": ("فقط اینجا ابطال شده", "voided here only"),
    "voided_there_only": ("فقط در سامانه ابطال شده", "voided at the service only"),
    "status_differs": ("وضعیت متفاوت", "status differs"),
    "amount_differs": ("مبلغ متفاوت", "amount differs"),
    "inspection": ("موارد بازرسی", "For the inspector"),
    "typed_weights": ("وزن واردشده با دست", "Weights typed by hand"),
    "above_max_lines": ("اقلام بالاتر از سقف قیمت", "Lines above the approved price"),
    "voided_lines": ("ردیف‌های حذف‌شده", "Lines voided"),
    "voided_sales": ("فروش‌های ابطال‌شده", "Sales voided"),
    "lowered_coupons": ("کالابرگ کاهش‌یافته", "Coupons lowered"),
    "abandoned_baskets": ("سبدهای رهاشده بدون فروش", "Baskets dropped unsold"),
}


def label(key: str, language: str) -> str:
    return in_language(LABELS.get(key, (key, key)), language)


@dataclass(frozen=True)
class Formatter:
    language: str = "fa"
    unit: Unit = "rial"

    def money(self, rials: int | None) -> str:
        if rials is None:
            return "—"
        return format_amount(rials, digits="fa" if self.language == "fa" else "en", unit=self.unit, language=self.language)

    def num(self, value: int | str) -> str:
        return to_persian_digits(str(value)) if self.language == "fa" else str(value)

    def t(self, key: str) -> str:
        return label(key, self.language)

    def difference(self, rials: int | None) -> str:
        """Counted less expected as a word and an amount: ``کسری ۵۰٬۰۰۰ ریال``
        (shortage), ``اضافه ...`` (surplus), or none; never a bare minus sign."""
        if rials is None:
            return "—"
        if rials == 0:
            return self.t("no_difference")
        return f"{self.t('shortage' if rials < 0 else 'surplus')} {self.money(abs(rials))}"


def report_sections(report: DayReport, *, language: str = "fa", unit: Unit = "rial",
                    group_name: GroupNamer | None = None) -> list[ReportSection]:
    """The report in sections: what the printer, the screen and the PDF show."""
    f = Formatter(language, unit)
    g = report.figures
    name = group_name or (lambda code: code)
    head = [(f.t("day"), display_date(report.business_date, language))]
    if report.z_no is not None:
        head.append((f.t("z_no"), f.num(report.z_no)))
    head.append((f.t("status"), f.t(report.status)))
    sections = [
        ReportSection(f.t("X" if report.kind == "X" else "Z"), head),
        ReportSection(f.t("sales"), [
            (f.t("sales_count"), f.num(g.sales_count)), (f.t("total"), f.money(g.total_rials)),
            (f.t("eligible"), f.money(g.eligible_rials)), (f.t("copay"), f.money(g.copay_rials)),
            (f.t("coupon"), f.money(g.coupon_rials)),
            (f.t("approved_coupon"), f.money(g.approved_coupon_rials)),
            (f.t("cash"), f.money(g.cash_taken_rials)), (f.t("change"), f.money(g.change_rials)),
            (f.t("card"), f.money(g.card_rials)), (f.t("offline"), f.num(g.offline_count))]),
        ReportSection(f.t("voids"), [(f.t("void_count"), f.num(g.void_count)),
                                     (f.t("void_coupon"), f.money(g.void_coupon_rials))]),
        ReportSection(f.t("groups"), columns=(f.t("group"), f.t("coupon")),
                      table=[(name(code), f.money(v)) for code, v in g.coupon_by_group.items()]),
        ReportSection(f.t("hours"), columns=(f.t("hour"), f.t("count"), f.t("total")),
                      table=[(f.num(f"{h.hour:02d}"), f.num(h.sales_count),
                              f.money(h.total_rials)) for h in g.by_hour]),
    ]
    for key, refs in (("unsent", g.unsent), ("rejected", g.rejected)):
        if refs:
            sections.append(ReportSection(
                f"{f.t(key)}: {f.num(len(refs))}", columns=(f.t("receipt"), f.t("coupon")),
                table=[(f.num(r.receipt_no), f.money(r.coupon_rials)) for r in refs]))
    sections.extend(_inspection(report, f))
    sections.append(_drawer(report, f))
    sections.append(_drawer_opens(report, f))
    sections.extend(_service(report, f))
    return sections


def _inspection(report: DayReport, f: Formatter) -> list[ReportSection]:
    """Per cashier, what an inspector asks about (``reports.inspection``)."""
    rows = report.figures.inspection or (CashierCounts("—"),)
    return [ReportSection(f"{f.t('inspection')}: {row.cashier}",
                          [(f.t(key), f.num(getattr(row, key))) for key in INSPECTION_COUNTS])
            for row in rows]


def _drawer(report: DayReport, f: Formatter) -> ReportSection:
    cash = report.cash
    rows = [(f.t("opening"), f.money(cash.opening_rials)),
            (f.t("cash"), f.money(cash.cash_taken_rials)),
            (f.t("change"), f.money(cash.change_rials))]
    if cash.counted_rials is None:  # blind: no expected figure before the count
        rows.append((f.t("counted"), f.t("not_counted")))
    else:
        rows += [(f.t("counted"), f.money(cash.counted_rials)),
                 (f.t("expected"), f.money(cash.expected_rials)),
                 (f.t("difference"), f.difference(cash.difference_rials))]
    return ReportSection(f.t("drawer"), rows)


def _drawer_opens(report: DayReport, f: Formatter) -> ReportSection:
    """Every opening of the drawer without a sale: how many, when, who approved, for whom."""
    return ReportSection(
        f.t("drawer_opens"), [(f.t("drawer_count"), f.num(len(report.drawer_opens)))],
        columns=(f.t("time"), f.t("manager"), f.t("cashier")) if report.drawer_opens else (),
        table=[(f.num(display_datetime(o.moment, "en")[-5:]), o.manager, o.cashier)
               for o in report.drawer_opens])


def _service(report: DayReport, f: Formatter) -> list[ReportSection]:
    rec = report.reconciliation
    out = []
    if rec is None:
        rows = [(f.t("note"), report.note or f.t("no_service"))] if report.note or \
            report.kind == "Z" else []
        return [ReportSection(f.t("service"), rows)] if rows else []
    rows = [(f.t("result"), f.t("matched" if rec.agrees else
                                "pending" if rec.unsent and not rec.differences
                                else "not_matched")),
            (f.t("sales_matched"), f.num(rec.matched)),
            (f.t("unsent"), f.num(rec.unsent))]
    if report.service_answer is not None:
        rows.append((f.t("answer"), f.t(str(report.service_answer.get("status")))))
    out.append(ReportSection(
        f.t("service"), rows, columns=(f.t("figure"), f.t("here"), f.t("there"), ""),
        table=[(f.t(key), f.money(here) if money else f.num(here),
                f.money(there) if money else f.num(there),
                f.t("agree" if here == there else "disagree"))
               for key, here, there, money in rec.side_by_side()]))
    if rec.differences:
        out.append(ReportSection(
            f"{f.t('differences')}: {f.num(len(rec.differences))}",
            columns=(f.t("receipt"), f.t("kind"), f.t("here"), f.t("there")),
            table=[(f.num(d.receipt_no) if d.receipt_no else d.txn_id[:8] or "—",
                    f.t(d.kind), f.money(d.local_coupon_rials),
                    f.money(d.server_coupon_rials)) for d in rec.differences]))
    view = report.store_view
    if view is not None:
        out.append(ReportSection(f.t("store_view"), [
            (f.t("terminals"), f.num(len(view.terminal_ids))),
            (f.t("sent_count"), f.num(view.sales_count)),
            (f.t("sales_coupon"), f.money(view.coupon_rials)),
            (f.t("void_count"), f.num(view.void_count)),
            (f.t("void_coupon"), f.money(view.void_coupon_rials)),
            (f.t("standing_coupon"), f.money(view.coupon_rials - view.void_coupon_rials))]))
    return out


def report_document(report: DayReport, *, language: str = "fa", unit: Unit = "rial",
                    group_name: GroupNamer | None = None,
                    moment: dt.datetime | None = None) -> ReceiptDoc:
    """The report for the receipt printer (``ReceiptPrinter.print_document``)."""
    store = StoreInfo(report.store_name, report.store_code, report.terminal_id)
    return build_report(label(report.kind, language),
                        report_sections(report, language=language, unit=unit,
                                        group_name=group_name),
                        store=store, moment=moment or report.made_at, language=language,
                        unit=unit)


def report_text(report: DayReport, *, language: str = "fa", unit: Unit = "rial",
                group_name: GroupNamer | None = None) -> str:
    """Plain text for a terminal (``pos-client report``): each section's title underlined,
    its rows as label and value with the values in one column, its table in padded
    columns."""
    lines = [f"{report.store_name} · {report.terminal_id} · "
             f"{display_datetime(report.made_at, language)}"]
    for section in report_sections(report, language=language, unit=unit,
                                   group_name=group_name):
        lines += ["", section.title, "─" * max(8, len(section.title))]
        width = max((len(k) for k, _v in section.rows), default=0)
        lines += [f"  {k.ljust(width)}   {v}" for k, v in section.rows]
        if section.columns:
            rows = [list(section.columns), *(list(r) for r in section.table)]
            widths = [max(len(r[i]) for r in rows if i < len(r))
                      for i in range(len(section.columns))]
            lines += ["  " + "   ".join(cell.ljust(w) for cell, w in zip(r, widths,
                                                                          strict=False)).rstrip()
                      for r in rows]
    return "\n".join(lines) + "\n"


def report_csv(report: DayReport) -> str:
    """One row per figure or listed sale: ``section,key,receipt_no,txn_id,value_rials,
    other_rials,note``; amounts are whole rials in ASCII digits, for spreadsheets."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "key", "receipt_no", "txn_id", "value", "other", "note"])
    g, cash = report.figures, report.cash
    w.writerow(["report", report.kind, "", "", report.z_no or "", "",
                f"{report.business_date.isoformat()} {report.terminal_id} {report.status}"])
    for key in ("sales_count", "total_rials", "eligible_rials", "copay_rials", "coupon_rials",
                "approved_count", "approved_coupon_rials", "cash_taken_rials", "change_rials",
                "card_rials", "offline_count", "void_count", "void_coupon_rials"):
        w.writerow(["figures", key, "", "", getattr(g, key), "", ""])
    for code, rials in g.coupon_by_group.items():
        w.writerow(["coupon_by_group", code, "", "", rials, "", ""])
    for h in g.by_hour:
        w.writerow(["sales_by_hour", f"{h.hour:02d}", "", "", h.sales_count, h.total_rials,
                    h.coupon_rials])
    for section, refs in (("unsent", g.unsent), ("rejected", g.rejected), ("voided", g.voids)):
        for r in refs:
            w.writerow([section, "", r.receipt_no, r.txn_id, r.coupon_rials, r.total_rials,
                        r.note])
    for row in g.inspection:
        for key in INSPECTION_COUNTS:
            w.writerow(["inspection", key, "", "", getattr(row, key), "", row.cashier])
    w.writerow(["cash", "opening_rials", "", "", cash.opening_rials, "", ""])
    if cash.counted_rials is not None:
        w.writerow(["cash", "expected_rials", "", "", cash.expected_rials, "", ""])
        w.writerow(["cash", "counted_rials", "", "", cash.counted_rials, "", ""])
        w.writerow(["cash", "difference_rials", "", "", cash.difference_rials, "", ""])
    for o in report.drawer_opens:
        w.writerow(["drawer_open", o.at, "", "", "", "", f"manager={o.manager} "
                    f"cashier={o.cashier}" + (f" reason={o.reason}" if o.reason else "")])
    w.writerow(["drawer_open", "count", "", "", len(report.drawer_opens), "", ""])
    close = report.close
    w.writerow(["close", "figures", "", "", close.sales_count, close.coupon_rials,
                f"void_count={close.void_count}"])
    rec = report.reconciliation
    if rec is not None:
        w.writerow(["reconciliation", "matched", "", "", rec.matched, "",
                    "agrees" if rec.agrees else "differs"])
        for key, here, there, _money in rec.side_by_side():
            w.writerow(["reconciliation", key, "", "", here, there,
                        "equal" if here == there else "differs"])
        w.writerow(["reconciliation", "server_coupon_rials", "", "", rec.server_coupon_rials,
                    rec.local_coupon_rials, ""])
        for d in rec.differences:
            w.writerow(["difference", d.kind, d.receipt_no, d.txn_id,
                        "" if d.local_coupon_rials is None else d.local_coupon_rials,
                        "" if d.server_coupon_rials is None else d.server_coupon_rials, d.note])
    if report.service_answer is not None:
        w.writerow(["service", "answer", "", "", "", "", report.service_answer.get("status")])
    return out.getvalue()


def write_csv(report: DayReport, path: str | Path) -> Path:
    """Write ``report_csv`` as UTF-8 with a BOM (spreadsheets then read Persian right)."""
    target = Path(path)
    target.write_text(report_csv(report), encoding="utf-8-sig")
    return target
