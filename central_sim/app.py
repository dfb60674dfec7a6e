"""The WSGI application: routing, bearer-token auth, JSON in and out, faults."""

from __future__ import annotations

import gzip
import hmac
import json
import logging
from pathlib import Path
from typing import Any

import orjson
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from central_sim import admin, api
from central_sim.clock import Clock
from central_sim.db import Database
from central_sim.errors import Answer, ApiError, Stream, invalid
from central_sim.faults import FaultInjector
from central_sim.sales import Terminal
from central_sim.seed import hash_token

log = logging.getLogger("central_sim")
MAX_BODY = 16 * 1024 * 1024
GZIP_MIN = 1024


class CentralService:
    """The whole central service over one database file."""

    def __init__(self, db_path: Path | str, *, clock: Clock | None = None,
                 household_snapshot: bool = True) -> None:
        self.db = Database(db_path)
        # the optional capability of docs/central-sim.md; off, the service is the paged
        # contract alone (central-api.md), as a terminal may meet it
        self.household_snapshot = household_snapshot
        self.clock = clock or Clock.from_env()
        self.faults = FaultInjector()
        self._handlers: dict[str, Any] = {}
        rules = []
        for path, method, name, handler in (*api.ROUTES, *admin.ROUTES):
            rules.append(Rule(path, methods=[method], endpoint=name))
            self._handlers[name] = handler
        self._map = Map(rules, strict_slashes=False)
        self.wsgi = self.faults.wrap(self._app)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.wsgi(environ, start_response)

    def close(self) -> None:
        self.db.close()

    @staticmethod
    def json_body(request: Request) -> Any:
        data = request.get_data(cache=True)
        if len(data) > MAX_BODY:
            raise invalid("the body is too large")
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise invalid("the body must be JSON") from None

    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            answer = self._dispatch(request)
        except ApiError as error:
            answer = error.answer()
            answer.headers.update(error.headers)
        except Exception:
            log.exception("internal error on %s %s", request.method, request.path)
            answer = ApiError(500, "internal_error", "the service failed").answer()
        return self._respond(request, answer)(environ, start_response)

    def _dispatch(self, request: Request) -> Answer:
        adapter = self._map.bind_to_environ(request.environ)
        try:
            name, args = adapter.match()
        except MethodNotAllowed as error:
            allowed = ", ".join(sorted(error.valid_methods or ()))
            raise ApiError(405, "method_not_allowed", "this method is not allowed here",
                           headers={"Allow": allowed}) from None
        except NotFound:
            raise ApiError(404, "not_found", "no such endpoint") from None
        handler = self._handlers[name]
        token = self._bearer(request)
        if name.startswith("admin_"):
            self._check_admin(token)
            return handler(self, request, **args)  # type: ignore[no-any-return]
        terminal = self._terminal(token)
        if terminal.blocked and name in api.COUPON_WRITES:
            raise ApiError(403, "terminal_blocked", terminal.reason or "the store is suspended")
        return handler(self, request, terminal, **args)  # type: ignore[no-any-return]

    @staticmethod
    def _bearer(request: Request) -> str:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "unauthorized", "a bearer token is required")
        return token.strip()

    def _check_admin(self, token: str) -> None:
        expected = self.db.meta("admin_token_hash") or ""
        if not hmac.compare_digest(hash_token(token), expected):
            raise ApiError(401, "unauthorized", "the admin token is unknown")

    def _terminal(self, token: str) -> Terminal:
        with self.db.connection() as conn:
            row = conn.execute(
                "SELECT t.terminal_id, t.store_code, t.status, t.blocked_reason, s.status, "
                "s.blocked_reason FROM terminals t JOIN stores s ON s.code = t.store_code "
                "WHERE t.token = ?", (hash_token(token),)).fetchone()
        if row is None:
            raise ApiError(401, "unauthorized", "the terminal token is unknown or revoked")
        return Terminal(*row)

    @staticmethod
    def _respond(request: Request, answer: Answer) -> Response:
        headers = dict(answer.headers)
        if isinstance(answer.body, Stream):
            return Response(answer.body.chunks, status=answer.status, headers=headers,
                            content_type=answer.body.content_type, direct_passthrough=True)
        try:  # orjson: several times faster on household pages (issue 20)
            payload = orjson.dumps(answer.body)
        except TypeError:  # what orjson does not take (an int beyond 64 bits)
            payload = json.dumps(answer.body, ensure_ascii=False, separators=(",", ":")).encode()
        if len(payload) >= GZIP_MIN and "gzip" in request.headers.get("Accept-Encoding", ""):
            payload = gzip.compress(payload, compresslevel=1)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        return Response(payload, status=answer.status, headers=headers,
                        content_type="application/json; charset=utf-8")
