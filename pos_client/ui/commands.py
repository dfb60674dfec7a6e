"""Sub-commands of the window: ``run`` (what plain ``pos-client`` does) and ``demo``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ..settings.config import Settings


def _run(args: argparse.Namespace, settings_loader: Callable[[], Settings]) -> int:
    from .app import run

    return run(settings_loader())


def _demo(args: argparse.Namespace, settings_loader: Callable[[], Settings]) -> int:
    del settings_loader  # the demo configures itself
    from .app import run_demo

    return run_demo(language=args.language,
                    exit_after_first_paint=args.exit_after_first_paint)


def register(subparsers: Any) -> None:
    """Add ``run`` and ``demo``; ``pos-client`` without a sub-command means ``run``."""
    run = subparsers.add_parser("run", help="the cashier's window, from the configuration")
    run.set_defaults(func=_run)
    demo = subparsers.add_parser(
        "demo", help="the window on an embedded central service, demo data and a file printer")
    demo.add_argument("--language", choices=("fa", "en"), default="fa",
                      help="the window's language (default fa)")
    demo.add_argument("--exit-after-first-paint", action="store_true",
                      help="quit once the window has painted itself (a smoke test of an "
                           "install or bundle); prints 'first paint'")
    demo.set_defaults(func=_demo)
