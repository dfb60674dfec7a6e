"""Label-scale barcodes: EAN-13 with an in-store prefix (20-29) carrying a PLU and a weight
or a price, laid out as ``[scale] label_layout`` says (docs/scales.md).

A layout names every digit of the code: a digit is itself (the prefix), ``X`` is any
digit, ``P`` the PLU, ``W`` the weight in grams (thousandths of a kg), ``$`` the price (in
the terminal's money unit), ``V`` the price's own check digit (GS1 General Specifications
7.9.4, for a 4- or 5-digit price), ``C`` the EAN-13 check digit. A 12-character layout as
scale vendors print it (``2PPPPPWWWWWC``) names the flag digit ``2`` once: the digit after
it may be any, so the layout reads all of 20-29.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .barcode import gtin_check_digit
from .errors import InvalidBarcode, UserFacingError
from .money import to_ascii_digits

# GS1 weighting factors for a price check digit, as digit -> weighted product digit.
_W2M = (0, 2, 4, 6, 8, 9, 1, 3, 5, 7)  # "2-"
_W3 = (0, 3, 6, 9, 2, 5, 8, 1, 4, 7)  # "3"
_W5P = (0, 5, 1, 6, 2, 7, 3, 8, 4, 9)  # "5+"
_W5M = (0, 5, 9, 4, 8, 3, 7, 2, 6, 1)  # "5-"


class LabelLayoutError(UserFacingError):
    code = "label_layout_invalid"


@dataclass(frozen=True)
class LabelLayout:
    pattern: str  # 13 characters
    plu: tuple[int, int]  # slice
    value: tuple[int, int]
    kind: Literal["weight", "price"]
    price_check: int | None  # index of V

    def prefix_matches(self, code: str) -> bool:
        return all(c == "X" or not c.isdigit() or code[i] == c
                   for i, c in enumerate(self.pattern)) and code[0] == "2"


@dataclass(frozen=True)
class LabelCode:
    plu: str
    weight_milli: int | None = None
    price: int | None = None  # in the label's money unit


def _run(pattern: str, char: str) -> tuple[int, int] | None:
    found = [m.span() for m in re.finditer(re.escape(char) + "+", pattern)]
    if len(found) > 1:
        raise LabelLayoutError.from_code("label_layout_invalid:apart", char=char)
    return found[0] if found else None


def parse_layout(text: str) -> LabelLayout:
    pattern = text.strip().upper()
    if len(pattern) == 12 and pattern.startswith("2"):
        pattern = "2X" + pattern[1:]
    if len(pattern) != 13 or not re.fullmatch(r"[0-9XPW$VC]+", pattern):
        raise LabelLayoutError.from_code("label_layout_invalid:length")
    if not pattern.startswith("2"):
        raise LabelLayoutError.from_code("label_layout_invalid:prefix")
    if pattern[-1] != "C" or pattern.count("C") != 1:
        raise LabelLayoutError.from_code("label_layout_invalid:check_digit")
    plu = _run(pattern, "P")
    weight, price = _run(pattern, "W"), _run(pattern, "$")
    if plu is None or (weight is None) == (price is None):
        raise LabelLayoutError.from_code("label_layout_invalid:fields")
    value = weight or price
    assert value is not None
    check = pattern.find("V")
    if check >= 0 and (price is None or pattern.count("V") != 1
                       or value[1] - value[0] not in (4, 5)):
        raise LabelLayoutError.from_code("label_layout_invalid:price_check")
    return LabelLayout(pattern, plu, value, "weight" if weight else "price",
                       check if check >= 0 else None)


def price_check_digit(price: str) -> int:
    """The GS1 check digit of a 4- or 5-digit price field."""
    digits = [int(d) for d in price]
    if len(digits) == 4:
        total = _W2M[digits[0]] + _W2M[digits[1]] + _W3[digits[2]] + _W5M[digits[3]]
        return (total * 3) % 10
    if len(digits) == 5:
        total = (_W5P[digits[0]] + _W2M[digits[1]] + _W5M[digits[2]] + _W5P[digits[3]]
                 + _W2M[digits[4]])
        return _W5M.index((10 - total % 10) % 10)
    raise ValueError("a price check digit covers 4 or 5 digits")


def decode_label(text: str, layout: LabelLayout) -> LabelCode | None:
    """The PLU and weight or price of an in-store label code; None for any other code."""
    code = to_ascii_digits(text.strip())
    if len(code) != 13 or not code.isascii() or not code.isdigit() \
            or not layout.prefix_matches(code):
        return None
    if gtin_check_digit(code[:12]) != int(code[12]):
        raise InvalidBarcode.from_code("label_checksum")
    start, end = layout.value
    field = code[start:end]
    if layout.price_check is not None and price_check_digit(field) != int(
            code[layout.price_check]):
        raise InvalidBarcode.from_code("label_price_checksum")
    plu = code[layout.plu[0]:layout.plu[1]].lstrip("0") or "0"
    amount = int(field)
    if amount <= 0:
        raise InvalidBarcode.from_code("label_zero")
    if layout.kind == "weight":
        return LabelCode(plu, weight_milli=amount)
    return LabelCode(plu, price=amount)
