"""Serving: restarts keep the data, the console script seeds and prints tokens, TLS."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import requests
from sim_support import Central, make_sale, start

from central_sim.clock import Clock
from central_sim.server import serve_in_thread


def test_stopping_and_serving_again_on_the_same_port_keeps_every_sale(tmp_path: Path) -> None:
    first = Central(start(tmp_path))
    sale = make_sale(first, first.buyer())
    answer = first.t1.post("/v1/sales", sale).json()
    port, feed_end = first.handle.port, first.t1.get("/v1/households").json()["next"]
    first.handle.stop()

    second = Central(start(tmp_path, port=port))
    try:
        assert second.handle.url == first.handle.url and second.ids == first.ids
        repeat = second.t1.post("/v1/sales", sale)
        assert repeat.status_code == 201 and repeat.json() == answer
        assert second.balance(sale["household_key"]) == answer["household"]
        assert second.t1.get("/v1/households").json()["next"] == feed_end
    finally:
        second.handle.stop()


def test_the_console_script_seeds_a_new_database_and_prints_the_tokens(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "central_sim.cli", "--port", "0", "--db", str(db), "--seed", "30",
         "--today", "2026-01-10", "--admin-token", "chosen-admin"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        lines = []
        while not lines or not lines[-1].startswith("listening on "):
            line = process.stdout.readline()
            assert line, "central-sim stopped before listening"
            lines.append(line.strip())
        tokens = dict(line.split()[1::2] for line in lines if line.startswith("terminal "))
        url = lines[-1].removeprefix("listening on ")
        response = requests.get(url + "v1/terminal", timeout=5,
                                headers={"Authorization": f"Bearer {tokens['T-0001']}"})
        assert response.json()["terminal_id"] == "T-0001"
        assert "admin token chosen-admin" in lines
        faults = requests.get(url + "admin/faults", timeout=5,
                              headers={"Authorization": "Bearer chosen-admin"})
        assert faults.status_code == 200
        assert Path(f"{db}.identities.json").exists()
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_the_service_can_serve_https_behind_a_self_signed_certificate(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    handle = serve_in_thread(tmp_path / "tls.db", seed=10, ssl_context=(str(cert), str(key)))
    try:
        assert handle.url.startswith("https://127.0.0.1:")
        response = requests.get(handle.url + "v1/terminal", verify=str(cert), timeout=5,
                                headers={"Authorization": f"Bearer {handle.tokens['T-0002']}"})
        assert response.json()["terminal_id"] == "T-0002"
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(handle.url + "v1/terminal", timeout=5)
    finally:
        handle.stop()


def test_the_business_date_can_be_pinned_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CENTRAL_SIM_TODAY", "2026-02-01")
    clock = Clock.from_env()
    assert clock.today() == date(2026, 2, 1)
    assert clock.now().strftime("%Y-%m-%d") in ("2026-01-31", "2026-02-01")
    assert Clock.from_env("2026-03-01").today() == date(2026, 3, 1)
