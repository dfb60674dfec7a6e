"""Messages of the local database, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.domain.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..domain.errors import Catalogue

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
    "already_voided:receipt": (
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
    "day_closed:until_midnight": (
        "روز کاری {day} با گزارش Z بسته شده است؛ تا پایان امروز (ساعت ۰۰:۰۰ به وقت تهران) هیچ"
        " فروشی ثبت نمی‌شود. روز کاری بعد از نیمه‌شب با باز کردن شیفت (موجودی اول شیفت) آغاز "
        "می‌شود.",
        "Business day {day} is closed with its Z; no sale can be made until it ends (00:00 "
        "Tehran time). The next business day starts after midnight, when a shift is opened "
        "with its opening cash."),
    "day_ahead": (
        "روز کاری {day} هنوز در تهران آغاز نشده است (امروز {today}).",
        "Business day {day} has not begun in Tehran yet (today is {today})."),
    "store_unusable:not_a_file": (
        "این مسیر فایل نیست.",
        "it is not a regular file."),
    "store_unusable:not_sqlite": (
        "فایل، پایگاه داده SQLite نیست.",
        "it is not an SQLite database."),
    "store_unusable:other_program": (
        "این فایل متعلق به برنامه دیگری است.",
        "it belongs to another program."),
    "store_unusable:no_folder": (
        "پوشه داده وجود ندارد.",
        "its folder does not exist."),
    "store_unusable:damaged": (
        "فایل آسیب دیده است.",
        "the file is damaged."),
    "store_unusable:cannot_open": (
        "فایل باز نشد.",
        "it cannot be opened."),
    "store_unusable:no_wal": (
        "حالت WAL فعال نشد.",
        "WAL mode could not be enabled."),
    "sale_inconsistent:no_id_or_lines": (
        "شناسه یا اقلام ندارد.",
        "it has no id or no lines."),
    "sale_inconsistent:rejected": (
        "فروش ردشده ثبت نمی‌شود.",
        "a rejected sale is never recorded as new."),
    "sale_inconsistent:line_amount": (
        "مبلغ یک قلم نادرست است.",
        "a line amount is not price x quantity."),
    "sale_inconsistent:lines_total": (
        "جمع اقلام با جمع کل نمی‌خواند.",
        "the lines do not add up to the totals."),
    "sale_inconsistent:payments_total": (
        "جمع پرداخت‌ها با مبلغ کل برابر نیست.",
        "the payments do not add up to the total."),
    "sale_inconsistent:coupon_amount": (
        "پرداخت کالابرگ با سهم کالابرگ برابر نیست.",
        "the coupon payment is not the coupon amount."),
    "sale_inconsistent:coupon_household": (
        "پرداخت کالابرگ بدون خانوار ممکن نیست.",
        "a coupon payment needs a household and a status."),
    "sale_inconsistent:nothing_to_authorise": (
        "فروش بدون کالابرگ تأیید لازم ندارد.",
        "a sale without coupon has nothing to authorise."),
    "store_unusable": (
        "پایگاه داده پایانه ({path}) قابل استفاده نیست: {why} فایل دست نخورده ماند؛ با "
        "پشتیبانی تماس بگیرید.",
        "The terminal database {path} cannot be used: {why} The file was left untouched; call"
        " support."),
    "sale_inconsistent": (
        "فروش ثبت نشد: {why}",
        "The sale was not recorded: {why}"),
    "backup_refused:no_file": (
        "فایل پشتیبان پیدا نشد: {path}",
        "No backup file at {path}."),
    "backup_refused:damaged": (
        "فایل پشتیبان آسیب دیده است: {path} ({verdict})",
        "The backup {path} is damaged: {verdict}"),
    "backup_refused:no_database": (
        "پایگاه داده‌ای در {data_dir} نیست.",
        "No database in {data_dir}."),
    "backup_refused:target_exists": (
        "فایل {target} از پیش هست؛ نام دیگری بدهید.",
        "{target} already exists; give another name."),
    "csv_encoding": (
        "فایل {name} با UTF-8 ذخیره نشده است (بایت {byte})؛ آن را با «CSV UTF-8» دوباره ذخیره"
        " کنید.",
        "{name} is not UTF-8 text (byte {byte}); save it again as \"CSV UTF-8\"."),
    "csv_header:products": (
        "سطر اول فایل {name} باید «{columns}» باشد، نه «{header}».",
        "The first line of {name} must be {columns!r}, not {header!r}."),
    "csv_unreadable:os_error": (
        "فایل {path} خوانده نشد ({why}).",
        "{path} cannot be read: {why}"),
    "other_day": (
        "فقط فروش‌های همین روز کاری ابطال می‌شوند؛ فروش {receipt_no} مال روز {day} است.",
        "Only sales of the current business day can be voided; sale {receipt_no} is of {day}."),
    "not_found:void": (
        "این ابطال ({void_id}) پیدا نشد.",
        "No void {void_id}."),
    "not_found:sale": (
        "این فروش ({txn_id}) پیدا نشد.",
        "No sale {txn_id}."),
    "not_found:card_payment": (
        "این پرداخت کارتی ({order_id}) پیدا نشد.",
        "No card payment {order_id}."),
    "csv_gtin_repeated": (
        "بارکد {gtin} تکراری است (سطر {line}).",
        "GTIN {gtin} repeats line {line}"),
})
