"""Sub-commands of the store (see ``pos_client.app.cli``): journal verify, user add, products import."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain.errors import ConfigError
from ..settings.config import SettingsLoader
from .store import Store


def _open(settings_loader: SettingsLoader) -> tuple[Store, str]:
    settings = settings_loader()
    if not settings.terminal.data_dir:
        raise ConfigError.from_code("config_invalid:terminal_data_dir", detail="terminal.data_dir")
    return Store.open(settings.terminal.data_dir), settings.terminal.language


def journal_verify(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    store, language = _open(settings_loader)
    with store:
        problem = store.verify_journal()
    if problem is None:
        print("دفتر رویدادها سالم است." if language == "fa" else "The journal chain holds.")
        return 0
    print(f"BROKEN: {problem}", file=sys.stderr)
    print(str(problem))
    return 1


def user_add(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    store, language = _open(settings_loader)
    pin = sys.stdin.readline().strip()
    with store:
        user = store.add_user(args.name, args.role, pin, by="cli")
    print(f"کاربر «{user.name}» ({user.role}) اضافه شد." if language == "fa"
          else f"Added {user.role} {user.name!r}.")
    return 0


def products_import(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    store, language = _open(settings_loader)
    with store:
        report = store.import_products(args.file, by="cli")
    for row in report.refused:
        reason = row.reason_fa if language == "fa" else row.reason_en
        print(f"line {row.line_no}: refused: {reason}")
    print(f"{report.accepted} accepted, {len(report.refused)} refused")
    return 1 if report.refused else 0


def products_plu(args: argparse.Namespace, settings_loader: SettingsLoader) -> int:
    """Label-scale PLUs from a ``plu,gtin`` CSV (docs/scales.md)."""
    store, language = _open(settings_loader)
    with store:
        report = store.import_plu(args.file, by="cli")
    for row in report.refused:
        reason = row.reason_fa if language == "fa" else row.reason_en
        print(f"line {row.line_no}: refused: {reason}")
    print(f"{report.accepted} accepted, {len(report.refused)} refused")
    return 1 if report.refused else 0


def register(subparsers: Any) -> None:
    """Add this part's sub-commands to ``subparsers``."""
    journal = subparsers.add_parser("journal", help="the local journal's hash chain")
    journal_sub = journal.add_subparsers(dest="journal_command", required=True)
    verify = journal_sub.add_parser("verify", help="check the chain; exit 1 if broken")
    verify.set_defaults(func=journal_verify)

    user = subparsers.add_parser("user", help="cashiers and managers")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add a user; the PIN is read from standard input")
    add.add_argument("name")
    add.add_argument("--role", choices=("cashier", "manager"), required=True)
    add.set_defaults(func=user_add)

    products = subparsers.add_parser("products", help="the store's own products and prices")
    products_sub = products.add_subparsers(dest="products_command", required=True)
    imp = products_sub.add_parser("import", help="import gtin,name,price_rials,unit from CSV")
    imp.add_argument("file")
    imp.set_defaults(func=products_import)
    plu = products_sub.add_parser("plu", help="import label-scale PLUs (plu,gtin) from CSV")
    plu.add_argument("file")
    plu.set_defaults(func=products_plu)
