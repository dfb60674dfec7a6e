"""pos-client: the checkout terminal of the Kalabarg electronic goods coupon programme."""

from __future__ import annotations

__version__ = "0.1.0"
