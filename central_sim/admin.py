"""The admin side, for tests and the demo only: /admin with its own bearer token."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from central_sim.clock import parse_rfc3339, rfc3339
from central_sim.db import next_version
from central_sim.errors import Answer, ApiError, invalid
from central_sim.identity import canonical_gtin
from central_sim.sale_checks import is_int
from central_sim.sales import bump_household
from central_sim.seed import hash_token, parse_household_key
from central_sim.views import household_json, load_household

if TYPE_CHECKING:
    from werkzeug.wrappers import Request

    from central_sim.app import CentralService

HOUSEHOLD_STATUSES = ("active", "blocked", "removed")


def _household_id(conn: Any, key: str) -> int:
    hid = parse_household_key(key)
    if hid is None or load_household(conn, hid) is None:
        raise ApiError(404, "household_unknown", "no such household")
    return hid


def _object(svc: CentralService, request: Request) -> dict[str, Any]:
    body = svc.json_body(request) if request.get_data(cache=True) else {}
    if not isinstance(body, dict):
        raise invalid("the body must be a JSON object")
    return body


def admin_get_household(svc: CentralService, request: Request, key: str) -> Answer:
    with svc.db.read() as conn:
        return Answer(200, {"household": household_json(load_household(conn, _household_id(conn, key)))})


def admin_update_household(svc: CentralService, request: Request, key: str) -> Answer:
    """Set balance_rials, spent_in_round_rials, members or status; bumps the version."""
    body = _object(svc, request)
    changes: dict[str, Any] = {}
    for name in ("balance_rials", "spent_in_round_rials", "members"):
        if name in body:
            if not is_int(body[name]) or body[name] < 0:
                raise invalid(f"{name} must be a non-negative integer")
            changes[name] = body[name]
    if "status" in body:
        if body["status"] not in HOUSEHOLD_STATUSES:
            raise invalid("status must be active, blocked or removed")
        changes["status"] = body["status"]
    unknown = set(body) - {"balance_rials", "spent_in_round_rials", "members", "status"}
    if unknown or not changes:
        raise invalid("set one or more of balance_rials, spent_in_round_rials, members, status")
    with svc.db.write() as conn:
        hid = _household_id(conn, key)
        sets = ", ".join(f"{name} = ?" for name in changes)
        conn.execute(f"UPDATE households SET {sets}, version = ? WHERE id = ?",
                     (*changes.values(), next_version(conn, "households"), hid))
        return Answer(200, {"household": household_json(load_household(conn, hid))})


def _status_setter(status: str) -> Callable[..., Answer]:
    def handler(svc: CentralService, request: Request, key: str) -> Answer:
        with svc.db.write() as conn:
            hid = _household_id(conn, key)
            conn.execute("UPDATE households SET status = ?, version = ? WHERE id = ?",
                         (status, next_version(conn, "households"), hid))
            return Answer(200, {"household": household_json(load_household(conn, hid))})
    return handler


def admin_spend_elsewhere(svc: CentralService, request: Request, key: str) -> Answer:
    """As if the household spent ``rials`` at another store."""
    rials = _object(svc, request).get("rials")
    if not is_int(rials) or rials <= 0:
        raise invalid("rials must be a positive integer")
    with svc.db.write() as conn:
        hid = _household_id(conn, key)
        bump_household(conn, hid, balance_delta=-rials, spent_delta=rials)
        return Answer(200, {"household": household_json(load_household(conn, hid))})


def admin_issue_code(svc: CentralService, request: Request, key: str) -> Answer:
    body = _object(svc, request)
    now = svc.clock.now()
    if "expires_at" in body:
        try:
            expires = parse_rfc3339(body["expires_at"])
        except (TypeError, ValueError):
            raise invalid("expires_at must be an RFC 3339 timestamp") from None
    else:
        ttl = body.get("ttl_seconds", 600)
        if not is_int(ttl) or ttl < -86_400 * 365:
            raise invalid("ttl_seconds must be an integer")
        expires = now + timedelta(seconds=ttl)
    with svc.db.write() as conn:
        hid = _household_id(conn, key)
        while True:
            code = f"{secrets.randbelow(10**8):08d}"
            if conn.execute("SELECT 1 FROM codes WHERE code = ?", (code,)).fetchone() is None:
                break
        conn.execute("INSERT INTO codes (code, household_id, expires_at) VALUES (?, ?, ?)",
                     (code, hid, rfc3339(expires)))
    return Answer(201, {"code": code, "household_key": key, "expires_at": rfc3339(expires)})


def _block(table: str, column: str, blocked: bool) -> Callable[..., Answer]:
    def handler(svc: CentralService, request: Request, ident: str) -> Answer:
        reason = _object(svc, request).get("reason", "suspended by the programme")
        with svc.db.write() as conn:
            done = conn.execute(
                f"UPDATE {table} SET status = ?, blocked_reason = ? WHERE {column} = ?",
                ("blocked" if blocked else "active", reason if blocked else None, ident)).rowcount
        if not done:
            raise ApiError(404, "not_found", f"no such {table[:-1]}")
        return Answer(200, {column: ident, "status": "blocked" if blocked else "active"})
    return handler


def admin_revoke_token(svc: CentralService, request: Request, ident: str) -> Answer:
    """Revoke a terminal's token (its requests get 401) and issue a new one."""
    token = "tt_" + secrets.token_hex(20)
    with svc.db.write() as conn:
        done = conn.execute("UPDATE terminals SET token = ? WHERE terminal_id = ?",
                            (hash_token(token), ident)).rowcount
    if not done:
        raise ApiError(404, "not_found", "no such terminal")
    return Answer(200, {"terminal_id": ident, "token": token})


