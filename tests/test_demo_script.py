"""``scripts/demo`` installs only when the package's metadata changed: the second run goes
straight to the window. Run with a stand-in venv whose python and pos-client only write
down how they were called."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _venv(tmp_path: Path) -> tuple[Path, Path]:
    venv, log = tmp_path / "venv", tmp_path / "calls.log"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "pos-client"):
        tool = venv / "bin" / name
        tool.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
        tool.chmod(0o755)
    return venv, log


def _run(project: Path, venv: Path) -> None:
    env = {**os.environ, "VENV": str(venv)}
    subprocess.run(["bash", str(project / "scripts" / "demo"), "--language", "en"],
                   check=True, env=env, timeout=120, cwd=project)


def test_the_second_demo_run_does_not_reinstall(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    for name in ("scripts/demo", "scripts/system-deps", "setup.cfg", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    venv, log = _venv(tmp_path)

    _run(project, venv)
    _run(project, venv)
    calls = log.read_text(encoding="utf-8").splitlines()
    assert [c for c in calls if "pip install" in c] == [
        "python -m pip install -q --disable-pip-version-check -e ."]
    assert calls.count("pos-client demo --language en") == 2

    with (project / "setup.cfg").open("a", encoding="utf-8") as cfg:
        cfg.write("\n# a changed dependency\n")
    _run(project, venv)
    assert sum("pip install" in c for c in log.read_text(encoding="utf-8").splitlines()) == 2
