"""The reference central service of the Kalabarg programme (shared/central-api.md).

It is an independent implementation of the contract, used by the demo, the tests and the
benchmarks; it never imports ``pos_client``.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "1.0.0"