def admin_add_terminal(svc: CentralService, request: Request, ident: str) -> Answer:
    """A new terminal of a store (``store_code``, default the seeded one), with its token."""
    store_code = _object(svc, request).get("store_code", "S-1001")
    if not isinstance(ident, str) or not 1 <= len(ident) <= 64:
        raise invalid("the terminal id must be 1..64 characters")
    token = "tt_" + secrets.token_hex(20)
    with svc.db.write() as conn:
        if conn.execute("SELECT 1 FROM stores WHERE code = ?", (store_code,)).fetchone() is None:
            raise ApiError(404, "not_found", "no such store")
        if conn.execute("SELECT 1 FROM terminals WHERE terminal_id = ?", (ident,)).fetchone():
            raise ApiError(409, "terminal_exists", "this terminal already exists")
        conn.execute("INSERT INTO terminals (terminal_id, store_code, token) VALUES (?, ?, ?)",
                     (ident, store_code, hash_token(token)))
    return Answer(201, {"terminal_id": ident, "store_code": store_code, "token": token})


def admin_count_sales(svc: CentralService, request: Request) -> Answer:
    with svc.db.read() as conn:
        row = conn.execute(
            "SELECT count(*), sum(status = 'approved'), sum(status = 'rejected'), "
            "sum(voided_by IS NOT NULL) FROM sales").fetchone()
    return Answer(200, {"count": row[0], "approved": row[1] or 0, "rejected": row[2] or 0,
                        "voided": row[3] or 0})


def admin_get_sale(svc: CentralService, request: Request, txn_id: str) -> Answer:
    with svc.db.read() as conn:
        row = conn.execute("SELECT terminal_id, status, http_status, voided_by FROM sales "
                           "WHERE txn_id = ?", (txn_id,)).fetchone()
    if row is None:
        raise ApiError(404, "sale_unknown", "no sale has this txn_id")
    return Answer(200, {"txn_id": txn_id, "terminal_id": row[0], "status": row[1],
                        "http_status": row[2], "voided_by": row[3]})


def admin_update_catalog(svc: CentralService, request: Request, gtin: str) -> Answer:
    """Set an APL item's active flag or max_price_rials; bumps the catalog version."""
    body = _object(svc, request)
    gtin = canonical_gtin(gtin)
    with svc.db.write() as conn:
        if conn.execute("SELECT 1 FROM catalog WHERE gtin = ?", (gtin,)).fetchone() is None:
            raise ApiError(404, "not_found", "no such product")
        if "active" in body:
            conn.execute("UPDATE catalog SET active = ? WHERE gtin = ?", (bool(body["active"]), gtin))
        if "max_price_rials" in body:
            conn.execute("UPDATE catalog SET max_price_rials = ? WHERE gtin = ?",
                         (body["max_price_rials"], gtin))
        conn.execute("UPDATE catalog SET version = ? WHERE gtin = ?",
                     (next_version(conn, "catalog"), gtin))
    return Answer(200, {"gtin": gtin})


def admin_get_faults(svc: CentralService, request: Request) -> Answer:
    return Answer(200, svc.faults.state())


def admin_set_faults(svc: CentralService, request: Request) -> Answer:
    return Answer(200, svc.faults.configure(_object(svc, request)))


ROUTES: tuple[tuple[str, str, str, Callable[..., Answer]], ...] = (
    ("/admin/households/<key>", "GET", "admin_get_household", admin_get_household),
    ("/admin/households/<key>", "POST", "admin_update_household", admin_update_household),
    ("/admin/households/<key>/spend", "POST", "admin_spend_elsewhere", admin_spend_elsewhere),
    ("/admin/households/<key>/codes", "POST", "admin_issue_code", admin_issue_code),
    ("/admin/households/<key>/block", "POST", "admin_block_household", _status_setter("blocked")),
    ("/admin/households/<key>/unblock", "POST", "admin_unblock_household", _status_setter("active")),
    ("/admin/households/<key>/remove", "POST", "admin_remove_household", _status_setter("removed")),
    ("/admin/terminals/<ident>", "POST", "admin_add_terminal", admin_add_terminal),
    ("/admin/terminals/<ident>/block", "POST", "admin_block_terminal",
     _block("terminals", "terminal_id", True)),
    ("/admin/terminals/<ident>/unblock", "POST", "admin_unblock_terminal",
     _block("terminals", "terminal_id", False)),
    ("/admin/terminals/<ident>/revoke", "POST", "admin_revoke_token", admin_revoke_token),
    ("/admin/stores/<ident>/block", "POST", "admin_block_store", _block("stores", "code", True)),
    ("/admin/stores/<ident>/unblock", "POST", "admin_unblock_store", _block("stores", "code", False)),
    ("/admin/sales/count", "GET", "admin_count_sales", admin_count_sales),
    ("/admin/sales/<txn_id>", "GET", "admin_get_sale", admin_get_sale),
    ("/admin/catalog/<gtin>", "POST", "admin_update_catalog", admin_update_catalog),
    ("/admin/faults", "GET", "admin_get_faults", admin_get_faults),
    ("/admin/faults", "POST", "admin_set_faults", admin_set_faults),
)
