"""The inspector's counts in the X and Z reports, per cashier, from real sales on a real
terminal over central-sim: typed weights, lines above the approved maximum, voided lines
and sales, lowered coupons; in the printed sections, the CSV and the PDF."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from central_support import Central
from report_support import MANAGER_PIN, MakeCounter

from pos_client.app.demo import MANAGER
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.domain.basket import Line
from pos_client.reports import report_csv, report_sections
from pos_client.reports.inspection import CashierCounts


def sell(counter: Counter, lines: list[Line], *, buyer: str | None = None,
         lower_by: int = 0, voided: list[Line] | None = None) -> str:
    view = counter.identify(buyer) if buyer else None
    split = counter.quote(lines, view)
    coupon = max(0, split.coupon_rials - lower_by)
    split = counter.quote(lines, view, coupon)
    outcome = counter.complete(lines, view, coupon_rials=coupon,
                               payment=PaymentChoice("cash", split.remainder_rials),
                               voided_lines=voided or [])
    return outcome.sale.txn_id


def test_x_and_z_count_what_an_inspector_asks_about_per_cashier(
        make_counter: MakeCounter, central: Central, tmp_path: Path) -> None:
    counter = make_counter()
    kg = counter.product(central.products(eligible=True, unit="kg", max_price=False)[0]["gtin"])
    piece = counter.product(central.products(eligible=True, unit="piece")[0]["gtin"])
    buyer = central.buyer()["national_code"]
    typed = counter.line_for(kg, 1500)  # a kg line nobody weighed: typed
    weighed = dataclasses.replace(counter.line_for(kg, 800), weight_source="scale")
    above = dataclasses.replace(counter.line_for(piece), max_price_rials=piece.price_rials - 1)
    assert typed.weight_source == "typed" and above.exclusion == "price_above_max"

    # The cashier: a lowered coupon, a typed weight, a weighed one, a line voided before
    # completing; then a sale with a line above the approved maximum, voided afterwards.
    sell(counter, [typed, weighed], buyer=buyer, lower_by=1000,
         voided=[counter.line_for(piece)])
    later_voided = sell(counter, [above, counter.line_for(piece)])
    counter.void_sale(later_voided, MANAGER_PIN, "wrong basket")
    # The manager sells too: one typed weight, nothing lowered.
    counter.login(MANAGER[1])
    sell(counter, [counter.line_for(kg, 2250)])

    x = counter.x_report()
    cashier, manager = x.figures.inspection
    assert cashier == CashierCounts(cashier.cashier, typed_weights=1, above_max_lines=1,
                                    voided_lines=1, voided_sales=1, lowered_coupons=1)
    assert manager == CashierCounts(MANAGER[0], typed_weights=1)
    assert above.amount_rials not in (0,) and x.figures.coupon_rials > 0

    rows = [r for r in csv.reader(io.StringIO(report_csv(x))) if r[0] == "inspection"]
    assert ["inspection", "typed_weights", "", "", "1", "", MANAGER[0]] in rows
    assert ["inspection", "lowered_coupons", "", "", "1", "", cashier.cashier] in rows
    titles = [s.title for s in report_sections(x, language="en")]
    assert f"For the inspector: {MANAGER[0]}" in titles

    z = counter.z_report(counter.manager(MANAGER_PIN), 0, close_anyway=True)
    assert z.figures.inspection == x.figures.inspection
    assert type(z).from_dict(z.to_dict()).figures.inspection == z.figures.inspection


@pytest.mark.qt
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_counts_are_in_the_pdf(make_counter: MakeCounter, central: Central,
                                   tmp_path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pos_client.ui.manager_pdf import write_pdf

    counter = make_counter()
    kg = counter.product(central.products(eligible=True, unit="kg")[0]["gtin"])
    sell(counter, [counter.line_for(kg, 1200)])
    path = write_pdf(counter.x_report(), tmp_path / "x.pdf", language="en")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "For the inspector" in text and "Weights typed by hand" in text
