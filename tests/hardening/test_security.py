"""Security at the counter: PIN lockout and manager approvals through ``Counter``, every
manager action audited, the drawer opened only with a manager's PIN, TLS verified with
the configured CA bundle, and no identity or secret in clear anywhere on disk."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from central_support import Central
from counter_support import MakeCounter, basket_line, identify, manager_pin, sell
from fake_printer import FakeNetworkPrinter
from hardening_support import assert_speaks_both

from central_sim.server import serve_in_thread
from pos_client.app.demo import CASHIER, MANAGER, provision, start_demo
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.devices.escpos_decode import decode_jobs
from pos_client.domain.errors import AuthError, ConfigError, DeviceError
from pos_client.domain.money import to_persian_digits
from pos_client.settings.config import settings_for
from pos_client.store import Store
from pos_client.store.users import MAX_FAILED_ATTEMPTS
from pos_client.sync.api import CentralApi
from pos_client.sync.errors import ServiceUnreachable


def audit_actions(counter: Counter) -> list[str]:
    return [action for _, _, action, _ in counter.store.audit_log()]


def test_a_cashier_locked_by_five_wrong_pins_cannot_log_in_until_a_manager_unlocks(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    counter.logout()
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            counter.store.verify_pin(CASHIER[0], "0000")
    with pytest.raises(AuthError) as err:
        counter.login(CASHIER[1])  # the right PIN, too late
    assert err.value.code == "user_locked"
    assert_speaks_both(err.value)
    assert counter.user is None
    manager = counter.manager(manager_pin())
    counter.store.unlock_user(CASHIER[0], manager.name)
    assert counter.login(CASHIER[1]).name == CASHIER[0]
    assert "unlock_user" in audit_actions(counter)


def test_guessing_pins_at_the_login_screen_is_locked_out_after_five_tries(
        make_counter: MakeCounter) -> None:
    counter = make_counter()
    counter.logout()
    for guess in ("0001", "0002", "0003", "0004", "0005"):
        with pytest.raises(AuthError):
            counter.login(guess)
    with pytest.raises(AuthError) as err:
        counter.login(CASHIER[1])
    assert err.value.code == "login_locked"
    assert counter.login(MANAGER[1]).role == "manager"  # the manager unlocks it
    assert counter.login(CASHIER[1]).name == CASHIER[0]
    assert any(action == "unlock_login" for _at, _who, action, _d in counter.store.audit_log())


def test_voids_older_reprints_and_the_drawer_need_a_managers_pin_and_are_audited(
        central: Central, tmp_path: Path) -> None:
    with FakeNetworkPrinter() as device:
        settings = settings_for(tmp_path / "data", central={"url": central.url,
                                                            "token": central.token},
                                printer={"kind": "network", "host": "127.0.0.1",
                                         "port": device.port, "timeout_s": 2.0,
                                         "drawer": False})
        provision(settings, central.ids["products"], tmp_path / "prices.csv")
        counter = Counter.open(settings, start_sync=False)
        try:
            counter.login(CASHIER[1])
            household = identify(counter, central.buyer())
            first = sell(counter, household, [basket_line(counter, central)]).sale
            sell(counter, counter.refresh(household), [basket_line(counter, central, index=1)])
            for pin in (CASHIER[1], "4321"):  # a cashier's own PIN is not a manager's
                with pytest.raises(AuthError) as err:
                    counter.void_sale(first.txn_id, pin, "wrong item")
                assert_speaks_both(err.value)
                with pytest.raises(AuthError):
                    counter.open_drawer(pin)
            with pytest.raises(AuthError) as err:
                counter.reprint(first.txn_id)
            assert err.value.code == "manager_required"
            assert audit_actions(counter).count("void_sale") == 0
            kicks_before = sum(j.drawer_kicks for j in decode_jobs(device.data))

            counter.reprint(first.txn_id, manager_pin=manager_pin())
            counter.void_sale(first.txn_id, manager_pin(), "wrong item")
            counter.open_drawer(manager_pin(), reason="change for the float")
        finally:
            counter.close()  # waits for the print jobs
    with Store.open(tmp_path / "data") as store:
        log = {action: (who, details) for _, who, action, details in store.audit_log()}
    for action in ("reprint", "void_sale", "open_drawer"):
        assert log[action][0] == MANAGER[0], action
    assert log["open_drawer"][1]["cashier"] == CASHIER[0]
    kicks = sum(j.drawer_kicks for j in decode_jobs(device.data))
    assert kicks == kicks_before + 1  # the drawer only, and only once


def test_opening_the_drawer_without_a_printer_says_so_and_kicks_nothing(
        make_counter: MakeCounter, tmp_path: Path) -> None:
    counter = make_counter()
    counter.printer = None
    with pytest.raises(DeviceError) as err:
        counter.open_drawer(manager_pin())
    assert err.value.code == "drawer_unavailable"
    assert_speaks_both(err.value)


def test_opening_the_drawer_on_an_unreachable_printer_is_audited_and_said(
        central: Central, tmp_path: Path) -> None:
    from fake_printer import free_port
    settings = settings_for(tmp_path / "data", central={"url": central.url,
                                                        "token": central.token},
                            printer={"kind": "network", "host": "127.0.0.1",
                                     "port": free_port(), "timeout_s": 1.0})
    provision(settings, central.ids["products"], tmp_path / "prices.csv")
    counter = Counter.open(settings, start_sync=False)
    try:
        counter.login(CASHIER[1])
        with pytest.raises(DeviceError) as err:
            counter.open_drawer(manager_pin())
        assert err.value.code == "printer_unreachable"
        assert "open_drawer" in audit_actions(counter)
    finally:
        counter.close()


# --- TLS ---------------------------------------------------------------------------------

@pytest.fixture
def tls_central(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    handle = serve_in_thread(tmp_path / "tls.db", seed=10, ssl_context=(str(cert), str(key)))
    try:
        yield handle.url, handle.tokens["T-0001"], cert
    finally:
        handle.stop()


def test_a_self_signed_service_is_refused_by_default_and_trusted_with_its_ca_bundle(
        tls_central: tuple[str, str, Path], tmp_path: Path) -> None:
    url, token, cert = tls_central
    plain = settings_for(tmp_path / "a", central={"url": url, "token": token})
    api = CentralApi.from_settings(plain)
    with pytest.raises(ServiceUnreachable) as err:
        api.terminal()
    assert "TLS" in err.value.detail
    assert_speaks_both(err.value)
    api.close()
    trusted = settings_for(tmp_path / "b", central={"url": url, "token": token,
                                                    "ca_bundle": str(cert)})
    api = CentralApi.from_settings(trusted)
    try:
        assert api.terminal()["terminal_id"] == "T-0001"
    finally:
        api.close()


def test_a_ca_bundle_that_is_not_a_file_is_refused_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        settings_for(tmp_path, central={"url": "https://127.0.0.1:1/",
                                        "ca_bundle": str(tmp_path / "missing.pem")})
    assert "central.ca_bundle" in err.value.en
    assert_speaks_both(err.value)


# --- no identity in clear on disk ----------------------------------------------------------

def forms(secret: str) -> list[bytes]:
    """The ways a secret could sit in a file: ASCII/UTF-8, Persian digits, UTF-16, and a
    card number in groups of four."""
    out = {secret, to_persian_digits(secret)}
    if len(secret) == 16:
        out.add("-".join(secret[i:i + 4] for i in range(0, 16, 4)))
        out.add(" ".join(secret[i:i + 4] for i in range(0, 16, 4)))
    encoded = [s.encode("utf-8") for s in out]
    return [*encoded, secret.encode("utf-16-le")]


def test_a_demo_day_leaves_no_identity_code_or_token_in_clear_on_disk(tmp_path: Path) -> None:
    demo = start_demo(tmp_path, households=200)
    log_file = demo.settings.data_path / "pos-client.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        counter = Counter.open(demo.settings, start_sync=False)
        try:
            run_demo_day(counter, demo)
        finally:
            counter.close()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
        token = demo.central.tokens["T-0001"]
        households = demo.central.identities["households"]
        codes = [c["code"] for c in demo.central.identities.get("codes", [])]
        codes += [i.text for i in demo.identities if i.kind == "code"]
        demo.stop()
    secrets = [token, *codes]
    for h in households:
        secrets.append(h["national_code"])
        secrets.extend(h["cards"])
    files = [p for p in demo.settings.data_path.rglob("*") if p.is_file()]
    files.append(demo.printer_path)
    assert log_file in files and (demo.settings.data_path / "pos.db") in files
    assert log_file.stat().st_size > 0
    found = []
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            if any(form in content for form in forms(secret)):
                found.append(f"{path.name}: a {len(secret)}-character secret")
    assert not found, found
    masked = [h["national_code"][-4:] for h in households]  # the search does see text:
    database = (demo.settings.data_path / "pos.db").read_bytes() + b"".join(
        p.read_bytes() for p in demo.settings.data_path.glob("pos.db-wal"))
    assert any(f"******{tail}".encode() in database for tail in masked)
    assert b"DEBUG" in log_file.read_bytes()


def run_demo_day(counter: Counter, demo: object) -> None:
    from pos_client.app.demo import DemoSetup
    assert isinstance(demo, DemoSetup)
    counter.login(demo.cashier_pin)
    products = [p for p in demo.products if p["group"] and p["unit"] == "piece"
                and p["max_price_rials"] is None and p["price_rials"] > 200_000]
    lines = [counter.line_for(counter.product(products[0]["gtin"]))]
    by_kind: dict[str, str] = {}
    for ident in demo.identities:  # the first of each kind is the one that may buy
        by_kind.setdefault(ident.kind, ident.text)
    receipts = []
    for kind in ("nid", "card", "code"):
        household = counter.identify(by_kind[kind])
        split = counter.quote(lines, household)
        result = counter.complete(lines, household, coupon_rials=split.coupon_rials,
                                  payment=PaymentChoice("cash"))
        assert result.mode == "online", kind
        receipts.append(result.sale)
    # offline: the service answers 503 to every sale, the sale stands in
    import requests
    requests.post(demo.central.url + "admin/faults", json={"unavailable_rate": 1.0,
                                                           "paths": ["/v1/sales"]},
                  headers={"Authorization": f"Bearer {demo.central.admin_token}"}, timeout=5)
    household = counter.identify(by_kind["nid"])
    split = counter.quote(lines, household)
    offline = counter.complete(lines, household, coupon_rials=split.coupon_rials,
                               payment=PaymentChoice("card", card_reference="123456"))
    assert offline.mode == "offline"
    requests.post(demo.central.url + "admin/faults", json={},
                  headers={"Authorization": f"Bearer {demo.central.admin_token}"}, timeout=5)
    counter.void_sale(receipts[0].txn_id, demo.manager_pin, "wrong goods")
    counter.reprint(receipts[1].txn_id, manager_pin=demo.manager_pin)
    counter.reprint()
    counter.sync_now()
    assert counter.status().unsent_sales == 0
