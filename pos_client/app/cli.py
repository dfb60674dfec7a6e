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
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .. import __version__
from ..domain.errors import UserFacingError
from ..settings.config import Settings, app_dirs, load_settings

# Modules that add sub-commands; each has ``register(subparsers) -> None`` and every
# sub-command sets ``func(args, settings_loader) -> int``.
COMMAND_MODULES = (
    "pos_client.store.commands",
    "pos_client.store.backup",
    "pos_client.devices.commands",
    "pos_client.app.card_terminal_commands",
    "pos_client.sync.commands",
    "pos_client.app.report_commands",
    "pos_client.monitoring.commands",
    "pos_client.ui.commands",
)

LOG_FILENAME = "pos-client.log"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-client", description="Kalabarg checkout terminal (پایانه فروش کالابرگ)")
    parser.add_argument("--config", help="TOML configuration file (or $POS_CLIENT_CONFIG)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log details to stderr")
    parser.add_argument("--version", action="version", version=f"pos-client {__version__}")
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


def _utf8_output() -> None:
    """Persian text to a pipe or file on Windows: its ANSI code page (cp1252, cp1256) has no
    Persian digits, so printing a report would fail; write UTF-8 there instead."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _log_file_without_console() -> list[logging.Handler] | None:
    """The windowed Windows executable has no stderr: log to the user log dir instead
    (``%LOCALAPPDATA%\\pos-client\\Logs\\pos-client.log``; 5 x 1 MB kept)."""
    if sys.stderr is not None:
        return None
    log_dir = Path(app_dirs().user_log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    return [RotatingFileHandler(log_dir / LOG_FILENAME, maxBytes=1_000_000, backupCount=5,
                                encoding="utf-8")]


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        handlers=_log_file_without_console())
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
        if sys.stderr is None:  # the windowed executable: the log is where IT looks
            logging.getLogger("pos_client").error("%s", exc.message("en"))
        if exc.detail:
            logging.getLogger("pos_client").info("detail: %s", exc.detail)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
