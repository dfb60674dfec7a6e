"""``Counter``: the facade the window calls, wiring the store, the sync engine and the printer.

See ``pos_client.counter.checkout`` for how a sale completes. Methods marked *blocking* may wait
on the network, the printer or the disk: the window runs them off its GUI thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..devices.print_worker import PrintWorker
from ..domain import sealing
from ..domain.barcode import parse_gtin
from ..domain.basket import Line, Split
from ..domain.customer_view import CustomerView, check_shown
from ..domain.dates import utc_now
from ..domain.errors import NotFound, RuleViolation, StoreError, UserFacingError, texts
from ..domain.receipts import ReceiptDoc, StoreInfo
from ..settings.config import MoneyUnit, Settings
from ..store import (
    Product,
    Shift,
    Store,
    TerminalLock,
    TillState,
    User,
    acquire_terminal_lock,
)
from ..store.models import SetAsideItem
from ..sync.engine import Forwarder, ForwarderState, PullReport, PushReport, SyncEngine
from ..sync.errors import (
    UNREACHABLE,
    TerminalBlocked,
    Unauthorized,
)
from .card_payment import CardDesk
from .checkout import (
    HouseholdView,
    Mode,
    PaymentChoice,
    SaleOutcome,
    SplitChanged,
    build_sale,
    household_view,
    offline_code_error,
    outcome,
    payments_for,
    quote,
    require,
    resolve_identity,
    unknown_household,
)
from .desk import DeskActions
from .events import CounterEvent, SaleForwarded, StatusChanged, SyncProgress
from .held import HeldActions
from .online import OnlineAuthorisation
from .reporting import ReportActions
from .scale import ScaleActions

log = logging.getLogger(__name__)


class Printer(Protocol):
    def print_document(self, doc: ReceiptDoc) -> None: ...


@dataclass(frozen=True)
class CounterStatus:
    online: bool | None
    unsent_sales: int
    last_sync_at: dt.datetime | None
    terminal_id: str
    store_name: str
    business_date: dt.date
    cashier: str | None
    terminal_blocked: bool
    message_fa: str = ""
    message_en: str = ""
    held_uploads: int = 0  # uploads set aside, for the manager (``Store.held_uploads``)


class Counter(DeskActions, ReportActions, ScaleActions, HeldActions, OnlineAuthorisation):
    """The counter's use-cases; the desk's printing and protected actions come from
    ``DeskActions``, the manager's reports from ``ReportActions``, the scale and
    label-scale codes from ``ScaleActions``, held baskets from ``HeldActions``, the online
    post of a sale from ``OnlineAuthorisation``."""

    def __init__(self, settings: Settings, store: Store, *, api: Any = None,
                 printer: Printer | None = None,
                 clock: Callable[[], dt.datetime] | None = None,
                 lock: TerminalLock | None = None, card_terminal: Any = None) -> None:
        self.settings = settings
        self.store = store
        self.api = api
        self.printer = printer
        # the terminal's time never goes back (``pos_client.domain.clock``): the store's clock
        self.clock = clock if clock is not None else store.terminal_clock
        self.language = settings.terminal.language
        self._lock = lock
        self._listeners: list[Callable[[CounterEvent], None]] = []
        self._user: User | None = None
        self._print_worker = (PrintWorker(printer, on_done=self._printed,  # type: ignore[arg-type]
                                          on_failed=self._print_failed)
                              if printer is not None else None)
        self._secret = settings.central_token() if api is not None else ""  # old seals only
        self._seal_key = sealing.terminal_key(settings.data_path) if api is not None else ""
        self.engine = (SyncEngine(store, api, clock=self.clock, unseal=self._unseal,
                                  progress=self._progress) if api is not None else None)
        self.forwarder = (Forwarder(self.engine, on_change=self._forwarder_changed,
                                    on_pushed=self._forwarded)
                          if self.engine is not None else None)
        self._offline_seen_at: dt.datetime | None = None  # a sale's post found no service
        self.cards = CardDesk(store, card_terminal, self.manager)  # the card reader's payments

    # --- life ---------------------------------------------------------------------------
    @classmethod
    def open(cls, settings: Settings, *, api_factory: Callable[[Settings], Any] | None = None,
             printer: Printer | None = None, clock: Callable[[], dt.datetime] | None = None,
             start_sync: bool = True) -> Counter:
        """Take the data_dir (one terminal process per data_dir), open the database, the
        service's client and the printer, and start the background forwarder."""
        settings.data_path.mkdir(parents=True, exist_ok=True)
        lock = acquire_terminal_lock(settings.data_path)
        try:
            store = Store.open(settings.data_path, clock=clock or utc_now)
            if api_factory is None:
                from ..sync.api import CentralApi
                api_factory = CentralApi.from_settings
            if printer is None and settings.printer.kind != "none":
                from ..devices.printer import ReceiptPrinter
                printer = ReceiptPrinter(settings.printer)
            from ..devices.card_terminal import open_card_terminal
            counter = cls(settings, store, api=api_factory(settings), printer=printer,
                          clock=store.terminal_clock, lock=lock,
                          card_terminal=open_card_terminal(settings.card_terminal))
        except BaseException:
            lock.release()
            raise
        if start_sync and counter.forwarder is not None:
            counter.forwarder.start()
        counter.start_scale()
        return counter

    def close(self) -> None:
        self.stop_scale()
        if self.forwarder is not None:
            self.forwarder.stop()
        if self._print_worker is not None:
            self._print_worker.stop()
        if self.api is not None:
            self.api.close()
        self.store.close()
        if self._lock is not None:
            self._lock.release()

    # --- events -------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[CounterEvent], None]) -> None:
        self._listeners.append(callback)

    def _emit(self, event: CounterEvent) -> None:
        for callback in list(self._listeners):
            try:
                callback(event)
            except Exception:
                log.exception("an event listener failed")

    def _progress(self, what: str, count: int) -> None:
        self._emit(SyncProgress(what, count))

    def _forwarded(self, report: PushReport) -> None:
        """After the forwarder sent something: tell the window, and settle any Z that
        was waiting for these sales (on the forwarder's thread)."""
        self._emit(SaleForwarded(report.approved, report.rejected, report.voided,
                                 tuple(report.rejected_txn_ids)))
        try:
            self.settle_pending_reports()
        except UserFacingError as exc:
            log.info("a pending Z could not be settled yet: %s", exc.code)

    def _settle_pending(self) -> None:
        self.settle_pending_reports()

    def _forwarder_changed(self, state: ForwarderState) -> None:
        if state.online:
            self._offline_seen_at = None
        self._emit(StatusChanged(state.online, state.last_error))

    # --- status -------------------------------------------------------------------------
    def believed_offline(self) -> bool:
        """Offline as far as the counter knows: the forwarder's last round, or a sale's post
        in the last minute, found no service. Then sales skip the online attempt."""
        if self.forwarder_state.online is False:
            return True
        seen = self._offline_seen_at
        if seen is None or (self.clock() - seen).total_seconds() >= 60:
            return False
        answered = self.engine.last_success_at if self.engine is not None else None
        return answered is None or answered < seen

    @property
    def forwarder_state(self) -> ForwarderState:
        return self.forwarder.state if self.forwarder is not None else ForwarderState()

    def status(self) -> CounterStatus:
        state = self.forwarder_state
        info = self.store.terminal_info()
        fa = en = ""
        if state.stopped_by == "unauthorized":
            fa, en = (Unauthorized().fa, Unauthorized().en)
        elif self.store.clock_behind():
            fa = ("ساعت این پایانه عقب کشیده شده است؛ پایانه زمان خود را نگه می‌دارد تا ساعت "
                  "درست شود. ساعت را تنظیم کنید.")
            en = ("This terminal's clock was set back; the terminal keeps its own time until "
                  "the clock catches up. Set the clock.")
        elif info is not None and info.skew_seconds is not None and abs(info.skew_seconds) > 120:
            fa = "ساعت این پایانه با سامانه بیش از دو دقیقه اختلاف دارد؛ ساعت را تنظیم کنید."
            en = "This terminal's clock is over two minutes off the service's; set the clock."
        blocked = bool(info and info.status == "blocked") or isinstance(state.last_error,
                                                                         TerminalBlocked)
        return CounterStatus(
            online=False if self.believed_offline() else state.online,
            unsent_sales=self.store.unsent_sales_count(),
            last_sync_at=state.last_sync_at, terminal_id=info.terminal_id if info else "",
            store_name=info.store_name if info else "", business_date=self.store.sales_date(),
            cashier=self._user.name if self._user else None, terminal_blocked=blocked,
            message_fa=fa, message_en=en, held_uploads=self.store.held_count())

    def set_aside_items(self) -> list[SetAsideItem]:
        """What the service sent that broke a rule and was set aside (for the manager)."""
        return self.store.set_aside_items()

    def store_info(self) -> StoreInfo:
        info = self.store.terminal_info()
        if info is None:
            raise NotFound.from_code("terminal_unknown")
        return StoreInfo(info.store_name, info.store_code, info.terminal_id)

    def sync_now(self) -> tuple[PullReport, PushReport]:
        """*Blocking.* One push and pull now (``pos-client sync``, and start-up): the push
        first, so that the pulled balances already have this terminal's sales."""
        if self.engine is None:
            raise NotFound.from_code("not_found:no_central_service")
        pushed = self.engine.push()
        pulled = self.engine.pull()
        return pulled, pushed

    # --- staff --------------------------------------------------------------------------
    def login(self, pin: str) -> User:
        self._user = self.store.login(pin)
        self.store.open_day()  # not after today's Z: see ``till_state``
        return self._user

    def logout(self) -> None:
        self._user = None

    @property
    def user(self) -> User | None:
        return self._user

    def needs_shift(self) -> bool:
        return self.till_state() is not TillState.SELLING

    def till_state(self) -> TillState:
        """Selling, a shift to open first, or today closed with its Z (nothing is sold
        until 00:00 Tehran time): the window follows it."""
        user = require(self._user)
        return self.store.till_state(user.name)

    def open_shift(self, opening_cash_rials: int) -> Shift:
        user = require(self._user)
        return self.store.open_shift(user.name, opening_cash_rials)

    def manager(self, pin: str) -> User:
        """The manager whose PIN this is, for a protected action (or ``AuthError``); any
        other PIN is counted with the wrong PINs and audited."""
        return self.store.manager_login(pin)

    # --- identify and ring up ---------------------------------------------------------------
    def _terminal_blocked(self) -> bool:
        return self.status().terminal_blocked

    def identify(self, text: str) -> HouseholdView:
        """*Blocking for a one-time code* (resolved online). National codes and cards are
        looked up in the cache by their keyed hash."""
        require(self._user)
        info = self.store.terminal_info()
        if info is None:
            raise unknown_household()
        ident, household = resolve_identity(text, self.store, info.lookup_key)
        code = None
        if ident.kind == "code":
            if self.api is None:
                raise offline_code_error()
            try:
                doc = self.api.resolve_code(ident.value)
            except UNREACHABLE as exc:
                raise offline_code_error() from exc
            household = self.store.upsert_household(doc)
            code = ident.value
        if household is None:
            raise unknown_household()
        return household_view(household, ident.kind, ident.masked, self.store.programme(),
                              self.store.sales_date(), terminal_blocked=self._terminal_blocked(),
                              code=code)

    def refresh(self, household: HouseholdView) -> HouseholdView:
        found = self.store.household_by_key(household.key)
        if found is None:
            raise unknown_household()
        return household_view(found, household.kind, household.masked, self.store.programme(),
                              self.store.sales_date(), terminal_blocked=self._terminal_blocked(),
                              code=household.code)

    def product(self, barcode_text: str) -> Product:
        """The store's product of a barcode; a label-scale code (``[scale] label_layout``)
        gives a ``LabelledProduct`` carrying the label's weight."""
        labelled = self.label_product(barcode_text)
        if labelled is not None:
            return labelled
        gtin = parse_gtin(barcode_text)
        found = self.store.product(gtin)
        if found is None:
            raise NotFound.from_code("product_unknown")
        return found

    def search_products(self, text: str, limit: int = 20) -> list[Product]:
        return self.store.search_products(text.strip(), limit) if text.strip() else []

    @staticmethod
    def line_for(product: Product, qty_milli: int = 1000) -> Line:
        return Line(product.gtin, product.name, qty_milli, product.price_rials,
                    group=product.group, max_price_rials=product.max_price_rials,
                    weighed=product.weighed)

    def quote(self, lines: Sequence[Line], household: HouseholdView | None,
              coupon_limit_rials: int | None = None) -> Split:
        return quote(lines, household, coupon_limit_rials)

    # --- complete -----------------------------------------------------------------------
    def complete(self, lines: Sequence[Line], household: HouseholdView | None, *,
                 coupon_rials: int, payment: PaymentChoice,
                 voided_lines: Sequence[Line] = (),
                 shown_view: CustomerView | None = None) -> SaleOutcome:
        """*Blocking.* Record the sale, authorise its coupon, print. See ``checkout``.
        ``shown_view``: what the customer display last showed (``customer_view``)."""
        user = require(self._user)
        if not lines:
            raise RuleViolation.from_code("empty:basket_empty")
        fresh = self.refresh(household) if household is not None else None
        split = quote(lines, fresh, coupon_rials)
        if fresh is not None and split.coupon_rials != coupon_rials:
            raise SplitChanged(fresh, *texts("split_changed:balance"))
        payments = payments_for(split, payment)
        card = self.cards.claim(payment, split.remainder_rials)  # the reader's payment
        info = self.store_info()
        day = self.store.sales_date()
        believed_offline = self.believed_offline()
        must_go_online = fresh is not None and fresh.kind == "code"
        offline = split.coupon_rials > 0 and believed_offline and not must_go_online
        if offline:
            self._check_offline_limits(fresh, split.coupon_rials, already_recorded=False)
        sale = build_sale(lines=lines, split=split, payments=payments, household=fresh,
                          terminal_id=info.terminal_id, cashier=user.name, business_date=day,
                          now=self.clock(), offline=offline, voided_lines=voided_lines)
        shown = check_shown(shown_view, split.coupon_rials,
                            display_configured=self.settings.customer_display.kind != "none")
        sale = dataclasses.replace(sale, extra={**sale.extra, **shown}) if shown else sale
        sealed = (sealing.seal(self._seal_key, sale.txn_id, fresh.code)
                  if fresh is not None and fresh.code and sale.coupon_rials else None)
        lease = (self.clock() + dt.timedelta(seconds=self._lease_s())
                 if sale.status == "pending" and not offline else None)
        if card is not None:
            sale = self.cards.annotate(sale, card)
        sale = self.store.record_sale(sale, sealed_code=sealed, lease_until=lease)
        if card is not None:
            self.cards.attach(card, sale.txn_id)
        mode: Mode = "no_coupon" if sale.status == "no_coupon" else "offline"
        if sale.status == "pending" and not offline:
            sale, mode = self._authorise(sale, fresh)
        result = outcome(sale, info, self.language, self._unit(), mode)
        self.store.save_receipt_doc(sale.txn_id, result.receipt.to_json())
        if sale.status == "pending" and self.forwarder is not None:
            self.forwarder.wake()
        self._print(result.receipt)
        return result

    def _unit(self) -> MoneyUnit:
        return self.settings.terminal.money_unit

    def _unseal(self, txn_id: str, sealed: str) -> str:
        return sealing.unseal(self._seal_key, txn_id, sealed, legacy_secret=self._secret)


__all__ = ["Counter", "CounterEvent", "CounterStatus", "StoreError"]
