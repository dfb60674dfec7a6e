"""Voids as the manager and the customer see them (the sale's state, what goes back, the
void slip, a voided sale's reprint), the drawer opened without a sale in X and Z, and
reconciliation comparing like with like. A real store over the test's central-sim."""

from __future__ import annotations

import itertools
import threading
from typing import Any

from central_support import Central
from report_support import MANAGER_NAME, MANAGER_PIN, MakeCounter, Script

from pos_client.app.demo import CASHIER
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.counter.events import CounterEvent, Printed, PrintFailed
from pos_client.domain.receipts import Qr, label
from pos_client.domain.sale import Sale
from pos_client.reports import report_csv, report_sections


def _printed(counter: Counter) -> tuple[list[Any], threading.Event]:
    """The documents the print worker finished, and an event set at each one."""
    done: list[Any] = []
    event = threading.Event()

    def seen(e: CounterEvent) -> None:
        if isinstance(e, Printed | PrintFailed):
            done.append(e)
            event.set()
    counter.subscribe(seen)
    return done, event


def _cash_sale(counter: Counter, central: Central, extra: int = 300_000) -> Sale:
    """A coupon sale with a copay and a paid item, the rest in cash with change."""
    view = counter.identify(central.buyer()["national_code"])
    lines = [counter.line_for(counter.product(central.products(eligible=True,
                                                               unit="piece")[0]["gtin"]), 2000),
             counter.line_for(counter.product(central.products(eligible=False)[0]["gtin"]),
                              1000)]
    split = counter.quote(lines, view)
    result = counter.complete(lines, view, coupon_rials=split.coupon_rials,
                              payment=PaymentChoice("cash", split.remainder_rials + extra))
    return result.sale


def test_a_voided_sale_carries_its_state_and_is_reprinted_marked_voided(
        make_counter: MakeCounter, central: Central) -> None:
    counter = make_counter(printer=True)
    script = Script(counter, central)
    kept, voided = script.sell(), script.sell()
    script.void(voided)

    listed = {s.txn_id: s for s in counter.recent_sales(None)}
    assert listed[voided.txn_id].voided and not listed[kept.txn_id].voided

    doc = counter.reprint(voided.txn_id, MANAGER_PIN)
    texts = doc.texts()
    assert texts[0] == "*** باطل شده ***" and texts[-1] == "*** باطل شده ***"
    assert label("copy", "fa") not in texts  # not an ordinary copy
    for shown_as_valid in ("coupon", "balance_after", "balance_before", "approval"):
        assert label(shown_as_valid, "fa") not in texts, shown_as_valid
    assert "کالابرگ برگشتی به خانوار" in texts
    assert not any(isinstance(b, Qr) for b in doc.blocks) and not doc.opens_drawer

    copy = counter.reprint(kept.txn_id, MANAGER_PIN).texts()
    assert label("copy", "fa") in copy and "*** باطل شده ***" not in copy


def test_a_void_says_what_money_goes_back_and_prints_a_void_slip(
        make_counter: MakeCounter, central: Central) -> None:
    counter = make_counter(printer=True)
    sale = _cash_sale(counter, central)
    printed, event = _printed(counter)
    assert event.wait(15) and printed[-1] == Printed(sale.receipt_no, "sale")
    event.clear()

    refund = counter.void_sale(sale.txn_id, MANAGER_PIN, "wrong basket")
    # the customer's own money: the total less the coupon, not what was handed over
    assert refund.cash_rials == sale.total_rials - sale.coupon_rials > 0
    assert refund.card_rials == 0 and refund.coupon_rials == sale.coupon_rials
    assert refund.manager == MANAGER_NAME
    assert event.wait(15)
    assert printed[-1] == Printed(sale.receipt_no, "void")


