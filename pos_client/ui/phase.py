"""The sale screen's phase: one enum, one table of moves, and the decisions read from it.

Qt-free (mypy strict): the screen keeps its phase here and asks these functions what a
key, a scan or a late answer may do, instead of reading a ``completing`` flag, an
``outcome is None`` and a ``payment is not None`` together.

- ``editing``: the basket is open; no payment chosen.
- ``paying``: a payment is chosen (cash tendered, a card's reference) but the sale is not
  recorded yet; changing the basket drops the choice (back to ``editing``).
- ``completing``: the sale is being recorded (or the card reader is taking its money):
  the basket is frozen. A product whose lookup lands now (or a household whose
  identification does) waits, and goes to the next sale if this one is recorded, or to
  this one if it is not.
- ``done``: the sale is recorded and shown; the next scan or customer starts a new sale.

See the drawing in ``docs/architecture.md``.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    EDITING = "editing"
    PAYING = "paying"
    COMPLETING = "completing"
    DONE = "done"


P = Phase
# (from, to) -> what makes that move. Nothing else is allowed.
TRANSITIONS: dict[tuple[Phase, Phase], str] = {
    (P.EDITING, P.EDITING): "a new sale over an open basket",
    (P.EDITING, P.PAYING): "cash tendered or a card's reference typed",
    (P.EDITING, P.COMPLETING): "F12 with nothing left to pay, or the card reader starts",
    (P.PAYING, P.PAYING): "another payment chosen",
    (P.PAYING, P.EDITING): "the basket changed, Esc, or a new sale: the choice is dropped",
    (P.PAYING, P.COMPLETING): "the sale is sent to be recorded",
    (P.COMPLETING, P.DONE): "the sale is recorded",
    (P.COMPLETING, P.PAYING): "recording failed, the payment stands (or the card paid)",
    (P.COMPLETING, P.EDITING): "recording failed and the payment is dropped, or the card "
                               "reader did not take the money",
    (P.DONE, P.EDITING): "the next scan, customer or Ctrl+N starts a new sale",
}


class IllegalMove(RuntimeError):
    """The screen tried a move the table does not allow: a bug, never the cashier's."""

    def __init__(self, old: Phase, new: Phase) -> None:
        super().__init__(f"sale screen: {old} -> {new} is not allowed")
        self.old, self.new = old, new


def advance(old: Phase, new: Phase) -> Phase:
    """The new phase, if the table allows the move; ``IllegalMove`` otherwise."""
    if (old, new) not in TRANSITIONS:
        raise IllegalMove(old, new)
    return new


def after_payment_choice(phase: Phase, chosen: bool) -> Phase:
    """The phase once a payment is chosen (``chosen``) or dropped: only an open sale's
    phase follows its payment; a sale being recorded or recorded keeps its phase."""
    match phase:
        case Phase.EDITING | Phase.PAYING:
            return Phase.PAYING if chosen else Phase.EDITING
        case Phase.COMPLETING | Phase.DONE:
            return phase


def refusal(phase: Phase) -> str | None:
    """Why the basket, the household or the payment may not change now (a message key),
    or None when they may."""
    match phase:
        case Phase.EDITING | Phase.PAYING:
            return None
        case Phase.COMPLETING:
            return "still_working"
        case Phase.DONE:
            return "sale_locked"


class AnswerGoes(StrEnum):
    """Where a late answer goes: a product found, or a household identified, after the
    scan or the identity was sent off."""

    THIS_SALE = "this_sale"
    WAIT = "wait"  # until the sale being recorded is recorded, or is not
    NEXT_SALE = "next_sale"


def where_answer_goes(phase: Phase) -> AnswerGoes:
    match phase:
        case Phase.EDITING | Phase.PAYING:
            return AnswerGoes.THIS_SALE
        case Phase.COMPLETING:
            return AnswerGoes.WAIT
        case Phase.DONE:
            return AnswerGoes.NEXT_SALE


def waiting_go_to(phase: Phase) -> AnswerGoes:
    """Where the products that waited go once completing ends in ``phase``."""
    match phase:
        case Phase.DONE:
            return AnswerGoes.NEXT_SALE
        case Phase.EDITING | Phase.PAYING:
            return AnswerGoes.THIS_SALE
        case Phase.COMPLETING:
            return AnswerGoes.WAIT


def may_start_new_sale(phase: Phase) -> bool:
    """A scan or a customer starts a new sale only after one is recorded."""
    return phase is Phase.DONE


def payment_keys_enabled(phase: Phase, has_lines: bool) -> bool:
    """Cash, card, complete and lower-coupon: a basket with lines, not yet recorded."""
    match phase:
        case Phase.EDITING | Phase.PAYING:
            return has_lines
        case Phase.COMPLETING | Phase.DONE:
            return False


def customer_sees_paying(phase: Phase) -> bool:
    """The customer display shows the payment once it is chosen until the sale is done."""
    return phase in (Phase.PAYING, Phase.COMPLETING)
