"""One terminal process per data_dir; a lock left by a killed process is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pos_client.domain.errors import UserFacingError
from pos_client.store import acquire_terminal_lock

HOLDER = """
import sys, time
from pos_client.store import acquire_terminal_lock
lock = acquire_terminal_lock(sys.argv[1])
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_terminal_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    with acquire_terminal_lock(tmp_path):
        with pytest.raises(UserFacingError) as caught:
            acquire_terminal_lock(tmp_path)
        assert caught.value.code == "terminal_busy"
    acquire_terminal_lock(tmp_path).release()


def test_the_lock_of_a_killed_terminal_is_taken_over(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(UserFacingError, match=f"process {child.pid}"):
            acquire_terminal_lock(tmp_path)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with acquire_terminal_lock(tmp_path) as lock:
        assert lock.pid_path.read_text().strip() == str(os.getpid())
        with pytest.raises(UserFacingError, match=f"process {os.getpid()}"):
            acquire_terminal_lock(tmp_path)
