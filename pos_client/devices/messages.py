"""Messages of printers, scales and card readers, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.domain.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..domain.errors import Catalogue, MessageError

MESSAGES = Catalogue("devices", {
    "card_terminal_busy": (
        "کارتخوان هنوز مشغول تراکنش قبلی است.",
        "The card reader is still busy with the previous payment."),
    "raqm_missing": (
        "چاپ رسید فارسی ممکن نیست: کتابخانه raqm (بسته libfribidi0) نصب نیست.",
        "Cannot print Persian receipts: Pillow's raqm layout is missing (install the Debian "
        "package libfribidi0)."),
    "printer_saved": (
        " رسید ذخیره شده است؛ پس از رفع مشکل دوباره چاپ کنید.",
        " The receipt is saved: reprint it once the printer is fixed."),
    "printer_ready": (
        "چاپگر آماده است.{saved}",
        "The printer is ready.{saved}"),
    "printer_paper_low": (
        "کاغذ چاپگر رو به پایان است؛ رول تازه آماده کنید.{saved}",
        "The printer's paper is running low; have a new roll ready.{saved}"),
    "printer_unknown": (
        "چاپگر وضعیت خود را اعلام نمی‌کند؛ چاپ امتحان می‌شود.{saved}",
        "The printer does not report its status; printing is tried anyway.{saved}"),
    "printer_paper_out": (
        "کاغذ چاپگر تمام شده است. رول تازه بگذارید.{saved}",
        "The printer is out of paper. Load a new roll.{saved}"),
    "printer_cover_open": (
        "درِ چاپگر باز است. آن را ببندید.{saved}",
        "The printer cover is open. Close it.{saved}"),
    "printer_offline": (
        "چاپگر آفلاین است (خطا یا توقف). چاپگر را خاموش و روشن کنید.{saved}",
        "The printer is offline (error or stopped). Switch it off and on again.{saved}"),
    "printer_unreachable": (
        "چاپگر در دسترس نیست. روشن بودن و کابل یا شبکه آن را بررسی کنید.{saved}",
        "Cannot reach the printer. Check that it is on and its cable or network.{saved}"),
    "printer_timeout": (
        "چاپگر پاسخ نمی‌دهد.{saved}",
        "The printer stopped responding.{saved}"),
    "printer_disconnected": (
        "ارتباط با چاپگر وسط چاپ قطع شد.{saved}",
        "The connection to the printer dropped during printing.{saved}"),
    "printer_not_configured": (
        "چاپگری تنظیم نشده است ([printer] kind = none).{saved}",
        "No printer is configured ([printer] kind = none).{saved}"),
    "printer_error": (
        "چاپگر خطا داد.{saved}",
        "The printer reported an error.{saved}"),
    "printer_missing_driver": (
        "چاپگر {kind} پشتیبانی نمی‌شود: {need} نصب نیست.",
        "Printer kind {kind!r} needs {need}, which is not installed."),
    "printer_missing_driver:usb": (
        "pyusb (pip) و libusb-1.0-0 (apt)",
        "pyusb (pip) and libusb-1.0-0 (apt)"),
    "printer_missing_driver:cups": (
        "pycups (pip) و libcups2 (apt)",
        "pycups (pip) and libcups2 (apt)"),
    "printer_missing_driver:win32raw": (
        "pywin32 (فقط روی ویندوز)",
        "pywin32 (Windows only)"),
    "scale_moving": (
        "وزن ترازو ثابت نیست؛ کالا را آرام روی ترازو بگذارید و دوباره F7 را بزنید.",
        "The scale is still moving; let the item settle and press F7 again."),
    "scale_overload": (
        "وزن بیش از ظرفیت ترازو است.",
        "The weight is over the scale's capacity."),
    "scale_under_zero": (
        "ترازو وزن منفی نشان می‌دهد؛ ترازو را صفر کنید.",
        "The scale reads below zero; zero the scale."),
    "scale_not_zeroed": (
        "ترازو صفر نشده است؛ ترازو را خالی و صفر کنید.",
        "The scale has not been zeroed; empty it and zero it."),
    "scale_zero": (
        "ترازو وزنی نشان نمی‌دهد؛ کالا را روی ترازو بگذارید.",
        "The scale reads zero; put the item on the scale."),
    "scale_too_heavy": (
        "وزن بیش از ۹۹۹ کیلوگرم است.",
        "The weight is over 999 kg."),
    "scale_no_answer": (
        "ترازو پاسخ نداد؛ اتصال ترازو را بررسی کنید.",
        "The scale did not answer; check its cable."),
    "scale_not_connected": (
        "ترازو وصل نیست؛ کابل و تنظیمات ترازو را بررسی کنید.",
        "The scale is not connected; check its cable and settings."),
    "scale_not_configured": (
        "ترازویی برای این پایانه تنظیم نشده است؛ وزن را با F4 وارد کنید.",
        "No scale is set up for this terminal; type the weight with F4."),
    "config_invalid:card_terminal_kind": (
        "تنظیمات نادرست است: card_terminal.kind باید یکی از {allowed} باشد (نه {kind!r}).",
        "Bad configuration: card_terminal.kind must be one of {allowed} (got {kind!r})"),
    "card_terminal_unreachable": (
        "کارتخوان پاسخ نداد یا خود را معرفی نکرد: {where} ({why})",
        "The card reader at {where} did not answer or name itself ({why})."),
})

# Keys chosen by a device's state: closed sets, each member's key in MESSAGES (tested).
PRINTER_STATES = ("ready", "paper_low", "unknown", "paper_out", "cover_open", "offline",
                  "unreachable", "timeout", "disconnected", "not_configured", "error")
SCALE_PROBLEMS = ("moving", "overload", "under_zero", "not_zeroed", "zero", "too_heavy",
                  "no_answer", "not_connected", "not_configured")


def printer_key(state: str) -> str:
    """The message of printer state ``state`` (``printer_<state>``, its error code too)."""
    if state not in PRINTER_STATES:
        raise MessageError(f"no printer state {state!r}")
    return f"printer_{state}"


def scale_key(problem: str) -> str:
    """The message of scale problem ``problem`` (``scale_<problem>``, its error code too)."""
    if problem not in SCALE_PROBLEMS:
        raise MessageError(f"no scale problem {problem!r}")
    return f"scale_{problem}"
