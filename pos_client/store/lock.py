"""One terminal process per data_dir: an ``flock`` on ``<data_dir>/pos.lock``.

The kernel drops the lock when its process dies, however it dies, so a lock left by a
crashed terminal is simply taken over by the next one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from ..errors import UserFacingError

LOCK_FILENAME = "pos.lock"


class TerminalLock:
    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> TerminalLock:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def acquire_terminal_lock(data_dir: str | Path) -> TerminalLock:
    """Hold the data_dir for this process, or a clear error if another terminal has it."""
    path = Path(data_dir) / LOCK_FILENAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
        os.close(fd)
        raise UserFacingError(
            f"برنامه پایانه روی همین پوشه داده ({data_dir}) در حال اجراست (فرایند {holder}); "
            "همان پنجره را به کار ببرید.",
            f"Another pos-client (process {holder}) is already running on {data_dir}; "
            "use that one.", code="terminal_busy", pid=holder) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return TerminalLock(path, fd)
