"""Serving the central service: in a thread for tests and the demo, or in the foreground."""

from __future__ import annotations

import json
import ssl
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from central_sim.app import CentralService
from central_sim.clock import Clock
from central_sim.seed import hash_token, is_seeded, seed_database

DEFAULT_HOUSEHOLDS = 1000


class QuietHandler(WSGIRequestHandler):
    """No line per request: the tests and the demo make thousands."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


def identities_path_for(db_path: Path | str) -> Path:
    return Path(f"{db_path}.identities.json")


def open_service(db_path: Path | str, *, seed: int = DEFAULT_HOUSEHOLDS,
                 today: date | str | None = None, identities_path: Path | str | None = None,
                 admin_token: str | None = None) -> tuple[CentralService, dict[str, Any] | None]:
    """The service over ``db_path``, seeded first when the database is new.

    Returns the seed summary (tokens and all, without households) when it seeded.
    ``admin_token`` chooses the admin token (of a new or an existing database).
    """
    service = CentralService(db_path, clock=Clock.from_env(today))
    ids_path = Path(identities_path) if identities_path else identities_path_for(db_path)
    summary = None
    if not is_seeded(service.db):
        summary = seed_database(service.db, seed, clock=service.clock, identities_path=ids_path,
                                admin_token=admin_token)
    elif admin_token:
        with service.db.write() as conn:
            conn.execute("UPDATE meta SET value = ? WHERE name = 'admin_token_hash'",
                         (hash_token(admin_token),))
    return service, summary


@dataclass
class ServerHandle:
    """A central service serving on a loopback port from a background thread."""

    service: CentralService
    server: BaseWSGIServer
    identities_path: Path
    thread: threading.Thread = field(repr=False)

    @property
    def port(self) -> int:
        return int(self.server.server_port)

    @property
    def url(self) -> str:
        scheme = "https" if self.server.ssl_context is not None else "http"
        return f"{scheme}://{self.server.host}:{self.port}/"

    @cached_property
    def identities(self) -> dict[str, Any]:
        with self.identities_path.open(encoding="utf-8") as f:
            return json.load(f)  # type: ignore[no-any-return]

    @property
    def admin_token(self) -> str:
        return str(self.identities["admin_token"])

    @property
    def tokens(self) -> dict[str, str]:
        return {t["terminal_id"]: t["token"] for t in self.identities["terminals"]}

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
        self.service.close()

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def build_server(service: CentralService, host: str, port: int,
                 ssl_context: ssl.SSLContext | tuple[str, str] | None = None,
                 quiet: bool = True) -> BaseWSGIServer:
    return make_server(host, port, service, threaded=True, ssl_context=ssl_context,
                       request_handler=QuietHandler if quiet else None)


def serve_in_thread(db_path: Path | str, *, port: int = 0, seed: int = DEFAULT_HOUSEHOLDS,
                    host: str = "127.0.0.1", today: date | str | None = None,
                    identities_path: Path | str | None = None,
                    ssl_context: ssl.SSLContext | tuple[str, str] | None = None) -> ServerHandle:
    """Start (seeding a new database first) and return at once; ``.stop()`` ends it.

    Stopping and serving again on the same database (and port) keeps every sale,
    balance and version.
    """
    service, _ = open_service(db_path, seed=seed, today=today, identities_path=identities_path)
    server = build_server(service, host, port, ssl_context)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="central-sim", daemon=True)
    thread.start()
    ids_path = Path(identities_path) if identities_path else identities_path_for(db_path)
    return ServerHandle(service, server, ids_path, thread)
