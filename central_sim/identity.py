"""Identifiers of the domain: national codes, card PANs, GTIN-13 and their keyed hashes."""

from __future__ import annotations

import hashlib
import hmac


def national_code_check_digit(first_nine: str) -> int:
    """The tenth digit of a national code whose first nine digits are given."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    remainder = total % 11
    return remainder if remainder < 2 else 11 - remainder


def is_valid_national_code(code: str) -> bool:
    if len(code) != 10 or not code.isdigit() or len(set(code)) == 1:
        return False
    return national_code_check_digit(code[:9]) == int(code[9])


def luhn_check_digit(partial: str) -> int:
    """The digit that makes ``partial + digit`` pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def is_valid_luhn(number: str) -> bool:
    return number.isdigit() and len(number) >= 2 and luhn_check_digit(number[:-1]) == int(number[-1])


def gtin_check_digit(first_twelve: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first_twelve))
    return (10 - total % 10) % 10


def is_valid_gtin13(gtin: str) -> bool:
    return len(gtin) == 13 and gtin.isdigit() and gtin_check_digit(gtin[:12]) == int(gtin[12])


def canonical_gtin(gtin: str) -> str:
    """One key per product whatever length it was sent in (central-api.md: a GTIN-12 is
    the GTIN-13 and the GTIN-14 with leading zeros): 13 digits, or 14 when the first is
    not zero. Anything that is not 8 to 14 digits is returned unchanged."""
    if not (gtin.isascii() and gtin.isdigit() and 8 <= len(gtin) <= 14):
        return gtin
    padded = gtin.zfill(14)
    return padded[1:] if padded[0] == "0" else padded


class Hasher:
    """Keyed hashes of the contract: HMAC-SHA256 under the store's lookup key."""

    def __init__(self, lookup_key_hex: str) -> None:
        self._base = hmac.new(bytes.fromhex(lookup_key_hex), digestmod=hashlib.sha256)

    def _digest(self, message: bytes) -> bytes:
        mac = self._base.copy()
        mac.update(message)
        return mac.digest()

    def nid(self, national_code: str) -> bytes:
        return self._digest(b"nid:" + national_code.encode("ascii"))

    def pan(self, pan: str) -> bytes:
        return self._digest(b"pan:" + pan.encode("ascii"))
