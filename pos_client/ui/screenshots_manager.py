"""Screenshots of the manager's side (run by ``scripts/screenshots`` after the cashier's):
the manager's screen with an X report, the first page of its PDF (``pdftoppm`` from
poppler-utils), a void slip and a voided sale's reprint as the printer prints them.

A demo day is made through the counter's own use-cases: sales by cash and card, one
voided, the drawer opened once without a sale, a short cash count.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..counter.checkout import PaymentChoice
from ..domain.errors import UserFacingError
from . import i18n


def _day(counter: Any, demo: Any) -> Any:
    """A few sales, one voided (its refund returned), and the drawer opened once."""
    products = [p for p in demo.products if p["unit"] == "piece"]
    eligible = [p for p in products if p["group"]]
    other = [p for p in products if not p["group"]]
    sales = []
    for n, identity in enumerate(demo.identities[:3]):
        try:
            view = counter.identify(identity.text)
        except UserFacingError:  # a demo customer who may not buy today
            view = None
        lines = [counter.line_for(counter.product(p["gtin"]), 1000 * (1 + n % 2))
                 for p in (*eligible[n * 2:n * 2 + 2], other[n])]
        split = counter.quote(lines, view)
        payment = (PaymentChoice("card", card_reference=f"40{n}812")
                   if n == 1 else PaymentChoice("cash", split.remainder_rials + 200_000))
        sales.append(counter.complete(lines, view, coupon_rials=split.coupon_rials,
                                      payment=payment).sale)
    refund = counter.void_sale(sales[0].txn_id, demo.manager_pin, "اشتباه در سبد")
    counter.open_drawer(demo.manager_pin, "پول خرد")
    return refund


def shoot_manager(out: Path, language: str) -> list[Path]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from ..app.demo import start_demo
    from ..counter.facade import Counter
    from ..devices.receipt_image import render_receipt
    from ..domain.receipt_voids import build_void_slip, mark_voided
    from ..domain.receipts import ReceiptDoc
    from ..reports.output import label as report_label
    from .app import make_app
    from .manager import open_manager_screen
    from .screenshots import _spin, _wait

    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="pos-shots-manager-") as tmp:
        demo = start_demo(tmp, households=400, language=language)
        try:
            make_app(demo.settings)
            counter = Counter.open(demo.settings)
            try:
                counter.login(demo.cashier_pin)
                counter.open_shift(5_000_000)
                refund = _day(counter, demo)
                slip = build_void_slip(refund, counter.store_info(), language=language)
                path = out / f"void-slip-{language}.png"
                render_receipt(slip).save(path)
                saved.append(path)
                stored = counter.store.receipt_doc(refund.sale.txn_id)
                assert stored is not None
                reprint = mark_voided(ReceiptDoc.from_json(stored), counter.clock())
                path = out / f"voided-reprint-{language}.png"
                render_receipt(reprint).save(path)
                saved.append(path)

                screen = open_manager_screen(None, counter, counter.manager(demo.manager_pin))
                screen.resize(900, 1000)
                _wait(lambda: not screen.runner.busy)
                count = screen.findChild(QLineEdit, "cashCountInput")
                button = screen.findChild(QPushButton, "xReportButton")
                assert count is not None and button is not None
                count.setFocus()
                QTest.keyClicks(count, "10260000")  # 50,000 short
                button.click()
                _wait(lambda: screen.report is not None and not screen.runner.busy, 20_000)
                # show the drawer, its openings and the reconciliation
                drawer_heading = report_label("drawer", i18n.language())
                screen.text.find(drawer_heading)
                screen.text.moveCursor(screen.text.textCursor().MoveOperation.End)
                screen.text.find(drawer_heading,
                                 screen.text.document().FindFlag.FindBackward)
                cursor = screen.text.textCursor()
                cursor.clearSelection()
                screen.text.setTextCursor(cursor)
                _spin(300)
                path = out / f"manager-{language}.png"
                screen.grab().save(str(path))
                saved.append(path)
                pdf = Path(tmp) / "x.pdf"
                _spin(100)
                screen.export("pdf", pdf)
                if shutil.which("pdftoppm"):
                    stem = out / f"report-pdf-{language}"
                    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1",
                                    "-singlefile", str(pdf), str(stem)], check=True)
                    saved.append(stem.with_suffix(".png"))
                screen.close()
            finally:
                counter.close()
        finally:
            demo.stop()
    return saved


def main(out: Path) -> list[Path]:
    saved = []
    for language in ("fa", "en"):
        i18n.set_language(language)
        saved += shoot_manager(out, language)
    return saved
