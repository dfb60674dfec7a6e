"""Sealing a one-time code for the outbox, so the database never holds it in clear.

A code sale whose online post had an unknown outcome must be repeated with the very same
body, code included. The code is kept XORed with an HMAC-SHA256 keystream derived from a
secret that lives outside the database (the terminal token) and the sale's ``txn_id``,
which is unique per sale: without the token the stored value says nothing.
"""

from __future__ import annotations

import hashlib
import hmac


def _keystream(secret: str, txn_id: str, length: int) -> bytes:
    key = hashlib.sha256(("pos-client seal:" + secret).encode()).digest()
    return hmac.new(key, txn_id.encode(), hashlib.sha256).digest()[:length]


def seal(secret: str, txn_id: str, code: str) -> str:
    data = code.encode("ascii")
    if len(data) > 32:
        raise ValueError("only short codes are sealed")
    stream = _keystream(secret, txn_id, len(data))
    return bytes(a ^ b for a, b in zip(data, stream, strict=True)).hex()


def unseal(secret: str, txn_id: str, sealed: str) -> str:
    data = bytes.fromhex(sealed)
    stream = _keystream(secret, txn_id, len(data))
    return bytes(a ^ b for a, b in zip(data, stream, strict=True)).decode("ascii")
