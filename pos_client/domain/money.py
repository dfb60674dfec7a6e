"""Money is whole rials (``int``); quantities are ``int`` thousandths.

No float ever touches an amount: rounding is integer arithmetic, half-up.
"""

from __future__ import annotations

from typing import Literal

from .errors import InvalidPrice, InvalidQuantity

MAX_PRICE_RIALS = 10**12
MAX_QTY_MILLI = 999_000  # 999 kg or 999 pieces
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_THOUSANDS = "٬"  # U+066C ARABIC THOUSANDS SEPARATOR
PERSIAN_DECIMAL = "٫"  # U+066B ARABIC DECIMAL SEPARATOR
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)
_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, "0123456789" * 2)

Unit = Literal["rial", "toman"]
Digits = Literal["fa", "en"]


def div_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half away from zero, in integers."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def line_amount(unit_price_rials: int, qty_milli: int) -> int:
    """Amount of a line: unit price x quantity (thousandths), half-up to the rial."""
    return div_half_up(unit_price_rials * qty_milli, 1000)


def check_price(price_rials: int) -> int:
    if isinstance(price_rials, bool) or not isinstance(price_rials, int):
        raise InvalidPrice.from_code("price_invalid:not_whole")
    if price_rials <= 0:
        raise InvalidPrice.from_code("price_invalid:not_positive")
    if price_rials > MAX_PRICE_RIALS:
        raise InvalidPrice.from_code("price_invalid:too_large")
    return price_rials


def check_qty_milli(qty_milli: int) -> int:
    if isinstance(qty_milli, bool) or not isinstance(qty_milli, int):
        raise InvalidQuantity.from_code("qty_invalid:not_valid")
    if qty_milli <= 0:
        raise InvalidQuantity.from_code("qty_invalid:not_positive")
    if qty_milli > MAX_QTY_MILLI:
        raise InvalidQuantity.from_code("qty_invalid:over_999")
    return qty_milli


def _ascii_digits(text: str) -> bool:
    """Only 0-9 after normalising: ``str.isdigit`` also takes superscripts ("²") and other
    scripts' digits, which ``int`` then refuses or reads as a number nobody typed."""
    return text.isascii() and text.isdigit()


def to_ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def to_persian_digits(text: str) -> str:
    return text.translate(_TO_PERSIAN)


def parse_qty(text: str, *, weighed: bool) -> int:
    """A typed quantity ("2", "1.5", "۱٫۲۵۰") as thousandths; at most 3 decimals.

    Pieces must be whole; weighed goods (kg) take up to three decimals.
    """
    cleaned = to_ascii_digits(text.strip()).replace(PERSIAN_DECIMAL, ".").replace("/", ".")
    cleaned = cleaned.replace(",", ".")
    whole, dot, frac = cleaned.partition(".")
    if not whole and not frac:
        raise InvalidQuantity.from_code("qty_invalid:empty")
    if not _ascii_digits(whole or "0") or (dot and not _ascii_digits(frac)):
        raise InvalidQuantity.from_code("qty_invalid:not_a_number")
    if len(frac) > 3:
        raise InvalidQuantity.from_code("qty_invalid:three_decimals")
    qty = int(whole or "0") * 1000 + int((frac or "0").ljust(3, "0"))
    if not weighed and qty % 1000:
        raise InvalidQuantity.from_code("qty_invalid:whole_number")
    return check_qty_milli(qty)


def group_thousands(value: int, separator: str) -> str:
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", separator)


def format_amount(rials: int, *, digits: Digits = "fa", unit: Unit = "rial",
                  with_unit: bool = True, language: str | None = None) -> str:
    """Rials for display: ``۱۲٬۰۰۰٬۰۰۰ ریال`` or ``12,000,000 rials``.

    Toman is display only (rials / 10, half-up); data stays in rials.
    """
    value = div_half_up(rials, 10) if unit == "toman" else rials
    lang = language or digits
    if digits == "fa":
        text = to_persian_digits(group_thousands(value, PERSIAN_THOUSANDS))
    else:
        text = group_thousands(value, ",")
    if not with_unit:
        return text
    if lang == "fa":
        return f"{text} {'تومان' if unit == 'toman' else 'ریال'}"
    return f"{text} {'toman' if unit == 'toman' else 'rials'}"


def format_qty(qty_milli: int, *, weighed: bool, digits: Digits = "fa") -> str:
    """Quantity for display: ``2`` for pieces, ``1.250`` for kilograms."""
    if weighed or qty_milli % 1000:
        text = f"{qty_milli // 1000}.{qty_milli % 1000:03d}"
        if digits == "fa":
            return to_persian_digits(text.replace(".", PERSIAN_DECIMAL))
        return text
    text = str(qty_milli // 1000)
    return to_persian_digits(text) if digits == "fa" else text
