"""One sale typed on a real X server with a window manager, the keys sent by xdotool as a
person's keyboard sends them (through the X server, to whichever window has focus).

The window runs as ``pos-client run`` shows it (full screen) in its own process
(``x_terminal.py``) over the test's central-sim; it writes what its screen shows to a
state file, which the test reads. Needs Xvfb, xdotool and a window manager (openbox):
``scripts/system-deps`` installs them and CI runs this test; without them it is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central

HERE = Path(__file__).resolve().parent
XVFB, XDOTOOL = shutil.which("Xvfb"), shutil.which("xdotool")
WM = shutil.which("openbox") or shutil.which("matchbox-window-manager")

pytestmark = pytest.mark.skipif(
    not (XVFB and XDOTOOL and WM),
    reason="needs Xvfb, xdotool and a window manager (Debian: xvfb xdotool openbox, "
           "installed by scripts/system-deps as in CI)")


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh Xvfb on a free display, with a window manager; the environment for
    programs to run on it."""
    assert XVFB and WM
    number = next(n for n in range(90, 400) if not Path(f"/tmp/.X{n}-lock").exists()
                  and not Path(f"/tmp/.X11-unix/X{n}").exists())
    xvfb = subprocess.Popen([XVFB, f":{number}", "-screen", "0", "1280x800x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL,
                            stderr=(tmp_path / "xvfb.log").open("wb"))
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = f":{number}"
    deadline = time.monotonic() + 30
    while subprocess.run([XDOTOOL or "xdotool", "getmouselocation"], env=env,
                         capture_output=True).returncode != 0:
        assert time.monotonic() < deadline and xvfb.poll() is None, (
            "Xvfb does not answer: " + (tmp_path / "xvfb.log").read_text(errors="replace"))
        time.sleep(0.1)
    wm = subprocess.Popen([WM], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield env
    finally:
        for process in (wm, xvfb):
            process.terminate()
            process.wait(10)


class XTerminal:
    def __init__(self, env: dict[str, str], state: Path, log: Path) -> None:
        self.env, self.state_path, self.log = env, state, log
        self.keys = 0

    def state(self) -> dict[str, Any]:
        try:
            result: dict[str, Any] = json.loads(self.state_path.read_text(encoding="utf-8"))
            return result
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def wait(self, condition: Callable[[dict[str, Any]], bool], what: str,
             timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state()
            if state and condition(state):
                return state
            time.sleep(0.05)  # polling the window's state file for the condition
        output = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise AssertionError(f"waiting for {what}; the screen: {self.state()}; the window's "
                             f"output: {output}")

    def xdotool(self, *args: str) -> None:
        assert XDOTOOL
        subprocess.run([XDOTOOL, *args], env=self.env, check=True, timeout=30)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)
        self.keys += len(text)

    def key(self, name: str) -> None:
        self.xdotool("key", name)
        self.keys += 1


SAYS = {"fa": ("شناسایی شد", "ثبت شد", "۵۵۰٬۰۰۰"), "en": ("found", "recorded", "550,000")}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_sale_typed_on_a_real_keyboard_under_a_window_manager(
        x_display: dict[str, str], central: Central, tmp_path: Path, language: str) -> None:
    identified, recorded, change = SAYS[language]
    products = tmp_path / "products.json"
    products.write_text(json.dumps(central.ids["products"]), encoding="utf-8")
    state = tmp_path / "state.json"
    env = {**x_display, "QT_QPA_PLATFORM": "xcb",
           "PYTHONPATH": os.pathsep.join([str(HERE.parent), str(HERE.parents[1]),
                                          str(HERE.parents[2])])}
    log = (tmp_path / "x_terminal.log").open("wb")
    window = subprocess.Popen([sys.executable, str(HERE / "x_terminal.py"), str(tmp_path),
                               central.url, central.token, str(products), str(state),
                               language],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    x = XTerminal(x_display, state, tmp_path / "x_terminal.log")
    try:
        x.wait(lambda s: s["focus"] == "pinInput", "the PIN field to have the keyboard", 60)
        screen = x.state()
        assert screen["full_screen"] and screen["size"] == screen["screen"]
        x.type("1111")
        x.key("Return")
        x.wait(lambda s: s["focus"] == "openingCashInput", "the opening cash")
        x.type("250000")
        x.key("Return")
        x.wait(lambda s: s["focus"] == "scanInput", "the barcode field")
        buyer = central.buyer()
        x.key("F2")
        x.wait(lambda s: s["focus"] == "customerInput", "the customer field")
        x.type(buyer["national_code"])
        x.key("Return")
        x.wait(lambda s: identified in s["message"] and s["focus"] == "scanInput",
               "the household")
        for product in central.products(unit="piece")[:2]:
            rows = x.state()["rows"]
            x.type(product["gtin"])
            x.key("Return")
            x.wait(lambda s, rows=rows: s["rows"] == rows + 1, "the scanned line")
        due = x.state()["remainder"]
        x.key("F9")
        x.wait(lambda s: "tenderDialog" in s["dialogs"] and s["focus"] == "tenderedInput",
               "the cash dialog with the keyboard in its field")
        x.type(str(due + 550_000))
        x.key("Return")
        done = x.wait(lambda s: bool(s["receipt"]), "the sale to be recorded")
        assert done["change"] == 550_000
        assert recorded in done["message"] and change in done["message"]
        assert central.admin.sale(done["txn_id"])["status"] == "approved"
        x.wait(lambda s: (tmp_path / "screen.png").exists(), "the screenshot")
    finally:
        window.terminate()
        window.wait(30)
        log.close()
