"""The test's simulated Sadad reader and a driver pointed at it (helpers for tests/pcpos)."""

from __future__ import annotations

from pcpos_sim import SimServer
from pos_client.devices.card_terminal.kinds.sadad import SadadTerminal
from pos_client.settings.config import CardTerminalSettings

# Short waits keep the fault tests quick; nothing asserts on time.
FAST = {"timeout_s": 1.0, "response_timeout_s": 3.0}


def terminal_for(server: SimServer, **overrides: float) -> SadadTerminal:
    values = {**FAST, **overrides}
    return SadadTerminal(CardTerminalSettings(kind="sadad", host=server.host,
                                              port=server.port, **values))  # type: ignore[arg-type]
