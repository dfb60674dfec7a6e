"""One terminal process per data_dir: an OS file lock on ``<data_dir>/pos.lock``.

The lock is ``filelock``'s: ``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows.
Either way the operating system drops it when its process dies, however it dies, so a
lock left by a crashed terminal is simply taken over by the next one. The holder's
process id is written beside it, in ``pos.lock.pid``, for the message to the second one
(the lock file itself cannot be read while it is locked on Windows, and filelock empties
it on every attempt).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from ..domain.errors import UserFacingError

LOCK_FILENAME = "pos.lock"
PID_FILENAME = "pos.lock.pid"


class TerminalLock:
    def __init__(self, path: Path, lock: FileLock) -> None:
        self.path = path
        self._lock: FileLock | None = lock

    @property
    def pid_path(self) -> Path:
        return self.path.with_name(PID_FILENAME)

    def release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self.pid_path.unlink()
            self._lock.release(force=True)
            self._lock = None

    def __enter__(self) -> TerminalLock:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def acquire_terminal_lock(data_dir: str | Path) -> TerminalLock:
    """Hold the data_dir for this process, or a clear error if another terminal has it."""
    path = Path(data_dir) / LOCK_FILENAME
    lock = FileLock(path, timeout=0, mode=0o600, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        holder = _read_holder(path.with_name(PID_FILENAME))
        raise UserFacingError.from_code(
            "terminal_busy", data_dir=data_dir, pid=holder) from None
    held = TerminalLock(path, lock)
    held.pid_path.write_text(f"{os.getpid()}\n", encoding="ascii")
    return held


def _read_holder(pid_path: Path) -> str:
    try:
        return pid_path.read_text(encoding="ascii", errors="replace").strip() or "?"
    except OSError:
        return "?"
