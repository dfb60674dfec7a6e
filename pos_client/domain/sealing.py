"""Sealing a one-time code for the outbox, so the database never holds it in clear.

A code sale whose online post had an unknown outcome must be repeated with the very same
body, code included. The code is kept XORed with an HMAC-SHA256 keystream derived from a
key and the sale's ``txn_id`` (unique per sale), with an HMAC tag that tells a wrong key.

The key is the terminal's own (``terminal_key``): 32 random bytes made at the first start
and kept in the data folder, outside the database, readable by the terminal's user only.
It is not the terminal token, which the programme can reissue at any time: a code sealed
with the token could not be read after a rotation, and the upload (and every one behind
it) stranded. Values sealed the old way (no ``k1:`` prefix, with the token) are still
read with the current token where it has not changed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILENAME = "outbox-seal.key"
PREFIX = "k1:"
TAG_BYTES = 8


class SealError(ValueError):
    """The sealed value cannot be read with the keys at hand."""


def terminal_key(data_dir: Path) -> str:
    """The terminal's sealing key (hex), made at the first call and kept in ``data_dir``."""
    path = Path(data_dir) / KEY_FILENAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) != 64:
            raise SealError(f"{path} is not a sealing key") from None
        return key
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key


def _keystream(secret: str, txn_id: str, length: int) -> bytes:
    key = hashlib.sha256(("pos-client seal:" + secret).encode()).digest()
    return hmac.new(key, txn_id.encode(), hashlib.sha256).digest()[:length]


def _tag(secret: str, txn_id: str, data: bytes) -> bytes:
    key = hashlib.sha256(("pos-client seal tag:" + secret).encode()).digest()
    return hmac.new(key, txn_id.encode() + b"\0" + data, hashlib.sha256).digest()[:TAG_BYTES]


def _xor(secret: str, txn_id: str, data: bytes) -> bytes:
    stream = _keystream(secret, txn_id, len(data))
    return bytes(a ^ b for a, b in zip(data, stream, strict=True))


def seal(key: str, txn_id: str, code: str) -> str:
    data = code.encode("ascii")
    if len(data) > 32:
        raise ValueError("only short codes are sealed")
    return PREFIX + _xor(key, txn_id, data).hex() + ":" + _tag(key, txn_id, data).hex()


def unseal(key: str, txn_id: str, sealed: str, *, legacy_secret: str = "") -> str:
    """The code; ``SealError`` when it cannot be read (a lost key, or a token that was
    rotated since an old-style value was sealed with it)."""
    try:
        if sealed.startswith(PREFIX):
            body, tag = sealed[len(PREFIX):].split(":")
            data = _xor(key, txn_id, bytes.fromhex(body))
            if not hmac.compare_digest(_tag(key, txn_id, data), bytes.fromhex(tag)):
                raise SealError("the sealing key does not match")
            return data.decode("ascii")
        code = _xor(legacy_secret, txn_id, bytes.fromhex(sealed)).decode("ascii")
    except (ValueError, UnicodeDecodeError) as exc:
        raise SealError(str(exc)) from exc
    if not (code.isascii() and code.isdigit()):  # a one-time code is digits only
        raise SealError("sealed with a token that has changed since")
    return code
