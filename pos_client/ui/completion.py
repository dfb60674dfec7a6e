"""Paying and recording a sale: the payment dialogs, F12, and the answers that land
while the sale is being recorded (``phase.completing``).

``Completion`` belongs to one ``SaleScreen`` (as ``HoldRecall`` and ``Weigher`` do). A
product found or a household identified while the sale is being recorded waits here
(``waiting``, ``waiting_household``) and goes to the next sale once this one is recorded,
or back into this one if it is not: never into a basket already sent to be recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..counter.checkout import PaymentChoice, SplitChanged
from . import i18n
from .dialogs import CardDialog, TenderDialog
from .i18n import tr
from .phase import AnswerGoes, Phase, waiting_go_to
from .sale_format import names_text, product_name, sale_done_text

if TYPE_CHECKING:
    from .sale_screen import SaleScreen


class Completion:
    def __init__(self, screen: SaleScreen) -> None:
        self.screen = screen
        self.waiting: list[Any] = []  # products whose lookup landed while completing
        self.waiting_household: Any | None = None  # the same for an identification

    def pay_cash(self) -> None:
        if not self.screen._ready_to_pay():
            self.screen._refresh()
            return
        dialog = TenderDialog(self.screen, self.screen.split.remainder_rials)
        self._pay_dialog(dialog, lambda v: PaymentChoice("cash", tendered_rials=v["tendered_rials"]))

    def pay_card(self) -> None:
        if not self.screen._ready_to_pay():
            self.screen._refresh()
            return
        if self.screen.split.remainder_rials == 0:
            self.screen.payment = PaymentChoice("card")
            self.complete()
            return
        cards = getattr(self.screen.ctx.counter, "cards", None)
        if cards is not None and cards.enabled:  # [card_terminal]: the reader takes the rest
            from .card_reader import CardReaderFlow
            CardReaderFlow(self.screen).start()
            return
        dialog = CardDialog(self.screen, self.screen.split.remainder_rials)
        self._pay_dialog(dialog, lambda v: PaymentChoice("card", card_reference=v["card_reference"]))

    def _pay_dialog(self, dialog: Any, choice: Any) -> None:
        def submitted(values: dict[str, Any]) -> None:
            self.screen.payment = choice(values)
            self.screen._refresh()
            self.complete(dialog)
        dialog.submitted.connect(submitted)
        dialog.rejected.connect(self.screen._refresh)
        dialog.finished.connect(lambda _r: self.screen.focus_scan())
        dialog.open()

    def complete(self, dialog: Any = None) -> None:
        """F12: record the sale. Without a payment chosen, cash is asked for (Enter = exact)."""
        if not self.screen._ready_to_pay():
            return
        if self.screen.payment is None:
            if self.screen.split.remainder_rials:
                self.pay_cash()
                return
            self.screen.payment = PaymentChoice("cash")
        lines, household, payment = list(self.screen.basket.lines), self.screen.household, self.screen.payment
        voided = list(self.screen.basket.voided)
        coupon = self.screen.split.coupon_rials
        self.screen._move(Phase.COMPLETING)
        if dialog is not None:
            dialog.set_busy(True)
        self.screen._refresh()
        shown = self.screen.customer_view
        self.screen.ctx.say(tr("completing"), "")
        self.screen.ctx.runner.run(
            lambda: self.screen.ctx.counter.complete(lines, household, coupon_rials=coupon,
                                              payment=payment, voided_lines=voided,
                                              shown_view=shown),
            lambda result: self._completed(result, dialog),
            lambda exc: self._complete_failed(exc, dialog))

    def take_waiting(self) -> None:
        """Completing has ended: what waited goes to the next sale (this one is recorded)
        or into this one (it was not)."""
        waiting, self.waiting = self.waiting, []
        household, self.waiting_household = self.waiting_household, None
        if not waiting and household is None:
            return
        match waiting_go_to(self.screen.phase):
            case AnswerGoes.NEXT_SALE:
                self.screen.new_sale(announce=False)
            case AnswerGoes.THIS_SALE | AnswerGoes.WAIT:
                pass
        if household is not None:
            self.screen._identified(household)
        for product in waiting:
            self.screen.add_product(product)

    def _completed(self, result: Any, dialog: Any) -> None:
        self.screen.outcome = result
        self.screen._move(Phase.DONE)
        if dialog is not None:
            dialog.accept()
        self.screen._refresh()
        text, state = sale_done_text(result)
        self.screen.ctx.say(text, state)
        if self.waiting or self.waiting_household is not None:
            said = [text]
            if self.waiting_household is not None:
                said.append(tr("next_sale_for",
                               masked=i18n.ident(self.waiting_household.masked)))
            if self.waiting:
                said.append(tr("next_sale_has",
                               names=names_text([product_name(p) for p in self.waiting])))
            self.take_waiting()
            self.screen.ctx.say(" ".join(said), state)
        self.screen.focus_scan()

    def _complete_failed(self, exc: BaseException, dialog: Any) -> None:
        self.screen._move(Phase.PAYING if self.screen.payment is not None else Phase.EDITING)
        if isinstance(exc, SplitChanged):
            self.screen.household = exc.household
            self.screen.household_panel.show_household(exc.household)
            self.screen.coupon_limit = None
            self.screen.payment = None
            self.take_waiting()
            self.screen._refresh()
            text = tr("split_changed", amount=i18n.money(exc.household.spendable_rials))
            self.screen.ctx.say(text, "bad")
            if dialog is not None:
                dialog.reject()
            return
        text = self.screen.ctx.fail(exc)
        if dialog is not None:
            dialog.show_error(text)
        self.take_waiting()
        self.screen._refresh()
