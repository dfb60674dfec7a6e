"""Messages of the programme's rules (domain/), and of the counter, the settings and the app,
by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.domain.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from .errors import Catalogue

MESSAGES = Catalogue("domain", {
    "barcode_non_digit": (
        "بارکد نامعتبر است: فقط رقم مجاز است. دوباره اسکن کنید.",
        "Invalid barcode: digits only. Scan it again."),
    "barcode_length": (
        "بارکد نامعتبر است: طول آن درست نیست. دوباره اسکن کنید.",
        "Invalid barcode: wrong length. Scan it again."),
    "barcode_checksum": (
        "بارکد نامعتبر است: رقم کنترل نادرست. دوباره اسکن کنید.",
        "Invalid barcode: the check digit is wrong. Scan it again."),
    "basket_full": (
        "سبد خرید پر است.",
        "The basket is full."),
    "card_terminal_none": (
        "کارتخوانی به این پایانه وصل نیست.",
        "No card reader is configured ([card_terminal] kind)."),
    "card_nothing_due": (
        "مبلغی برای پرداخت با کارت نمانده است.",
        "Nothing is left to pay by card."),
    "card_payment_other_amount": (
        "این فروش پیش‌تر {amount_rials:,} ریال با کارت پرداخت شده و مانده اکنون فرق دارد؛ آن "
        "را روی کارتخوان برگشت بزنید (مدیر) یا سبد را برگردانید.",
        "This sale was already paid {amount_rials:,} rials by card and the remainder is now "
        "different; refund it on the card reader (manager) or put the basket back as it was."),
    "card_payment_settled": (
        "این پرداخت کارتی پیش‌تر روشن شده است.",
        "This card payment is already settled."),
    "card_rrn_invalid": (
        "شماره مرجع (RRN) رسید کارتخوان را وارد کنید (۶ تا ۱۳ رقم).",
        "Enter the RRN printed on the reader's slip (6 to 13 digits)."),
    "card_payment_mismatch": (
        "پرداخت کارتی با مانده این فروش جور نیست؛ فروش تکمیل نشد.",
        "The card payment does not match this sale's remainder; the sale was not completed."),
    "card_reader_required": (
        "با کارتخوان متصل، پرداخت کارتی از خود کارتخوان ثبت می‌شود (F10).",
        "With a card reader configured, a card payment comes from the reader (F10)."),
    "household_unknown:local": (
        "این خانوار در فهرست پایانه نیست. شماره را بررسی کنید یا پس از همگام‌سازی دوباره "
        "امتحان کنید.",
        "This household is not in the terminal's list. Check the number, or try again after a"
        " sync."),
    "code_needs_network": (
        "کد یک‌بار مصرف فقط با اتصال به سامانه کار می‌کند؛ کد ملی یا کارت سرپرست را بگیرید.",
        "A one-time code works only online; use the head's national code or card."),
    "login_required": (
        "ابتدا با رمز خود وارد شوید.",
        "Log in with your PIN first."),
    "manager_required:manager": (
        "این کار تأیید مدیر را لازم دارد.",
        "This needs a manager."),
    "tender_short": (
        "مبلغ دریافتی کمتر از مانده است.",
        "The cash handed over is less than the remainder."),
    "card_reference_invalid": (
        "شماره پیگیری کارت را وارد کنید (۴ تا ۳۲ رقم).",
        "Enter the card payment's reference number (4 to 32 digits)."),
    "config_invalid:cannot_read_configuration": (
        "فایل تنظیمات خوانده نشد: {config_file}",
        "Cannot read the configuration file {config_file}"),
    "terminal_unknown": (
        "اطلاعات پایانه هنوز از سامانه گرفته نشده است؛ همگام‌سازی کنید.",
        "The terminal has not been set up from the service yet; sync first."),
    "not_found:no_central_service": (
        "سامانه مرکزی تنظیم نشده است.",
        "No central service is configured."),
    "product_unknown": (
        "این کالا در فهرست قیمت فروشگاه نیست.",
        "This item is not in the store's price list."),
    "empty:basket_empty": (
        "سبد خرید خالی است.",
        "The basket is empty."),
    "not_found:no_receipt_stored": (
        "رسید این فروش پیدا نشد.",
        "No receipt is stored for this sale."),
    "drawer_unavailable": (
        "کشوی پول به چاپگری وصل نیست که بتوان آن را باز کرد.",
        "No printer is configured to open the cash drawer."),
    "not_found:no_sale_today": (
        "امروز فروشی نبوده است.",
        "No sale today yet."),
    "manager_required:old_receipt": (
        "چاپ دوباره رسیدهای قدیمی‌تر رمز مدیر را لازم دارد.",
        "Reprinting an older receipt needs a manager's PIN."),
    "empty:basket_nothing": (
        "سبد خالی است؛ چیزی برای نگه‌داشتن نیست.",
        "The basket is empty; there is nothing to hold."),
    "rule_violation": (
        "برنامه کالابرگ هنوز دریافت نشده است.",
        "The programme has not been received yet."),
    "plu_unknown": (
        "کد PLU {plu} برچسب ترازو در فهرست فروشگاه نیست.",
        "The scale label's PLU {plu} is not in the store's list."),
    "plu_not_weighed": (
        "کالای این برچسب ترازو کیلویی نیست.",
        "The scale label's product is not sold by weight."),
    "coupon_not_shown": (
        "سهم کالابرگ هنوز روی نمایشگر مشتری نشان داده نشده است؛ دوباره تکمیل کنید.",
        "The coupon amount has not been shown on the customer display yet; complete again."),
    "nid_non_digit": (
        "کد ملی نامعتبر است: فقط رقم مجاز است. دوباره وارد کنید.",
        "Invalid national code: only digits are allowed. Enter it again."),
    "nid_length": (
        "کد ملی نامعتبر است: باید ۱۰ رقم باشد. دوباره وارد کنید.",
        "Invalid national code: it must have 10 digits. Enter it again."),
    "nid_checksum": (
        "کد ملی نامعتبر است: رقم کنترل نادرست. دوباره وارد کنید.",
        "Invalid national code: the check digit is wrong. Enter it again."),
    "nid_not_issued": (
        "کد ملی نامعتبر است: چنین کدی صادر نمی‌شود. دوباره وارد کنید.",
        "Invalid national code: no such code is ever issued. Enter it again."),
    "card_length": (
        "شماره کارت باید ۱۶ رقم باشد. دوباره بکشید یا وارد کنید.",
        "A card number has 16 digits. Swipe or enter it again."),
    "card_checksum": (
        "شماره کارت نامعتبر است. کارت را دوباره بکشید.",
        "The card number is not valid. Swipe the card again."),
    "card_double_swipe": (
        "دو کشیدن پشت سر هم خوانده شد. کارت را یک بار دیگر بکشید.",
        "Two swipes were read at once. Swipe the card once more."),
    "otc_invalid": (
        "کد یک‌بار مصرف باید ۸ رقم باشد. دوباره وارد کنید.",
        "A one-time code has 8 digits. Enter it again."),
    "card_unreadable": (
        "کارت خوانده نشد. کارت را دوباره بکشید.",
        "The card could not be read. Swipe it again."),
    "price_invalid:not_whole": (
        "قیمت باید عدد صحیح به ریال باشد.",
        "The price must be a whole number of rials."),
    "price_invalid:not_positive": (
        "قیمت باید بیشتر از صفر باشد.",
        "The price must be above zero."),
    "price_invalid:too_large": (
        "قیمت بیش از حد مجاز است.",
        "The price is larger than allowed."),
    "qty_invalid:not_valid": (
        "مقدار نامعتبر است.",
        "The quantity is not valid."),
    "qty_invalid:not_positive": (
        "مقدار باید بیشتر از صفر باشد.",
        "The quantity must be above zero."),
    "qty_invalid:over_999": (
        "مقدار بیش از ۹۹۹ است.",
        "The quantity is over 999."),
    "qty_invalid:empty": (
        "مقدار را وارد کنید.",
        "Enter a quantity."),
    "qty_invalid:not_a_number": (
        "مقدار باید عدد مثبت باشد.",
        "The quantity must be a positive number."),
    "qty_invalid:three_decimals": (
        "مقدار حداکثر سه رقم اعشار دارد.",
        "A quantity has at most three decimals."),
    "qty_invalid:whole_number": (
        "این کالا عددی است؛ مقدار باید عدد صحیح باشد.",
        "This item is sold by the piece; enter a whole number."),
    "pin_missing": (
        "رمز مدیر را در ورودی استاندارد بدهید.",
        "Give the manager's PIN on standard input."),
    "offline_limit:offline_disabled": (
        "فروش آفلاین کالابرگ در این دوره مجاز نیست؛ مبلغ را به روش دیگری دریافت کنید.",
        "Offline coupon sales are not allowed in this round; take other payment."),
    "offline_limit:max_sale_rials": (
        "سقف هر فروش آفلاین ({limit}) رد می‌شود.",
        "Over the offline limit per sale ({limit})."),
    "offline_limit:max_household_rials": (
        "سقف آفلاین این خانوار ({limit}) رد می‌شود.",
        "Over the offline limit per household ({limit})."),
    "offline_limit:max_terminal_rials": (
        "سقف کل فروش ارسال‌نشده این پایانه ({limit}) پر شده است.",
        "Over this terminal's offline total ({limit})."),
    "offline_limit:max_age_hours": (
        "قدیمی‌ترین فروش ارسال‌نشده بیش از {hours} ساعت مانده است؛ "
        "تا اتصال دوباره، کالابرگ آفلاین پذیرفته نمی‌شود.",
        "The oldest unsent sale is over {hours} hours old; no offline "
        "coupon until the service is reached."),
    "config_invalid:unknown_key": (
        "کلید ناشناخته است.",
        "is not a known key"),
    "config_invalid:timeout_range": (
        "باید بین ۰ و ۱۲۰ ثانیه باشد.",
        "must be within (0, 120]"),
    "config_invalid:not_a_file": (
        "پیدا نشد.",
        "is not a readable file"),
    "config_invalid:tcp_port": (
        "نادرست است.",
        "must be a TCP port"),
    "config_invalid:at_least_1": (
        "باید دست‌کم ۱ باشد.",
        "must be at least 1"),
    "config_invalid:probe_range": (
        "باید بین ۱ و ۳۶۰۰ ثانیه باشد.",
        "must be within [1, 3600]"),
    "config_invalid:serial_scale_url": (
        "برای ترازوی سریال لازم است.",
        "is needed for a serial scale"),
    "config_invalid:screen_number": (
        "نادرست است.",
        "must be 0 or more"),
    "config_invalid:pole_url": (
        "برای نمایشگر ستونی لازم است.",
        "is needed when customer_display.kind is pole"),
    "config_invalid:reader_timeout": (
        "باید بین ۰ و ۶۰ ثانیه باشد.",
        "must be within (0, 60]"),
    "config_invalid:response_timeout": (
        "باید بین timeout_s و ۶۰۰ ثانیه باشد.",
        "must be within [timeout_s, 600]"),
    "config_invalid:reader_address": (
        "یا url لازم است.",
        "or card_terminal.url is needed"),
    "config_invalid:https_only": (
        "فقط با https مجاز است (http تنها برای نشانی محلی).",
        "must use https (plain http only for loopback addresses)"),
    "config_invalid:pole_label": (
        "باید حروف لاتین و حداکثر ۲۰ نویسه باشد.",
        "must be printable ASCII, at most 20 characters (a pole display cannot show other "
        "letters)"),
    "config_invalid:unknown_variable": (
        "متغیر محیطی ناشناخته است.",
        "is not a known setting"),
    "config_invalid:unknown_section": (
        "بخش ناشناخته است.",
        "is not a known section"),
    "config_invalid": (
        "تنظیمات نادرست است: {key} {why}",
        "Bad configuration: {key} {why}"),
    "config_invalid:bad_value": (
        "مقدار نادرستی دارد: {value!r}.",
        "has a bad value: {value!r}"),
    "config_invalid:type": (
        "باید از نوع {type} باشد.",
        "must be of type {type}"),
    "config_invalid:choice": (
        "باید یکی از {allowed} باشد (نه {value!r}).",
        "must be one of {allowed} (got {value!r})"),
    "config_invalid:label_layout": (
        "نادرست است: {why}",
        "{why}"),
    "config_invalid:listen": (
        "باید به شکل host:port باشد (نه {text!r}).",
        "must be host:port (got {text!r})"),
    "config_invalid:kind_name": (
        "نادرست است: {kind!r}.",
        "is not a kind name: {kind!r}"),
    "config_invalid:url": (
        "نشانی درستی نیست: {url!r}.",
        "is not an http(s) URL: {url!r}"),
    "config_invalid:serial_port": (
        "نام درگاه سریال نیست (مانند COM3 یا /dev/ttyUSB0): {url!r}.",
        "is not a serial port such as COM3 or /dev/ttyUSB0, nor a pyserial URL: {url!r}"),
    "config_invalid:data_dir_long": (
        "بیش از حد طولانی است ({length} نویسه)؛ پوشه‌ای کوتاه‌تر مانند C:\\pos-client یا "
        "/var/lib/pos-client برگزینید.",
        "is too long ({length} characters) for the database; choose a shorter folder such as "
        "C:\\pos-client or /var/lib/pos-client"),
    "config_invalid:token_unreadable": (
        "فایل توکن خوانده نشد: {key}: {path} ({why})",
        "{key}: {path} cannot be read: {why}"),
    "config_invalid:token_exposed": (
        "فایل {path} ({key}) که توکن در آن است برای همه خواناست؛ دسترسی آن را محدود کنید "
        "(chmod 600؛ در ویندوز icacls).",
        "{key} is in {path}, which is readable by others; run chmod 600 on it (Windows: "
        "icacls \"{path}\" /inheritance:r /grant:r %USERNAME%:R)."),
    "config_invalid:not_toml": (
        "فایل تنظیمات خراب است: {config_file} ({why})",
        "The configuration file {config_file} is not valid TOML: {why}"),
    "label_layout_invalid:apart": (
        "رقم‌های {char} باید پشت سر هم باشند",
        "the {char} digits must be together"),
    "label_layout_invalid:length": (
        "باید ۱۳ (یا ۱۲) نویسه از 0-9 X P W $ V C باشد",
        "must have 13 (or 12) characters of 0-9 X P W $ V C"),
    "label_layout_invalid:prefix": (
        "باید با پیشوند داخلی فروشگاه ۲ (۲۰ تا ۲۹) شروع شود",
        "must start with the in-store prefix 2 (20-29)"),
    "label_layout_invalid:check_digit": (
        "باید با یک رقم کنترل C تمام شود",
        "must end with its one check digit C"),
    "label_layout_invalid:fields": (
        "باید کد کالا (P) و یا وزن (W) یا قیمت ($) داشته باشد",
        "needs a PLU (P) and either a weight (W) or a price ($)"),
    "label_layout_invalid:price_check": (
        "رقم کنترل قیمت (V) قیمت ۴ یا ۵ رقمی لازم دارد",
        "V (price check digit) needs a 4- or 5-digit price"),
    "label_checksum": (
        "بارکد ترازو نامعتبر است: رقم کنترل نادرست است. دوباره اسکن کنید.",
        "Invalid scale label: the check digit is wrong. Scan it again."),
    "label_price_checksum": (
        "بارکد ترازو نامعتبر است: رقم کنترل قیمت نادرست است. دوباره اسکن کنید.",
        "Invalid scale label: the price check digit is wrong. Scan it again."),
    "label_zero": (
        "بارکد ترازو نامعتبر است: وزن یا قیمت صفر است. دوباره اسکن کنید.",
        "Invalid scale label: its weight or price is zero. Scan it again."),
    "resources_missing": (
        "فایل‌های همراه برنامه (قلم‌ها) پیدا نشد؛ برنامه را دوباره نصب کنید. (جست‌وجو در: "
        "{places})",
        "The files shipped with pos-client (fonts) are missing; reinstall it. Looked in: "
        "{places}"),
    "split_changed:balance": (
        "مانده خانوار تغییر کرده است؛ سهم کالابرگ دوباره حساب شد. مبالغ تازه را ببینید و "
        "دوباره تکمیل کنید.",
        "The household's balance changed; the split was redone. Check the new amounts and "
        "complete again."),
    "household_blocked:reason": (
        "کالابرگ این خانوار مسدود است؛ فقط با پول خود خرید کند.",
        "This household's coupon is blocked; it can pay by other means only."),
    "terminal_blocked:reason": (
        "فروشگاه تعلیق شده است؛ فروش با کالابرگ ممکن نیست.",
        "The store is suspended; no coupon sales."),
    "outside_window:reason": (
        "امروز نوبت خرید این خانوار نیست: {window}",
        "Not this household's day to buy: {window}"),
    "nothing_to_spend": (
        "اعتبار قابل خرید امروز صفر است.",
        "Nothing left to spend today."),
    "not_on_apl": (
        "این کالا در فهرست کالاهای مشمول کالابرگ نیست؛ با پول خود مشتری پرداخت می‌شود.",
        "Not on the approved list; paid with the customer's own money."),
    "price_above_max:line": (
        "قیمت این کالا از سقف قیمت مصوب بیشتر است؛ با کالابرگ پرداخت نمی‌شود.",
        "Priced above its approved maximum; not payable with the coupon."),
    "card_refund_notice": (
        "مبلغ کارتی ({amount}، مرجع {rrn}) را روی کارتخوان برگشت بزنید؛ نقد پس ندهید.",
        "Refund the card payment ({amount}, RRN {rrn}) on the card reader; do not give cash "
        "back."),
})
