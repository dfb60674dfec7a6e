"""Faults injected at runtime, to show the client an unreliable service honestly.

A fault never applies to /admin. Writes hit by ``drop_after_apply`` are applied first and
then their connection is shut without a byte of answer, so the client sees a connection
error for a sale the service has.
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from central_sim.errors import invalid

WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]
RATES = ("error_rate", "unavailable_rate", "throttle_rate", "drop_after_apply_rate",
         "truncate_rate")
KINDS = ("latency", "error", "unavailable", "throttle", "drop_after_apply", "truncate")


@dataclass
class FaultConfig:
    latency_ms: int = 0
    error_rate: float = 0.0
    unavailable_rate: float = 0.0
    throttle_rate: float = 0.0
    drop_after_apply_rate: float = 0.0
    truncate_rate: float = 0.0
    retry_after: int = 1
    paths: list[str] = field(default_factory=list)
    seed: int | None = None

    @classmethod
    def parse(cls, data: Any) -> FaultConfig:
        if not isinstance(data, dict):
            raise invalid("faults must be a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise invalid(f"unknown fault settings: {sorted(unknown)}")
        config = cls(**data)
        for name in RATES:
            value = getattr(config, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise invalid(f"{name} must be a number from 0 to 1")
        for name in ("latency_ms", "retry_after"):
            value = getattr(config, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 600_000:
                raise invalid(f"{name} must be a non-negative integer")
        if not isinstance(config.paths, list) or not all(isinstance(p, str) for p in config.paths):
            raise invalid("paths must be a list of path prefixes")
        if config.seed is not None and (isinstance(config.seed, bool) or not isinstance(config.seed, int)):
            raise invalid("seed must be an integer or null")
        return config


def _error(status: str, code: str, message: str, headers: list[tuple[str, str]],
           start_response: Any) -> list[bytes]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Content-Length", str(len(body))), *headers])
    return [body]


class FaultInjector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.configure({})

    def configure(self, data: Any) -> dict[str, Any]:
        """Replace the settings; the counts start again from zero."""
        config = FaultConfig.parse(data)
        with self._lock:
            self.config = config
            self._rng = random.Random(config.seed)
            self.counts = dict.fromkeys(KINDS, 0)
        return self.state()

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {"config": asdict(self.config), "counts": dict(self.counts)}

    def _draw(self, path: str, is_write: bool) -> tuple[float, str | None]:
        with self._lock:
            config = self.config
            if config.paths and not any(path.startswith(p) for p in config.paths):
                return 0.0, None
            delay = config.latency_ms / 1000
            if delay:
                self.counts["latency"] += 1
            for kind in ("throttle", "unavailable", "error", "drop_after_apply", "truncate"):
                rate = getattr(config, f"{kind}_rate")
                if rate and self._rng.random() < rate and (is_write or kind != "drop_after_apply"):
                    self.counts[kind] += 1
                    return delay, kind
            return delay, None

    def wrap(self, app: WSGIApp) -> WSGIApp:
        def middleware(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            if path.startswith("/admin"):
                return app(environ, start_response)
            delay, kind = self._draw(path, environ.get("REQUEST_METHOD") == "POST")
            if delay:
                time.sleep(delay)
            retry = [("Retry-After", str(self.config.retry_after))]
            if kind == "throttle":
                return _error("429 Too Many Requests", "throttled", "slow down", retry, start_response)
            if kind == "unavailable":
                return _error("503 Service Unavailable", "unavailable", "try again later", retry,
                              start_response)
            if kind == "error":
                return _error("500 Internal Server Error", "internal_error", "injected fault", [],
                              start_response)
            if kind == "drop_after_apply":
                return self._drop_after_apply(app, environ, start_response)
            if kind == "truncate":
                return self._truncate(app, environ, start_response)
            return app(environ, start_response)

        return middleware

    @staticmethod
    def _run(app: WSGIApp, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(app(environ, capture))
        return captured["status"], captured["headers"], body

    def _drop_after_apply(self, app: WSGIApp, environ: dict[str, Any],
                          start_response: Any) -> Iterable[bytes]:
        self._run(app, environ)  # the write is committed before the connection goes
        sock = environ.get("werkzeug.socket")
        if sock is None:
            raise ConnectionAbortedError("no socket to drop")
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        # Werkzeug's attempt to send these headers meets the shut socket: a dropped connection.
        start_response("500 Internal Server Error", [("Content-Length", "0")])
        return []

    def _truncate(self, app: WSGIApp, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        environ.pop("HTTP_ACCEPT_ENCODING", None)  # cut the JSON itself, not a gzip stream
        status, headers, body = self._run(app, environ)
        cut = body[: max(1, len(body) // 2)] if len(body) > 1 else b"{"
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(cut)))])
        return [cut]
