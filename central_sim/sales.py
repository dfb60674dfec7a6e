"""Authorising sales and voids, once each: idempotent by txn_id and void_id."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from central_sim.clock import parse_rfc3339, rfc3339
from central_sim.db import next_version
from central_sim.errors import Answer, ApiError, canonical, invalid
from central_sim.identity import canonical_gtin
from central_sim.rules import Round, spendable
from central_sim.sale_checks import business_date_of_sale, check_sale_shape, require_id
from central_sim.seed import parse_household_key
from central_sim.views import household_json, load_household

APPROVAL_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class Terminal:
    terminal_id: str
    store_code: str
    status: str
    blocked_reason: str | None
    store_status: str
    store_blocked_reason: str | None

    @property
    def blocked(self) -> bool:
        return self.status != "active" or self.store_status != "active"

    @property
    def reason(self) -> str | None:
        return self.blocked_reason or self.store_blocked_reason


def load_round(conn: sqlite3.Connection, round_id: str) -> Round | None:
    row = conn.execute("SELECT * FROM rounds WHERE id = ?", (round_id,)).fetchone()
    return None if row is None else Round.from_row(row)


def day_is_closed(conn: sqlite3.Connection, terminal_id: str, day: str) -> bool:
    return conn.execute("SELECT 1 FROM day_closes WHERE terminal_id = ? AND business_date = ?",
                        (terminal_id, day)).fetchone() is not None


def bump_household(conn: sqlite3.Connection, hid: int, *, balance_delta: int,
                   spent_delta: int) -> None:
    conn.execute("UPDATE households SET balance_rials = balance_rials + ?, "
                 "spent_in_round_rials = spent_in_round_rials + ?, version = ? WHERE id = ?",
                 (balance_delta, spent_delta, next_version(conn, "households"), hid))


def replay_or_conflict(row: Any, terminal_id: str, body_text: str, what: str) -> Answer:
    stored_terminal, stored_body, status, answer = row
    if stored_terminal != terminal_id or stored_body != body_text:
        raise ApiError(409, "idempotency_conflict",
                       f"this {what} was already received with a different body")
    return Answer(status, json.loads(answer))


def submit_sale(conn: sqlite3.Connection, terminal: Terminal, sale: Any, now: datetime) -> Answer:
    """POST /v1/sales inside a write transaction: the first answer, kept for repeats."""
    txn_id = require_id(sale, "txn_id")
    body_text = canonical(sale)
    row = conn.execute("SELECT terminal_id, body, http_status, answer FROM sales "
                       "WHERE txn_id = ?", (txn_id,)).fetchone()
    if row is not None:
        return replay_or_conflict(row, terminal.terminal_id, body_text, "txn_id")
    conn.execute("SAVEPOINT authorise")
    try:
        answer, applied = _authorise(conn, terminal, sale, now)
    except ApiError as error:
        conn.execute("ROLLBACK TO authorise")  # a rejected sale spends no code
        answer, applied = error.answer(), None
    conn.execute("RELEASE authorise")
    day = business_date_of_sale(sale)
    conn.execute(
        "INSERT INTO sales (txn_id, terminal_id, body, http_status, answer, status, business_date,"
        " household_id, coupon_rials, copay_rials, eligible_json, offline, received_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (txn_id, terminal.terminal_id, body_text, answer.status, canonical(answer.body),
         "approved" if applied else "rejected", day.isoformat() if day else None,
         applied["household_id"] if applied else None,
         sale["coupon_rials"] if applied else 0, sale["copay_rials"] if applied else 0,
         json.dumps(applied["eligible"]) if applied else None,
         1 if sale.get("offline") is True else 0, rfc3339(now)))
    return answer


def _authorise(conn: sqlite3.Connection, terminal: Terminal, sale: dict[str, Any],
               now: datetime) -> tuple[Answer, dict[str, Any]]:
    day = check_sale_shape(sale)
    coupon = sale["coupon_rials"]
    rnd = load_round(conn, sale["round_id"])
    if rnd is None:
        raise invalid(f"round {sale['round_id']} is unknown")
    if coupon > 0 and sale["copay_rials"] != rnd.copay_rials:
        raise invalid(f"copay_rials must be the round's {rnd.copay_rials}")
    if day_is_closed(conn, terminal.terminal_id, day.isoformat()):
        raise ApiError(422, "day_closed", f"business day {day} is closed for this terminal")
    hid = parse_household_key(sale["household_key"])
    household = load_household(conn, hid) if hid is not None else None
    if household is None or household[9] == "removed":
        raise ApiError(404, "household_unknown", "no such household")
    assert hid is not None
    if household[6] != rnd.id:
        raise invalid(f"the household is in round {household[6]}, not {rnd.id}")
    if sale["identified_by"] == "code":
        _spend_code(conn, sale["code"], hid, sale["txn_id"], now)
    if not rnd.is_running(day):
        raise ApiError(422, "round_closed", f"round {rnd.id} does not run on {day}")
    eligible = _check_lines_against_apl(conn, sale["lines"])
    if coupon > 0:
        _check_household_may_spend(rnd, day, household, coupon)
        bump_household(conn, hid, balance_delta=-coupon, spent_delta=coupon)
    household = load_household(conn, hid)
    body = {"txn_id": sale["txn_id"], "status": "approved",
            "approval_code": "".join(secrets.choice(APPROVAL_ALPHABET) for _ in range(6)),
            "household": household_json(household)}
    return Answer(201, body), {"household_id": hid, "eligible": eligible}


def _spend_code(conn: sqlite3.Connection, code: str, hid: int, txn_id: str, now: datetime) -> None:
    row = conn.execute("SELECT household_id, expires_at, spent_by FROM codes WHERE code = ?",
                       (code,)).fetchone()
    if (row is None or row[0] != hid or row[2] is not None
            or parse_rfc3339(row[1]) <= now):
        raise ApiError(422, "code_unknown", "the one-time code is unknown, expired or spent")
    conn.execute("UPDATE codes SET spent_by = ? WHERE code = ?", (txn_id, code))


def _check_lines_against_apl(conn: sqlite3.Connection, lines: list[dict[str, Any]]) -> dict[str, int]:
    eligible: dict[str, int] = {}
    for line in lines:
        group = line["group"]
        if group is None:
            continue
        item = conn.execute("SELECT grp, max_price_rials, active FROM catalog WHERE gtin = ?",
                            (canonical_gtin(line["gtin"]),)).fetchone()
        if item is None or not item[2] or item[0] != group:
            raise ApiError(422, "ineligible_item",
                           f"{line['gtin']} is not an approved product of group {group}",
                           extra={"gtin": line["gtin"]})
        if item[1] is not None and line["unit_price_rials"] > item[1]:
            raise ApiError(422, "price_above_max",
                           f"{line['gtin']} costs more than its approved price {item[1]}",
                           extra={"gtin": line["gtin"], "max_price_rials": item[1]})
        eligible[group] = eligible.get(group, 0) + line["amount_rials"]
    return eligible


def _check_household_may_spend(rnd: Round, day: date, household: tuple[Any, ...],
                               coupon: int) -> None:
    _, _, _, members, decile, digit, _, balance, spent, status, _ = household
    if status != "active":
        raise ApiError(422, "household_blocked", "this household may not buy with the coupon")
    if not rnd.window_open(day, decile, digit):
        raise ApiError(422, "outside_window", f"the household's purchase window is not open on {day}")
    limit = spendable(rnd, day, members=members, balance=balance, spent=spent)
    if coupon > limit:
        raise ApiError(409, "insufficient_balance",
                       f"the coupon {coupon} is more than the spendable {limit}",
                       extra={"spendable_rials": limit},
                       top={"household": household_json(household)})


def submit_void(conn: sqlite3.Connection, terminal: Terminal, void: Any, now: datetime) -> Answer:
    """POST /v1/voids inside a write transaction, idempotent by void_id."""
    void_id = require_id(void, "void_id")
    body_text = canonical(void)
    row = conn.execute("SELECT terminal_id, body, http_status, answer FROM voids "
                       "WHERE void_id = ?", (void_id,)).fetchone()
    if row is not None:
        return replay_or_conflict(row, terminal.terminal_id, body_text, "void_id")
    try:
        answer = _apply_void(conn, terminal, void)
    except ApiError as error:
        answer = error.answer()
    conn.execute("INSERT INTO voids (void_id, terminal_id, body, http_status, answer, txn_id, "
                 "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (void_id, terminal.terminal_id, body_text, answer.status, canonical(answer.body),
                  void.get("txn_id") if isinstance(void.get("txn_id"), str) else None,
                  rfc3339(now)))
    return answer


def _apply_void(conn: sqlite3.Connection, terminal: Terminal, void: dict[str, Any]) -> Answer:
    txn_id = require_id(void, "txn_id")
    try:
        parse_rfc3339(void.get("created_at"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise invalid("created_at must be an RFC 3339 timestamp") from None
    if not isinstance(void.get("reason"), str):
        raise invalid("reason must be a string")
    sale = conn.execute("SELECT business_date, household_id, coupon_rials, voided_by FROM sales "
                        "WHERE txn_id = ? AND terminal_id = ? AND status = 'approved'",
                        (txn_id, terminal.terminal_id)).fetchone()
    if sale is None:
        raise ApiError(404, "sale_unknown", "no approved sale of this terminal has this txn_id")
    day, hid, coupon, voided_by = sale
    if voided_by is not None:
        raise ApiError(422, "already_voided", "this sale was voided by another void",
                       extra={"void_id": voided_by})
    if day_is_closed(conn, terminal.terminal_id, day):
        raise ApiError(422, "day_closed", f"business day {day} is closed for this terminal")
    conn.execute("UPDATE sales SET voided_by = ? WHERE txn_id = ?", (void["void_id"], txn_id))
    if coupon:
        bump_household(conn, hid, balance_delta=coupon, spent_delta=-coupon)
    return Answer(201, {"void_id": void["void_id"], "txn_id": txn_id, "status": "voided",
                        "household": household_json(load_household(conn, hid))})


def batch_result(txn_id: Any, answer: Answer) -> dict[str, Any]:
    """What POST /v1/sales answered, as one result of POST /v1/sales/batch."""
    if answer.status == 201:
        return dict(answer.body)
    result = {"txn_id": txn_id if isinstance(txn_id, str) else None, "status": "rejected",
              "error": answer.body["error"]}
    if "household" in answer.body:
        result["household"] = answer.body["household"]
    return result
