"""Messages of the end-of-day reports, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.domain.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..domain.errors import Catalogue

MESSAGES = Catalogue("reports", {
    "cash_count_missing": (
        "مبلغ شمارش‌شده صندوق را وارد کنید (ریال، عدد صحیح).",
        "Enter the counted cash (whole rials)."),
    "day_closed:z_done": (
        "روز {day} قبلاً با گزارش Z بسته شده است.",
        "Business day {day} is already closed with a Z."),
    "unsent_sales": (
        "{count} فروش یا ابطال هنوز به سامانه ارسال نشده است. ابتدا همگام‌سازی کنید، یا روز "
        "را ببندید تا گزارش Z در انتظار بماند و پس از ارسال تطبیق شود.",
        "{count} sales or voids have not reached the service yet. Sync first, or close the "
        "day anyway: the Z stays pending and is reconciled once they are sent."),
})
