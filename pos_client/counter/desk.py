"""The desk's side of the counter: printing, reprints, voids, the drawer, balance slips.

``DeskActions`` is a part of ``Counter`` (see ``pos_client.counter``); it declares what it
uses of the rest. Printing is queued on the devices' ``PrintWorker`` and its outcome comes
back as a ``CounterEvent``; a failed print never touches the sale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..devices.print_worker import PrintJob, PrintWorker
from ..domain.errors import AuthError, DeviceError, NotFound
from ..domain.receipt_voids import VoidRefund, build_void_slip, mark_voided
from ..domain.receipts import ReceiptDoc, StoreInfo, build_balance_slip, mark_copy
from ..domain.sale import Sale, SaleState
from ..settings.config import MoneyUnit
from ..store import Store, User
from ..sync.engine import Forwarder
from .checkout import HouseholdView, require
from .events import CounterEvent, Printed, PrintFailed, SaleVoided


class DeskActions:
    store: Store
    printer: Any
    clock: Callable[[], dt.datetime]
    language: str
    forwarder: Forwarder | None
    _user: User | None
    _print_worker: PrintWorker | None

    def _emit(self, event: CounterEvent) -> None:
        raise NotImplementedError

    def manager(self, pin: str) -> User:
        raise NotImplementedError

    def store_info(self) -> StoreInfo:
        raise NotImplementedError

    def _unit(self) -> MoneyUnit:
        raise NotImplementedError

    # --- print, reprint, void -----------------------------------------------------------------
    def _print(self, doc: ReceiptDoc) -> None:
        """Queue a document for the printer; the outcome comes back as an event."""
        if self._print_worker is not None:
            self._print_worker.submit(doc)

    def _printed(self, job: PrintJob) -> None:
        self._emit(Printed(job.doc.receipt_no, job.doc.kind))

    def _print_failed(self, job: PrintJob, error: DeviceError) -> None:
        self._emit(PrintFailed(job.doc.receipt_no, job.doc.kind, error))

    def recent_sales(self, limit: int | None = 20) -> list[Sale]:
        """Today's sales, newest first (``limit=None``: all of them), voided ones too
        (``Sale.state``)."""
        sales = self.store.sales_for_day(self.store.sales_date())
        return list(reversed(sales))[:limit]

    def reprint(self, txn_id: str | None = None, manager_pin: str | None = None) -> ReceiptDoc:
        """Print the stored receipt again, marked as a copy. The last sale's receipt needs
        no approval; any older one needs a manager's PIN (audited)."""
        user = require(self._user)
        recent = self.recent_sales(1)
        if txn_id is None:
            if not recent:
                raise NotFound.from_code("not_found:no_sale_today")
            txn_id = recent[0].txn_id
        elif not recent or recent[0].txn_id != txn_id:
            if manager_pin is None:
                raise AuthError.from_code("manager_required:old_receipt")
            manager = self.manager(manager_pin)
            self.store.audit(manager.name, "reprint", {"txn_id": txn_id, "cashier": user.name})
        stored = self.store.receipt_doc(txn_id)
        if stored is None:
            raise NotFound.from_code("not_found:no_receipt_stored")
        sale = self.store.get_sale(txn_id)
        mark = mark_voided if sale is not None and sale.state is SaleState.VOIDED else mark_copy
        doc = mark(ReceiptDoc.from_json(stored), self.clock())
        self._print(doc)
        return doc

    def void_sale(self, txn_id: str, manager_pin: str, reason: str) -> VoidRefund:
        """*Blocking.* Void a sale of today with a manager's PIN; queued for the service.
        Returns what goes back (the coupon to the household, the customer's cash and card)
        and prints the void slip."""
        require(self._user)
        manager = self.manager(manager_pin)
        void = self.store.void_sale(txn_id, manager.name, reason)
        self._emit(SaleVoided(txn_id))
        if self.forwarder is not None:
            self.forwarder.wake()
        sale = self.store.get_sale(txn_id)
        assert sale is not None
        cards = getattr(self, "cards", None)  # the card reader's desk, when one is set up
        refund = VoidRefund(sale, void.void_id, void.created_at, manager.name, void.reason,
                            card_notice=cards.refund_notice(sale) if cards is not None
                            else None)
        self._print(build_void_slip(refund, self.store_info(), language=self.language,
                                    unit=self._unit()))
        return refund

    def open_drawer(self, manager_pin: str, reason: str = "") -> None:
        """*Blocking.* Open the cash drawer without a sale: a manager's PIN, audited
        (before the kick, so an attempt is on record even when the printer fails)."""
        user = require(self._user)
        manager = self.manager(manager_pin)
        kick = getattr(self.printer, "open_drawer", None)
        if kick is None:
            from ..domain.errors import DeviceError
            raise DeviceError.from_code("drawer_unavailable")
        self.store.record_drawer_open(manager.name, user.name, reason)
        kick()

    def balance_slip(self, household: HouseholdView) -> ReceiptDoc:
        doc = build_balance_slip(self.store_info(), moment=self.clock(),
                                 masked_identifier=household.masked,
                                 spendable_rials=household.spendable_rials,
                                 balance_rials=household.balance_rials, window=household.window,
                                 language=self.language, unit=self._unit())
        self._print(doc)
        return doc
