"""Messages of health and metrics, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.domain.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..domain.errors import Catalogue

MESSAGES = Catalogue("monitoring", {
    "metrics_listen": (
        "نشانی سنجه‌ها ({listen}) در دسترس نیست: {strerror}",
        "Cannot serve metrics on {listen}: {strerror}"),
    "config_invalid:no_metrics_address": (
        "نشانی سنجه‌ها تنظیم نشده است ([metrics] listen).",
        "No metrics address: set [metrics] listen or pass --listen."),
    "config_invalid:offline_minutes": (
        "--offline-minutes باید دست‌کم ۱ باشد.",
        "--offline-minutes must be at least 1."),
    "store_unreadable": (
        "پایگاه داده پایانه ({path}) خوانده نشد.",
        "The terminal database {path} cannot be read."),
})
