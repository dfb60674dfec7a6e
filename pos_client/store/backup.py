"""``pos-client backup FILE`` and ``pos-client restore FILE``: a terminal's data dir is
its one database, ``pos.db``, copied with SQLite's online backup.

A backup can be taken while the terminal sells: the copy is one consistent snapshot (WAL
included), written beside the target and renamed into place. A restore needs the
terminal stopped (it takes the data dir's lock), checks the file is a pos-client
database that SQLite finds intact, and never throws the current database away: it is
first copied to ``pos.db.before-restore-<time>`` in the data dir, so no sale or queued
upload can be lost by restoring the wrong file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain.errors import UserFacingError
from ..settings.config import SettingsLoader
from .db import DB_FILENAME, _check_contents, _check_header
from .lock import acquire_terminal_lock
from .store import Store


@contextlib.contextmanager
def _connection(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(str(path))
    try:
        yield conn
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> None:
    """SQLite online backup of ``source`` into a new ``target`` (atomic by rename)."""
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    with _connection(source) as src, _connection(part) as dst:
        src.backup(dst)
    os.replace(part, target)


def _check_backup_file(path: Path) -> None:
    if not path.is_file():
        raise UserFacingError.from_code("backup_refused:no_file", path=path)
    _check_header(path)
    with _connection(path) as conn:
        _check_contents(conn, path)
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise UserFacingError.from_code("backup_refused:damaged", path=path, verdict=verdict)


def backup_database(data_dir: Path, target: Path) -> None:
    source = data_dir / DB_FILENAME
    if not source.is_file():
        raise UserFacingError.from_code("backup_refused:no_database", data_dir=data_dir)
    if target.exists():
        raise UserFacingError.from_code("backup_refused:target_exists", target=target)
    with _connection(source) as conn:
        _check_contents(conn, source)
    _copy(source, target)


def restore_database(data_dir: Path, source: Path, now: datetime) -> Path | None:
    """Replace the data dir's database by ``source``; the replaced one's copy, if any."""
    source = source.resolve()
    _check_backup_file(source)
    with acquire_terminal_lock(data_dir):
        current = data_dir / DB_FILENAME
        kept = None
        if current.is_file():
            kept = data_dir / f"{DB_FILENAME}.before-restore-{now:%Y%m%d-%H%M%S}"
            _copy(current, kept)  # the WAL's committed pages included
        restoring = data_dir / f"{DB_FILENAME}.restoring"
        _copy(source, restoring)
        for suffix in ("-wal", "-shm"):
            Path(f"{current}{suffix}").unlink(missing_ok=True)
        os.replace(restoring, current)
        Store.open(data_dir).close()  # migrated to this version, checked
    return kept


def _data_dir(settings_loader: SettingsLoader) -> tuple[Path, str]:
    settings = settings_loader()
    return settings.data_path, settings.terminal.language


def backup_command(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    data_dir, language = _data_dir(settings_loader)
    target = Path(args.file)
    backup_database(data_dir, target)
    print(f"پشتیبان در {target} ذخیره شد." if language == "fa" else f"Backed up to {target}.")
    return 0


def restore_command(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    data_dir, language = _data_dir(settings_loader)
    data_dir.mkdir(parents=True, exist_ok=True)
    kept = restore_database(data_dir, Path(args.file), datetime.now(UTC))
    print(f"پایگاه داده از {args.file} بازگردانده شد." if language == "fa"
          else f"Restored the database from {args.file}.")
    if kept is not None:
        print(f"پایگاه داده قبلی نگه داشته شد: {kept}" if language == "fa"
              else f"The database it replaced is kept as {kept}.")
    return 0


def register(subparsers: Any) -> None:
    """``backup FILE`` (online, while the terminal runs) and ``restore FILE`` (stopped)."""
    backup = subparsers.add_parser(
        "backup", help="copy the terminal's database to FILE (safe while it runs)")
    backup.add_argument("file")
    backup.set_defaults(func=backup_command)
    restore = subparsers.add_parser(
        "restore", help="replace the terminal's database by the backup FILE (terminal "
                        "stopped; the replaced database is kept beside it)")
    restore.add_argument("file")
    restore.set_defaults(func=restore_command)
