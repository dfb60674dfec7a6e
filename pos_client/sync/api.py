"""``CentralApi``: the central service's contract over one ``requests.Session``.

Timeouts on every call, TLS verified (an extra CA bundle may be configured), plain http
only for loopback, ``Retry-After`` passed up, and every error code of the contract mapped
to a typed error (``sync.errors``). Every answer is validated (``sync.validate``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson
import requests

from ..settings.config import Settings, check_central_url, is_loopback_host
from . import validate
from .errors import (
    BadResponse,
    Refused,
    ServiceUnreachable,
    TerminalBlocked,
    Throttled,
    Unauthorized,
)
from .validate import Page

log = logging.getLogger(__name__)
MAX_PAGE = 5000
MAX_BATCH = 200
MAX_RETRY_AFTER_S = 300.0
MAX_SNAPSHOT_LINE = 64 * 1024  # what the snapshot reader holds of a line not yet ended


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, min(float(value), MAX_RETRY_AFTER_S))
    except ValueError:
        return None


class _SnapshotReader:
    """Cuts the snapshot stream into lines and the lines into checked pages."""

    def __init__(self, after: int, batch: int) -> None:
        self.after, self.batch = after, batch
        self.rest, self.lines, self.line_no = b"", list[bytes](), 1
        self.end: int | None = None

    def _page(self, lines: list[bytes]) -> Page:
        if self.end is not None:
            raise BadResponse(f"snapshot: line {self.line_no} after the closing line")
        page, self.end = validate.snapshot_batch(lines, after=self.after,
                                                 first_line=self.line_no)
        self.line_no += len(lines)
        self.after = page["next"]
        if self.end is not None:
            return Page(items=page["items"], next=max(page["next"], self.end), more=False,
                        set_aside=page["set_aside"])
        return page

    def feed(self, chunk: bytes) -> Iterator[Page]:
        parts = (self.rest + chunk).split(b"\n")
        self.rest = parts.pop()
        if len(self.rest) > MAX_SNAPSHOT_LINE:  # a household is well under 2 KB
            raise BadResponse(f"snapshot: line {self.line_no + len(self.lines) + len(parts)} "
                              f"longer than {MAX_SNAPSHOT_LINE} bytes")
        self.lines.extend(p for p in parts if p.strip())
        while len(self.lines) >= self.batch:
            lines, self.lines = self.lines[:self.batch], self.lines[self.batch:]
            yield self._page(lines)

    def finish(self, what: str) -> Iterator[Page]:
        """The last page; a stream without its closing line is cut: the lines that came
        whole are kept (their cursor is sound), a last line without its newline is not."""
        tail = self.rest.strip()
        if tail and self.end is None:
            try:
                doc = orjson.loads(tail)
            except orjson.JSONDecodeError:
                doc = None
            if isinstance(doc, dict) and doc.get("end") is True:
                self.lines.append(tail)
        elif tail:
            self.lines.append(tail)  # after the closing line: refused by ``_page``
        if self.lines or self.end is None:
            yield self._page(self.lines)
        if self.end is None:
            raise ServiceUnreachable(f"{what}: the stream ended without its closing line")


class CentralApi:
    """One terminal's conversation with the central service."""

    def __init__(self, base_url: str, token: str, *, timeout_s: float = 5.0,
                 connect_timeout_s: float | None = None, ca_bundle: str = "") -> None:
        check_central_url(base_url)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = (connect_timeout_s or min(timeout_s, 3.0), timeout_s)
        self.session = requests.Session()
        self.session.headers.update({
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            # gzip pays on a WAN; on loopback it only costs both ends CPU (issue 20)
            "Accept-Encoding": "identity" if is_loopback_host(
                urlsplit(self.base_url).hostname or "") else "gzip",
            "User-Agent": "pos-client/0.1",
        })
        self.session.verify = ca_bundle or True
        self.session.trust_env = False  # a terminal talks to its service, not via a proxy

    @classmethod
    def from_settings(cls, settings: Settings) -> CentralApi:
        return cls(settings.central.url, settings.central_token(),
                   timeout_s=settings.central.timeout_s, ca_bundle=settings.central.ca_bundle)

    def close(self) -> None:
        self.session.close()

    # --- transport ---------------------------------------------------------------------
    def _request(self, method: str, path: str, *, params: dict[str, Any] | None = None,
                 body: Any = None, timeout: tuple[float, float] | None = None) -> Any:
        url = urljoin(self.base_url, path.lstrip("/"))
        try:
            response = self.session.request(
                method, url, params=params, timeout=timeout or self.timeout,
                data=None if body is None else json.dumps(body, ensure_ascii=False).encode(),
                headers=None if body is None else {"Content-Type": "application/json"})
        except requests.exceptions.SSLError as exc:
            raise ServiceUnreachable(f"TLS: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise ServiceUnreachable(f"{method} {path}: {type(exc).__name__}") from exc
        return self._answer(response, f"{method} {path}")

    def _answer(self, response: requests.Response, what: str) -> Any:
        status = response.status_code
        try:
            # orjson: a household page parses in about a third of json.loads' time
            doc = orjson.loads(response.content) if response.content else None
        except (ValueError, RecursionError, requests.exceptions.RequestException) as exc:
            # RecursionError: JSON nested deeper than the parser goes is no answer either
            if status >= 500:
                raise ServiceUnreachable(f"{what}: HTTP {status}") from exc
            raise BadResponse(f"{what}: HTTP {status} with a body that is not JSON") from exc
        if status in (429, 503):
            raise Throttled(_retry_after(response), status)
        if status >= 500:
            raise ServiceUnreachable(f"{what}: HTTP {status}", retry_after=_retry_after(response))
        if 200 <= status < 300:
            return doc
        error = doc.get("error") if isinstance(doc, dict) else None
        code = error.get("code") if isinstance(error, dict) else None
        message = error.get("message", "") if isinstance(error, dict) else ""
        if not isinstance(code, str):
            raise BadResponse(f"{what}: HTTP {status} without an error code")
        if status == 401:
            raise Unauthorized(f"{what}: {code}")
        if status == 403:
            raise TerminalBlocked(str(message))
        return self._refusal(code, status, str(message), doc)

    @staticmethod
    def _refusal(code: str, status: int, message: str, doc: Any) -> Any:
        body = doc if isinstance(doc, dict) else {}
        if "household" in body and body["household"] is not None:
            body = {**body, "household": validate.household(body["household"],
                                                            "refusal.household")}
        raise Refused(code, status, message, body)

    # --- reads -------------------------------------------------------------------------
    def terminal(self) -> validate.TerminalDoc:
        return validate.terminal(self._request("GET", "v1/terminal"))

    def programme(self) -> dict[str, Any]:
        return validate.programme(self._request("GET", "v1/programme"))

    def catalog(self, after: int, limit: int = MAX_PAGE) -> validate.Page:
        limit = min(limit, MAX_PAGE)
        doc = self._request("GET", "v1/catalog", params={"after": after, "limit": limit})
        return validate.page(doc, after=after, limit=limit, item=validate.catalog_item,
                             where="catalog")

    def households(self, after: int, limit: int = MAX_PAGE) -> validate.Page:
        limit = min(limit, MAX_PAGE)
        doc = self._request("GET", "v1/households", params={"after": after, "limit": limit},
                            timeout=(self.timeout[0], max(self.timeout[1], 30.0)))
        return validate.page(doc, after=after, limit=limit, item=validate.household,
                             where="households")

    def household_snapshot(self, after: int,
                           batch: int = MAX_PAGE) -> Generator[validate.Page, None, None]:
        """The optional household snapshot (docs/central-sim.md), as pages of up to
        ``batch`` households with a cursor each, read while the service still sends. A
        stream that ends before its closing line raises ``ServiceUnreachable`` after the
        pages that came whole; a line out of order raises ``BadResponse``."""
        what = "GET v1/households/snapshot"
        try:
            response = self.session.get(
                urljoin(self.base_url, "v1/households/snapshot"), params={"after": after},
                stream=True, timeout=(self.timeout[0], max(self.timeout[1], 60.0)),
                headers={"Accept": "application/x-ndjson"})
        except requests.exceptions.RequestException as exc:
            raise ServiceUnreachable(f"{what}: {type(exc).__name__}") from exc
        with response:
            if response.status_code != 200:
                self._answer(response, what)  # raises the error the answer is
                raise BadResponse(f"{what}: HTTP {response.status_code}")
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            if kind != "application/x-ndjson":
                raise BadResponse(f"{what}: not application/x-ndjson but {kind!r}")
            reader = _SnapshotReader(after, batch)
            try:
                for chunk in response.iter_content(1 << 20):
                    yield from reader.feed(chunk)
            except requests.exceptions.RequestException as exc:
                raise ServiceUnreachable(f"{what}: cut ({type(exc).__name__})") from exc
        yield from reader.finish(what)

    def resolve_code(self, code: str) -> validate.HouseholdDoc:
        doc = self._request("POST", "v1/codes/resolve", body={"code": code})
        return validate.household(validate._obj(doc, "resolve").get("household"))

    def settlement(self, business_date: str, scope: str = "terminal") -> dict[str, Any]:
        return validate.settlement(self._request(
            "GET", f"v1/settlements/{business_date}", params={"scope": scope}))

    # --- writes (outcome unknown on timeout/5xx: repeat with the same id) ----------------
    def post_sale(self, sale: dict[str, Any],
                  timeout: tuple[float, float] | None = None) -> validate.SaleResultDoc:
        """Authorise one sale. A refusal raises ``Refused`` (with the current household
        for ``insufficient_balance``); an unknown outcome raises ``ServiceUnreachable``."""
        doc = self._request("POST", "v1/sales", body=sale, timeout=timeout)
        result = validate.sale_result(doc)
        if result["txn_id"] != sale["txn_id"]:
            raise BadResponse("sale answer names another txn_id")
        return result

    def post_sales_batch(self, sales: list[dict[str, Any]]) -> list[validate.SaleResultDoc]:
        if not 0 < len(sales) <= MAX_BATCH:
            raise ValueError(f"a batch holds 1..{MAX_BATCH} sales")
        doc = self._request("POST", "v1/sales/batch", body={"sales": sales},
                            timeout=(self.timeout[0], max(self.timeout[1], 30.0)))
        return validate.batch_results(doc, [s["txn_id"] for s in sales])

    def post_void(self, void: dict[str, Any]) -> validate.HouseholdDoc:
        return validate.void_result(self._request("POST", "v1/voids", body=void))

    def close_day(self, business_date: str, figures: dict[str, Any]) -> dict[str, Any]:
        doc = validate._obj(self._request("POST", f"v1/days/{business_date}/close",
                                          body=figures), "close")
        if doc.get("status") not in ("matched", "mismatch"):
            raise BadResponse("day close answered neither matched nor mismatch")
        return doc


def issue_demo_code(base_url: str, admin_token: str, household_key: str) -> str | None:
    """A one-time code from the reference service's admin side (the demo only)."""
    try:
        response = requests.post(f"{base_url}admin/households/{household_key}/codes",
                                 json={"ttl_seconds": 86_400}, timeout=5,
                                 headers={"Authorization": f"Bearer {admin_token}"})
        response.raise_for_status()
        return str(response.json()["code"])
    except (requests.RequestException, KeyError, ValueError):
        log.warning("the demo could not issue a one-time code")
        return None
