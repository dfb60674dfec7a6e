"""What every card-terminal driver gives the counter: one result type and one Protocol.

A driver is one module in ``kinds/`` named after its ``[card_terminal] kind``; it defines
``open_terminal(settings) -> CardTerminal``. ``CardOutcome`` is the whole truth about a
payment: approved and declined are the reader's answer, cancelled is the reader's EOT,
not_sent means nothing can have been charged (the request was never acknowledged), and
unknown means the card may have been charged: never a decline, never resent, resolved
by ``lookup`` or by the cashier reading the reader's slip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class CardOutcome(StrEnum):
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NOT_SENT = "not_sent"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CardResult:
    outcome: CardOutcome
    amount_rials: int
    order_id: str
    masked_card: str = ""
    rrn: str = ""
    trace: str = ""
    terminal_id: str = ""
    merchant_id: str = ""
    approval_code: str = ""
    response_code: str = ""
    reader_time: str = ""  # as the reader prints it (Sadad: Jalali YYYY/MM/DD HH:MM:SS)
    detail: str = ""  # why, in English, for the log (never a card number)
    frames: tuple[str, ...] = field(default=(), repr=False)  # "> hex" / "< hex", masked

    @property
    def paid(self) -> bool:
        return self.outcome is CardOutcome.APPROVED


@dataclass(frozen=True)
class ReaderIdentity:
    kind: str
    terminal_id: str
    merchant_id: str
    link: str  # where: host:port or the serial URL


class CardTerminal(Protocol):
    kind: str
    supports_lookup: bool

    def test(self) -> ReaderIdentity:
        """Check the link and ask the reader who it is; ``DeviceError`` when it can't."""
        ...

    def sale(self, amount_rials: int, order_id: str) -> CardResult:
        """*Blocking* (up to the response wait): send one sale and wait for its end."""
        ...

    def cancel(self) -> bool:
        """From any thread: ask the running sale to end (EOT); ``False`` when too late."""
        ...

    def lookup(self, order_id: str) -> CardResult:
        """*Blocking.* The reader's record of ``order_id``: approved/declined when it has
        one, not_sent when it has none, unknown when it could not be asked."""
        ...

    def close(self) -> None: ...
