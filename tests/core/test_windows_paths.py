"""Paths and text on the store's PC: platformdirs dirs, Persian and long user names, the
token file's permission check where it cannot be made, UTF-8 output to a pipe."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_client.domain.errors import ConfigError
from pos_client.settings.config import APP_NAME, app_dirs, check_data_dir, load_settings
from pos_client.settings.file_access import others_can_read

PERSIAN_USER = "سید محمدرضا حسینی‌نژاد"


def test_on_windows_config_data_and_logs_live_under_localappdata(
        monkeypatch: pytest.MonkeyPatch) -> None:
    local = f"C:\\Users\\{PERSIAN_USER}\\AppData\\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.setenv("APPDATA", f"C:\\Users\\{PERSIAN_USER}\\AppData\\Roaming")
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", f"C:\\Users\\{PERSIAN_USER}\\AppData\\Roaming")
    dirs = app_dirs("win32")
    assert dirs.user_data_dir.replace("/", "\\") == f"{local}\\{APP_NAME}"
    assert dirs.user_config_dir.replace("/", "\\") == f"{local}\\{APP_NAME}"
    assert dirs.user_log_dir.replace("/", "\\").startswith(f"{local}\\{APP_NAME}\\")


def _persian_home(tmp_path: Path, depth: int) -> Path:
    """A home dir named after a Persian user, ``depth`` long Persian folders further down."""
    home = tmp_path.joinpath(f"{PERSIAN_USER} فروشگاه",
                             *[f"پوشه‌ی-بلند-{n}" * 4 for n in range(depth)])
    home.mkdir(parents=True)
    return home


def _env_for_home(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_CLIENT_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_STATE_HOME=str(home / ".state"),
               PYTHONIOENCODING="utf-8")
    return env


def _status(home: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "pos_client.app.cli", "status", "--offline"],
                          env={**_env_for_home(home), **env}, capture_output=True,
                          timeout=120)


def test_a_long_persian_home_holds_the_config_and_the_terminals_data(tmp_path: Path) -> None:
    home = _persian_home(tmp_path, 2)
    assert len(str(home / ".local/share/pos-client/pos.db").encode()) > 260
    config = home / ".config" / APP_NAME / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[terminal]\nlanguage = "en"\n', encoding="utf-8")
    done = _status(home)
    assert done.returncode == 0, done.stderr.decode()
    assert "unsent sales" in done.stdout.decode()  # language = en: the config was read
    assert (home / ".local" / "share" / APP_NAME / "pos.db").is_file()


def test_a_data_dir_too_long_for_the_database_is_refused_plainly(tmp_path: Path) -> None:
    home = _persian_home(tmp_path, 4)
    done = _status(home)
    assert done.returncode == 2
    assert "terminal.data_dir" in done.stderr.decode() or "طولانی" in done.stderr.decode()
    assert not (home / ".local" / "share" / APP_NAME / "pos.db").exists()


def test_on_windows_the_data_dir_must_fit_in_max_path(tmp_path: Path) -> None:
    local = f"C:\\Users\\{PERSIAN_USER}\\AppData\\Local\\pos-client"
    check_data_dir(local, platform="win32")
    deep = local + "\\" + "x" * 200
    check_data_dir(deep, platform="linux")  # 260 characters are fine on Linux
    with pytest.raises(ConfigError) as caught:
        check_data_dir(deep, platform="win32")
    assert "terminal.data_dir" in caught.value.en and "too long" in caught.value.en


def test_load_settings_defaults_to_the_platform_dirs_under_a_persian_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _persian_home(tmp_path, 1)
    for key, value in _env_for_home(home).items():
        monkeypatch.setenv(key, value)
    settings = load_settings(environ={})
    assert settings.terminal.data_dir == str(home / ".local" / "share" / APP_NAME)


def test_persian_output_to_a_pipe_survives_a_non_utf8_code_page(tmp_path: Path) -> None:
    """Windows gives a pipe its ANSI code page (cp1252 here, cp1256 on Persian Windows):
    neither has Persian digits, so the report would die with UnicodeEncodeError."""
    done = _status(_persian_home(tmp_path, 1), PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "فروش" in done.stdout.decode("utf-8")


def test_where_the_token_files_permissions_cannot_be_checked_the_terminal_says_so(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    token = tmp_path / "token"
    token.write_text("secret-token\n", encoding="utf-8")
    token.chmod(0o600)
    try:
        import win32security  # noqa: F401
        pytest.skip("pywin32 is installed: the ACL is checked")
    except ImportError:
        pass
    assert others_can_read(token, platform="win32") is None
    assert others_can_read(token) is False
    config = tmp_path / "config.toml"
    config.write_text(f'[central]\ntoken_file = "{token.as_posix()}"\n', encoding="utf-8")
    settings = load_settings(config, environ={})
    with caplog.at_level(logging.WARNING, logger="pos_client"):
        assert settings.central_token() == "secret-token"
    assert "cannot check" not in caplog.text  # POSIX: checked, nothing to say
    import pos_client.settings.config as config_module

    monkeypatch.setattr(config_module, "others_can_read",
                        lambda path: others_can_read(path, platform="win32"))
    with caplog.at_level(logging.WARNING, logger="pos_client"):
        assert settings.central_token() == "secret-token"
    assert "cannot check" in caplog.text and "secret-token" not in caplog.text


WINDOWED = """
import sys
sys.stdout = sys.stderr = None  # what a console-less Windows executable gets
from pos_client.app.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_without_a_console_the_log_goes_to_the_user_log_dir(tmp_path: Path) -> None:
    home = _persian_home(tmp_path, 1)
    config = tmp_path / "config.toml"
    config.write_text(f'[terminal]\ndata_dir = "{tmp_path.as_posix()}"\n'
                      '[printer]\nkind = "network"\nhost = "127.0.0.1"\nport = 9\n'
                      'timeout_s = 1\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", WINDOWED, "--config", str(config),
                           "printer", "test"], env=_env_for_home(home), capture_output=True,
                          timeout=120)
    assert done.returncode == 1
    [log] = (home / ".state" / APP_NAME / "log").glob("pos-client.log")
    assert "printer network cannot be opened" in log.read_text(encoding="utf-8")


