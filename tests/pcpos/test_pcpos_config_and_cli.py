"""``[card_terminal]`` settings are checked at start-up; pcpos-sim runs as a command and
takes faults on its control port at run time."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from pos_client.devices.card_terminal import CardOutcome, open_card_terminal
from pos_client.domain.errors import ConfigError
from pos_client.settings.config import settings_for


@pytest.mark.parametrize(("values", "key"), [
    ({"kind": "sadad"}, "card_terminal.host"),
    ({"kind": "sadad", "host": "127.0.0.1", "port": 0}, "card_terminal.port"),
    ({"kind": "sadad", "host": "127.0.0.1", "timeout_s": 0}, "card_terminal.timeout_s"),
    ({"kind": "sadad", "host": "127.0.0.1", "response_timeout_s": 1.0},
     "card_terminal.response_timeout_s"),
    ({"kind": "bad kind", "host": "127.0.0.1"}, "card_terminal.kind"),
])
def test_bad_card_terminal_settings_are_refused_with_the_key(tmp_path: object, values: dict,
                                                             key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_for(str(tmp_path), card_terminal=values)
    assert caught.value.detail == key


def test_the_default_is_no_reader(tmp_path: object) -> None:
    settings = settings_for(str(tmp_path))
    assert settings.card_terminal.kind == "none"
    assert open_card_terminal(settings.card_terminal) is None


def _line(stream: object) -> str:
    return stream.readline().strip()  # type: ignore[attr-defined, no-any-return]


def test_pcpos_sim_serves_and_takes_faults_on_its_control_port(tmp_path: object) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "pcpos_sim.cli", "--port", "0",
                             "--control-port", "0", "--pin-delay", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(_line(proc.stdout).rsplit(":", 1)[1])
        control = int(_line(proc.stdout).rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", control), timeout=10) as sock, \
                sock.makefile("rw", encoding="utf-8") as stream:
            stream.write("fault drop_charged\n")
            stream.flush()
            answer = json.loads(stream.readline())
            assert answer["ok"] and answer["state"]["faults"] == {"drop_charged": 1}
            settings = settings_for(str(tmp_path), card_terminal={
                "kind": "sadad", "host": "127.0.0.1", "port": port, "timeout_s": 2.0,
                "response_timeout_s": 5.0})
            terminal = open_card_terminal(settings.card_terminal)
            assert terminal is not None
            assert terminal.sale(3_000, "cli-1").outcome is CardOutcome.UNKNOWN
            assert terminal.lookup("cli-1").outcome is CardOutcome.APPROVED
            stream.write("state\n")
            stream.flush()
            state = json.loads(stream.readline())["state"]
            assert state["charges"] == [{"order_id": "cli-1", "amount_rials": 3000}]
            stream.write("fault no_such_fault\n")
            stream.flush()
            assert json.loads(stream.readline())["ok"] is False
    finally:
        proc.terminate()
        proc.wait(10)
