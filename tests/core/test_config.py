from __future__ import annotations

import os
from pathlib import Path

import pytest

from pos_client.domain.errors import ConfigError
from pos_client.settings.config import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_and_environment_make_one_settings_object(tmp_path: Path) -> None:
    path = write(tmp_path, """
[central]
url = "http://127.0.0.1:8700/"
token = "abc"
timeout_s = 3
[terminal]
data_dir = "/tmp/x"
[printer]
kind = "file"
path = "/tmp/r.bin"
width_dots = 384
drawer = true
""")
    os.chmod(path, 0o600)  # it holds the token
    settings = load_settings(path, environ={"POS_CLIENT_TERMINAL_LANGUAGE": "en",
                                            "POS_CLIENT_PRINTER_DRAWER": "false"})
    assert settings.central.timeout_s == 3.0
    assert settings.terminal.language == "en"
    assert settings.printer.kind == "file" and settings.printer.width_dots == 384
    assert settings.printer.drawer is False
    assert settings.central_token() == "abc"


@pytest.mark.parametrize(("text", "env", "key"), [
    ("[central]\nurll = 'x'\n", {}, "central.urll"),
    ("[centrall]\nurl = 'x'\n", {}, "centrall"),
    ("[central]\ntimeout_s = 'five'\n", {}, "central.timeout_s"),
    ("[printer]\nkind = 'laser'\n", {}, "printer.kind"),
    ("[printer]\ndrawer = 1\n", {}, "printer.drawer"),
    ("[terminal]\nlanguage = 'de'\n", {}, "terminal.language"),
    ("[central]\nurl = 'http://central.example/'\n", {}, "central.url"),
    ("", {"POS_CLIENT_PRINTER_PORT": "ninety"}, "printer.port"),
    ("", {"POS_CLIENT_PRINTER_COLOUR": "red"}, "POS_CLIENT_PRINTER_COLOUR"),
    ("[central\n", {}, "TOML"),
])
def test_bad_configuration_is_refused_naming_the_key(tmp_path: Path, text: str,
                                                     env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text), environ=env)
    assert key in err.value.en


def test_https_is_accepted_for_any_host_and_http_only_for_loopback(tmp_path: Path) -> None:
    ok = load_settings(write(tmp_path, "[central]\nurl = 'https://central.example/'\n"),
                       environ={})
    assert ok.central.url.startswith("https")
    assert load_settings(write(tmp_path, "[central]\nurl = 'http://[::1]:9/'\n"), environ={})


def test_a_world_readable_token_file_is_refused(tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("secret\n")
    os.chmod(token, 0o644)
    settings = load_settings(write(tmp_path, f"[central]\ntoken_file = '{token}'\n"), environ={})
    with pytest.raises(ConfigError) as err:
        settings.central_token()
    assert "chmod 600" in err.value.en
    os.chmod(token, 0o600)
    assert settings.central_token() == "secret"


def test_the_config_file_may_come_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "[terminal]\nlanguage = 'en'\n")
    assert load_settings(environ={"POS_CLIENT_CONFIG": str(path)}).terminal.language == "en"
