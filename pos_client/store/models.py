"""The typed records the store hands out. Identities appear only hashed or masked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["cashier", "manager"]
Unit = Literal["piece", "kg"]
VoidStatus = Literal["pending", "voided", "rejected", "local"]
UploadKind = Literal["sale", "void"]


def ts(moment: dt.datetime) -> str:
    """A stored timestamp: UTC, microseconds, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


@dataclass(frozen=True)
class Household:
    """A cached household. ``balance_rials`` already has this terminal's unsent coupon
    taken off (and its unsent voids given back): it is what the household may still
    spend as far as this terminal knows. Do not subtract unsent sales again."""

    key: str
    nid_hash: str
    members: int
    decile: int
    nid_last_digit: int
    round_id: str | None
    balance_rials: int
    spent_in_round_rials: int
    status: Literal["active", "blocked"]
    version: int


@dataclass(frozen=True)
class TerminalInfo:
    terminal_id: str
    store_code: str
    store_name: str
    store_address: str
    store_phone: str
    lookup_key: str = field(repr=False)
    status: str
    blocked_reason: str | None
    server_time: dt.datetime | None
    skew_seconds: int | None  # server clock minus ours when the answer arrived


@dataclass(frozen=True)
class Product:
    """A sellable item: the store's own name, price and unit, with its APL entry if any."""

    gtin: str
    name: str
    price_rials: int
    unit: Unit
    group: str | None  # the APL group when on the list and active; None otherwise
    max_price_rials: int | None
    name_en: str = ""

    @property
    def weighed(self) -> bool:
        return self.unit == "kg"


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    failed_attempts: int
    locked: bool


@dataclass(frozen=True)
class BusinessDay:
    business_date: dt.date
    opened_at: dt.datetime
    status: Literal["open", "closed"]
    closed_at: dt.datetime | None = None
    z_no: int | None = None
    closed_by: str | None = None


@dataclass(frozen=True)
class Shift:
    id: int
    business_date: dt.date
    cashier: str
    opened_at: dt.datetime
    opening_cash_rials: int
    closed_at: dt.datetime | None = None
    counted_cash_rials: int | None = None


@dataclass(frozen=True)
class VoidRecord:
    void_id: str
    txn_id: str
    created_at: dt.datetime
    business_date: dt.date
    reason: str
    manager: str
    status: VoidStatus
    coupon_rials: int


@dataclass(frozen=True)
class Upload:
    """One outbox row due for the service. ``payload`` is the exact request body.

    ``sealed_code``: for a one-time-code sale, the opaque value the caller sealed the code
    into (the store never sees the code in clear); the sync engine unseals it and puts
    it in the body's ``code`` before sending. None for every other upload.
    """

    id: int
    kind: UploadKind
    ref: str
    payload: dict[str, Any]
    created_at: dt.datetime
    attempts: int
    next_attempt_at: dt.datetime
    sealed_code: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class JournalProblem:
    """The first bad journal entry: its sequence number and what is wrong with it."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"journal entry {self.seq}: {self.reason}"


@dataclass(frozen=True)
class RefusedRow:
    line_no: int  # 1-based line of the file (the header is line 1)
    reason_fa: str
    reason_en: str


@dataclass(frozen=True)
class ImportReport:
    accepted: int
    refused: tuple[RefusedRow, ...]


@dataclass(frozen=True)
class CacheStatus:
    """What ``pos-client status`` shows about the local copy."""

    households: int
    catalog_items: int
    products: int
    households_cursor: int
    catalog_cursor: int
    programme_version: int | None
    unsent_sales: int
    unsent_voids: int
    rejected_sales: int
    set_aside: int = 0  # items the service sent that broke a rule (``set_aside_items``)


@dataclass(frozen=True)
class SetAsideItem:
    """A catalogue or household item the service sent that broke a rule of the contract:
    not applied, kept here with the reason until a good version of it arrives."""

    feed: Literal["catalog", "households"]
    ref: str  # the GTIN, the household key, or the item's place in its page
    version: int | None
    reason: str
    seen_at: dt.datetime
