"""Every string the window shows, in Persian and English, and how numbers read.

The language is chosen once at start-up (``settings.terminal.language``) with
``set_language``; ``tr(key, **values)`` then gives the text. Numbers go through ``num``
and ``money`` so Persian gets Persian digits and the Persian thousands separator.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ..domain.dates import display_date, display_datetime
from ..domain.money import (
    PERSIAN_THOUSANDS,
    Unit,
    format_amount,
    format_qty,
    group_thousands,
    to_ascii_digits,
    to_persian_digits,
)
from .texts import SCREENS

# How a message reads, and the ``state`` property its label gets (the style colours it;
# automation.md reads it): good news, needs a look, refused, or plain.
Tone = Literal["ok", "warn", "bad", ""]

_state = {"language": "fa", "unit": "rial"}

TEXTS: dict[str, tuple[str, str]] = {
    # window and status strip
    "app_title": ("پایانه فروش کالابرگ", "Kalabarg checkout"),
    "demo_title": ("پایانه فروش کالابرگ (نسخه نمایشی)", "Kalabarg checkout (demo)"),
    "online": ("● برخط", "● Online"),
    "offline": ("● آفلاین", "● Offline"),
    "blocked_terminal": ("● پایانه مسدود", "● Terminal blocked"),
    "connecting": ("● در حال اتصال", "● Connecting"),
    "unsent": ("ارسال‌نشده: {n}", "Unsent: {n}"),
    "last_sync": ("آخرین همگام‌سازی: {when}", "Last sync: {when}"),
    "never_synced": ("هنوز همگام نشده", "Not synced yet"),
    "cashier": ("صندوقدار: {name}", "Cashier: {name}"),
    "no_cashier": ("صندوقدار: —", "Cashier: —"),
    "busy": ("در حال انجام…", "Working…"),
    # login and shift
    "login_title": ("ورود صندوقدار", "Cashier sign-in"),
    "pin_label": ("رمز (PIN) خود را وارد کنید:", "Enter your PIN:"),
    "login": ("ورود", "Sign in"),
    "demo_pins": ("نسخه نمایشی — رمز صندوقدار: {cashier} · رمز مدیر: {manager}",
                  "Demo — cashier PIN: {cashier} · manager PIN: {manager}"),
    "shift_title": ("شروع شیفت", "Open the shift"),
    "opening_cash_label": ("موجودی نقد ابتدای شیفت ({unit}):",
                           "Cash in the drawer at the start ({unit}):"),
    "open_shift": ("شروع شیفت", "Open shift"),
    "welcome": ("خوش آمدید، {name}. کد ملی، کارت یا کد یک‌بار مصرف مشتری را وارد کنید یا کالا را اسکن کنید.",
                "Welcome, {name}. Enter the customer's national code, card or one-time code, "
                "or scan an item."),
    "shift_needed": ("برای شروع فروش، موجودی نقد صندوق را وارد کنید و شیفت را باز کنید.",
                     "Enter the cash in the drawer and open the shift to start selling."),
    "shift_opened": ("شیفت باز شد. فروش را شروع کنید.", "The shift is open. Start selling."),
    "bad_amount": ("مبلغ نامعتبر است: فقط عدد به ریال وارد کنید.",
                   "Invalid amount: enter a whole number of rials."),
    "logout": ("خروج (Ctrl+L)", "Sign out (Ctrl+L)"),
    "logged_out": ("از حساب خارج شدید.", "Signed out."),
    # household panel
    "household_title": ("خانوار", "Household"),
    "customer_label": ("کد ملی / کارت / کد یک‌بار مصرف", "National code / card / one-time code"),
    "identify": ("استعلام (F2)", "Look up (F2)"),
    "members": ("{n} نفر", "{n} members"),
    "decile": ("دهک {n}", "Decile {n}"),
    "spendable_today": ("قابل خرید امروز", "Spendable today"),
    "balance": ("مانده اعتبار: {amount}", "Balance: {amount}"),
    "window_open": ("✓ پنجره خرید: باز", "✓ Purchase window: open"),
    "window_closed": ("✗ پنجره خرید: بسته", "✗ Purchase window: closed"),
    "window_from": ("✗ خرید با کالابرگ از {date}", "✗ Coupon from {date}"),
    "household_blocked": ("✗ خانوار مسدود است", "✗ Household blocked"),
    "no_household": ("مشتری شناسایی نشده؛ همه کالاها با پول مشتری پرداخت می‌شود.",
                     "No customer identified; everything is paid with the customer's money."),
    "identifying": ("در حال استعلام خانوار…", "Looking up the household…"),
    "identified": ("خانوار {masked} شناسایی شد: قابل خرید امروز {amount}.",
                   "Household {masked} found: {amount} spendable today."),
    "identified_no_coupon": ("خانوار {masked}: {reason} کالاها با پول مشتری پرداخت می‌شود.",
                             "Household {masked}: {reason} Items are paid with the customer's "
                             "money."),
    "balance_slip": ("رسید مانده (F6)", "Balance slip (F6)"),
    "slip_printing": ("رسید مانده در حال چاپ است.", "Printing the balance slip."),
    "slip_needs_household": ("ابتدا خانوار را شناسایی کنید (F2)، سپس F6.",
                             "Identify the household first (F2), then press F6."),
    # basket
    "basket_title": ("سبد خرید", "Basket"),
    "scan_label": ("بارکد (اسکن یا تایپ، سپس Enter)", "Barcode (scan or type, then Enter)"),
    "col_no": ("#", "#"),
    "col_name": ("کالا", "Item"),
    "col_qty": ("مقدار", "Qty"),
    "col_price": ("فی", "Unit price"),
    "col_amount": ("مبلغ", "Amount"),
    "col_mark": ("✓/✗", "✓/✗"),
    "eligible_tip": ("مشمول کالابرگ", "Payable with the coupon"),
    "qty": ("مقدار (F4)", "Quantity (F4)"),
    "void_line": ("حذف ردیف (F8)", "Void line (F8)"),
    "search": ("جستجو (F3)", "Search (F3)"),
    "added": ("{name} به سبد اضافه شد.", "{name} added."),
    "added_next_sale": ("{name} پیدا شد؛ این فروش در حال ثبت است، پس به فروش بعدی می‌رود.",
                        "{name} found; this sale is being recorded, so it goes on the next sale."),
    "next_sale_has": ("فروش بعدی با {names} شروع شد.", "The next sale starts with {names}."),
    "next_sale_for": ("فروش بعدی برای خانوار {masked} است.",
                      "The next sale is for household {masked}."),
    "line_voided": ("ردیف «{name}» حذف شد.", "Line “{name}” voided."),
    "no_line": ("ردیفی انتخاب نشده است. ابتدا ردیف را در سبد انتخاب کنید.",
                "No line is selected. Select a line in the basket first."),
    "qty_prompt": ("مقدار «{name}» ({unit}):", "Quantity of “{name}” ({unit}):"),
    "unit_kg": ("کیلوگرم، تا سه رقم اعشار", "kg, up to three decimals"),
    "unit_piece": ("عدد", "pieces"),
    "qty_set": ("مقدار «{name}» شد {qty}.", "Quantity of “{name}” set to {qty}."),
    "search_title": ("جستجوی کالا", "Search products"),
    "search_prompt": ("نام کالا را بنویسید:", "Type the product's name:"),
    "no_results": ("کالایی پیدا نشد.", "No product found."),
    # split
    "split_title": ("پرداخت", "Payment"),
    "total": ("جمع کل", "Total"),
    "eligible": ("مشمول کالابرگ", "Eligible"),
    "copay": ("سهم مشتری از کالاهای مشمول (پرداخت همراه)", "Copay (part of the eligible price)"),
    "coupon": ("کالابرگ", "Coupon"),
    "remainder": ("مانده پرداخت", "To pay"),
    "lower_coupon": ("کاهش کالابرگ", "Lower coupon"),
    "coupon_prompt": ("مبلغ کالابرگ (حداکثر {max}):", "Coupon amount (at most {max}):"),
    "coupon_lowered": ("کالابرگ به درخواست مشتری به {amount} کاهش یافت.",
                       "Coupon lowered to {amount} at the customer's request."),
    "coupon_not_higher": ("کالابرگ را فقط می‌توان کم کرد؛ حداکثر {max}.",
                          "The coupon can only be lowered; at most {max}."),
    "pay_cash": ("نقد (F9)", "Cash (F9)"),
    "pay_card": ("کارت (F10)", "Card (F10)"),
    "complete": ("پایان فروش (F12)", "Complete (F12)"),
    "new_sale": ("فروش جدید (Ctrl+N)", "New sale (Ctrl+N)"),
    "void_sale": ("ابطال فروش", "Void sale"),
    "reprint": ("چاپ مجدد (Ctrl+R)", "Reprint (Ctrl+R)"),
    "open_drawer": ("باز کردن کشو (Ctrl+O)", "Open drawer (Ctrl+O)"),
    "drawer_title": ("باز کردن کشوی پول بدون فروش (رمز مدیر)",
                     "Open the cash drawer without a sale (manager PIN)"),
    "drawer_opened": ("کشوی پول باز شد و در گزارش مدیر ثبت شد.",
                      "The cash drawer was opened and recorded for the manager."),
    "reports": ("مدیر (Ctrl+M)", "Manager (Ctrl+M)"),
    "paid_cash": ("پرداخت نقد: {tendered}\nباقی‌مانده به مشتری: {change}",
                  "Cash: {tendered}\nChange: {change}"),
    "paid_card": ("پرداخت با کارت · مرجع {ref}", "Card · reference {ref}"),
    "choose_payment": ("روش پرداخت مانده را انتخاب کنید: نقد (F9) یا کارت (F10).",
                       "Choose how the rest is paid: cash (F9) or card (F10)."),
    "empty_basket": ("سبد خالی است. ابتدا کالا را اسکن کنید.",
                     "The basket is empty. Scan an item first."),
    "completing": ("در حال ثبت فروش…", "Recording the sale…"),
    # One sentence per way a sale ends (the core's outcome message says the same in other
    # words, so it is not repeated after these).
    "sale_done_online": ("فروش {receipt} ثبت شد و کالابرگ تأیید شد. رسید چاپ می‌شود.",
                         "Sale {receipt} recorded and the coupon approved. Printing the "
                         "receipt."),
    "sale_done_offline": ("فروش {receipt} آفلاین ثبت شد (سامانه در دسترس نیست) و بعداً ارسال "
                          "می‌شود. رسید چاپ می‌شود.",
                          "Sale {receipt} recorded offline (the service is unreachable); it "
                          "will be sent later. Printing the receipt."),
    "sale_done_no_coupon": ("فروش {receipt} ثبت شد. رسید چاپ می‌شود.",
                            "Sale {receipt} recorded. Printing the receipt."),
    "sale_done": ("فروش {receipt} ثبت شد. {message}", "Sale {receipt} recorded. {message}"),
    "sale_done_change": ("باقی‌مانده به مشتری: {change}.", "Give {change} change."),
    "split_changed": ("مانده خانوار تغییر کرده است؛ قابل خرید اکنون {amount}. مبالغ دوباره "
                      "حساب شد؛ آن را به مشتری بگویید و دوباره F12 را بزنید.",
                      "The household's balance changed; now {amount} spendable. The split "
                      "was recomputed: tell the customer and press F12 again."),
    "new_sale_started": ("فروش جدید. مشتری را شناسایی کنید یا کالا را اسکن کنید.",
                         "New sale. Identify the customer or scan an item."),
    "sale_locked": ("این فروش ثبت شده است. برای فروش بعدی Ctrl+N را بزنید.",
                    "This sale is recorded. Press Ctrl+N for the next one."),
    "still_working": ("کار قبلی هنوز در جریان است؛ لحظه‌ای صبر کنید.",
                      "The previous step is still running; wait a moment."),
    # hold and recall
    "hold": ("نگه‌داشتن سبد (Ctrl+H)", "Hold basket (Ctrl+H)"),
    "recall": ("سبدهای نگه‌داشته (Ctrl+B)", "Held baskets (Ctrl+B)"),
    "held": ("سبد ({items} ردیف، {total}) کنار گذاشته شد. مشتری بعدی را بپذیرید؛ برای "
             "بازگرداندن Ctrl+B.",
             "Basket ({items} lines, {total}) held. Serve the next customer; Ctrl+B brings "
             "it back."),
    "held_title": ("سبدهای نگه‌داشته", "Held baskets"),
    "held_hint": ("سبد را با ↑/↓ انتخاب کنید و Enter بزنید؛ مشتری دوباره شناسایی می‌شود.",
                  "Pick a basket with ↑/↓ and press Enter; the customer is identified again."),
    "held_none": ("سبد نگه‌داشته‌ای نیست.", "No basket is held."),
    "recall_busy": ("ابتدا فروش جاری را تمام کنید یا آن را نگه دارید (Ctrl+H)، سپس Ctrl+B.",
                    "Finish the current sale or hold it (Ctrl+H) first, then Ctrl+B."),
    "recalled": ("سبد نگه‌داشته برگشت ({items} ردیف). خانوار را دوباره شناسایی کنید (F2)، سپس "
                 "پرداخت.",
                 "Held basket back ({items} lines). Identify the household again (F2), then "
                 "take the payment."),
    "recalled_for": ("سبد {masked} برگشت ({items} ردیف). خانوار را دوباره شناسایی کنید (F2)، "
                     "سپس پرداخت.",
                     "Basket of {masked} back ({items} lines). Identify the household again "
                     "(F2), then take the payment."),
    "held_waiting": ("{n} سبد نگه‌داشته منتظر است (Ctrl+B).", "{n} held basket(s) waiting "
                     "(Ctrl+B)."),
    "col_items": ("ردیف‌ها", "Lines"),
    "col_customer": ("مشتری", "Customer"),
    "col_total": ("جمع", "Total"),
    # tender and card dialogs
    "tender_title": ("پرداخت نقد", "Cash payment"),
    "tender_due": ("مبلغ قابل پرداخت: {amount}", "Due: {amount}"),
    "tendered_label": ("وجه دریافتی (خالی = مبلغ دقیق):", "Cash handed over (empty = exact):"),
    "change": ("باقی‌مانده به مشتری: {amount}", "Change: {amount}"),
    "short": ("کم است: {amount}", "Short by {amount}"),
    "ok": ("تأیید (Enter)", "OK (Enter)"),
    "cancel": ("انصراف (Esc)", "Cancel (Esc)"),
    "card_title": ("پرداخت با کارت", "Card payment"),
    "card_ref_label": ("شماره مرجع کارت‌خوان بانکی:", "Reference number from the bank terminal:"),
    "card_ref_needed": ("شماره مرجع را وارد کنید.", "Enter the reference number."),
    "tender_far_above": ("وجه دریافتی {tendered} است و باقی‌مانده {change}؛ بسیار بیشتر از "
                         "مبلغ قابل پرداخت. اگر درست است دوباره Enter بزنید، وگرنه مبلغ را "
                         "اصلاح کنید.",
                         "Cash handed over: {tendered}, change {change}: far above the amount "
                         "due. Press Enter again if that is right, or correct the amount."),
    "tender_short": ("وجه دریافتی کمتر از مبلغ قابل پرداخت است.",
                     "The cash handed over is less than the amount due."),
    # manager, void, reprint
    "manager_title": ("مدیر فروشگاه", "Store manager"),
    "manager_pin": ("رمز مدیر:", "Manager PIN:"),
    "void_title": ("ابطال فروش امروز", "Void a sale of today"),
    "void_reason": ("دلیل ابطال:", "Reason:"),
    "void_done": ("فروش {receipt} باطل شد؛ کالابرگ به خانوار برگشت.",
                  "Sale {receipt} voided; the coupon goes back to the household."),
    "void_pick": ("فروشی را از فهرست انتخاب کنید.", "Pick a sale from the list."),
    "reason_needed": ("دلیل ابطال را بنویسید.", "Write the reason for the void."),
    "no_sales": ("امروز فروشی ثبت نشده است.", "No sale recorded today."),
    "reprint_title": ("چاپ مجدد رسید", "Reprint a receipt"),
    "reprint_sent": ("رسید {receipt} (المثنی) برای چاپ فرستاده شد.",
                     "Receipt {receipt} (copy) sent to the printer."),
    "printed": ("رسید {receipt} چاپ شد.", "Receipt {receipt} printed."),
    "print_failed": ("{message} برای چاپ مجدد Ctrl+R را بزنید.",
                     "{message} Press Ctrl+R to reprint."),
    "forwarded_rejected": ("سامانه {count} فروش آفلاین را نپذیرفت؛ در گزارش مدیر فهرست شده است.",
                           "The service rejected {count} offline sale(s); the manager's "
                           "report lists them."),
    "col_receipt": ("رسید", "Receipt"),
    "col_time": ("زمان", "Time"),
    "col_coupon": ("کالابرگ", "Coupon"),
    "col_status": ("وضعیت", "Status"),
    "status_approved": ("تأیید شده", "approved"),
    "status_pending": ("در انتظار ارسال", "pending"),
    "status_no_coupon": ("بدون کالابرگ", "no coupon"),
    "status_rejected": ("رد شده", "rejected"),
    "status_voided": ("باطل شده", "voided"),
    "status_stand_in": ("آفلاین، ارسال‌نشده", "offline, unsent"),
    "status_declined": ("تلاش ناموفق", "declined attempt"),
    # help and errors
    "help_title": ("راهنمای کلیدها", "Keys"),
    "unexpected": ("خطای پیش‌بینی‌نشده رخ داد؛ فروش دست نخورده ماند. دوباره امتحان کنید "
                   "و اگر تکرار شد با پشتیبانی تماس بگیرید.",
                   "Something unexpected went wrong; the sale was left as it was. Try again, "
                   "and call support if it happens again."),
    "demo_ids_title": ("مشتریان نمایشی", "Demo customers"),
    # the scale (F7)
    "read_scale": ("وزن از ترازو (F7)", "Weigh (F7)"),
    "scale_next_item": ("کالای کیلویی بعدی که اسکن شود از ترازو وزن می‌شود.",
                        "The next kg item scanned takes its weight from the scale."),
    "scale_reading": ("در حال خواندن وزن «{name}» از ترازو…", "Reading “{name}” from the scale…"),
    "weighed": ("وزن «{name}» از ترازو: {qty} کیلوگرم.", "“{name}” weighed: {qty} kg."),
    "scale_line_gone": ("ردیف پیش از رسیدن وزن تغییر کرد؛ وزن ثبت نشد.",
                        "The line changed before the weight came; nothing was set."),
    "typed_mark": ("وزن دستی", "typed weight"),
    "typed_tip": ("این وزن با دست وارد شده است، نه از ترازو.",
                  "This weight was typed by hand, not read from the scale."),
    "receipts_title": ("پیش‌نمایش رسید", "Receipt preview"),
}
# the screens' own sentences, kept in texts.py for this file's length
TEXTS.update(SCREENS)

KEYS: tuple[tuple[str, str], ...] = (  # (the key, its line of the help in TEXTS)
    ("F1", "help_f1"),
    ("F2", "help_f2"),
    ("F3", "help_f3"),
    ("F4", "help_f4"),
    ("F5", "help_f5"),
    ("F6", "help_f6"),
    ("F7", "help_f7"),
    ("F8", "help_f8"),
    ("F9", "help_f9"),
    ("F10", "help_f10"),
    ("F12", "help_f12"),
    ("Esc", "help_esc"),
    ("Ctrl+N", "help_ctrl_n"),
    ("Ctrl+R", "help_ctrl_r"),
    ("Ctrl+D", "help_ctrl_d"),
    ("Ctrl+M", "help_ctrl_m"),
    ("Ctrl+O", "help_ctrl_o"),
    ("Ctrl+L", "help_ctrl_l"),
    ("Ctrl+H", "help_ctrl_h"),
    ("Ctrl+B", "help_ctrl_b"),
    ("↑ ↓", "help_arrows"),
)


def set_language(language: str, unit: str = "rial") -> None:
    _state["language"] = "en" if language == "en" else "fa"
    _state["unit"] = "toman" if unit == "toman" else "rial"


def language() -> str:
    return _state["language"]


def is_rtl() -> bool:
    return _state["language"] == "fa"


def tr(key: str, **values: object) -> str:
    fa, en = TEXTS[key]
    text = fa if _state["language"] == "fa" else en
    return text.format(**values) if values else text


def pick(fa: str, en: str) -> str:
    """One of a pair the core hands over (an error, a reason, an outcome).

    Never for a sentence the window writes itself (that is a ``TEXTS`` entry read with
    ``tr``; tests/core/test_ui_texts.py fails on ``pick`` with literal arguments). The
    uses that stay, each with both texts from data:
    - a ``UserFacingError``'s ``.fa``/``.en`` (context.py, manager.py, main_window.py);
    - a household's ``reason_fa``/``reason_en`` (panels.py, sale_screen.py);
    - a sale result's or the printer status's ``message_fa``/``message_en`` (sale_format.py,
      panels.py);
    - a demo identity's ``label_fa``/``label_en`` (demo_panel.py);
    - a pair the core's catalogues return (the card refund notice in card_reader.py).
    """
    return fa if _state["language"] == "fa" else (en or fa)


def num(value: int | str) -> str:
    """Digits for the language; a code with Latin letters (a receipt number such as
    T-0001-000123) is isolated left-to-right so Persian text around it cannot reorder it."""
    text = str(value)
    if not is_rtl():
        return text
    text = to_persian_digits(text)
    if any("a" <= c.lower() <= "z" for c in text):
        return "\u2066" + text + "\u2069"  # LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
    return text


def isolate(text: str) -> str:
    """A name that may be in the other script (a Persian cashier's name in an English
    line), isolated so it keeps its own direction and cannot move the words around it."""
    return "\u2068" + text + "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def ident(masked: str) -> str:
    """A masked identity (``******9541``, a masked card): digits for the language, isolated
    left-to-right so the bidi algorithm cannot move its stars to the other end."""
    text = to_persian_digits(masked) if is_rtl() else masked
    return "\u2066" + text + "\u2069"  # LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE


def money(rials: int, *, with_unit: bool = True) -> str:
    unit: Unit = "toman" if _state["unit"] == "toman" else "rial"
    lang = _state["language"]
    return format_amount(rials, digits="fa" if lang == "fa" else "en", unit=unit,
                         with_unit=with_unit, language=lang)


def grouped(value: int) -> str:
    """A whole number as typed in an amount field: ``۲٬۵۰۰٬۰۰۰`` or ``2,500,000``."""
    text = group_thousands(value, PERSIAN_THOUSANDS if is_rtl() else ",")
    return to_persian_digits(text) if is_rtl() else text


def unit_name() -> str:
    fa = "تومان" if _state["unit"] == "toman" else "ریال"
    en = "toman" if _state["unit"] == "toman" else "rials"
    return pick(fa, en)


def qty(qty_milli: int, *, weighed: bool) -> str:
    return format_qty(qty_milli, weighed=weighed, digits="fa" if is_rtl() else "en")


def date(day: dt.date) -> str:
    return display_date(day, _state["language"])


def moment(when: dt.datetime) -> str:
    return display_datetime(when, _state["language"])


def time_of(when: dt.datetime) -> str:
    return num(display_datetime(when, "en")[-5:])


def parse_money(text: str) -> int:
    """A typed amount in the display unit (digits in any script, separators allowed) as
    rials; ``ValueError`` when it is not a whole non-negative number."""
    cleaned = to_ascii_digits(text.strip())
    for sep in (",", "٬", " ", "_", "\u200c"):
        cleaned = cleaned.replace(sep, "")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValueError(text)
    value = int(cleaned)
    return value * 10 if _state["unit"] == "toman" else value


def to_ascii(text: str) -> str:
    """Typed digits in any script as ASCII (PINs, references)."""
    return to_ascii_digits(text)
