"""The terminal's local database: a cache, a sales journal and an outbox that never lose a sale.

One SQLite file, ``<data_dir>/pos.db`` (WAL, ``synchronous=FULL``, foreign keys, a busy
timeout), migrated by named, append-only migrations (``migrations.py``). Open it with
``Store.open(data_dir)``; hold ``acquire_terminal_lock(data_dir)`` for the life of a
terminal process. Every method is one transaction; SQLite failures come out as
``StoreError`` (full disk, busy, damaged file) and leave nothing half-written.

The API others call (all on ``Store``):

Sync (pull): ``save_terminal_info(doc, received_at=None) -> TerminalInfo``,
``save_programme(doc) -> Programme``, ``apply_catalog_page(items, next_cursor)``,
``apply_household_page(items, next_cursor)``, ``cursor(name) -> int`` (names
``"catalog"``, ``"households"``), ``upsert_household(h) -> Household``.
Sync (push): ``due_uploads(limit) -> list[Upload]`` (``payload`` is the exact request
body; a one-time-code sale carries the caller's ``sealed_code``), ``upload_failed(id,
error, retry_at)``, ``mark_sale_result(txn_id, "approved"|"rejected", approval_code,
household, error) -> Sale``, ``mark_void_result(void_id, "voided"|"rejected", household,
error) -> VoidRecord``.
Checkout: ``household_by_nid_hash``, ``household_by_card_hash``, ``household_by_key``
(``Household.balance_rials`` already has this terminal's unsent coupon taken off),
``product(gtin) -> Product | None``, ``search_products(text, limit)``, ``programme()``,
``terminal_info()``, ``offline_exposure(household_key) -> OfflineExposure``,
``sales_date()``, ``record_sale(sale, household=None, sealed_code=None) -> Sale`` (pass
``receipt_no=""``; the stored sale with its receipt number comes back),
``decline_sale(txn_id, code, cancel_on_server=...) -> Sale`` (a pending sale the counter
gives up on; kept and journaled, not counted), ``void_sale(txn_id, manager, reason) ->
VoidRecord``, ``save_receipt_doc(txn_id,
doc_json)``, ``receipt_doc(txn_id)``, ``get_sale``, ``sale_by_receipt_no``.
Staff and days: ``add_user(name, role, pin)``, ``verify_pin(name, pin) -> User``,
``login(pin) -> User``, ``unlock_user(name, manager)``, ``users()``, ``audit(who, action,
details)``, ``audit_log()``, ``open_day()``, ``current_day()``, ``business_day(d)``,
``till_state(cashier) -> TillState``, ``z_default_day()`` (the oldest open day with trade),
``close_day(d, manager) -> BusinessDay`` (with its Z number), ``open_shift(cashier,
opening_cash_rials)``, ``current_shift(cashier)``, ``close_shift(id, counted)``,
``shifts_for_day(d)``. Time: ``now()`` is the terminal clock (``pos_client.domain.clock``): never
below a time already recorded; ``sales_date()`` is the Tehran date by it, never ahead.
Reports and status: ``sales_for_day(d, include_declined=False)``, ``voids_for_day(d)``, ``rejected_sales()``,
``acknowledge_rejected_sale(txn_id, manager)``, ``cache_status() -> CacheStatus``,
``verify_journal() -> JournalProblem | None``, ``import_products(path) -> ImportReport``.
"""

from __future__ import annotations

from . import messages as messages  # the layer's messages, registered before any raise
from .cache import PageFormatError
from .days import DayStatus, ShiftStatus, TillState
from .lock import TerminalLock, acquire_terminal_lock
from .models import (
    BusinessDay,
    CacheStatus,
    Household,
    ImportReport,
    JournalProblem,
    Product,
    RefusedRow,
    SetAsideItem,
    Shift,
    TerminalInfo,
    Upload,
    User,
    VoidRecord,
)
from .store import Store

__all__ = [
    "BusinessDay", "CacheStatus", "DayStatus", "Household", "ImportReport", "JournalProblem",
    "PageFormatError", "Product", "RefusedRow", "SetAsideItem", "Shift", "ShiftStatus",
    "Store", "TerminalInfo", "TerminalLock", "TillState", "Upload", "User", "VoidRecord",
    "acquire_terminal_lock",
]
