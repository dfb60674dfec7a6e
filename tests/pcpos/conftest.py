"""A simulated Sadad reader (pcpos-sim) on a loopback port, and a driver pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pcpos_support import terminal_for

from pcpos_sim import SimReader, SimServer
from pos_client.devices.card_terminal.kinds.sadad import SadadTerminal


@pytest.fixture
def sim() -> Iterator[SimServer]:
    server = SimServer(SimReader()).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def terminal(sim: SimServer) -> SadadTerminal:
    return terminal_for(sim)
