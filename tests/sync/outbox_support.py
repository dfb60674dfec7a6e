"""What the outbox's scenario tests share: a terminal on a clock the test can step, and
forwarding rounds with the backoff as configured (the clock, not the test, waits)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central

from pos_client.app.demo import CASHIER, provision
from pos_client.counter import Counter
from pos_client.domain.dates import utc_now
from pos_client.domain.errors import UserFacingError
from pos_client.settings.config import settings_for
from pos_client.store.outbox import OutboxState


class StepClock:
    """Real time plus an offset the test moves (forward or back); thread-safe."""

    def __init__(self) -> None:
        self._offset = dt.timedelta()
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return utc_now() + self._offset

    def step(self, seconds: float) -> None:
        with self._lock:
            self._offset += dt.timedelta(seconds=seconds)


Terminal = Callable[..., Counter]


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def terminal(central: Central, tmp_path: Path, clock: StepClock) -> Iterator[Terminal]:
    """``terminal(token=..., start_sync=...)``: a provisioned, logged-in Counter on
    ``clock``; the same data folder each time (a restart, or a new token)."""
    made: list[Counter] = []

    def make(*, token: str | None = None, start_sync: bool = False, timeout_s: float = 2.0,
             push_interval_s: float | None = None, url: str | None = None) -> Counter:
        data = tmp_path / "data-T-0001"
        settings = settings_for(
            data, central={"url": url or central.url, "token": token or central.token,
                           "timeout_s": timeout_s},
            printer={"kind": "file", "path": str(tmp_path / "T-0001.bin")})
        if not made:
            provision(settings, central.ids["products"], tmp_path / "prices.csv")
        counter = Counter.open(settings, clock=clock, start_sync=False)
        counter.login(CASHIER[1])
        if counter.forwarder is not None and push_interval_s is not None:
            counter.forwarder.push_interval_s = push_interval_s
            counter.forwarder.ping_interval_s = push_interval_s
        if start_sync and counter.forwarder is not None:
            counter.forwarder.start()
        made.append(counter)
        return counter

    yield make
    for counter in made:
        with contextlib.suppress(Exception):  # a test may have closed it (a restart)
            counter.close()


def open_uploads(counter: Counter) -> int:
    with counter.store._c.read() as conn:  # a test's look at the outbox, read-only
        return int(conn.execute("SELECT count(*) FROM outbox WHERE state IN "
                                "('pending', 'leased')").fetchone()[0])


def heal(counter: Counter, clock: StepClock, *, rounds: int = 60, step_s: float = 61.0) -> None:
    """Forward until nothing is open. Each round that leaves work waiting moves the
    clock past the longest backoff the engine may have chosen (60 s), never the engine's
    own figures: the backoff is the configured one."""
    assert counter.engine is not None
    for _ in range(rounds):
        with contextlib.suppress(UserFacingError):
            counter.engine.push()
        if open_uploads(counter) == 0:
            return
        clock.step(step_s)
    raise AssertionError("the outbox did not drain")


def upload_state(counter: Counter, kind: str, ref: str) -> OutboxState | None:
    return counter.store.upload_state(kind, ref)


def service_sale(central: Central, txn_id: str) -> dict[str, Any] | None:
    return central.admin.sale(txn_id)


class Gate:
    """One request to hold: the first POST whose path starts with ``prefix`` waits at the
    proxy until ``release()``; ``forward``: it reaches the service after that (False: it
    never does); ``answer``: what the terminal gets instead of the service's answer."""

    def __init__(self, prefix: str, *, forward: bool = True,
                 answer: tuple[int, bytes, dict[str, str]] | None = None,
                 hold: bool = True, times: int = 1) -> None:
        self.prefix, self.forward, self.answer, self.times = prefix, forward, answer, times
        self.arrived = threading.Event()
        self._open = threading.Event()
        if not hold:
            self._open.set()

    def release(self) -> None:
        self._open.set()

    def wait(self) -> None:
        self.arrived.set()
        if not self._open.wait(60):
            raise RuntimeError("a held request was never released")


class Proxy:
    """A loopback HTTP proxy in front of central-sim that can hold one request (``Gate``)
    and change its answer: the moment a test needs, made by an event, not a sleep."""

    def __init__(self, upstream: str) -> None:
        import http.server

        import requests
        self.upstream = upstream.rstrip("/")
        self.gates: list[Gate] = []
        self.posts: list[str] = []
        self.seen: list[str] = []  # "METHOD /path" in the order they came
        self._lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy._serve(self, "GET")

            def do_POST(self) -> None:
                proxy._serve(self, "POST")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.session = requests.Session()
        self.session.trust_env = False

    def _gate_for(self, method: str, path: str) -> Gate | None:
        with self._lock:
            self.seen.append(f"{method} {path}")
            if method == "POST":
                self.posts.append(path)
            for gate in self.gates:
                if method == "POST" and path.startswith(gate.prefix) and gate.times > 0:
                    gate.times -= 1
                    return gate
        return None

    def _serve(self, handler: Any, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        path = handler.path.split("?")[0]
        gate = self._gate_for(method, path)
        if gate is not None:
            gate.wait()
        status, data, extra = 502, b"", {}
        if gate is None or gate.forward:
            headers = {k: v for k, v in handler.headers.items()
                       if k.lower() in ("authorization", "content-type")}
            real = self.session.request(method, self.upstream + handler.path, data=body,
                                        headers=headers, timeout=30)
            status, data = real.status_code, real.content
            extra = {k: v for k, v in real.headers.items() if k.lower() == "retry-after"}
        if gate is not None and gate.answer is not None:
            status, data, extra = gate.answer
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in extra.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.session.close()


UNAVAILABLE = (503, b'{"error": {"code": "unavailable", "message": "lost"}}',
               {"Retry-After": "1"})
