"""pos-client: the checkout terminal of the Kalabarg electronic goods coupon programme."""

from __future__ import annotations

from . import messages as messages  # the layer's messages, registered before any raise

__version__ = "0.1.0"
