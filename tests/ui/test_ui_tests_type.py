"""The window's tests give the input a person gives: keys to the focus widget and clicks.

A test that writes into a widget (``setText`` on a field found by name) or calls a private
method instead of pressing the key passes even when the key is broken. This reads every
test in tests/ui and fails on either habit.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI_TESTS = Path(__file__).resolve().parent

# What a person cannot do to a widget: each of these skips the keys and the click.
WRITES = frozenset({
    "setText", "setPlainText", "setValue", "setCurrentIndex", "setCurrentText", "setCurrentRow",
    "setChecked", "setFocus", "selectAll", "setEditText", "setSelection", "insertPlainText",
})

# The only exceptions, each with its reason; keep this list short.
ALLOWED = frozenset({
    # counter events faked on the GUI thread, until the typed events (issue 22) give the
    # tests a way to cause them through the service
    ("test_window_network.py", "_emit"),
})


def offences(source: str, filename: str = "<test>") -> list[str]:
    """``file:line name`` for each widget write or private call (not on ``self``/``cls``)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        receiver = node.func.value
        private = name.startswith("_") and not name.startswith("__")
        if private and isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
            continue  # a test helper's own workings
        if (name in WRITES or private) and (Path(filename).name, name) not in ALLOWED:
            found.append(f"{Path(filename).name}:{node.lineno} {name}")
    return found


def test_the_checker_finds_a_write_by_name_and_a_private_call() -> None:
    source = (
        "def test_x(terminal):\n"
        "    terminal.find(QLineEdit, 'pinInput').setText('1111')\n"
        "    terminal.window.sale._identify(';6037...?')\n"
        "    screen.export('pdf', path)\n"  # public: the checker cannot know; review does
        "    self._visible('x')\n"
    )
    assert offences(source, "test_x.py") == ["test_x.py:2 setText", "test_x.py:3 _identify"]


def test_no_window_test_writes_into_a_widget_or_calls_a_private_method() -> None:
    found = []
    for path in sorted(UI_TESTS.rglob("*.py")):
        found += offences(path.read_text(encoding="utf-8"), str(path))
    assert found == [], "type and click as a person does (tests/ui/window_driver.py):\n" + \
        "\n".join(found)
