"""Messages of talking to the central service, by error code.

Keys are the codes scripts and tests see; see ``pos_client.domain.errors`` for how they are
raised. ``REFUSAL_CODES`` are the central API contract's refusal codes: a ``Refused``
takes its sentences from the code the service sent (``refusal_texts``), the one place a
key comes from outside the code; any other code reads as ``refused``.
"""

from __future__ import annotations

from ..domain.errors import Catalogue, Texts

MESSAGES = Catalogue("sync", {
    "service_unreachable": (
        "سامانه کالابرگ در دسترس نیست؛ کار به صورت آفلاین ادامه می‌یابد.",
        "The Kalabarg service cannot be reached; working offline."),
    "throttled": (
        "سامانه کالابرگ شلوغ است؛ کمی بعد دوباره تلاش می‌شود.",
        "The Kalabarg service is busy; it will be tried again shortly."),
    "bad_response": (
        "پاسخ سامانه کالابرگ نامعتبر بود؛ چیزی تغییر نکرد.",
        "The Kalabarg service sent an invalid answer; nothing was changed."),
    "unauthorized": (
        "توکن این پایانه پذیرفته نشد؛ همگام‌سازی متوقف شد. به مدیر فروشگاه اطلاع دهید. "
        "فروش‌های ثبت‌شده محفوظ است.",
        "This terminal's token was refused; syncing stopped. Tell the store manager. Recorded"
        " sales are kept."),
    "terminal_blocked": (
        "فروشگاه از طرف سامانه کالابرگ تعلیق شده است؛ فروش با کالابرگ ممکن نیست. پرداخت نقدی "
        "و کارتی ادامه دارد.",
        "The store is suspended by the Kalabarg service; no coupon sales. Cash and card sales"
        " still work."),
    "refused": (
        "سامانه کالابرگ درخواست را نپذیرفت.",
        "The Kalabarg service refused the request."),
    "insufficient_balance": (
        "اعتبار خانوار کافی نیست؛ مانده تازه نمایش داده شد. سهم کالابرگ دوباره محاسبه شد.",
        "Not enough credit; the new balance is shown and the split was redone."),
    "outside_window": (
        "امروز نوبت خرید این خانوار نیست.",
        "Today is not in this household's purchase window."),
    "ineligible_item": (
        "کالایی غیرمشمول در سهم کالابرگ است.",
        "An item not eligible for the coupon was put on it."),
    "price_above_max": (
        "قیمت کالایی بیش از قیمت مصوب است.",
        "An item is priced above its approved maximum."),
    "household_blocked": (
        "کالابرگ این خانوار مسدود است؛ فقط با پول خود می‌تواند خرید کند.",
        "This household's coupon is blocked; it can only pay by other means."),
    "round_closed": (
        "دوره کالابرگ بسته است.",
        "The coupon round is closed."),
    "day_closed": (
        "این روز کاری بسته شده است.",
        "This business day is closed."),
    "code_unknown": (
        "کد یک‌بار مصرف نامعتبر، منقضی یا استفاده‌شده است. (۸ رقم همیشه کد یک‌بار مصرف است؛ "
        "کد ملی را با هر ۱۰ رقم، صفرهای اول هم، وارد کنید.)",
        "The one-time code is unknown, expired or already used. (Eight digits are always a "
        "one-time code; type a national code with all 10 digits, leading zeros too.)"),
    "invalid_request": (
        "سامانه درخواست را نادرست دانست؛ فروش ثبت محلی دارد و بررسی می‌شود.",
        "The service found the request invalid; the sale is kept for review."),
    "household_unknown": (
        "خانوار در سامانه پیدا نشد.",
        "The household is unknown to the service."),
    "idempotency_conflict": (
        "شناسه تراکنش تکراری با محتوای دیگر است.",
        "A transaction id was reused with other content."),
    "sale_unknown": (
        "فروش در سامانه پیدا نشد.",
        "The sale is unknown to the service."),
    "already_voided": (
        "این فروش قبلاً ابطال شده است.",
        "This sale was already voided."),
})

# The contract's refusal codes (4xx answers with an ``error.code``).
REFUSAL_CODES: frozenset[str] = frozenset({
    "already_voided", "code_unknown", "day_closed", "household_blocked", "household_unknown",
    "idempotency_conflict", "ineligible_item", "insufficient_balance", "invalid_request",
    "outside_window", "price_above_max", "round_closed", "sale_unknown",
})


def refusal_texts(code: str) -> Texts:
    """The sentences for the refusal ``code`` the service sent, or the general ones."""
    return MESSAGES["refused" if code not in REFUSAL_CODES else code]
