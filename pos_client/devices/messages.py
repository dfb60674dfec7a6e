"""Messages of printers, scales and card readers, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..errors import Catalogue

MESSAGES = Catalogue("devices", {
    "card_terminal_busy": (
        "کارتخوان هنوز مشغول تراکنش قبلی است.",
        "The card reader is still busy with the previous payment."),
    "raqm_missing": (
        "چاپ رسید فارسی ممکن نیست: کتابخانه raqm (بسته libfribidi0) نصب نیست.",
        "Cannot print Persian receipts: Pillow's raqm layout is missing (install the Debian "
        "package libfribidi0)."),
})
