"""What the void and reprint lists say: a sale's state, the money a void gives back, and
the reprint's notice. Qt-free (mypy strict); ``ui.sale_picker`` shows them.

A sale's state is read from the one field ``Sale.state`` (``pos_client.domain.sale.SaleState``):
a voided sale says "voided" whatever the service answered before the void.
"""

from __future__ import annotations

from typing import Protocol

from ..domain.money import to_ascii_digits
from ..domain.sale import SaleState
from . import i18n
from .i18n import tr


class _Stated(Protocol):
    @property
    def state(self) -> SaleState: ...

    @property
    def receipt_no(self) -> str: ...


class _Refund(Protocol):
    @property
    def sale(self) -> _Stated: ...

    @property
    def cash_rials(self) -> int: ...

    @property
    def card_rials(self) -> int: ...

    @property
    def coupon_rials(self) -> int: ...


def state_text(state: SaleState) -> str:
    """A state as the lists show it."""
    match state:
        case SaleState.NO_COUPON:
            return tr("status_no_coupon")
        case SaleState.APPROVED:
            return tr("status_approved")
        case SaleState.STAND_IN:
            return tr("status_stand_in")
        case SaleState.REJECTED:
            return tr("status_rejected")
        case SaleState.DECLINED:
            return tr("status_declined")
        case SaleState.VOIDED:
            return tr("status_voided")


def sale_state_text(sale: _Stated) -> str:
    """A sale's state as the lists show it (``Sale.state``)."""
    return state_text(sale.state)


def digits_of(text: str) -> str:
    return "".join(c for c in to_ascii_digits(text) if c.isdigit())


def void_done_text(refund: _Refund) -> str:
    """What the cashier is told after a void: the coupon back, and the money to give."""
    money = []
    if refund.cash_rials:
        money.append(tr("sales_give_cash", amount=i18n.money(refund.cash_rials)))
    if refund.card_rials:
        money.append(tr("sales_give_card", amount=i18n.money(refund.card_rials)))
    return tr("sales_void_done", receipt=i18n.num(refund.sale.receipt_no),
              coupon=i18n.money(refund.coupon_rials),
              money=" ".join(money) or tr("sales_give_nothing"))


def reprint_sent_text(sale: _Stated) -> str:
    receipt = i18n.num(sale.receipt_no)
    if sale.state is SaleState.VOIDED:
        return tr("sales_reprint_voided", receipt=receipt)
    return tr("reprint_sent", receipt=receipt)
