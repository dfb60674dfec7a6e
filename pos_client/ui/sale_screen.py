"""The one sale screen: household right, basket centre, split left (UX.md).

The state of the sale lives here (basket, household, lowered coupon, payment) and every
action is one call on the counter: the blocking ones (identify, product lookups,
complete) through the runner, the pure one (quote) directly.

Where the sale is (editing, paying, completing, done) is one ``Phase`` (``ui.phase``):
every move goes through ``_move`` and the table there; what a key or a late answer may do
is asked of that module. A product whose lookup lands while the sale is being recorded
waits (``ui.completion``) and goes to the next sale (or back into this one if it is not
recorded): never into a basket already sent to be recorded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from ..counter.checkout import PaymentChoice
from ..domain.basket import Basket, Line, exclusion_text
from ..domain.customer_view import CustomerView, build_view
from ..domain.errors import InvalidInput
from . import i18n
from .basket_view import BasketView
from .completion import Completion
from .context import Context, Tone
from .held import HoldRecall
from .i18n import tr
from .panels import HouseholdPanel, SplitPanel
from .phase import (
    AnswerGoes,
    Phase,
    advance,
    after_payment_choice,
    customer_sees_paying,
    may_start_new_sale,
    payment_keys_enabled,
    refusal,
    where_answer_goes,
)
from .sale_dialogs import ask_coupon, ask_qty, open_search
from .sale_format import payment_text, product_name
from .weighing import Weigher


class SaleScreen(QWidget):
    customer_view_changed = Signal(object)  # CustomerView: what the customer display shows

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saleScreen")
        self.ctx = ctx
        self.basket = Basket()
        self.household: Any | None = None
        self.coupon_limit: int | None = None
        self.phase = Phase.EDITING
        self._payment: PaymentChoice | None = None
        self.outcome: Any | None = None  # the completed sale, until the next one starts
        self.split: Any = None
        self.weigher = Weigher(self)
        self.customer_view: CustomerView | None = None  # the last one published
        self.household_panel = HouseholdPanel()
        self.basket_view = BasketView()
        self.split_panel = SplitPanel()
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 8, 8)
        # Added in reading order: a right-to-left layout puts the first one on the right.
        self.household_panel.setFixedWidth(290)
        self.split_panel.setFixedWidth(370)
        row.addWidget(self.household_panel)
        row.addWidget(self.basket_view, 1)
        row.addWidget(self.split_panel)
        self.held = HoldRecall(self)
        self.completion = Completion(self)
        self._connect()
        self._refresh()

    # --- the phase --------------------------------------------------------------------------
    def _move(self, to: Phase) -> None:
        """The one way the phase changes: an illegal move raises (``phase.IllegalMove``)."""
        self.phase = advance(self.phase, to)

    @property
    def completing(self) -> bool:
        return self.phase is Phase.COMPLETING

    @property
    def payment(self) -> PaymentChoice | None:
        return self._payment

    @payment.setter
    def payment(self, choice: PaymentChoice | None) -> None:
        """Choosing or dropping the payment moves an open sale between editing and paying."""
        self._payment = choice
        target = after_payment_choice(self.phase, choice is not None)
        if target is not self.phase:
            self._move(target)

    def taking_payment(self, busy: bool) -> None:
        """The card reader is taking the money (``busy``): the basket is frozen meanwhile."""
        if busy and not self.completing:
            self._move(Phase.COMPLETING)
        elif not busy and self.completing:
            self._move(Phase.PAYING if self.payment is not None else Phase.EDITING)
            self.completion.take_waiting()
        self._refresh()

    def hold_basket(self) -> None:
        """Ctrl+H: set the basket aside and start the next sale."""
        self.held.hold()

    def recall_basket(self) -> None:
        """Ctrl+B: bring a held basket back."""
        self.held.recall()

    # --- wiring ---------------------------------------------------------------------------
    def _connect(self) -> None:
        hp, bv, sp = self.household_panel, self.basket_view, self.split_panel
        # Lambdas: a button's clicked(bool) must not land in an optional argument.
        hp.customer_input.returnPressed.connect(lambda: self.identify())
        hp.identify_button.clicked.connect(lambda: self.identify())
        hp.slip_button.clicked.connect(lambda: self.balance_slip())
        hp.hold_button.clicked.connect(lambda: self.hold_basket())
        hp.recall_button.clicked.connect(lambda: self.recall_basket())
        bv.scan_input.returnPressed.connect(lambda: self._scan_typed())
        bv.search_button.clicked.connect(lambda: self.search())
        bv.qty_button.clicked.connect(lambda: self.change_qty())
        bv.void_line_button.clicked.connect(lambda: self.void_line())
        bv.scale_button.clicked.connect(lambda: self.read_scale())
        sp.coupon_button.clicked.connect(lambda: self.lower_coupon())
        sp.cash_button.clicked.connect(lambda: self.pay_cash())
        sp.card_button.clicked.connect(lambda: self.pay_card())
        sp.complete_button.clicked.connect(lambda: self.complete())

    def _take_keys(self) -> None:
        """Bring the keys to the till when nothing has them (a dialog just closed), never
        away from another window that has them (the manager's screen during its Z)."""
        if QApplication.activeWindow() is None:
            self.window().activateWindow()

    def focus_scan(self) -> None:
        self._take_keys()
        self.basket_view.scan_input.setFocus()

    def focus_customer(self) -> None:
        self._take_keys()
        self.household_panel.customer_input.setFocus()
        self.household_panel.customer_input.selectAll()

    # --- the sale's life ------------------------------------------------------------------
    def new_sale(self, *, announce: bool = True) -> None:
        if self.completing:
            self.ctx.say(tr("still_working"), "warn")
            return
        self.weigher.drop_basket(self.basket, sold=self.outcome is not None)
        self.basket.clear()
        self.weigher.armed = False
        self.household = None
        self.coupon_limit = None
        self._payment = None
        self.outcome = None
        self._move(Phase.EDITING)
        self.household_panel.customer_input.clear()
        self.household_panel.show_household(None)
        self._refresh()
        self.focus_scan()
        if announce:
            self.ctx.say(tr("new_sale_started"), "")

    def _begin_if_done(self) -> None:
        """The next scan or customer after a completed sale starts a new sale."""
        if may_start_new_sale(self.phase):
            self.new_sale(announce=False)

    def _editable(self) -> bool:
        key = refusal(self.phase)
        if key is not None:
            self.ctx.say(tr(key), "warn")
            return False
        return True

    def _refresh(self, select: int | None = None) -> None:
        self.split = self.ctx.counter.quote(list(self.basket.lines), self.household,
                                            self.coupon_limit) if self.basket.lines else None
        self.basket_view.show_lines(self.basket.lines, select)
        self.split_panel.show_split(self.split)
        self._show_payment()
        enabled = payment_keys_enabled(self.phase, bool(self.basket.lines))
        for widget in (self.split_panel.cash_button, self.split_panel.card_button,
                       self.split_panel.complete_button, self.split_panel.coupon_button):
            widget.setEnabled(enabled)
        self.split_panel.cash_button.setChecked(self.payment is not None
                                                and self.payment.kind == "cash")
        self.split_panel.card_button.setChecked(self.payment is not None
                                                and self.payment.kind == "card")
        self._publish()

    def _publish(self) -> None:
        view = build_view(lines=self.basket.lines, split=self.split, household=self.household,
                          paying=customer_sees_paying(self.phase),
                          outcome=self.outcome)
        if view != self.customer_view:
            self.customer_view = view
            self.customer_view_changed.emit(view)

    def _show_payment(self) -> None:
        remainder = None if self.split is None else self.split.remainder_rials
        self.split_panel.payment.setText(payment_text(self.payment, remainder))

    # --- household ------------------------------------------------------------------------
    def identify(self, text: str | None = None) -> None:
        if self.completing:
            self.ctx.say(tr("still_working"), "warn")
            return
        field = self.household_panel.customer_input
        typed = field.text() if text is None else text
        if not typed.strip():
            self.focus_customer()
            return
        if (text is None and self.household is not None and self.phase is not Phase.DONE
                and typed == i18n.ident(self.household.masked)):
            self.focus_scan()  # Enter on the identity shown: the same household
            return
        self._begin_if_done()
        if text is not None:
            field.setText("")  # a swipe never shows its card number
        # A new identity replaces the household at once: until the answer comes (and for
        # good if it is refused) the panel, the split and F12 know of no household.
        self._forget_household()
        self.ctx.say(tr("identifying"), "")
        self.ctx.runner.run(lambda: self.ctx.counter.identify(typed), self._identified,
                            self._identify_failed)

    def _identified(self, household: Any) -> None:
        match where_answer_goes(self.phase):  # the rule for a product found late, too
            case AnswerGoes.WAIT:
                self.completion.waiting_household = household
                return
            case AnswerGoes.NEXT_SALE:
                self.new_sale(announce=False)
            case AnswerGoes.THIS_SALE:
                pass
        self.household = household
        self.coupon_limit = None
        self.household_panel.customer_input.setText(i18n.ident(household.masked))
        self.household_panel.show_household(household)
        self._refresh()
        if household.can_use_coupon:
            self.ctx.say(tr("identified", masked=i18n.ident(household.masked),
                            amount=i18n.money(household.spendable_rials)), "ok")
        else:
            reason = i18n.pick(household.reason_fa, household.reason_en)
            self.ctx.say(tr("identified_no_coupon", masked=i18n.ident(household.masked),
                            reason=reason),
                         "bad")
        self.focus_scan()

    def _forget_household(self) -> None:
        if self.household is None:
            return
        self.household = None
        self.coupon_limit = None
        self.payment = None
        self.household_panel.show_household(None)
        self._refresh()

    def _identify_failed(self, exc: BaseException) -> None:
        self._forget_household()
        self.ctx.fail(exc)
        self.focus_customer()

    def balance_slip(self) -> None:
        if self.household is None:
            self.ctx.say(tr("slip_needs_household"), "warn")
            self.focus_customer()
            return
        household = self.household
        self.ctx.runner.run(lambda: self.ctx.counter.balance_slip(household),
                            lambda _doc: self.ctx.say(tr("slip_printing"), "ok"), self.ctx.fail)

    # --- basket ---------------------------------------------------------------------------
    def _scan_typed(self) -> None:
        text = self.basket_view.scan_input.text()
        self.basket_view.scan_input.clear()
        if text.strip():
            self.scan(text)

    def scan(self, text: str) -> None:
        """A barcode, scanned or typed: looked up in order, then added to the basket (while
        a sale is being recorded, its answer waits for the next sale: ``add_product``)."""
        self._begin_if_done()
        self.ctx.runner.run(lambda: self.ctx.counter.product(text), self.add_product,
                            self.ctx.fail, lane="basket")

    def add_product(self, product: Any) -> None:
        """A product found: into this sale, or (the sale is being recorded) waiting for the
        next one, or (the last sale is done) into a new sale."""
        match where_answer_goes(self.phase):
            case AnswerGoes.WAIT:
                self.completion.waiting.append(product)
                self.ctx.say(tr("added_next_sale", name=product_name(product)), "warn")
                return
            case AnswerGoes.NEXT_SALE:
                self.new_sale(announce=False)
            case AnswerGoes.THIS_SALE:
                pass
        name = product_name(product)
        labelled = getattr(product, "label_qty_milli", 0)  # a label-scale code's weight
        line = Line(product.gtin, name, labelled or 1000, product.price_rials,
                    group=product.group, max_price_rials=product.max_price_rials,
                    weighed=product.weighed, weight_source="label" if labelled else "")
        try:
            index = self.basket.add(line)
        except InvalidInput as exc:
            self.ctx.fail(exc)
            return
        self.payment = None
        self._refresh(select=index)
        state: Tone = "" if line.eligible else "warn"
        self.ctx.say(tr("added", name=name) if line.eligible else
                     tr("added", name=name) + " " + _exclusion(line), state)
        if line.weighed and not labelled:
            if self.weigher.armed:
                self.weigher.weigh_into(self.basket.lines[index])
            else:
                self.change_qty()

    def _line_to_edit(self) -> int | None:
        """The selected basket row, if there is one and the sale may still change."""
        row = self.basket_view.selected_row()
        if row is None:
            self.ctx.say(tr("no_line"), "warn")
            return None
        return row if self._editable() else None

    def change_qty(self) -> None:
        """F4 (see ``ui.sale_dialogs``)."""
        row = self._line_to_edit()
        if row is not None:
            ask_qty(self, row)

    def read_scale(self) -> None:
        """F7 (see ``ui.weighing``)."""
        self.weigher.read_scale()

    def void_line(self) -> None:
        row = self._line_to_edit()
        if row is None:
            return
        line = self.basket.remove(row)
        self.payment = None
        self._refresh(select=min(row, len(self.basket.lines) - 1))
        self.ctx.say(tr("line_voided", name=line.name), "")

    def search(self) -> None:
        """F3 (see ``ui.sale_dialogs``)."""
        if not self.completing:
            open_search(self)

    # --- split and payment ----------------------------------------------------------------
    def lower_coupon(self) -> None:
        """F5 (see ``ui.sale_dialogs``)."""
        if self.split is not None and self._editable():
            ask_coupon(self)

    def _ready_to_pay(self) -> bool:
        if not self.basket.lines:
            self.ctx.say(tr("empty_basket"), "warn")
            self.focus_scan()
            return False
        return self._editable()

    def pay_cash(self) -> None:
        """F9 (see ``ui.completion``)."""
        self.completion.pay_cash()

    def pay_card(self) -> None:
        """F10 (see ``ui.completion``)."""
        self.completion.pay_card()

    def complete(self, dialog: Any = None) -> None:
        """F12: record the sale (see ``ui.completion``)."""
        self.completion.complete(dialog)


def _exclusion(line: Line) -> str:
    return exclusion_text(line.exclusion, i18n.language())
