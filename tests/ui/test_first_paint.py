"""``pos-client demo --exit-after-first-paint`` (the bundle's smoke test) and ``--version``,
as a separate process like an installed program."""

from __future__ import annotations

import os
import subprocess
import sys

import pos_client


def test_the_demo_exits_once_its_window_has_painted() -> None:
    done = subprocess.run([sys.executable, "-m", "pos_client.app.cli", "demo",
                           "--exit-after-first-paint"], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines().count("first paint") == 1


def test_version_names_the_package_version() -> None:
    done = subprocess.run([sys.executable, "-m", "pos_client.app.cli", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"pos-client {pos_client.__version__}"
