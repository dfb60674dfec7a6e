"""What the customer sees: one plain, Qt-free picture of the sale for the customer display.

The sale screen builds a ``CustomerView`` whenever its basket, split, household or phase
changes and publishes it; the second-screen window (``ui/customer_display.py``) and the
serial pole display (``devices/pole_display.py``) both render this one object, so they
can never disagree with each other or with what is recorded.

Phases: ``idle`` (between customers: the store's name), ``scanning`` (lines, no
household), ``identified`` (a household, with or without lines), ``paid`` (a payment
chosen, completing), ``completed`` (the new balance, until the next customer starts) and
``voided``.

Recorded: before a coupon sale completes, ``check_shown`` makes sure the display (when
one is configured) has shown the coupon amount being recorded; ``shown_extra`` is what
goes into the sale's journal entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import RuleViolation

Phase = Literal["idle", "scanning", "identified", "paid", "completed", "voided"]
PHASES: tuple[str, ...] = ("idle", "scanning", "identified", "paid", "completed", "voided")
EXTRA_KEY = "customer_shown"


@dataclass(frozen=True)
class ViewLine:
    name: str
    qty_milli: int
    weighed: bool
    amount_rials: int
    eligible: bool


@dataclass(frozen=True)
class CustomerView:
    phase: Phase
    store_name: str = ""
    lines: tuple[ViewLine, ...] = ()
    total_rials: int = 0
    coupon_rials: int = 0
    copay_rials: int = 0
    pays_rials: int = 0
    max_coupon_rials: int = 0
    balance_before_rials: int | None = None
    balance_after_rials: int | None = None
    receipt_no: str = ""
    txn_id: str = field(default="", repr=False)

    def figures(self) -> dict[str, Any]:
        """The figures the customer was shown, as recorded with the sale."""
        return {"phase": self.phase, "total_rials": self.total_rials,
                "coupon_rials": self.coupon_rials, "copay_rials": self.copay_rials,
                "pays_rials": self.pays_rials,
                "balance_before_rials": self.balance_before_rials,
                "balance_after_rials": self.balance_after_rials}


def build_view(*, lines: Any, split: Any | None, household: Any | None, paying: bool,
               outcome: Any | None, store_name: str = "") -> CustomerView:
    """The view from the sale screen's state (basket lines, ``Split``, ``HouseholdView``)."""
    if outcome is not None:
        sale = outcome.sale
        return CustomerView(
            "completed", store_name, _lines(sale.lines), sale.total_rials, sale.coupon_rials,
            sale.copay_rials, sale.total_rials - sale.coupon_rials, sale.coupon_rials,
            sale.balance_before_rials, sale.balance_after_rials, sale.receipt_no, sale.txn_id)
    if not lines and household is None:
        return CustomerView("idle", store_name)
    before = household.balance_rials if household is not None else None
    coupon = split.coupon_rials if split is not None else 0
    phase: Phase = "paid" if paying else ("identified" if household is not None else "scanning")
    return CustomerView(
        phase, store_name, _lines(lines),
        split.total_rials if split is not None else 0, coupon,
        split.copay_rials if split is not None else 0,
        split.remainder_rials if split is not None else 0,
        split.max_coupon_rials if split is not None else 0,
        before, None if before is None else before - coupon)


def voided(view: CustomerView, txn_id: str) -> CustomerView:
    """The display once a sale is voided: that sale's figures when it is the one shown
    (the coupon goes back, so the balance after is the balance before)."""
    if view.txn_id and view.txn_id == txn_id:
        return replace(view, phase="voided", balance_after_rials=view.balance_before_rials)
    return CustomerView("voided", view.store_name, txn_id=txn_id)


def _lines(lines: Any) -> tuple[ViewLine, ...]:
    return tuple(ViewLine(line.name, line.qty_milli, bool(getattr(line, "weighed", False)),
                          line.amount_rials, bool(getattr(line, "eligible", True)))
                 for line in lines)


def check_shown(view: CustomerView | None, coupon_rials: int, *,
                display_configured: bool) -> dict[str, str]:
    """Before a sale is recorded: the ``extra`` entries naming what the customer was shown.

    With a display configured, a coupon sale whose coupon amount is not the one last
    shown is refused (the customer must see the coupon before it is spent); nothing is
    recorded. Without a display, the figures (if any) are still recorded.
    """
    if display_configured and coupon_rials > 0 and (
            view is None or view.coupon_rials != coupon_rials):
        raise RuleViolation.from_code("coupon_not_shown")
    if view is None:
        return {}
    return {EXTRA_KEY: json.dumps(view.figures(), sort_keys=True)}


def shown_figures(extra: dict[str, str]) -> dict[str, Any] | None:
    """The recorded figures of a sale's ``extra`` (``None`` when nothing was shown)."""
    text = extra.get(EXTRA_KEY)
    if not text:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else None
