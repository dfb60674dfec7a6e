"""Well-formed answers of the central service, as the validators' tests start from them:
each test changes the one part it is about (``{**HOUSEHOLD, "decile": 0}``) and never the
shared documents themselves."""

from __future__ import annotations

from typing import Any

HEX = "0123456789abcdef" * 4
HOUSEHOLD: dict[str, Any] = {
    "key": "H-1", "nid_hash": HEX, "card_hashes": [HEX], "members": 4, "decile": 2,
    "nid_last_digit": 7, "round_id": "1404-10", "balance_rials": 40_000_000,
    "spent_in_round_rials": 0, "status": "active", "version": 5}
TERMINAL: dict[str, Any] = {
    "terminal_id": "T-0001", "store": {"code": "S-1001", "name": "نمونه"}, "lookup_key": HEX,
    "status": "active", "blocked_reason": None, "server_time": "2026-01-10T08:15:00Z"}
