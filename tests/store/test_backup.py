"""``pos-client backup`` while the terminal runs, ``pos-client restore`` while it is
stopped, and nothing lost either way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_client.app.cli import main
from pos_client.store import Store, acquire_terminal_lock


def _config(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[terminal]\ndata_dir = "{data_dir.as_posix()}"\nlanguage = "en"\n',
                    encoding="utf-8")
    return path


def _users(data_dir: Path) -> set[str]:
    with Store.open(data_dir) as store:
        return {user.name for user in store.users()}


@pytest.fixture
def terminal(tmp_path: Path) -> tuple[Path, Path]:
    data_dir = tmp_path / "داده‌ها"
    with Store.open(data_dir) as store:
        store.add_user("مریم", "manager", "4321")
    return data_dir, _config(tmp_path, data_dir)


def test_a_backup_is_taken_while_the_terminal_runs_and_writes(
        tmp_path: Path, terminal: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, config = terminal
    target = tmp_path / "پشتیبان" / "pos-backup.db"
    target.parent.mkdir()
    with acquire_terminal_lock(data_dir), Store.open(data_dir) as running:
        running.add_user("Ali", "cashier", "1234")  # committed, still in the WAL
        assert main(["--config", str(config), "backup", str(target)]) == 0
        running.add_user("Sara", "cashier", "5678")  # after the snapshot
    assert "Backed up to" in capsys.readouterr().out
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "pos.db").write_bytes(target.read_bytes())
    assert _users(restored) == {"مریم", "Ali"}


def test_a_backup_never_overwrites_a_file(tmp_path: Path, terminal: tuple[Path, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _data_dir, config = terminal
    target = tmp_path / "existing.db"
    target.write_bytes(b"keep me")
    assert main(["--config", str(config), "backup", str(target)]) == 2
    assert target.read_bytes() == b"keep me"
    assert "already exists" in capsys.readouterr().err


def test_restore_replaces_the_database_and_keeps_the_one_it_replaced(
        tmp_path: Path, terminal: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, config = terminal
    backup = tmp_path / "monday.db"
    assert main(["--config", str(config), "backup", str(backup)]) == 0
    with Store.open(data_dir) as store:
        store.add_user("Later", "cashier", "1111")
    assert main(["--config", str(config), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert _users(data_dir) == {"مریم"}
    [kept] = data_dir.glob("pos.db.before-restore-*")
    assert str(kept) in out
    copy = tmp_path / "kept"
    copy.mkdir()
    (copy / "pos.db").write_bytes(kept.read_bytes())
    assert _users(copy) == {"مریم", "Later"}  # nothing of the replaced database is lost


def test_restore_is_refused_while_the_terminal_runs(tmp_path: Path,
                                                    terminal: tuple[Path, Path]) -> None:
    data_dir, config = terminal
    backup = tmp_path / "b.db"
    assert main(["--config", str(config), "backup", str(backup)]) == 0
    before = (data_dir / "pos.db").read_bytes()
    with acquire_terminal_lock(data_dir):
        assert main(["--config", str(config), "restore", str(backup)]) == 2
    assert (data_dir / "pos.db").read_bytes() == before
    assert not list(data_dir.glob("pos.db.before-restore-*"))


@pytest.mark.parametrize("content", ["text", "other-sqlite", "damaged"])
def test_restore_refuses_a_file_that_is_no_intact_terminal_database(
        tmp_path: Path, terminal: tuple[Path, Path], content: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, config = terminal
    bad = tmp_path / "bad.db"
    if content == "text":
        bad.write_text("not a database", encoding="utf-8")
    elif content == "other-sqlite":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE photos (name TEXT)")
        conn.close()
    else:
        assert main(["--config", str(config), "backup", str(bad)]) == 0
        data = bytearray(bad.read_bytes())
        data[4096 * 2: 4096 * 3] = b"\xff" * 4096  # a page of the tables overwritten
        bad.write_bytes(bytes(data))
    before = (data_dir / "pos.db").read_bytes()
    assert main(["--config", str(config), "restore", str(bad)]) == 2
    assert capsys.readouterr().err.strip()
    assert (data_dir / "pos.db").read_bytes() == before
    assert _users(data_dir) == {"مریم"}
