"""A hostile central service on 127.0.0.1: it forwards every request to a real
central-sim and hands the answer to the test, which may change it at will (status,
body, headers) before the terminal sees it."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable
from typing import Any

import requests

Answer = tuple[int, bytes]
Rule = Callable[[int, bytes], Answer]


class HostileService:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.rules: dict[str, Rule] = {}  # path prefix -> what to do to its answers
        self.seen: list[str] = []
        hostile = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                hostile._serve(self, "GET")

            def do_POST(self) -> None:
                hostile._serve(self, "POST")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.session = requests.Session()
        self.session.trust_env = False

    def _serve(self, handler: http.server.BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {k: v for k, v in handler.headers.items()
                   if k.lower() in ("authorization", "content-type")}
        real = self.session.request(method, self.upstream + handler.path, data=body,
                                    headers=headers, timeout=30)
        path = handler.path.split("?")[0]
        self.seen.append(path)
        status, data = real.status_code, real.content
        for prefix, rule in self.rules.items():
            if path.startswith(prefix):
                status, data = rule(status, data)
                break
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.session.close()
