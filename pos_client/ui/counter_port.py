"""What the window asks of the counter: the part of ``pos_client.counter.Counter`` the screens
call, as a ``Protocol``. mypy checks every call the screens make against it, and checks
that ``Counter`` provides it where the window is built (``app.build_window``). A test may
hand the window any object with these members.

No Qt here: this is the seam between the window and the core.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .. import reports
    from ..counter import CounterStatus
    from ..counter.card_payment import CardDesk
    from ..counter.checkout import HouseholdView, PaymentChoice, SaleOutcome
    from ..counter.events import CounterEvent
    from ..counter.scale import Weighing
    from ..domain.basket import Line, Split
    from ..domain.customer_view import CustomerView
    from ..domain.receipt_voids import VoidRefund
    from ..domain.receipts import ReceiptDoc, StoreInfo
    from ..domain.sale import Sale
    from ..settings.config import Settings
    from ..store import Product, Shift, TillState, User
    from ..store.held import HeldBasket
    from ..store.models import SetAsideItem


class CounterPort(Protocol):
    """The counter as the window sees it. Methods marked *blocking* in ``Counter`` run on
    the window's ``Runner``, never on the GUI thread."""

    @property
    def settings(self) -> Settings: ...

    @property
    def user(self) -> User | None: ...

    @property
    def cards(self) -> CardDesk: ...

    # --- events and status
    def subscribe(self, callback: Callable[[CounterEvent], None]) -> None: ...

    def status(self) -> CounterStatus: ...

    def store_info(self) -> StoreInfo: ...

    # --- people, shifts and days
    def login(self, pin: str) -> User: ...

    def logout(self) -> None: ...

    def manager(self, pin: str) -> User: ...

    def needs_shift(self) -> bool: ...

    def till_state(self) -> TillState: ...

    def open_shift(self, opening_cash_rials: int) -> Shift: ...

    # --- the sale
    def product(self, barcode_text: str) -> Product: ...

    def search_products(self, text: str, limit: int = 20) -> list[Product]: ...

    def line_for(self, product: Product, qty_milli: int = 1000) -> Line: ...

    def read_scale(self) -> Weighing: ...

    def identify(self, text: str) -> HouseholdView: ...

    def quote(self, lines: Sequence[Line], household: HouseholdView | None,
              coupon_limit_rials: int | None = None) -> Split: ...

    def complete(self, lines: Sequence[Line], household: HouseholdView | None, *,
                 coupon_rials: int, payment: PaymentChoice,
                 voided_lines: Sequence[Line] = (),
                 shown_view: CustomerView | None = None) -> SaleOutcome: ...

    def abandon_basket(self, lines: Sequence[Line], voided: Sequence[Line] = (), *,
                       cashier: str | None = None) -> None: ...

    def hold_basket(self, lines: Sequence[Line], masked: str = "") -> HeldBasket: ...

    def held_baskets(self) -> list[HeldBasket]: ...

    def recall_basket(self, held_id: int) -> list[Line]: ...

    # --- the desk
    def balance_slip(self, household: HouseholdView) -> ReceiptDoc: ...

    def recent_sales(self, limit: int | None = 20) -> list[Sale]: ...

    def reprint(self, txn_id: str | None = None,
                manager_pin: str | None = None) -> ReceiptDoc: ...

    def void_sale(self, txn_id: str, manager_pin: str, reason: str) -> VoidRefund: ...

    def open_drawer(self, manager_pin: str, reason: str = "") -> None: ...

    # --- the manager's screen
    def set_aside_items(self) -> list[SetAsideItem]: ...

    def group_names(self, language: str) -> dict[str, str]: ...

    def settle_pending_reports(self) -> list[reports.DayReport]: ...

    def x_report(self, *, counted_cash_rials: int | None = None, day: dt.date | None = None,
                 who: str = "") -> reports.DayReport: ...

    def z_preview(self, counted_cash_rials: int, *,
                  day: dt.date | None = None) -> reports.ZPreview: ...

    def z_report(self, manager: User, counted_cash_rials: int, *, day: dt.date | None = None,
                 close_anyway: bool = False, sync_first: bool = False) -> reports.DayReport: ...

    def print_report(self, report: reports.DayReport, language: str) -> bool: ...
