"""A simulated Sadad reader (pcpos-sim) on a loopback port, and a driver pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pcpos_sim import SimReader, SimServer
from pos_client.config import CardTerminalSettings
from pos_client.devices.card_terminal.kinds.sadad import SadadTerminal

# Short waits keep the fault tests quick; nothing asserts on time.
FAST = {"timeout_s": 1.0, "response_timeout_s": 3.0}


@pytest.fixture
def sim() -> Iterator[SimServer]:
    server = SimServer(SimReader()).start()
    try:
        yield server
    finally:
        server.stop()


def terminal_for(server: SimServer, **overrides: float) -> SadadTerminal:
    values = {**FAST, **overrides}
    return SadadTerminal(CardTerminalSettings(kind="sadad", host=server.host,
                                              port=server.port, **values))  # type: ignore[arg-type]


@pytest.fixture
def terminal(sim: SimServer) -> SadadTerminal:
    return terminal_for(sim)
