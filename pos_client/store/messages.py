"""Messages of the local database, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..errors import Catalogue

MESSAGES = Catalogue("store", {
    "card_payment_unusable": (
        "این پرداخت کارتی برای این فروش قابل استفاده نیست.",
        "This card payment cannot pay this sale."),
    "card_payment_unresolved": (
        "نتیجه پرداخت کارتی قبلی این فروش معلوم نیست؛ اول آن را روشن کنید.",
        "The result of this sale's earlier card payment is unknown; settle it first (search "
        "the reader, or the reader's slip)."),
    "card_payment_already_approved": (
        "این فروش پیش‌تر با کارت پرداخت شده است؛ دوباره ارسال نمی‌شود.",
        "This sale is already paid by card; it is not sent again."),
    "config_invalid:terminal_data_dir": (
        "پوشه داده (terminal.data_dir) تنظیم نشده است.",
        "terminal.data_dir is not set."),
    "day_closed:z_out": (
        "روز کاری {day} بسته شده است (گزارش Z صادر شده)؛ این کار ممکن نیست.",
        "Business day {day} is closed (its Z report is out); this cannot be done."),
    "day_transition": (
        "روز {day}: {status} -> {event} ممکن نیست.",
        "Business day {day}: {status} -> {event} is not allowed."),
    "shift_not_open": (
        "شیفت باز پیدا نشد.",
        "No such open shift."),
    "cash_invalid": (
        "موجودی اول شیفت نامعتبر است.",
        "The opening cash is not valid."),
    "not_found:open_shift": (
        "شیفت باز پیدا نشد.",
        "No such open shift."),
    "store_failed": (
        "ذخیره در پایگاه داده پایانه انجام نشد؛ هیچ چیز ذخیره نشد.",
        "The terminal database could not save this; nothing was saved."),
    "store_full": (
        "دیسک پایانه پر است؛ هیچ چیز ذخیره نشد. فضا آزاد کنید و دوباره تلاش کنید.",
        "The terminal's disk is full; nothing was saved. Free some space and try again."),
    "store_busy": (
        "پایگاه داده مشغول است؛ چند لحظه بعد دوباره تلاش کنید.",
        "The database is busy; try again in a moment."),
    "not_found:held_basket": (
        "این سبد نگه‌داشته دیگر وجود ندارد.",
        "That held basket is no longer there."),
    "terminal_busy": (
        "برنامه پایانه روی همین پوشه داده ({data_dir}) در حال اجراست (فرایند {pid}); همان "
        "پنجره را به کار ببرید.",
        "Another pos-client (process {pid}) is already running on {data_dir}; use that one."),
    "plu_invalid": (
        "کد PLU باید عددی ۱ تا ۶ رقمی باشد.",
        "A PLU is a number of 1 to 6 digits."),
    "csv_header:plu": (
        "سطر اول فایل باید plu,gtin باشد.",
        "The file's first line must be plu,gtin."),
    "csv_unreadable:utf8": (
        "فایل {name} خوانده نشد (UTF-8).",
        "{name} cannot be read as UTF-8 text."),
    "csv_columns:plu": (
        "ردیف باید ۲ ستون داشته باشد.",
        "expected 2 columns"),
    "csv_columns:products": (
        "ردیف باید {columns} ستون داشته باشد، نه {found}.",
        "expected {columns} columns, found {found}"),
    "csv_name:english": (
        "نام انگلیسی کالا بیش از حد بلند است.",
        "the English name is too long"),
    "csv_name:persian": (
        "نام کالا خالی یا بیش از حد بلند است.",
        "the name is empty or too long"),
    "csv_price": (
        "قیمت «{raw_price}» عدد صحیح ریالی نیست.",
        "the price {raw_price!r} is not a whole number of rials"),
    "csv_unit": (
        "واحد «{raw_unit}» باید piece یا kg باشد.",
        "the unit {raw_unit!r} must be piece or kg"),
    "reason_missing": (
        "دلیل ابطال را بنویسید.",
        "Give a reason for the void."),
    "already_voided": (
        "فروش {receipt_no} قبلاً ابطال شده است.",
        "Sale {receipt_no} is already voided."),
    "sale_rejected": (
        "فروشی که سامانه رد کرده ابطال نمی‌شود؛ در فهرست مدیر است.",
        "A sale the service rejected cannot be voided; it is listed for the manager."),
    "pin_invalid": (
        "رمز باید {min_pin_digits} تا {max_pin_digits} رقم باشد.",
        "A PIN has {min_pin_digits} to {max_pin_digits} digits."),
    "manager_required:store_manager": (
        "این کار تأیید مدیر فروشگاه را لازم دارد.",
        "This needs a store manager's approval."),
    "auth_failed:wrong_pin": (
        "رمز نادرست است؛ {attempts_left} بار دیگر فرصت دارید.",
        "Wrong PIN; {attempts_left} more tries before the user is locked."),
    "pin_wrong": (
        "رمز نادرست است. {left} بار دیگر تا قفل شدن ورود.",
        "Wrong PIN. {left} more before the login locks."),
    "user_locked": (
        "این کاربر پس از ۵ رمز نادرست قفل شده است؛ مدیر باید آن را باز کند.",
        "This user is locked after 5 wrong PINs; a manager must unlock it."),
    "name_invalid": (
        "نام کاربر را وارد کنید (حداکثر ۶۴ نویسه).",
        "Enter a user name (at most 64 characters)."),
    "role_invalid": (
        "نقش باید cashier یا manager باشد.",
        "The role must be cashier or manager."),
    "login_locked": (
        "ورود پس از {max_failed_attempts} رمز نادرست قفل شد؛ مدیر فروشگاه باید با رمز خود آن "
        "را باز کند.",
        "Login is locked after {max_failed_attempts} wrong PINs; the store manager must enter"
        " their PIN to unlock it."),
    "user_exists": (
        "کاربر «{name}» از قبل وجود دارد.",
        "User {name!r} already exists."),
    "pin_taken": (
        "این رمز را کاربر دیگری دارد؛ رمز دیگری انتخاب کنید.",
        "Another user has this PIN; choose another."),
    "auth_failed:wrong_user_or_pin": (
        "کاربر یا رمز نادرست است.",
        "Wrong user or PIN."),
    "auth_failed:no_user": (
        "کاربر «{name}» پیدا نشد.",
        "No user {name!r}."),
})
