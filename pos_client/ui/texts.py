"""The sentences of the window's screens and dialogs (the card reader, the Z, the manager's
screen, the customer display, the void and reprint lists, the demo), in Persian and English.

Part of the catalogue ``i18n.TEXTS`` (which adds these to its own entries): read them with
``i18n.tr(key, field=...)``. Kept apart from ``i18n.py`` only for its length; a key must
not be in both (tests/core/test_ui_texts.py).
"""

from __future__ import annotations

SCREENS: dict[str, tuple[str, str]] = {
    # the shift screen after a Z
    "day_closed": ("روز کاری {day} با گزارش Z بسته شده است. تا ساعت ۰۰:۰۰ به وقت تهران فروشی "
                   "ثبت نمی‌شود؛ پس از آن موجودی نقد صندوق را وارد کنید و شیفت روز بعد را باز "
                   "کنید.",
                   "Business day {day} is closed with its Z. Nothing can be sold until 00:00 "
                   "Tehran time; then enter the cash in the drawer and open the next day's "
                   "shift."),
    "after_z": ("روز کاری {day} بسته شد. برای ادامه فروش، موجودی نقد صندوق را وارد کنید و "
                "شیفت امروز را باز کنید.",
                "Business day {day} is closed. To sell again, enter the cash in the drawer "
                "and open today's shift."),
    # the Z confirmation
    "z_title": ("تأیید بستن روز با گزارش Z", "Confirm closing the day with a Z"),
    "z_question": ("این روز کاری بسته شود؟", "Close this business day?"),
    "z_confirm": ("بستن روز (Z)", "Close the day (Z)"),
    "z_cancel": ("انصراف (Esc)", "Cancel (Esc)"),
    "z_earlier": ("توجه: این روز، امروز نیست؛ روزی پیش‌تر است که فروش آن هنوز بسته نشده.",
                  "Note: this is not today; it is an earlier day whose sales are still open."),
    "z_after_today": ("پس از بستن، تا ساعت ۰۰:۰۰ به وقت تهران فروشی ثبت نمی‌شود؛ روز بعد با "
                      "باز کردن شیفت و موجودی اول شیفت آغاز می‌شود.",
                      "After the Z nothing is sold until 00:00 Tehran time; the next day starts "
                      "with a new shift and its opening cash."),
    "z_after": ("پس از بستن، برای فروش باید شیفت امروز با موجودی اول شیفت باز شود.",
                "After the Z, today's shift must be opened with its opening cash to sell."),
    # items the service sent that were set aside (manager screen)
    "set_aside_head": ("اقلام نادرست از سامانه کالابرگ: {n} (کنار گذاشته شد؛ بقیه "
                       "گرفته شد). این فهرست را به پشتیبانی سامانه بدهید:",
                       "Items from the Kalabarg service that broke a rule: {n} (set aside; "
                       "the rest was taken). Give this list to the service's support:"),
    "set_aside_more": ("… و {n} قلم دیگر (pos-client status)",
                       "… and {n} more (pos-client status)"),
    "set_aside_catalog": ("کالا", "product"),
    "set_aside_households": ("خانوار", "household"),
    # the demo's docks
    "demo_receipts_placeholder": ("رسیدهای چاپ‌شده اینجا دیده می‌شوند.",
                                  "Printed receipts show here."),
    "demo_card_shown": ("کارت ****", "card ****"),
    "demo_customer_put": ("مشتری نمایشی در فیلد مشتری گذاشته شد؛ Enter را بزنید.",
                          "The demo customer is in the customer field; press Enter."),
    "demo_products_title": ("کالاهای نمایشی (کلیک = اسکن)", "Demo products (click = scan)"),
    "demo_products_legend": ("✓ در فهرست کالاهای مشمول: کالابرگ می‌پردازد\n"
                             "✗ غیرمشمول: با پول مشتری",
                             "✓ on the coupon list: the coupon can pay\n"
                             "✗ not on it: the customer pays"),
    # card reader (F10 with a reader configured)
    "reader_title": ("پرداخت با کارتخوان", "Card reader payment"),
    "reader_retry": ("تلاش دوباره", "Try again"),
    "reader_pay_cash": ("پرداخت نقد", "Pay cash"),
    "reader_check": ("بررسی کارتخوان", "Check the reader"),
    "reader_slip_button": ("ثبت از رسید کارتخوان (مدیر)", "Record the reader's slip (manager)"),
    "reader_close": ("بستن (Esc)", "Close (Esc)"),
    "reader_cancel": ("لغو (Esc)", "Cancel (Esc)"),
    "reader_slip_title": ("رسید کارتخوان", "The card reader's slip"),
    "reader_slip_note": ("اگر رسید کارتخوان پرداخت موفق نشان می‌دهد شماره مرجع (RRN) آن را "
                         "وارد کنید؛ اگر رسیدی نیست یا ناموفق است خالی بگذارید.",
                         "If the reader's slip shows the payment approved, enter its RRN; "
                         "leave it empty when there is no slip or it shows a failure."),
    "reader_rrn": ("شماره مرجع", "RRN"),
    "reader_manager_pin": ("رمز مدیر", "Manager PIN"),
    "reader_waiting": ("در انتظار کارتخوان… مبلغ {amount} را روی کارتخوان پرداخت کنید. (Esc: لغو)",
                       "Waiting for the card reader… pay {amount} on the reader. (Esc: cancel)"),
    "reader_cancelling": ("درخواست لغو به کارتخوان رفت؛ منتظر پاسخ آن…",
                          "Cancel sent to the card reader; waiting for its answer…"),
    "reader_declined": ("کارتخوان پرداخت را رد کرد{code}. نقد یا تلاش دوباره؟",
                        "The card reader declined the payment{code}. Cash or another try?"),
    "reader_cancelled": ("پرداخت روی کارتخوان لغو شد. نقد یا تلاش دوباره؟",
                         "The payment was cancelled at the reader. Cash or another try?"),
    "reader_not_sent": ("مبلغ به کارتخوان نرسید؛ چیزی کسر نشده است. نقد یا تلاش دوباره؟",
                        "The amount did not reach the card reader; nothing was charged. Cash or "
                        "another try?"),
    "reader_unknown": ("نتیجه پرداخت معلوم نیست (شاید کسر شده باشد). فروش باز می‌ماند: کارتخوان را "
                       "بررسی کنید یا رسید خود کارتخوان را با رمز مدیر ثبت کنید.",
                       "The payment's result is unknown (the card may have been charged). The "
                       "sale stays open: check the reader, or record the reader's own slip with a "
                       "manager's PIN."),
    "reader_approved": ("پرداخت شد: کارت {card}، مرجع {rrn}. فروش ثبت می‌شود…",
                        "Paid: card {card}, RRN {rrn}. Recording the sale…"),
    "reader_asking": ("از کارتخوان می‌پرسیم…", "Asking the card reader…"),
    # the void and reprint lists
    "sales_search": ("جستجوی شماره رسید:", "Find a receipt number:"),
    "sales_search_hint": ("بخشی از شماره رسید", "any part of the receipt number"),
    "sales_col_total": ("جمع کل", "Total"),
    "sales_col_cash": ("نقد", "Cash"),
    "sales_col_card": ("کارت", "Card"),
    "sales_none_found": ("رسیدی با این شماره امروز نیست.", "No receipt of today has this number."),
    "sales_void_done": ("فروش {receipt} باطل شد؛ کالابرگ {coupon} به خانوار برگشت. {money}",
                        "Sale {receipt} voided; coupon {coupon} goes back to the household. "
                        "{money}"),
    "sales_reprint_voided": ("رسید {receipt} با نشان «باطل شده» برای چاپ فرستاده شد.",
                             "Receipt {receipt}, marked VOIDED, sent to the printer."),
    "sales_give_cash": ("نقد به خریدار پس بدهید: {amount}.", "Give back in cash: {amount}."),
    "sales_give_card": ("به کارت بانکی خریدار برگردانید: {amount}.",
                        "Refund to the customer's card: {amount}."),
    "sales_give_nothing": ("پولی برای پس دادن نیست.", "No money to give back."),
    # the customer display
    "display_title": ("نمایشگر مشتری", "Customer display"),
    "display_welcome": ("خوش آمدید", "Welcome"),
    "display_scanning": ("کالاهای شما", "Your items"),
    "display_identified": ("کالابرگ شما", "Your coupon"),
    "display_paid": ("در حال ثبت خرید…", "Recording your purchase…"),
    "display_completed": ("خرید شما ثبت شد. سپاس از خرید شما.",
                          "Your purchase is recorded. Thank you."),
    "display_voided": ("این فروش باطل شد؛ سهم کالابرگ به مانده خانوار برمی‌گردد.",
                       "This sale was voided; the coupon amount goes back to the household."),
    "display_total": ("جمع خرید", "Total"),
    "display_coupon": ("از کالابرگ", "From the coupon"),
    "display_copay": ("سهم شما (پرداخت همراه کالابرگ)", "Your copay"),
    "display_pays": ("پرداخت شما", "You pay"),
    "display_before": ("مانده پیش از خرید", "Balance before"),
    "display_after": ("مانده پس از خرید", "Balance after"),
    "display_note": ("مبلغ کالابرگ را شما انتخاب می‌کنید؛ می‌توان آن را کمتر کرد، هرگز بیشتر.",
                     "The amount on the coupon is yours to choose; it can be lowered, never "
                     "raised."),
    "display_col_name": ("کالا", "Item"),
    "display_col_qty": ("تعداد", "Qty"),
    "display_col_amount": ("مبلغ", "Amount"),
    # the manager's end of day
    "manager_day_title": ("گزارش‌های پایان روز — {name}", "End of day — {name}"),
    "manager_count": ("نقد شمارش‌شده صندوق ({unit}):", "Cash counted in the drawer ({unit}):"),
    "manager_count_hint": ("پیش از دیدن مبلغ مورد انتظار بشمارید",
                           "count before you see the expected figure"),
    "manager_x": ("گزارش X", "X report"),
    "manager_z": ("گزارش Z و بستن روز", "Z report and close the day"),
    "manager_print": ("چاپ", "Print"),
    "manager_csv": ("خروجی CSV", "Export CSV"),
    "manager_pdf": ("خروجی PDF", "Export PDF"),
    "manager_sync_first": ("اول همگام‌سازی", "Sync first"),
    "manager_close_anyway": ("بستن روز با Z در انتظار", "Close anyway (Z pending)"),
    "manager_working": ("در حال انجام…", "Working…"),
    "manager_need_count": ("برای گزارش Z ابتدا نقد صندوق را بشمارید و وارد کنید.",
                           "For the Z report, count the cash and enter it first."),
    "manager_bad_count": ("مبلغ شمارش‌شده را به عدد صحیح وارد کنید.",
                          "Enter the counted cash as a whole number."),
    "manager_x_done": ("گزارش X آماده است.", "The X report is ready."),
    "manager_z_done": ("روز بسته شد؛ گزارش Z شماره {z}: {status}.",
                       "The day is closed; Z number {z}: {status}."),
    "manager_printed": ("گزارش چاپ شد.", "The report was printed."),
    "manager_saved": ("ذخیره شد: {path}", "Saved: {path}"),
    "manager_no_report": ("ابتدا گزارش X یا Z را بگیرید.", "Make an X or Z report first."),
    "manager_no_printer": ("چاپگری تنظیم نشده است.", "No printer is configured."),
    "manager_receipt": ("رسید", "Receipt"),
    "manager_kind": ("مغایرت", "Difference"),
    "manager_here": ("این پایانه", "Here"),
    "manager_there": ("سامانه", "Service"),
    "manager_note": ("توضیح", "Note"),
    "manager_settled": ("گزارش‌های Z در انتظار تطبیق شدند: {n}", "Pending Z reports settled: {n}"),
    "manager_save_title": ("ذخیره گزارش", "Save the report"),
    "manager_look_in": ("پوشه:", "Look in:"),
    "manager_file_name": ("نام پرونده:", "File name:"),
    "manager_file_type": ("نوع پرونده:", "Files of type:"),
    "manager_save": ("ذخیره", "Save"),
    "manager_cancel": ("انصراف", "Cancel"),
    "manager_csv_files": ("پرونده CSV (*.csv)", "CSV files (*.csv)"),
    "manager_pdf_files": ("پرونده PDF (*.pdf)", "PDF files (*.pdf)"),
    "manager_z_cancelled": ("روز بسته نشد.", "The day was not closed."),
    # the help (F1): what each key of the window does
    "help_f1": ("راهنما (همین فهرست)", "Help (this list)"),
    "help_f2": ("شناسایی خانوار: کد ملی، کارت یا کد یک‌بار مصرف",
                "Household: national code, card or code"),
    "help_f3": ("جستجوی کالا با نام", "Search a product by name"),
    "help_f4": ("تغییر مقدار ردیف انتخاب‌شده", "Change the selected line's quantity"),
    "help_f5": ("کاهش مبلغ کالابرگ به درخواست مشتری", "Lower the coupon at the customer's request"),
    "help_f6": ("چاپ رسید مانده اعتبار", "Print the balance slip"),
    "help_f7": ("وزن از ترازو برای ردیف کیلویی انتخاب‌شده یا کالای کیلویی بعدی",
                "Weigh the selected kg line, or the next kg item scanned"),
    "help_f8": ("حذف ردیف انتخاب‌شده", "Void the selected line"),
    "help_f9": ("پرداخت نقد", "Pay cash"),
    "help_f10": ("پرداخت با کارت", "Pay by card"),
    "help_f12": ("پایان و ثبت فروش", "Complete the sale"),
    "help_esc": ("انصراف / بازگشت به بارکد", "Cancel / back to the barcode field"),
    "help_ctrl_n": ("فروش جدید", "New sale"),
    "help_ctrl_r": ("چاپ مجدد رسید", "Reprint a receipt"),
    "help_ctrl_d": ("ابطال فروش امروز (رمز مدیر)", "Void a sale of today (manager PIN)"),
    "help_ctrl_m": ("مدیر فروشگاه", "Store manager"),
    "help_ctrl_o": ("باز کردن کشوی پول بدون فروش (رمز مدیر)", "Open the cash drawer (manager PIN)"),
    "help_ctrl_l": ("خروج صندوقدار", "Sign out"),
    "help_ctrl_h": ("نگه‌داشتن سبد و پذیرفتن مشتری بعدی",
                    "Hold the basket, serve the next customer"),
    "help_ctrl_b": ("بازگرداندن سبد نگه‌داشته", "Bring a held basket back"),
    "help_arrows": ("انتخاب ردیف سبد", "Select a basket line"),
}
