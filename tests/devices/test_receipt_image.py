"""What a receipt looks like on paper: golden images, widths, wrapping, QR, copies."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops
from samples import MOMENT, STORE, TXN_ID, sample_sale

from pos_client.devices.escpos_decode import decode_jobs
from pos_client.devices.printer import encode_job
from pos_client.devices.receipt_image import render_receipt
from pos_client.domain.programme import WindowDecision
from pos_client.domain.receipts import (
    ReceiptDoc,
    ReportSection,
    Text,
    build_balance_slip,
    build_report,
    build_sale_receipt,
    build_test_receipt,
    mark_copy,
    parse_qr_payload,
)

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("POS_CLIENT_REGEN_GOLDEN") == "1"
TOLERANCE = 0.005  # share of pixels that may differ (FreeType/HarfBuzz versions)


def printed(doc: ReceiptDoc, width: int = 576) -> Image.Image:
    """The picture the printer gets: rendered, encoded to ESC/POS, decoded back."""
    [job] = decode_jobs(encode_job(render_receipt(doc, width)))
    return job.image


def matches_golden(image: Image.Image, name: str) -> None:
    path = GOLDEN / f"{name}.png"
    if REGENERATE or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        image.save(path, optimize=True)
        if not REGENERATE:
            pytest.fail(f"golden image {path.name} was missing and has been written")
    golden = Image.open(path).convert("1")
    assert golden.size == image.size, f"{name}: {image.size} instead of {golden.size}"
    diff = ImageChops.difference(golden.convert("L"), image.convert("L"))
    changed = sum(diff.histogram()[1:])
    assert changed / (image.width * image.height) <= TOLERANCE, f"{name}: {changed} pixels differ"


def qr_payloads(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


def ink_columns(image: Image.Image) -> tuple[int, int]:
    """Leftmost and rightmost columns with any black dot."""
    box = ImageChops.invert(image.convert("L")).getbbox()
    assert box is not None
    return box[0], box[2]


@pytest.mark.parametrize("width", [576, 384])
def test_a_persian_sale_receipt_prints_as_its_golden_image(width: int) -> None:
    matches_golden(printed(build_sale_receipt(sample_sale(), STORE), width), f"sale-fa-{width}")


def test_an_english_reprint_prints_as_its_golden_image() -> None:
    doc = build_sale_receipt(sample_sale(offline=True, cash=False), STORE, language="en")
    matches_golden(printed(mark_copy(doc)), "copy-en-576")


@pytest.mark.parametrize("width", [576, 384])
def test_the_qr_code_on_the_paper_decodes_back_to_the_sale(width: int) -> None:
    sale = sample_sale()
    [payload] = qr_payloads(printed(build_sale_receipt(sale, STORE), width))
    assert parse_qr_payload(payload) == {"txn_id": TXN_ID, "receipt_no": sale.receipt_no,
                                         "approval_code": "AP7731", "terminal_id": "T-07"}


def test_an_offline_receipt_qr_says_the_approval_is_pending() -> None:
    [payload] = qr_payloads(printed(build_sale_receipt(sample_sale(offline=True), STORE)))
    assert parse_qr_payload(payload)["approval_code"] == "PENDING"


@pytest.mark.parametrize("width", [576, 384])
def test_long_names_wrap_and_nothing_reaches_past_the_paper(width: int) -> None:
    sale = sample_sale(3)
    long_line = dataclasses.replace(
        sale.lines[0], name="روغن " * 30 + "X" * 120)  # many words, then one huge word
    long_sale = dataclasses.replace(sale, lines=(long_line, *sale.lines[1:]))
    short, long = printed(build_sale_receipt(sale, STORE), width), printed(
        build_sale_receipt(long_sale, STORE), width)
    assert long.width == short.width == width
    assert long.height > short.height + 5 * 30  # the name took several more lines
    left, right = ink_columns(long)
    assert left >= 2 and right <= width - 2  # a clipped glyph would touch the edge


def test_a_reprint_carries_the_copy_mark_and_is_taller() -> None:
    doc = build_sale_receipt(sample_sale(), STORE)
    original, copy = printed(doc), printed(mark_copy(doc, reprinted_at=MOMENT))
    assert copy.height > original.height
    assert copy.crop((0, 0, 576, 60)) != original.crop((0, 0, 576, 60))


def test_persian_is_right_aligned_and_english_left_aligned() -> None:
    fa = ReceiptDoc("test", "fa", (Text("رسید"),))
    en = ReceiptDoc("test", "en", (Text("Receipt"),))
    fa_left, fa_right = ink_columns(printed(fa))
    en_left, en_right = ink_columns(printed(en))
    assert fa_right > 560 and fa_left > 400
    assert en_left < 16 and en_right < 200


def test_the_test_page_balance_slip_and_a_report_fit_both_papers() -> None:
    slip = build_balance_slip(STORE, moment=MOMENT, masked_identifier="******0899",
                              spendable_rials=12_000_000, balance_rials=40_000_000,
                              window=WindowDecision(True, "open"))
    report = build_report("گزارش X", [ReportSection(
        "فروش بر اساس گروه", rows=[("تعداد فروش", "۱۲")], columns=("گروه", "تعداد", "مبلغ"),
        table=[("برنج و غلات بسته‌بندی شده", "۴", "۱۲٬۰۰۰٬۰۰۰ ریال"), ("روغن", "۸", "۹۰۰")])],
        store=STORE, moment=MOMENT)
    for doc in (build_test_receipt(MOMENT), slip, report):
        for width in (576, 384):
            image = printed(doc, width)
            assert image.width == width and image.height > 100
            left, right = ink_columns(image)
            assert left >= 2 and right <= width - 2
    assert qr_payloads(printed(build_test_receipt(MOMENT))) == ["KALABARG|TEST"]
