"""``pcpos-sim``: a simulated Sadad card reader (PC-POS) for the demo and the tests.

It speaks the protocol of docs/pcpos.md on a loopback TCP port and on a pty, approves or
declines, waits while the "customer" enters a PIN, answers a search by order id, and
injects faults on demand (``SimReader.set_fault`` in process, or the control port).
"""

from .reader import FAULTS, Charge, SimReader
from .server import PtyServer, SimServer

__all__ = ["FAULTS", "Charge", "PtyServer", "SimReader", "SimServer"]
