"""Receipt documents: every field a customer and an inspector expect, in fa and en."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from pos_client.domain.programme import WindowDecision
from pos_client.domain.receipts import (
    Item,
    ReceiptDoc,
    ReportSection,
    StoreInfo,
    build_balance_slip,
    build_report,
    build_sale_receipt,
    build_test_receipt,
    mark_copy,
    parse_qr_payload,
    qr_payload,
    safe_mask,
)
from pos_client.domain.sale import Payment, Sale, SaleLine

STORE = StoreInfo("فروشگاه نمونه", "1100234", "T-07")
MOMENT = dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)  # ۱۴۰۴/۱۰/۲۰ ۱۱:۴۵ in Tehran


def a_sale(*, status: str = "approved", cash: bool = True, **changes: object) -> Sale:
    lines = (SaleLine("6260100000014", "برنج", 2000, 1_500_000, 3_000_000, "rice"),
             SaleLine("6260100000052", "پودر لباسشویی", 1000, 800_000, 800_000, None))
    coupon = 2_950_000
    payment = (Payment("cash", 850_000, tendered_rials=1_000_000, change_rials=150_000) if cash
               else Payment("card", 850_000, reference="918273"))
    sale = Sale("txn-1", "000123", MOMENT, MOMENT.date(), "T-07", "مریم", lines, 3_800_000,
                3_000_000, 50_000, coupon, (Payment("coupon", coupon), payment),
                status=status, offline=status == "pending", masked_identifier="******0899",  # type: ignore[arg-type]
                balance_before_rials=10_000_000, balance_after_rials=7_050_000,
                approval_code="AP7731" if status == "approved" else None)
    return dataclasses.replace(sale, **changes)  # type: ignore[arg-type]


def text_of(doc: ReceiptDoc) -> str:
    return "\n".join(doc.texts())


def test_a_persian_receipt_lists_every_field_with_persian_digits() -> None:
    text = text_of(build_sale_receipt(a_sale(), STORE))
    for expected in ("فروشگاه نمونه", "۱۱۰۰۲۳۴", "T-۰۷", "۰۰۰۱۲۳", "۱۴۰۴/۱۰/۲۰", "۱۱:۴۵",
                     "مریم", "برنج", "۳٬۰۰۰٬۰۰۰ ریال", "جمع کالاهای مشمول", "۵۰٬۰۰۰ ریال",
                     "۲٬۹۵۰٬۰۰۰ ریال", "۸۵۰٬۰۰۰ ریال", "نقد", "۱۵۰٬۰۰۰ ریال",
                     "۱۰٬۰۰۰٬۰۰۰ ریال", "۷٬۰۵۰٬۰۰۰ ریال", "******0899", "AP7731"):
        assert expected in text, expected
    assert not any(ch in "123456789" for ch in text.replace("******0899", "")
                   .replace("AP7731", "").replace("txn-1", ""))


def test_each_line_is_marked_eligible_or_not() -> None:
    items = [b for b in build_sale_receipt(a_sale(), STORE).blocks if isinstance(b, Item)]
    assert [(i.name, i.mark, i.qty) for i in items] == [("برنج", "✓", "۲"),
                                                      ("پودر لباسشویی", "✗", "۱")]


def test_a_card_payment_shows_its_reference_and_opens_no_drawer() -> None:
    doc = build_sale_receipt(a_sale(cash=False), STORE)
    assert "کارت بانکی" in text_of(doc) and "۹۱۸۲۷۳" in text_of(doc)
    assert not doc.opens_drawer
    assert build_sale_receipt(a_sale(cash=True), STORE).opens_drawer


def test_an_offline_sale_says_pending_approval_in_both_languages() -> None:
    assert "آفلاین - در انتظار تأیید" in text_of(build_sale_receipt(a_sale(status="pending"), STORE))
    english = build_sale_receipt(a_sale(status="pending"), STORE, language="en")
    assert "offline - pending" in text_of(english)


def test_the_english_receipt_uses_english_labels_and_ascii_digits() -> None:
    text = text_of(build_sale_receipt(a_sale(), STORE, language="en"))
    assert "Receipt no." in text and "3,000,000 rials" in text and "2026-01-10" in text
    assert not build_sale_receipt(a_sale(), STORE, language="en").rtl


def test_the_document_survives_a_json_round_trip_exactly() -> None:
    doc = mark_copy(build_sale_receipt(a_sale(), STORE), reprinted_at=MOMENT)
    stored = doc.to_json()
    assert json.loads(stored)["copy"] is True
    assert ReceiptDoc.from_json(stored) == doc


def test_a_reprint_says_copy_and_never_opens_the_drawer() -> None:
    doc = build_sale_receipt(a_sale(), STORE)
    copy = mark_copy(doc)
    assert copy.copy and not copy.opens_drawer
    assert text_of(copy).count("المثنی") == 2
    assert mark_copy(copy) == copy
    assert "COPY" in text_of(mark_copy(build_sale_receipt(a_sale(), STORE, language="en")))


def test_a_clear_national_code_or_card_number_never_reaches_the_document() -> None:
    doc = build_sale_receipt(a_sale(masked_identifier="0499370899"), STORE)
    assert "0499370899" not in doc.to_json()
    assert safe_mask("6037-9912-3456-7893") == "******7893"
    assert safe_mask("6037-99**-****-7893") == "6037-99**-****-7893"


def test_the_qr_payload_carries_the_transaction_receipt_and_approval() -> None:
    payload = qr_payload("txn-1", "000123", None, "T|07")
    assert parse_qr_payload(payload) == {"txn_id": "txn-1", "receipt_no": "000123",
                                         "approval_code": "PENDING", "terminal_id": "T/07"}
    with pytest.raises(ValueError):
        parse_qr_payload("https://example.com")


def test_toman_display_changes_only_the_display() -> None:
    text = text_of(build_sale_receipt(a_sale(), STORE, unit="toman"))
    assert "۳۰۰٬۰۰۰ تومان" in text


def test_the_balance_slip_shows_what_may_be_spent_and_the_window() -> None:
    slip = build_balance_slip(STORE, moment=MOMENT, masked_identifier="******0899",
                              spendable_rials=2_000_000, balance_rials=9_000_000,
                              window=WindowDecision(False, "not_yet", dt.date(2026, 1, 12)))
    text = text_of(slip)
    assert slip.kind == "balance"
    assert "۲٬۰۰۰٬۰۰۰ ریال" in text and "۹٬۰۰۰٬۰۰۰ ریال" in text
    assert "هنوز نوبت خانوار نرسیده (۱۴۰۴/۱۰/۲۲)" in text


def test_a_report_is_a_title_rows_and_tables() -> None:
    report = build_report("X", [ReportSection("Sales", rows=[("count", "12")],
                                              columns=("group", "amount"),
                                              table=[("rice", "100")])],
                          store=STORE, moment=MOMENT, language="en")
    assert ReceiptDoc.from_json(report.to_json()) == report
    assert report.texts()[-4:] == ["group", "amount", "rice", "100"]


def test_the_test_page_has_persian_text_digits_and_a_qr_code() -> None:
    text = text_of(build_test_receipt(MOMENT))
    assert "چاپ آزمایشی" in text and "۰۱۲۳۴۵۶۷۸۹" in text