def test_the_void_slip_names_the_receipt_the_coupon_and_the_money(
        make_counter: MakeCounter, central: Central) -> None:
    from pos_client.domain.money import format_amount
    from pos_client.domain.receipt_voids import build_void_slip

    counter = make_counter(language="en")
    sale = _cash_sale(counter, central)
    refund = counter.void_sale(sale.txn_id, MANAGER_PIN, "wrong basket")
    texts = build_void_slip(refund, counter.store_info(), language="en").texts()
    pairs = dict(itertools.pairwise(texts))
    assert pairs["Receipt voided"] == sale.receipt_no
    assert pairs["Coupon returned to the household"] == format_amount(
        sale.coupon_rials, digits="en", language="en")
    assert pairs["Cash to give back"] == format_amount(
        sale.total_rials - sale.coupon_rials, digits="en", language="en")
    assert pairs["Manager"] == MANAGER_NAME and pairs["Terminal"] == "T-0001"


def test_the_drawer_opened_without_a_sale_is_in_the_x_and_the_z(
        make_counter: MakeCounter, central: Central) -> None:
    counter = make_counter(printer=True)
    Script(counter, central).sell()
    counter.open_drawer(MANAGER_PIN)
    counter.open_drawer(MANAGER_PIN, "change for the next till")

    x = counter.x_report()
    assert [(o.manager, o.cashier) for o in x.drawer_opens] == [(MANAGER_NAME, CASHIER[0])] * 2
    section = next(s for s in report_sections(x, language="en")
                   if s.title == "Drawer opened without a sale")
    assert section.rows == [("Times", "2")] and len(section.table) == 2
    assert "drawer_open,count,,,2" in report_csv(x)

    manager = counter.manager(MANAGER_PIN)
    z = counter.z_report(manager, 0)
    assert len(z.drawer_opens) == 2
    assert "drawer_open,count,,,2" in report_csv(z)


def test_reconciliation_compares_like_with_like_and_says_matched_only_when_equal(
        make_counter: MakeCounter, central: Central) -> None:
    counter = make_counter(language="en")
    script = Script(counter, central)
    sales = [script.sell() for _ in range(4)]
    approved = [s for s in sales if s.status == "approved"]
    script.void(approved[0])
    script.push()

    rec = counter.x_report().reconciliation
    assert rec is not None and rec.agrees
    expected_sales = sum(s.coupon_rials for s in approved)
    rows = {key: (here, there) for key, here, there, _m in rec.side_by_side()}
    assert rows["sales_coupon"] == (expected_sales, expected_sales)  # voided included
    assert rows["void_coupon"] == (approved[0].coupon_rials,) * 2
    assert rows["standing_coupon"] == (expected_sales - approved[0].coupon_rials,) * 2
    service = next(s for s in report_sections(counter.x_report(), language="en")
                   if s.title == "Reconciliation with the service")
    assert ("Result", "Matched") in service.rows
    assert all(row[1] == row[2] and row[3] == "equal" for row in service.table)

    # the service loses the voided sale's void: unequal figures never read "matched"
    with central.handle.service.db.write() as conn:
        conn.execute("UPDATE sales SET voided_by = NULL WHERE txn_id = ?",
                     [approved[0].txn_id])
    report = counter.x_report()
    assert report.reconciliation is not None and not report.reconciliation.agrees
    service = next(s for s in report_sections(report, language="en")
                   if s.title == "Reconciliation with the service")
    assert ("Result", "Not matched") in service.rows
    assert any(row[3] == "differs" for row in service.table)


def test_a_cash_shortage_reads_as_a_word_not_a_minus_sign(
        make_counter: MakeCounter, central: Central) -> None:
    counter = make_counter()
    x = counter.x_report(counted_cash_rials=0)  # the opening cash is 5,000,000
    drawer = next(s for s in report_sections(x, language="fa") if s.title == "صندوق نقد")
    assert ("اختلاف", "کسری ۵٬۰۰۰٬۰۰۰ ریال") in drawer.rows
    drawer = next(s for s in report_sections(counter.x_report(counted_cash_rials=5_050_000),
                                             language="en") if s.title == "Cash drawer")
    assert ("Difference", "surplus 50,000 rials") in drawer.rows
