"""One exception tree for the whole terminal.

``UserFacingError`` carries a message for the cashier in Persian and in English;
details for the log go in ``detail`` and never contain an identity in clear.
"""

from __future__ import annotations

from typing import Any


class PosError(Exception):
    """Base of every error the terminal raises on purpose."""


class UserFacingError(PosError):
    """An error whose message is shown to the cashier or manager.

    ``code`` is a stable snake_case name for scripts and tests; ``fa`` and ``en`` are
    whole sentences that say what happened and what to do.
    """

    code: str = "error"

    def __init__(self, fa: str, en: str, *, code: str | None = None, detail: str = "",
                 **extra: Any) -> None:
        super().__init__(en)
        self.fa = fa
        self.en = en
        if code is not None:
            self.code = code
        self.detail = detail
        self.extra = extra

    def message(self, language: str = "fa") -> str:
        return self.fa if language == "fa" else self.en

    def __str__(self) -> str:
        return self.en


class InvalidInput(UserFacingError):
    """Something typed, scanned or swiped is not valid; nothing was changed."""

    code = "invalid_input"


class InvalidNationalCode(InvalidInput):
    """The failed rule is in ``code``: nid_length, nid_non_digit, nid_checksum, nid_not_issued."""


class InvalidCard(InvalidInput):
    code = "card_invalid"


class InvalidOneTimeCode(InvalidInput):
    code = "otc_invalid"


class InvalidBarcode(InvalidInput):
    code = "barcode_invalid"


class InvalidQuantity(InvalidInput):
    code = "qty_invalid"


class InvalidPrice(InvalidInput):
    code = "price_invalid"


class ConfigError(UserFacingError):
    """The configuration file or environment is wrong; names the key."""

    code = "config_invalid"


class RuleViolation(UserFacingError):
    """A programme rule forbids what was asked (outside window, over a limit, ...)."""

    code = "rule_violation"


class OfflineLimitExceeded(RuleViolation):
    """An offline stand-in would pass one of the programme's offline limits.

    ``limit`` names it: max_sale_rials, max_household_rials, max_terminal_rials,
    max_age_hours, or offline_disabled.
    """

    code = "offline_limit"

    def __init__(self, fa: str, en: str, *, limit: str, **extra: Any) -> None:
        super().__init__(fa, en, code="offline_limit", **extra)
        self.limit = limit


class StoreError(UserFacingError):
    """The local database cannot do what was asked (corrupt, locked, full disk)."""

    code = "store_error"


class NotFound(UserFacingError):
    code = "not_found"


class AuthError(UserFacingError):
    """Wrong PIN, locked user, or a manager PIN needed."""

    code = "auth_failed"


class DeviceError(UserFacingError):
    """A printer, scanner or card reader is not working."""

    code = "device_error"


class SyncError(UserFacingError):
    """Talking to the central service failed. Subclasses live in ``pos_client.sync``."""

    code = "sync_error"
