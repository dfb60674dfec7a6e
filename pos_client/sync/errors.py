"""Typed errors of the central service, each with a message the cashier understands.

``outcome_unknown`` marks the failures after which a write may or may not have been
applied (timeout, dropped connection, 5xx): the client retries later with the same id.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import SyncError, texts
from .messages import refusal_texts


class ServiceUnreachable(SyncError):
    """No answer: connection refused or dropped, timeout, or a 5xx."""

    code = "service_unreachable"
    outcome_unknown = True

    def __init__(self, detail: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(*texts("service_unreachable"), detail=detail)
        self.retry_after = retry_after


class Throttled(SyncError):
    """429 or 503: the service asks us to come back after ``retry_after`` seconds."""

    code = "throttled"
    outcome_unknown = True

    def __init__(self, retry_after: float | None, status: int) -> None:
        super().__init__(*texts("throttled"),
                         detail=f"HTTP {status}, Retry-After {retry_after}")
        self.retry_after = retry_after
        self.status = status


class BadResponse(SyncError):
    """The answer is malformed, truncated or out of range; nothing was changed locally."""

    code = "bad_response"
    outcome_unknown = True

    def __init__(self, detail: str) -> None:
        super().__init__(*texts("bad_response"), detail=detail)


class Unauthorized(SyncError):
    """401: the terminal token is unknown or revoked. Stop syncing; tell the manager."""

    code = "unauthorized"
    outcome_unknown = False

    def __init__(self, detail: str = "") -> None:
        super().__init__(*texts("unauthorized"), detail=detail)


class TerminalBlocked(SyncError):
    """403: the store is suspended. No new coupon sales; other sales still work."""

    code = "terminal_blocked"
    outcome_unknown = False

    def __init__(self, reason: str = "") -> None:
        super().__init__(*texts("terminal_blocked"), detail=reason)




class Refused(SyncError):
    """A definite refusal (4xx with an error code): the write was not applied."""

    outcome_unknown = False

    def __init__(self, code: str, status: int, message: str = "",
                 body: dict[str, Any] | None = None) -> None:
        fa, en = refusal_texts(code)
        super().__init__(fa, en, code=code, detail=f"HTTP {status}: {message}")
        self.status = status
        self.body = body or {}

    @property
    def household(self) -> dict[str, Any] | None:
        value = self.body.get("household")
        return value if isinstance(value, dict) else None


# Which failures mean what, defined once for the checkout, the engine and the forwarder.
UNREACHABLE = (ServiceUnreachable, Throttled)  # no usable answer: the service is not there
OUTCOME_UNKNOWN = (*UNREACHABLE, BadResponse)  # a write may or may not have been applied
DEFINITE_REFUSAL = (Refused, Unauthorized, TerminalBlocked)  # answered: nothing applied
