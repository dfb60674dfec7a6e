"""``pos-client sync`` and ``pos-client status`` as store IT staff run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from central_support import Central


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_CLIENT_")}
    env["POS_CLIENT_CONFIG"] = str(config)
    return subprocess.run([sys.executable, "-m", "pos_client.app.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def config_file(tmp_path: Path, url: str, token: str) -> Path:
    path = tmp_path / "pos.toml"
    path.write_text(f"""
[central]
url = "{url}"
token = "{token}"
timeout_s = 2
[terminal]
data_dir = "{tmp_path / 'data'}"
language = "en"
""", encoding="utf-8")
    os.chmod(path, 0o600)  # it holds the token
    return path


def test_sync_pulls_the_cache_and_status_reports_it(central: Central, tmp_path: Path) -> None:
    config = config_file(tmp_path, central.url, central.token)
    result = run(config, "sync")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "terminal T-0001" in result.stdout
    assert f"{len(central.ids['households'])} households" in result.stdout
    status = run(config, "status")
    assert status.returncode == 0
    assert "status: online" in status.stdout
    assert f"households / cursor: {len(central.ids['households'])}" in status.stdout
    again = run(config, "sync")
    assert "0 catalog items and 0 households changed" in again.stdout


def test_sync_fails_when_the_service_is_not_reached(central: Central, tmp_path: Path) -> None:
    config = config_file(tmp_path, central.url, central.token)
    central.stop()
    result = run(config, "sync")
    assert result.returncode == 1
    assert "cannot be reached" in result.stdout
    status = run(config, "status")
    assert status.returncode == 1 and "status: offline" in status.stdout


def test_a_wrong_token_is_said_plainly(central: Central, tmp_path: Path) -> None:
    result = run(config_file(tmp_path, central.url, "tt_revoked"), "sync")
    assert result.returncode == 1
    assert "token was refused" in result.stdout
    assert "tt_revoked" not in result.stdout + result.stderr


def test_a_bad_catalog_item_is_set_aside_reported_and_the_sync_goes_on(
        central: Central, tmp_path: Path) -> None:
    config = config_file(tmp_path, central.url, central.token)
    assert run(config, "sync").returncode == 0
    product = next(p for p in central.ids["products"] if p["group"])
    household = central.ids["households"][0]
    central.admin.post(f"catalog/{product['gtin']}", {"max_price_rials": -5})  # breaks a rule
    central.admin.post(f"households/{household['key']}", {"members": household["members"] + 1})
    result = run(config, "sync")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 catalog items and 1 households changed" in result.stdout
    assert "1 items from the service broke a rule and were set aside" in result.stdout
    status = run(config, "status")
    assert "set aside from the service: 1" in status.stdout
    assert f"set aside (catalog) {product['gtin']}: " in status.stdout
    assert "max_price_rials" in status.stdout
