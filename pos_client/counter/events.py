"""What the counter tells its listeners (the window, the customer display, the live figures).

Each kind of news is a frozen dataclass; ``CounterEvent`` is their union, and a listener
handles it with ``match`` (the window ends its ``match`` with ``assert_never``, so mypy names
a kind it does not handle). Events arrive on whatever thread produced them: the forwarder's,
the print worker's, or the caller's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.errors import DeviceError, UserFacingError
from ..domain.receipts import DocKind


@dataclass(frozen=True)
class StatusChanged:
    """The forwarder finished a round: the service answered (``online``), did not, or
    is not known yet (``None``); ``error`` is why it did not."""
    online: bool | None
    error: UserFacingError | None = None


@dataclass(frozen=True)
class SyncProgress:
    """A pull from the service is under way: ``count`` of ``what`` so far."""
    what: str
    count: int


@dataclass(frozen=True)
class Printed:
    """The printer took a document."""
    receipt_no: str
    doc_kind: DocKind


@dataclass(frozen=True)
class PrintFailed:
    """The printer refused a document; the sale it belongs to stands."""
    receipt_no: str
    doc_kind: DocKind
    error: DeviceError


@dataclass(frozen=True)
class SaleForwarded:
    """The forwarder sent queued uploads; ``rejected`` sales are the store's loss."""
    approved: int
    rejected: int
    voided: int = 0
    rejected_txn_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SaleVoided:
    """A manager voided a sale of today (queued for the service)."""
    txn_id: str


@dataclass(frozen=True)
class DayClosed:
    """A Z closed ``business_date``; ``held_cleared`` held baskets were dropped with it."""
    business_date: dt.date
    z_no: int | None
    held_cleared: int


CounterEvent = (StatusChanged | SyncProgress | Printed | PrintFailed | SaleForwarded
                | SaleVoided | DayClosed)

__all__ = ["CounterEvent", "DayClosed", "PrintFailed", "Printed", "SaleForwarded",
           "SaleVoided", "StatusChanged", "SyncProgress"]
