"""Sales and voids to and from their rows, and the upload bodies central-api.md defines."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from ..domain.dates import to_rfc3339
from ..domain.errors import InvalidInput, Texts, texts
from ..domain.money import line_amount
from ..domain.sale import Payment, Sale, SaleLine
from .inspection_rows import (
    insert_inspection_rows,
    inspection_journal_data,
    load_inspection_rows,
)
from .models import VoidRecord, parse_ts, ts

SALE_COLUMNS = (
    "txn_id, receipt_no, created_at, business_date, terminal_id, cashier, total_rials, "
    "eligible_rials, copay_rials, coupon_rials, status, offline, household_key, "
    "identified_by, masked_identifier, round_id, balance_before_rials, balance_after_rials, "
    "approval_code, error_code, extra, declined_code")
VOID_COLUMNS = ("v.void_id, v.txn_id, v.created_at, v.business_date, v.reason, v.manager, "
                "v.status, s.coupon_rials")


def sale_request_body(sale: Sale) -> dict[str, Any]:
    """The exact body of ``POST /v1/sales``; ``code`` is always null here (see Upload)."""
    return {
        "txn_id": sale.txn_id, "receipt_no": sale.receipt_no,
        "created_at": to_rfc3339(sale.created_at),
        "business_date": sale.business_date.isoformat(),
        "household_key": sale.household_key, "identified_by": sale.identified_by,
        "code": None, "round_id": sale.round_id, "offline": sale.offline,
        "total_rials": sale.total_rials, "eligible_rials": sale.eligible_rials,
        "copay_rials": sale.copay_rials, "coupon_rials": sale.coupon_rials,
        "lines": [{"gtin": line.gtin, "group": line.group, "qty_milli": line.qty_milli,
                   "unit_price_rials": line.unit_price_rials,
                   "amount_rials": line.amount_rials} for line in sale.lines],
    }


def void_request_body(void: VoidRecord) -> dict[str, Any]:
    """The exact body of ``POST /v1/voids``."""
    return {"void_id": void.void_id, "txn_id": void.txn_id,
            "created_at": to_rfc3339(void.created_at), "reason": void.reason}


def sale_journal_data(sale: Sale) -> dict[str, Any]:
    """What the journal keeps of a sale: the upload body plus who, how paid, and status."""
    return {**sale_request_body(sale), "terminal_id": sale.terminal_id,
            "cashier": sale.cashier, "status": sale.status,
            "masked_identifier": sale.masked_identifier,
            "payments": [[p.kind, p.amount_rials, p.reference, p.tendered_rials,
                          p.change_rials] for p in sale.payments],
            **inspection_journal_data(sale),
            **({"customer_shown": json.loads(sale.extra["customer_shown"])}
               if "customer_shown" in sale.extra else {})}


def _refuse(why: Texts) -> InvalidInput:
    return InvalidInput.from_code("sale_inconsistent", why=why)


def check_sale(sale: Sale) -> None:
    """Refuse a sale whose figures do not add up; nothing is written."""
    if not sale.txn_id or not sale.lines:
        raise _refuse(texts("sale_inconsistent:no_id_or_lines"))
    if sale.status == "rejected":
        raise _refuse(texts("sale_inconsistent:rejected"))
    if any(line.amount_rials != line_amount(line.unit_price_rials, line.qty_milli)
           for line in sale.lines):
        raise _refuse(texts("sale_inconsistent:line_amount"))
    if sum(line.amount_rials for line in sale.lines) != sale.total_rials or sum(
            line.amount_rials for line in sale.lines if line.group) != sale.eligible_rials:
        raise _refuse(texts("sale_inconsistent:lines_total"))
    if sum(p.amount_rials for p in sale.payments) != sale.total_rials:
        raise _refuse(texts("sale_inconsistent:payments_total"))
    if sale.paid("coupon") != sale.coupon_rials or sale.coupon_rials < 0:
        raise _refuse(texts("sale_inconsistent:coupon_amount"))
    if sale.coupon_rials > 0 and (not sale.household_key or sale.status == "no_coupon"):
        raise _refuse(texts("sale_inconsistent:coupon_household"))
    if sale.coupon_rials == 0 and sale.status != "no_coupon":
        raise _refuse(texts("sale_inconsistent:nothing_to_authorise"))


def insert_sale(conn: sqlite3.Connection, sale: Sale) -> None:
    conn.execute(
        f"INSERT INTO sales ({SALE_COLUMNS}) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        [sale.txn_id, sale.receipt_no, ts(sale.created_at), sale.business_date.isoformat(),
         sale.terminal_id, sale.cashier, sale.total_rials, sale.eligible_rials,
         sale.copay_rials, sale.coupon_rials, sale.status, int(sale.offline),
         sale.household_key, sale.identified_by, sale.masked_identifier, sale.round_id,
         sale.balance_before_rials, sale.balance_after_rials, sale.approval_code,
         sale.error_code, json.dumps({k: v for k, v in sale.extra.items() if k != "declined"},
                                     ensure_ascii=False, sort_keys=True)])
    conn.executemany(
        "INSERT INTO sale_lines (txn_id, line_no, gtin, name, qty_milli, unit_price_rials, "
        "amount_rials, group_code, weighed, exclusion, weight_source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(sale.txn_id, n, line.gtin, line.name, line.qty_milli, line.unit_price_rials,
          line.amount_rials, line.group, int(line.weighed), line.exclusion,
          line.weight_source) for n, line in enumerate(sale.lines, 1)])
    insert_inspection_rows(conn, sale)
    conn.executemany(
        "INSERT INTO payments (txn_id, seq, kind, amount_rials, reference, tendered_rials, "
        "change_rials) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(sale.txn_id, n, p.kind, p.amount_rials, p.reference, p.tendered_rials,
          p.change_rials) for n, p in enumerate(sale.payments, 1)])


def load_sale(conn: sqlite3.Connection, row: tuple[Any, ...] | None) -> Sale | None:
    if row is None:
        return None
    txn_id = row[0]
    lines = tuple(SaleLine(gtin=r[0], name=r[1], qty_milli=r[2], unit_price_rials=r[3],
                           amount_rials=r[4], group=r[5], weighed=bool(r[6]), exclusion=r[7],
                           weight_source=r[8])
                  for r in conn.execute(
                      "SELECT gtin, name, qty_milli, unit_price_rials, amount_rials, "
                      "group_code, weighed, exclusion, weight_source FROM sale_lines "
                      "WHERE txn_id = ? ORDER BY line_no", [txn_id]))
    payments = tuple(Payment(kind=r[0], amount_rials=r[1], reference=r[2],
                             tendered_rials=r[3], change_rials=r[4])
                     for r in conn.execute(
                         "SELECT kind, amount_rials, reference, tendered_rials, change_rials "
                         "FROM payments WHERE txn_id = ? ORDER BY seq", [txn_id]))
    voided_lines, max_coupon = load_inspection_rows(conn, txn_id)
    voided = conn.execute("SELECT voided FROM sales WHERE txn_id = ?", [txn_id]).fetchone()
    return Sale(
        voided_lines=voided_lines, max_coupon_rials=max_coupon,
        txn_id=txn_id, receipt_no=row[1], created_at=parse_ts(row[2]),
        business_date=dt.date.fromisoformat(row[3]), terminal_id=row[4], cashier=row[5],
        lines=lines, total_rials=row[6], eligible_rials=row[7], copay_rials=row[8],
        coupon_rials=row[9], payments=payments, status=row[10], offline=bool(row[11]),
        household_key=row[12], identified_by=row[13], masked_identifier=row[14],
        round_id=row[15], balance_before_rials=row[16], balance_after_rials=row[17],
        approval_code=row[18], error_code=row[19],
        extra={**json.loads(row[20]), **({"declined": row[21]} if row[21] else {})},
        voided=bool(voided and voided[0]))


def load_void(row: tuple[Any, ...]) -> VoidRecord:
    return VoidRecord(void_id=row[0], txn_id=row[1], created_at=parse_ts(row[2]),
                      business_date=dt.date.fromisoformat(row[3]), reason=row[4],
                      manager=row[5], status=row[6], coupon_rials=row[7])
