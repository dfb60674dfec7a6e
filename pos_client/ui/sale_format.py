"""What the sale screen writes, from the sale's figures: Qt-free (mypy strict).

The screen (``ui.sale_screen``) shows these; kept apart so the wording and its choices
are checked as strictly as the core.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..counter.checkout import PaymentChoice, SaleOutcome
from . import i18n
from .i18n import tr


class Named(Protocol):
    """A product as the lookups return it (``programme.Product``, a label-scale code's)."""

    @property
    def name(self) -> str: ...

    @property
    def name_en(self) -> str: ...


def product_name(product: Named) -> str:
    """The product's name in the cashier's language (Persian when no English one)."""
    return product.name if i18n.is_rtl() or not product.name_en else product.name_en


def names_text(names: Sequence[str]) -> str:
    return ("، " if i18n.is_rtl() else ", ").join(names)


def payment_text(choice: PaymentChoice | None, remainder_rials: int | None) -> str:
    """The payment chosen, under the split: the cash and its change, or the card's
    reference ("" when nothing is chosen or there is no split)."""
    if choice is None or remainder_rials is None:
        return ""
    match choice.kind:
        case "cash":
            tendered = (remainder_rials if choice.tendered_rials is None
                        else choice.tendered_rials)
            return tr("paid_cash", tendered=i18n.money(tendered),
                      change=i18n.money(tendered - remainder_rials))
        case "card":
            return tr("paid_card", ref=i18n.num(choice.card_reference))


def sale_done_text(result: SaleOutcome) -> tuple[str, i18n.Tone]:
    """The message once a sale is recorded, and its state for the message bar."""
    sale = result.sale
    key = f"sale_done_{result.mode}"
    receipt = i18n.num(sale.receipt_no)
    text = (tr(key, receipt=receipt) if key in i18n.TEXTS else
            tr("sale_done", receipt=receipt,
               message=i18n.pick(result.message_fa, result.message_en)))
    if sale.change_rials:
        text += " " + tr("sale_done_change", change=i18n.money(sale.change_rials))
    return text, "ok" if result.mode != "offline" else "warn"
