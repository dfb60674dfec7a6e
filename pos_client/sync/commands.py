"""``pos-client sync`` and ``pos-client status``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..domain.dates import display_datetime, utc_now
from ..domain.errors import UserFacingError
from ..domain.money import format_amount, to_persian_digits
from ..settings.config import SettingsLoader
from ..store import Store, acquire_terminal_lock
from .api import CentralApi
from .engine import SyncEngine


def register(subparsers: Any) -> None:
    sync = subparsers.add_parser("sync", help="one full sync: pull, then push")
    sync.set_defaults(func=run_sync)
    status = subparsers.add_parser("status", help="online/offline, unsent sales, cache")
    status.add_argument("--offline", action="store_true", help="do not ask the service")
    status.set_defaults(func=run_status)


def _say(settings_language: str, fa: str, en: str) -> None:
    print(fa if settings_language == "fa" else en)


def run_sync(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    settings = settings_loader()
    lang = settings.terminal.language
    settings.data_path.mkdir(parents=True, exist_ok=True)
    with acquire_terminal_lock(settings.data_path), Store.open(settings.data_path) as store:
        api = CentralApi.from_settings(settings)
        engine = SyncEngine(store, api)
        try:
            pulled = engine.pull()
            _say(lang, f"پایانه {pulled.terminal_id}: برنامه نسخه {pulled.programme_version}"
                 f"{' (تازه)' if pulled.programme_changed else ''}، "
                 f"{pulled.catalog_items} کالا و {pulled.households} خانوار تازه.",
                 f"terminal {pulled.terminal_id}: programme version {pulled.programme_version}"
                 f"{' (new)' if pulled.programme_changed else ''}, "
                 f"{pulled.catalog_items} catalog items and {pulled.households} households "
                 "changed")
            if pulled.set_aside:
                _say(lang, f"{pulled.set_aside} قلم نادرست از سامانه کنار گذاشته شد "
                     "(pos-client status).",
                     f"{pulled.set_aside} items from the service broke a rule and were set "
                     "aside (see pos-client status)")
            if pulled.skew_warning:
                _say(lang, f"هشدار: ساعت پایانه {pulled.clock_skew_s} ثانیه با سامانه اختلاف دارد.",
                     f"warning: the clock is {pulled.clock_skew_s} s off the service's")
            pushed = engine.push()
            _say(lang, f"ارسال شد: {pushed.approved} فروش تأیید، {pushed.rejected} رد، "
                 f"{pushed.voided} ابطال.",
                 f"sent: {pushed.approved} sales approved, {pushed.rejected} rejected, "
                 f"{pushed.voided} voids")
            for txn_id in pushed.rejected_txn_ids:
                sale = store.get_sale(txn_id)
                _say(lang, f"فروش آفلاین رد شد: {sale.receipt_no if sale else txn_id}",
                     f"offline sale rejected: {sale.receipt_no if sale else txn_id}")
        except UserFacingError as exc:
            print(exc.message(lang))
            return 1
        finally:
            api.close()
    return 0


def run_status(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    settings = settings_loader()
    lang = settings.terminal.language
    online = None
    if not args.offline:
        api = CentralApi.from_settings(settings)
        try:
            api.terminal()
            online = True
        except UserFacingError:
            online = False
        finally:
            api.close()
    with Store.open(settings.data_path) as store:
        cache = store.cache_status()
        exposure = store.offline_exposure()
        set_aside = store.set_aside_items()
        held = store.held_uploads()
        info = store.terminal_info()
    for fa_label, en_label, fa_value, en_value in status_rows(
            online, cache, exposure.oldest_unsent_age_hours,
            info.server_time if info is not None else None, utc_now()):
        _say(lang, f"{fa_label}: {fa_value}", f"{en_label}: {en_value}")
    for item in set_aside:
        _say(lang, f"  کنار گذاشته ({item.feed}) {item.ref}: {item.reason}",
             f"  set aside ({item.feed}) {item.ref}: {item.reason}")
    # uploads the forwarder cannot send (e.g. a one-time code it cannot unseal): they block
    # nothing behind them, but a person must know they are there
    held_fa, held_en = _both(len(held))
    _say(lang, f"ارسال‌های کنارگذاشته (نیاز به بررسی): {held_fa}",
         f"uploads set aside (need a person): {held_en}")
    for upload in held:
        _say(lang, f"  {upload.kind} {upload.ref}: {upload.reason}",
             f"  {upload.kind} {upload.ref}: {upload.reason}")
    return 0 if online is not False else 1


NEVER = ("هنوز نه", "never")


def _both(value: int | None) -> tuple[str, str]:
    """A count in Persian digits with the Persian separator, and in plain ASCII digits
    (what scripts read); ``None`` (no sync yet) is a word, never "None"."""
    if value is None:
        return NEVER
    return format_amount(value, digits="fa", with_unit=False), str(value)


def status_rows(online: bool | None, cache: Any, age: float | None,
                last_answer: dt.datetime | None,
                now: dt.datetime) -> list[tuple[str, str, str, str]]:
    """``pos-client status`` as (Persian label, English label, Persian value, English
    value) rows."""
    state = {True: ("برخط", "online"), False: ("آفلاین", "offline"),
             None: ("نامعلوم", "unknown")}[online]
    hours = ("-", "-") if age is None else (to_persian_digits(f"{age:.1f}").replace(".", "٫"),
                                            f"{age:.1f}")
    households, cursor = _both(cache.households), _both(cache.households_cursor)
    catalog, catalog_cursor = _both(cache.catalog_items), _both(cache.catalog_cursor)
    synced = NEVER if last_answer is None else (display_datetime(last_answer, "fa"),
                                                display_datetime(last_answer, "en"))
    return [
        ("وضعیت", "status", *state),
        ("فروش ارسال‌نشده", "unsent sales", *_both(cache.unsent_sales)),
        ("ابطال ارسال‌نشده", "unsent voids", *_both(cache.unsent_voids)),
        ("قدیمی‌ترین ارسال‌نشده (ساعت)", "oldest unsent (hours)", *hours),
        ("فروش آفلاین ردشده", "rejected offline sales", *_both(cache.rejected_sales)),
        ("آخرین پاسخ سامانه", "last answer from the service", *synced),
        ("نسخه برنامه", "programme version", *_both(cache.programme_version)),
        ("خانوار / نشانگر", "households / cursor", f"{households[0]} / {cursor[0]}",
         f"{households[1]} / {cursor[1]}"),
        ("کالای فهرست / نشانگر", "catalog / cursor", f"{catalog[0]} / {catalog_cursor[0]}",
         f"{catalog[1]} / {catalog_cursor[1]}"),
        ("کالای فروشگاه", "store products", *_both(cache.products)),
        ("اقلام کنارگذاشته از سامانه", "set aside from the service", *_both(cache.set_aside)),
        ("زمان", "time", display_datetime(now, "fa"), display_datetime(now, "en")),
    ]
