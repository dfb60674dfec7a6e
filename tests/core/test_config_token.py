"""A token written in the configuration file is guarded like a token file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pos_client.domain.errors import ConfigError
from pos_client.settings.config import load_settings

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")


def config_with_token(tmp_path: Path, mode: int) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[central]\ntoken = "tt_secret"\n', encoding="utf-8")
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize("mode", [0o644, 0o604, 0o622, 0o666])
def test_a_config_file_holding_a_token_readable_by_others_is_refused(
        tmp_path: Path, mode: int) -> None:
    settings = load_settings(config_with_token(tmp_path, mode), environ={})
    with pytest.raises(ConfigError) as err:
        settings.central_token()
    assert err.value.detail == "central.token"
    assert "chmod 600" in err.value.en and "chmod 600" in err.value.fa
    assert "tt_secret" not in str(err.value) + err.value.fa


def test_a_private_config_file_gives_its_token(tmp_path: Path) -> None:
    settings = load_settings(config_with_token(tmp_path, 0o600), environ={})
    assert settings.central_token() == "tt_secret"
    assert load_settings(config_with_token(tmp_path, 0o640),
                         environ={}).central_token() == "tt_secret"


def test_a_token_from_the_environment_does_not_depend_on_the_files_mode(
        tmp_path: Path) -> None:
    path = config_with_token(tmp_path, 0o644)
    settings = load_settings(path, environ={"POS_CLIENT_CENTRAL_TOKEN": "tt_env"})
    assert settings.central_token() == "tt_env"
    path.write_text('[central]\nurl = "http://127.0.0.1:8700/"\n', encoding="utf-8")
    assert load_settings(path, environ={}).central_token() == ""
