"""A real central-sim on a loopback port, as the client's tests see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from central_sim.server import ServerHandle, serve_in_thread


class AdminClient:
    """The central-sim's admin side, for setting the scene of a test."""

    def __init__(self, handle: ServerHandle) -> None:
        self.base = handle.url + "admin/"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {handle.admin_token}"
        self.session.trust_env = False

    def post(self, path: str, body: Any = None) -> dict[str, Any]:
        response = self.session.post(self.base + path, json=body or {}, timeout=10)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def get(self, path: str) -> dict[str, Any]:
        response = self.session.get(self.base + path, timeout=10)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def household(self, key: str) -> dict[str, Any]:
        result: dict[str, Any] = self.get(f"households/{key}")["household"]
        return result

    def faults(self, **settings: Any) -> None:
        self.post("faults", settings)

    def sale(self, txn_id: str) -> dict[str, Any] | None:
        response = self.session.get(self.base + f"sales/{txn_id}", timeout=10)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


class Central:
    """A running central-sim with its clear identities, as a test sees it."""

    def __init__(self, handle: ServerHandle) -> None:
        self.handle = handle
        self.url = handle.url
        self.ids = handle.identities
        self.token = handle.tokens["T-0001"]
        self.token2 = handle.tokens["T-0002"]
        self.admin = AdminClient(handle)

    running = True

    def stop(self) -> None:
        if self.running:
            self.handle.stop()
            self.running = False

    def start(self) -> None:
        """Serve again on the same port over the same database (after ``stop``)."""
        if not self.running:
            self.handle = serve_in_thread(self.handle.service.db.path, port=self.port, seed=0)
            self.admin = AdminClient(self.handle)
            self.running = True

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].rstrip("/"))

    def household(self, **want: Any) -> dict[str, Any]:
        for h in self.ids["households"]:
            if all(h.get(k) == v for k, v in want.items()):
                return dict(h)
        raise LookupError(want)

    def buyer(self, **want: Any) -> dict[str, Any]:
        return self.household(status="active", can_buy_today=True, **want)

    def products(self, *, eligible: bool | None = None, unit: str | None = None,
                 max_price: bool | None = None) -> list[dict[str, Any]]:
        out = []
        for p in self.ids["products"]:
            if eligible is not None and (p["group"] is not None) != eligible:
                continue
            if unit is not None and p["unit"] != unit:
                continue
            if max_price is not None and (p["max_price_rials"] is not None) != max_price:
                continue
            out.append(p)
        return out


def start_central(path: Path, *, households: int = 200, port: int = 0) -> ServerHandle:
    return serve_in_thread(path, port=port, seed=households)


class ProcessCentral:
    """central-sim as its own process, so that a test can kill it with SIGKILL."""

    def __init__(self, db: Path, port: int, households: int = 200) -> None:
        import socket
        import subprocess
        import sys
        import time
        self.db, self.port = db, port
        self._subprocess, self._sys, self._time, self._socket = subprocess, sys, time, socket
        self.households = households
        self.process: Any = None
        self.start()
        self.url = f"http://127.0.0.1:{port}/"
        with Path(f"{db}.identities.json").open(encoding="utf-8") as handle:
            import json
            self.ids = json.load(handle)
        self.token = self.ids["terminals"][0]["token"]

    def start(self) -> None:
        self.process = self._subprocess.Popen(
            [self._sys.executable, "-m", "central_sim.cli", "--port", str(self.port), "--db",
             str(self.db), "--seed", str(self.households)],
            stdout=self._subprocess.DEVNULL, stderr=self._subprocess.DEVNULL)
        deadline = self._time.monotonic() + 60
        while self._time.monotonic() < deadline:
            try:
                with self._socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("central-sim exited") from None
                self._time.sleep(0.05)
        raise RuntimeError("central-sim did not start")

    def kill(self) -> None:
        import signal
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def admin(self, path: str, body: Any = None) -> dict[str, Any]:
        response = requests.post(self.url + "admin/" + path, json=body or {}, timeout=10,
                                 headers={"Authorization": f"Bearer {self.ids['admin_token']}"})
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def admin_get(self, path: str) -> dict[str, Any]:
        response = requests.get(self.url + "admin/" + path, timeout=10,
                                headers={"Authorization": f"Bearer {self.ids['admin_token']}"})
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
