"""The basket and its split into coupon, copay and remainder (DOMAIN.md "How a sale is paid").

``coupon = min(spendable, max(0, eligible - copay))``; ``remainder = total - coupon``.
The copay is part of the price of the goods, never a fee on top: it sits inside the
remainder. The cashier may lower the coupon at the customer's request, never raise it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from .errors import InvalidInput, texts
from .money import check_price, check_qty_milli, line_amount

MAX_LINES = 500
Exclusion = Literal["", "not_on_apl", "price_above_max"]
# Where a kg line's weight came from: the scale, a label-scale barcode, or typed by hand
# (marked on the screen, the receipt and the journal). Piece lines have "".
WeightSource = Literal["", "scale", "label", "typed"]


@dataclass(frozen=True)
class Line:
    """One basket line. ``group`` is the APL group or None when not on the list."""

    gtin: str
    name: str
    qty_milli: int
    unit_price_rials: int
    group: str | None = None
    max_price_rials: int | None = None
    weighed: bool = False
    weight_source: WeightSource = ""

    def __post_init__(self) -> None:
        check_qty_milli(self.qty_milli)
        check_price(self.unit_price_rials)
        if not self.weighed and self.weight_source:
            object.__setattr__(self, "weight_source", "")
        elif self.weighed and not self.weight_source:  # nobody weighed it: taken as typed
            object.__setattr__(self, "weight_source", "typed")

    @property
    def amount_rials(self) -> int:
        return line_amount(self.unit_price_rials, self.qty_milli)

    @property
    def exclusion(self) -> Exclusion:
        """Why this line cannot be paid with the coupon ('' when it can)."""
        if self.group is None:
            return "not_on_apl"
        if self.max_price_rials is not None and self.unit_price_rials > self.max_price_rials:
            return "price_above_max"
        return ""

    @property
    def eligible(self) -> bool:
        return self.exclusion == ""

    @property
    def coupon_group(self) -> str | None:
        """The group sent to the service: None for a line paid by other means."""
        return self.group if self.eligible else None


EXCLUSION_TEXT = {
    "not_on_apl": texts("not_on_apl"),
    "price_above_max": texts("price_above_max:line"),
}


def exclusion_text(exclusion: Exclusion, language: str) -> str:
    if not exclusion:
        return ""
    fa, en = EXCLUSION_TEXT[exclusion]
    return fa if language == "fa" else en


@dataclass(frozen=True)
class Split:
    total_rials: int
    eligible_rials: int
    copay_rials: int
    coupon_rials: int
    max_coupon_rials: int
    remainder_rials: int


def compute_split(lines: list[Line] | tuple[Line, ...], *, spendable_rials: int,
                  round_copay_rials: int, coupon_limit_rials: int | None = None) -> Split:
    """The split of a basket. ``coupon_limit_rials`` is the cashier's lowered coupon."""
    total = sum(line.amount_rials for line in lines)
    eligible = sum(line.amount_rials for line in lines if line.eligible)
    max_coupon = min(max(0, spendable_rials), max(0, eligible - round_copay_rials))
    coupon = max_coupon if coupon_limit_rials is None else max(0, min(coupon_limit_rials,
                                                                      max_coupon))
    copay = round_copay_rials if coupon > 0 else 0
    return Split(total_rials=total, eligible_rials=eligible, copay_rials=copay,
                 coupon_rials=coupon, max_coupon_rials=max_coupon,
                 remainder_rials=total - coupon)


@dataclass
class Basket:
    """The lines being rung up, in scan order. A scan of the same piece item adds one."""

    lines: list[Line] = field(default_factory=list)
    voided: list[Line] = field(default_factory=list)  # lines voided in this sale, kept

    def add(self, line: Line) -> int:
        """Add ``line``; merge with the last line of the same piece item. Returns its index."""
        if (not line.weighed and self.lines and self.lines[-1].gtin == line.gtin
                and self.lines[-1].unit_price_rials == line.unit_price_rials):
            last = self.lines[-1]
            self.lines[-1] = replace(last, qty_milli=check_qty_milli(last.qty_milli + line.qty_milli))
            return len(self.lines) - 1
        if len(self.lines) >= MAX_LINES:
            raise InvalidInput.from_code("basket_full")
        self.lines.append(line)
        return len(self.lines) - 1

    def set_qty(self, index: int, qty_milli: int, source: WeightSource | None = None) -> None:
        """A new quantity; a kg line's weight is ``typed`` unless ``source`` says otherwise."""
        line = self.lines[index]
        weight_source: WeightSource = (source or "typed") if line.weighed else ""
        self.lines[index] = replace(line, qty_milli=check_qty_milli(qty_milli),
                                    weight_source=weight_source)

    def remove(self, index: int) -> Line:
        line = self.lines.pop(index)
        self.voided.append(line)
        return line

    def clear(self) -> None:
        self.lines.clear()
        self.voided.clear()

    def split(self, *, spendable_rials: int, round_copay_rials: int,
              coupon_limit_rials: int | None = None) -> Split:
        return compute_split(self.lines, spendable_rials=spendable_rials,
                             round_copay_rials=round_copay_rials,
                             coupon_limit_rials=coupon_limit_rials)
