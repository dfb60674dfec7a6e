"""Typed errors of the central service, each with a message the cashier understands.

``outcome_unknown`` marks the failures after which a write may or may not have been
applied (timeout, dropped connection, 5xx): the client retries later with the same id.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import SyncError


class ServiceUnreachable(SyncError):
    """No answer: connection refused or dropped, timeout, or a 5xx."""

    code = "service_unreachable"
    outcome_unknown = True

    def __init__(self, detail: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(
            "سامانه کالابرگ در دسترس نیست؛ کار به صورت آفلاین ادامه می‌یابد.",
            "The Kalabarg service cannot be reached; working offline.",
            detail=detail)
        self.retry_after = retry_after


class Throttled(SyncError):
    """429 or 503: the service asks us to come back after ``retry_after`` seconds."""

    code = "throttled"
    outcome_unknown = True

    def __init__(self, retry_after: float | None, status: int) -> None:
        super().__init__("سامانه کالابرگ شلوغ است؛ کمی بعد دوباره تلاش می‌شود.",
                         "The Kalabarg service is busy; it will be tried again shortly.",
                         detail=f"HTTP {status}, Retry-After {retry_after}")
        self.retry_after = retry_after
        self.status = status


class BadResponse(SyncError):
    """The answer is malformed, truncated or out of range; nothing was changed locally."""

    code = "bad_response"
    outcome_unknown = True

    def __init__(self, detail: str) -> None:
        super().__init__("پاسخ سامانه کالابرگ نامعتبر بود؛ چیزی تغییر نکرد.",
                         "The Kalabarg service sent an invalid answer; nothing was changed.",
                         detail=detail)


class Unauthorized(SyncError):
    """401: the terminal token is unknown or revoked. Stop syncing; tell the manager."""

    code = "unauthorized"
    outcome_unknown = False

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "توکن این پایانه پذیرفته نشد؛ همگام‌سازی متوقف شد. به مدیر فروشگاه اطلاع دهید. "
            "فروش‌های ثبت‌شده محفوظ است.",
            "This terminal's token was refused; syncing stopped. Tell the store manager. "
            "Recorded sales are kept.", detail=detail)


class TerminalBlocked(SyncError):
    """403: the store is suspended. No new coupon sales; other sales still work."""

    code = "terminal_blocked"
    outcome_unknown = False

    def __init__(self, reason: str = "") -> None:
        super().__init__(
            "فروشگاه از طرف سامانه کالابرگ تعلیق شده است؛ فروش با کالابرگ ممکن نیست. "
            "پرداخت نقدی و کارتی ادامه دارد.",
            "The store is suspended by the Kalabarg service; no coupon sales. Cash and card "
            "sales still work.", detail=reason)


# The contract's refusal codes with a cashier's sentence in each language.
REFUSALS: dict[str, tuple[str, str]] = {
    "insufficient_balance": ("اعتبار خانوار کافی نیست؛ مانده تازه نمایش داده شد. سهم کالابرگ دوباره محاسبه شد.",
                             "Not enough credit; the new balance is shown and the split was redone."),
    "outside_window": ("امروز نوبت خرید این خانوار نیست.",
                       "Today is not in this household's purchase window."),
    "ineligible_item": ("کالایی غیرمشمول در سهم کالابرگ است.",
                        "An item not eligible for the coupon was put on it."),
    "price_above_max": ("قیمت کالایی بیش از قیمت مصوب است.",
                        "An item is priced above its approved maximum."),
    "household_blocked": ("کالابرگ این خانوار مسدود است؛ فقط با پول خود می‌تواند خرید کند.",
                          "This household's coupon is blocked; it can only pay by other means."),
    "round_closed": ("دوره کالابرگ بسته است.", "The coupon round is closed."),
    "day_closed": ("این روز کاری بسته شده است.", "This business day is closed."),
    "code_unknown": ("کد یک‌بار مصرف نامعتبر، منقضی یا استفاده‌شده است. (۸ رقم همیشه کد "
                     "یک‌بار مصرف است؛ کد ملی را با هر ۱۰ رقم، صفرهای اول هم، وارد کنید.)",
                     "The one-time code is unknown, expired or already used. (Eight digits are "
                     "always a one-time code; type a national code with all 10 digits, "
                     "leading zeros too.)"),
    "invalid_request": ("سامانه درخواست را نادرست دانست؛ فروش ثبت محلی دارد و بررسی می‌شود.",
                        "The service found the request invalid; the sale is kept for review."),
    "household_unknown": ("خانوار در سامانه پیدا نشد.", "The household is unknown to the service."),
    "idempotency_conflict": ("شناسه تراکنش تکراری با محتوای دیگر است.",
                             "A transaction id was reused with other content."),
    "sale_unknown": ("فروش در سامانه پیدا نشد.", "The sale is unknown to the service."),
    "already_voided": ("این فروش قبلاً ابطال شده است.", "This sale was already voided."),
}


class Refused(SyncError):
    """A definite refusal (4xx with an error code): the write was not applied."""

    outcome_unknown = False

    def __init__(self, code: str, status: int, message: str = "",
                 body: dict[str, Any] | None = None) -> None:
        fa, en = REFUSALS.get(code, ("سامانه کالابرگ درخواست را نپذیرفت.",
                                     "The Kalabarg service refused the request."))
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
