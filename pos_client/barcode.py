"""Barcodes: GTIN-8/12/13/14 check digits and cleaning of scanner input."""

from __future__ import annotations

import re

from .errors import InvalidBarcode
from .money import to_ascii_digits

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\ufeff]")
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


def parse_gtin(raw: str) -> str:
    """A scanned or typed barcode as a GTIN-13/8/12/14 string, or ``InvalidBarcode``.

    GTIN-12 (UPC-A) is widened to GTIN-13 with a leading zero, so one product has one key.
    """
    code = clean_scan(raw)
    if code and (not code.isascii() or not code.isdigit()):
        raise InvalidBarcode("بارکد نامعتبر است: فقط رقم مجاز است. دوباره اسکن کنید.",
                             "Invalid barcode: digits only. Scan it again.",
                             code="barcode_non_digit")
    if len(code) not in GTIN_LENGTHS:
        raise InvalidBarcode("بارکد نامعتبر است: طول آن درست نیست. دوباره اسکن کنید.",
                             "Invalid barcode: wrong length. Scan it again.",
                             code="barcode_length")
    if gtin_check_digit(code[:-1]) != int(code[-1]):
        raise InvalidBarcode("بارکد نامعتبر است: رقم کنترل نادرست. دوباره اسکن کنید.",
                             "Invalid barcode: the check digit is wrong. Scan it again.",
                             code="barcode_checksum")
    return code.zfill(13) if len(code) == 12 else code
