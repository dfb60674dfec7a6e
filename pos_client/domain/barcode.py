"""Barcodes: GTIN-8/12/13/14 check digits, one canonical form, cleaning of scanner input.

One product may be sent, printed or scanned as GTIN-8, -12, -13 or -14: the shorter forms
are the longer ones with leading zeros (the check digit does not change), so the GTIN-12
``036000291452`` is the GTIN-13 ``0036000291452`` and the GTIN-14 ``00036000291452``.
Everywhere a GTIN is a key (catalogue, price list, scan, search, sale lines, receipts) it
is kept in one canonical form: 13 digits, or 14 when its first digit (the GS1 indicator)
is not zero.
"""

from __future__ import annotations

import re

from .errors import InvalidBarcode
from .money import to_ascii_digits

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
GTIN_LENGTHS = (8, 12, 13, 14)


def clean_scan(raw: str) -> str:
    """A scanner frame without CR/LF, control characters and surrounding spaces."""
    return _CONTROL.sub("", to_ascii_digits(raw)).strip()


def gtin_check_digit(body: str) -> int:
    """The GS1 check digit for ``body`` (the GTIN without its last digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    return (code.isascii() and code.isdigit() and len(code) in GTIN_LENGTHS
            and gtin_check_digit(code[:-1]) == int(code[-1]))


def canonical_gtin(code: str) -> str:
    """The canonical form of a GTIN of 8, 12, 13 or 14 ASCII digits (not checked here):
    13 digits, or 14 when the indicator digit is not zero."""
    padded = code.zfill(14)
    return padded[1:] if padded[0] == "0" else padded


def canonical_or_same(code: str) -> str:
    """``canonical_gtin`` of a valid GTIN; anything else unchanged (a store key that is
    not a GTIN stays what it is)."""
    return canonical_gtin(code) if is_valid_gtin(code) else code


def parse_gtin(raw: str) -> str:
    """A scanned or typed barcode in its canonical form (``canonical_gtin``), or
    ``InvalidBarcode``: one product has one key whatever length it was scanned in.
    """
    code = clean_scan(raw)
    if code and (not code.isascii() or not code.isdigit()):
        raise InvalidBarcode.from_code("barcode_non_digit")
    if len(code) not in GTIN_LENGTHS:
        raise InvalidBarcode.from_code("barcode_length")
    if gtin_check_digit(code[:-1]) != int(code[-1]):
        raise InvalidBarcode.from_code("barcode_checksum")
    return canonical_gtin(code)
