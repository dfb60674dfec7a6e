"""``pos-client sync`` and ``pos-client status``."""

from __future__ import annotations

import argparse
from typing import Any

from ..cli import SettingsLoader
from ..dates import display_datetime, utc_now
from ..errors import UserFacingError
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
    state = {True: ("برخط", "online"), False: ("آفلاین", "offline"),
             None: ("نامعلوم", "unknown")}[online]
    age = exposure.oldest_unsent_age_hours
    rows = [
        ("وضعیت", "status", state[0], state[1]),
        ("فروش ارسال‌نشده", "unsent sales", str(cache.unsent_sales), str(cache.unsent_sales)),
        ("ابطال ارسال‌نشده", "unsent voids", str(cache.unsent_voids), str(cache.unsent_voids)),
        ("قدیمی‌ترین ارسال‌نشده (ساعت)", "oldest unsent (hours)",
         "-" if age is None else f"{age:.1f}", "-" if age is None else f"{age:.1f}"),
        ("فروش آفلاین ردشده", "rejected offline sales", str(cache.rejected_sales),
         str(cache.rejected_sales)),
        ("نسخه برنامه", "programme version", str(cache.programme_version),
         str(cache.programme_version)),
        ("خانوار / نشانگر", "households / cursor", f"{cache.households} / "
         f"{cache.households_cursor}", f"{cache.households} / {cache.households_cursor}"),
        ("کالای فهرست / نشانگر", "catalog / cursor",
         f"{cache.catalog_items} / {cache.catalog_cursor}",
         f"{cache.catalog_items} / {cache.catalog_cursor}"),
        ("کالای فروشگاه", "store products", str(cache.products), str(cache.products)),
        ("اقلام کنارگذاشته از سامانه", "set aside from the service", str(cache.set_aside),
         str(cache.set_aside)),
        ("زمان", "time", display_datetime(utc_now(), "fa"), display_datetime(utc_now(), "en")),
    ]
    for fa_label, en_label, fa_value, en_value in rows:
        _say(lang, f"{fa_label}: {fa_value}", f"{en_label}: {en_value}")
    for item in set_aside:
        _say(lang, f"  کنار گذاشته ({item.feed}) {item.ref}: {item.reason}",
             f"  set aside ({item.feed}) {item.ref}: {item.reason}")
    return 0 if online is not False else 1
