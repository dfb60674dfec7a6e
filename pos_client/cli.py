"""``pos-client`` and its sub-commands: the wiring of the parts.

Each part registers its own sub-commands (``register(subparsers)`` in its ``commands``
module), so that this file stays the list of parts and nothing else.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from .config import Settings, load_settings
from .errors import UserFacingError

# Modules that add sub-commands; each has ``register(subparsers) -> None`` and every
# sub-command sets ``func(args, settings_loader) -> int``.
COMMAND_MODULES = (
    "pos_client.store.commands",
    "pos_client.devices.commands",
    "pos_client.devices.card_terminal.commands",
    "pos_client.sync.commands",
    "pos_client.report_commands",
    "pos_client.ui.commands",
)

SettingsLoader = Callable[[], Settings]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-client", description="Kalabarg checkout terminal (پایانه فروش کالابرگ)")
    parser.add_argument("--config", help="TOML configuration file (or $POS_CLIENT_CONFIG)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            # The window needs Qt; everything else works without it.
            if exc.name and exc.name.split(".")[0] in ("PySide6", "shiboken6"):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "run"])

    def settings_loader() -> Settings:
        return load_settings(args.config)

    try:
        result: int = args.func(args, settings_loader)
        return result
    except UserFacingError as exc:
        language = "fa"
        with contextlib.suppress(UserFacingError):
            language = settings_loader().terminal.language
        print(exc.message(language), file=sys.stderr)
        if exc.detail:
            logging.getLogger("pos_client").info("detail: %s", exc.detail)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
