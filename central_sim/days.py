"""Settlements of a business day and closing it with the terminal's Z figures."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from central_sim.clock import parse_date, rfc3339
from central_sim.errors import Answer, ApiError, canonical, invalid
from central_sim.rules import split_largest_remainder
from central_sim.sale_checks import is_int

SCOPES = ("terminal", "store")


def check_day(text: str) -> str:
    try:
        return parse_date(text).isoformat()
    except (TypeError, ValueError):
        raise invalid("the business date must be YYYY-MM-DD") from None


def settlement(conn: sqlite3.Connection, terminal_ids: list[str], day: str,
               scope: str) -> dict[str, Any]:
    marks = ",".join("?" * len(terminal_ids))
    rows = conn.execute(
        f"SELECT txn_id, status, coupon_rials, copay_rials, eligible_json, voided_by FROM sales "
        f"WHERE business_date = ? AND terminal_id IN ({marks}) ORDER BY rowid",
        (day, *terminal_ids)).fetchall()
    approved, voided, rejected = [], [], []
    coupon_sum = copay_sum = void_coupon = 0
    by_group: dict[str, int] = {}
    for txn_id, status, coupon, copay, eligible_json, voided_by in rows:
        if status != "approved":
            rejected.append(txn_id)
            continue
        approved.append(txn_id)
        coupon_sum += coupon
        copay_sum += copay
        if voided_by is not None:
            voided.append(txn_id)
            void_coupon += coupon
            continue
        for group, part in split_largest_remainder(coupon, json.loads(eligible_json)).items():
            by_group[group] = by_group.get(group, 0) + part
    closes = dict(conn.execute(
        f"SELECT terminal_id, z_no FROM day_closes WHERE business_date = ? "
        f"AND terminal_id IN ({marks})", (day, *terminal_ids)).fetchall())
    return {"business_date": day, "scope": scope, "terminal_ids": terminal_ids,
            "sales": {"count": len(approved), "coupon_rials": coupon_sum,
                      "copay_rials": copay_sum},
            "voids": {"count": len(voided), "coupon_rials": void_coupon},
            "by_group": {g: by_group[g] for g in sorted(by_group) if by_group[g]},
            "approved_txn_ids": approved, "voided_txn_ids": voided, "rejected_txn_ids": rejected,
            "closed": len(closes) == len(terminal_ids),
            "z_no": closes.get(terminal_ids[0]) if scope == "terminal" else None}


def store_terminal_ids(conn: sqlite3.Connection, store_code: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT terminal_id FROM terminals WHERE store_code = ? ORDER BY terminal_id",
        (store_code,))]


def close_day(conn: sqlite3.Connection, terminal_id: str, day: str, figures: Any,
              now: datetime) -> Answer:
    """POST /v1/days/{date}/close inside a write transaction."""
    if not isinstance(figures, dict):
        raise invalid("the body must be a JSON object")
    for name in ("z_no", "sales_count", "coupon_rials", "void_count"):
        if not is_int(figures.get(name)) or figures[name] < 0:
            raise invalid(f"{name} must be a non-negative integer")
    body_text = canonical(figures)
    row = conn.execute("SELECT body, answer FROM day_closes WHERE terminal_id = ? AND "
                       "business_date = ?", (terminal_id, day)).fetchone()
    if row is not None:
        if row[0] == body_text:
            return Answer(200, json.loads(row[1]))
        raise ApiError(422, "day_closed", f"business day {day} is already closed with other figures",
                       extra={"close": json.loads(row[1])})
    conn.execute("INSERT INTO day_closes (terminal_id, business_date, z_no, body, answer, "
                 "closed_at) VALUES (?, ?, ?, ?, '', ?)",
                 (terminal_id, day, figures["z_no"], body_text, rfc3339(now)))
    server = settlement(conn, [terminal_id], day, "terminal")
    matched = (figures["sales_count"] == server["sales"]["count"] - server["voids"]["count"]
               and figures["coupon_rials"]
               == server["sales"]["coupon_rials"] - server["voids"]["coupon_rials"]
               and figures["void_count"] == server["voids"]["count"])
    answer = {"status": "matched"} if matched else {"status": "mismatch", "server": server}
    conn.execute("UPDATE day_closes SET answer = ? WHERE terminal_id = ? AND business_date = ?",
                 (canonical(answer), terminal_id, day))
    return Answer(200, answer)