class _Acl:
    """A file's DACL as pywin32 gives it: GetAceCount, GetAce -> ((type, flags), mask, sid)."""

    def __init__(self, aces: list[tuple[str, int]]) -> None:
        self.aces = aces

    def GetAceCount(self) -> int:
        return len(self.aces)

    def GetAce(self, index: int) -> tuple[tuple[int, int], int, str]:
        sid, mask = self.aces[index]
        return (0, 0), mask, sid  # 0 = ACCESS_ALLOWED_ACE_TYPE


@pytest.mark.parametrize(("aces", "exposed"), [
    ([("S-1-5-21-1-2-3-1001", 0x120089)], False),  # only the cashier's own account
    ([("S-1-5-21-1-2-3-1001", 0x1F01FF), ("S-1-5-18", 0x1F01FF)], False),  # + SYSTEM
    ([("S-1-5-21-1-2-3-1001", 0x120089), ("S-1-5-32-545", 0x120089)], True),  # + Users
    ([("S-1-1-0", 0x120089)], True),  # Everyone
    ([("S-1-5-11", 0x80000000)], True),  # Authenticated Users, GENERIC_READ
    ([("S-1-1-0", 0x100000)], False),  # Everyone may only SYNCHRONIZE
    (None, True),  # a NULL DACL: everyone may do everything
])
def test_on_windows_the_token_files_acl_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                aces: list[tuple[str, int]] | None,
                                                exposed: bool) -> None:
    """The pywin32 calls are stood in for (no Windows here); the verdict is ours."""
    import types

    token = tmp_path / "token"
    token.write_text("t", encoding="utf-8")
    descriptor = types.SimpleNamespace(
        GetSecurityDescriptorDacl=lambda: None if aces is None else _Acl(aces))
    win32security = types.SimpleNamespace(
        DACL_SECURITY_INFORMATION=4, ACCESS_ALLOWED_ACE_TYPE=0,
        GetFileSecurity=lambda path, what: descriptor, ConvertStringSidToSid=lambda sid: sid)
    ntsecuritycon = types.SimpleNamespace(FILE_READ_DATA=1, FILE_WRITE_DATA=2,
                                          GENERIC_READ=0x80000000, GENERIC_ALL=0x10000000)
    monkeypatch.setitem(sys.modules, "win32security", win32security)
    monkeypatch.setitem(sys.modules, "ntsecuritycon", ntsecuritycon)
    assert others_can_read(token, platform="win32") is exposed
