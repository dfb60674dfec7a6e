"""The terminal-facing endpoints of shared/central-api.md, under /v1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import orjson

from central_sim.clock import parse_rfc3339, rfc3339
from central_sim.days import SCOPES, check_day, close_day, settlement, store_terminal_ids
from central_sim.errors import Answer, ApiError, Stream, invalid
from central_sim.rules import Round
from central_sim.sale_checks import require_id
from central_sim.sales import Terminal, batch_result, submit_sale, submit_void
from central_sim.views import CATALOG_COLUMNS, HOUSEHOLD_COLUMNS, catalog_json, household_json

if TYPE_CHECKING:
    from werkzeug.wrappers import Request

    from central_sim.app import CentralService

MAX_PAGE = 5000
MAX_BATCH = 200
SNAPSHOT_CHUNK = 5000  # households read and sent at a time by the snapshot
NDJSON = "application/x-ndjson"

# Endpoints that spend coupon credit: a blocked terminal or store gets 403 on these only.
COUPON_WRITES = frozenset({"resolve_code", "post_sale", "post_batch"})

Handler = Callable[..., Answer]


def int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or len(raw) > 18 or not low <= int(raw) <= high:
        raise invalid(f"{name} must be an integer from {low} to {high}")
    return int(raw)


def get_terminal(svc: CentralService, request: Request, term: Terminal) -> Answer:
    with svc.db.read() as conn:
        store = conn.execute("SELECT code, name, address, phone, lookup_key FROM stores "
                             "WHERE code = ?", (term.store_code,)).fetchone()
    return Answer(200, {"terminal_id": term.terminal_id,
                        "store": {"code": store[0], "name": store[1], "address": store[2],
                                  "phone": store[3]},
                        "lookup_key": store[4],
                        "status": "blocked" if term.blocked else "active",
                        "blocked_reason": term.reason if term.blocked else None,
                        "server_time": rfc3339(svc.clock.now()),
                        **({"capabilities": {"household_snapshot": {"format": "ndjson"}}}
                           if svc.household_snapshot else {})})


def get_programme(svc: CentralService, request: Request, term: Terminal) -> Answer:
    with svc.db.read() as conn:
        version = conn.execute("SELECT value FROM counters WHERE name = 'programme'").fetchone()
        groups = conn.execute("SELECT code, name_fa, name_en FROM groups ORDER BY position")
        groups_json = [{"code": c, "name_fa": fa, "name_en": en} for c, fa, en in groups]
        rounds = [Round.from_row(r).to_json()
                  for r in conn.execute("SELECT * FROM rounds ORDER BY starts_on, id")]
        offline = json.loads(conn.execute(
            "SELECT value FROM meta WHERE name = 'offline_policy'").fetchone()[0])
    return Answer(200, {"version": version[0], "groups": groups_json, "rounds": rounds,
                        "offline": offline})


def _page(svc: CentralService, request: Request, sql: str, to_json: Callable[[Any], Any]) -> Answer:
    after = int_param(request, "after", 0, 0, 2**62)
    limit = int_param(request, "limit", MAX_PAGE, 1, MAX_PAGE)
    with svc.db.connection() as conn:
        rows = conn.execute(sql, (after, limit + 1)).fetchall()
    more = len(rows) > limit
    items = [to_json(row) for row in rows[:limit]]
    return Answer(200, {"items": items, "next": items[-1]["version"] if items else after,
                        "more": more})


def get_catalog(svc: CentralService, request: Request, term: Terminal) -> Answer:
    return _page(svc, request, f"SELECT {CATALOG_COLUMNS} FROM catalog WHERE version > ? "
                 "ORDER BY version LIMIT ?", catalog_json)


def get_households(svc: CentralService, request: Request, term: Terminal) -> Answer:
    return _page(svc, request, f"SELECT {HOUSEHOLD_COLUMNS} FROM households WHERE version > ? "
                 "ORDER BY version LIMIT ?", household_json)


def _snapshot_lines(svc: CentralService, after: int) -> Iterator[bytes]:
    """Every household with a version above ``after``, in version order, one JSON object
    a line as a page has it, read in one transaction; then the closing line."""
    with svc.db.read() as conn:
        rows = conn.execute(f"SELECT {HOUSEHOLD_COLUMNS} FROM households WHERE version > ? "
                            "ORDER BY version", (after,))
        last, count = after, 0
        while chunk := rows.fetchmany(SNAPSHOT_CHUNK):
            yield b"\n".join([orjson.dumps(household_json(row)) for row in chunk]) + b"\n"
            last, count = chunk[-1][-1], count + len(chunk)
    yield orjson.dumps({"end": True, "next": last, "count": count}) + b"\n"


def get_household_snapshot(svc: CentralService, request: Request, term: Terminal) -> Answer:
    """The optional capability of docs/central-sim.md: the household feed from ``after``
    as one stream, so the service makes lines while the terminal stores them."""
    if not svc.household_snapshot:
        raise ApiError(404, "not_found", "no such endpoint")
    after = int_param(request, "after", 0, 0, 2**62)
    return Answer(200, Stream(_snapshot_lines(svc, after), NDJSON))


def resolve_code(svc: CentralService, request: Request, term: Terminal) -> Answer:
    body = svc.json_body(request)
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or len(code) != 8 or not code.isdigit():
        raise invalid("code must be a string of 8 digits")
    now = svc.clock.now()
    with svc.db.read() as conn:
        row = conn.execute(
            f"SELECT c.expires_at, c.spent_by, {HOUSEHOLD_COLUMNS.replace('id,', 'h.id,', 1)} "
            "FROM codes c JOIN households h ON h.id = c.household_id WHERE c.code = ?",
            (code,)).fetchone()
    if row is None or row[1] is not None or parse_rfc3339(row[0]) <= now or row[11] == "removed":
        raise ApiError(404, "code_unknown", "the one-time code is unknown, expired or spent")
    return Answer(200, {"household": household_json(row[2:])})


def post_sale(svc: CentralService, request: Request, term: Terminal) -> Answer:
    body = svc.json_body(request)
    with svc.db.write() as conn:
        return submit_sale(conn, term, body, svc.clock.now())


def post_batch(svc: CentralService, request: Request, term: Terminal) -> Answer:
    body = svc.json_body(request)
    sales = body.get("sales") if isinstance(body, dict) else None
    if not isinstance(sales, list) or len(sales) > MAX_BATCH:
        raise invalid(f"sales must be a list of at most {MAX_BATCH} sales")
    results = []
    for sale in sales:
        txn_id = sale.get("txn_id") if isinstance(sale, dict) else None
        try:
            if isinstance(sale, dict) and sale.get("offline") is not True:
                require_id(sale, "txn_id")
                raise invalid("a batch forwards offline sales only (offline: true)")
            with svc.db.write() as conn:
                answer = submit_sale(conn, term, sale, svc.clock.now())
        except ApiError as error:
            answer = error.answer()
        results.append(batch_result(txn_id, answer))
    return Answer(200, {"results": results})


def post_void(svc: CentralService, request: Request, term: Terminal) -> Answer:
    body = svc.json_body(request)
    with svc.db.write() as conn:
        return submit_void(conn, term, body, svc.clock.now())


def get_settlement(svc: CentralService, request: Request, term: Terminal, day: str) -> Answer:
    day = check_day(day)
    scope = request.args.get("scope", "terminal")
    if scope not in SCOPES:
        raise invalid("scope must be terminal or store")
    with svc.db.read() as conn:
        ids = ([term.terminal_id] if scope == "terminal"
               else store_terminal_ids(conn, term.store_code))
        return Answer(200, settlement(conn, ids, day, scope))


def post_close(svc: CentralService, request: Request, term: Terminal, day: str) -> Answer:
    day = check_day(day)
    body = svc.json_body(request)
    with svc.db.write() as conn:
        return close_day(conn, term.terminal_id, day, body, svc.clock.now())


ROUTES: tuple[tuple[str, str, str, Handler], ...] = (
    ("/v1/terminal", "GET", "get_terminal", get_terminal),
    ("/v1/programme", "GET", "get_programme", get_programme),
    ("/v1/catalog", "GET", "get_catalog", get_catalog),
    ("/v1/households", "GET", "get_households", get_households),
    ("/v1/households/snapshot", "GET", "get_household_snapshot", get_household_snapshot),
    ("/v1/codes/resolve", "POST", "resolve_code", resolve_code),
    ("/v1/sales", "POST", "post_sale", post_sale),
    ("/v1/sales/batch", "POST", "post_batch", post_batch),
    ("/v1/voids", "POST", "post_void", post_void),
    ("/v1/settlements/<day>", "GET", "get_settlement", get_settlement),
    ("/v1/days/<day>/close", "POST", "post_close", post_close),
)
