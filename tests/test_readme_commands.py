"""The commands the README shows exist with the options it names (docs that show
commands are tested)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted({m.group(1).strip() for m in re.finditer(r"^\| `(pos-client [^`]*)`", README,
                                                            re.M)})


def words(command: str) -> tuple[list[str], list[str]]:
    """The sub-command path and the --options a README line names."""
    parts = command.split()[1:]
    path = [p for p in parts if re.fullmatch(r"[a-z]+(-[a-z]+)*", p)]
    options = re.findall(r"--[a-z-]+", command)
    return path, options


def test_the_readme_lists_the_commands_of_automation_md() -> None:
    named = " ".join(COMMANDS)
    for sub in ("demo", "sync", "status", "user add", "products import", "report x",
                "report z", "printer test", "journal verify"):
        assert f"pos-client {sub}" in named, sub


@pytest.mark.parametrize("command", COMMANDS)
def test_each_readme_command_exists_with_its_options(command: str) -> None:
    path, options = words(command.split(" / ")[0])
    shown = subprocess.run([sys.executable, "-m", "pos_client.app.cli", *path, "--help"],
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    for option in options:
        assert option in shown.stdout, f"{command}: {option}"
