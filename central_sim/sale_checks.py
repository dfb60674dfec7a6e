"""The shape and arithmetic of a sale as the contract states them: 422 invalid_request."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeGuard

from central_sim.clock import parse_date, parse_rfc3339
from central_sim.errors import invalid
from central_sim.rules import line_amount

IDENTIFIED_BY = ("nid", "card", "code")
MAX_LINES = 500
MAX_ID_LENGTH = 100


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def require_id(body: Any, name: str) -> str:
    if not isinstance(body, dict):
        raise invalid("the body must be a JSON object")
    value = body.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID_LENGTH:
        raise invalid(f"{name} must be a non-empty string of at most {MAX_ID_LENGTH} characters")
    return value


def require_money(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if not is_int(value) or value < 0:
        raise invalid(f"{name} must be a non-negative integer")
    return int(value)


def require_str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise invalid(f"{name} must be a non-empty string")
    return value


def business_date_of_sale(body: Any) -> date | None:
    """The sale's business date when it parses, for filing even a rejected sale."""
    value = body.get("business_date") if isinstance(body, dict) else None
    try:
        return parse_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def check_sale_shape(sale: dict[str, Any]) -> date:
    """Types and arithmetic; returns the business date."""
    for name in ("receipt_no", "household_key", "round_id"):
        require_str(sale, name)
    try:
        parse_rfc3339(sale.get("created_at"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise invalid("created_at must be an RFC 3339 timestamp") from None
    day = business_date_of_sale(sale)
    if day is None:
        raise invalid("business_date must be a YYYY-MM-DD date")
    if sale.get("identified_by") not in IDENTIFIED_BY:
        raise invalid("identified_by must be nid, card or code")
    code = sale.get("code")
    if sale["identified_by"] == "code":
        if not isinstance(code, str) or len(code) != 8 or not code.isdigit():
            raise invalid("a sale identified by code carries the 8-digit code")
    elif code is not None:
        raise invalid("code is null unless identified_by is code")
    if not isinstance(sale.get("offline"), bool):
        raise invalid("offline must be true or false")
    if sale["offline"] and sale["identified_by"] == "code":
        raise invalid("one-time codes never work offline")
    total, eligible, copay, coupon = (require_money(sale, name) for name in
                                      ("total_rials", "eligible_rials", "copay_rials",
                                       "coupon_rials"))
    lines = sale.get("lines")
    if not isinstance(lines, list) or not lines or len(lines) > MAX_LINES:
        raise invalid(f"lines must be a list of 1 to {MAX_LINES} lines")
    line_sum = grouped_sum = 0
    for number, line in enumerate(lines, 1):
        amount, grouped = _check_line(line, number)
        line_sum += amount
        grouped_sum += amount if grouped else 0
    if line_sum != total:
        raise invalid(f"lines add up to {line_sum}, not total_rials {total}")
    if grouped_sum != eligible:
        raise invalid(f"lines with a group add up to {grouped_sum}, not eligible_rials {eligible}")
    if coupon > eligible - copay:
        raise invalid("coupon_rials is more than eligible_rials - copay_rials")
    return day


def _check_line(line: Any, number: int) -> tuple[int, bool]:
    if not isinstance(line, dict):
        raise invalid(f"line {number} must be an object")
    gtin = line.get("gtin")
    if not isinstance(gtin, str) or not gtin.isdigit() or not 1 <= len(gtin) <= 14:
        raise invalid(f"line {number}: gtin must be a string of up to 14 digits")
    group = line.get("group")
    if group is not None and (not isinstance(group, str) or not group):
        raise invalid(f"line {number}: group must be a group code or null")
    qty, price, amount = line.get("qty_milli"), line.get("unit_price_rials"), line.get("amount_rials")
    if not is_int(qty) or qty <= 0:
        raise invalid(f"line {number}: qty_milli must be a positive integer")
    if not is_int(price) or price < 0 or not is_int(amount) or amount < 0:
        raise invalid(f"line {number}: prices and amounts are non-negative integers")
    if line_amount(price, qty) != amount:
        raise invalid(f"line {number}: amount_rials must be {line_amount(price, qty)}")
    return amount, group is not None
