"""What every screen shares: the counter, the worker, and the one way to tell the cashier.

``say`` puts a sentence on the message bar; ``fail`` turns any error into one (a
refusal's own words, or a plain "something went wrong" with the details in the log).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import UserFacingError
from .counter_port import CounterPort
from .i18n import Tone, pick, tr
from .worker import Runner

log = logging.getLogger(__name__)

__all__ = ["Context", "Tone"]



@dataclass
class Context:
    counter: CounterPort  # pos_client.counter.Counter, or a test's stand-in with its members
    runner: Runner
    say: Callable[[str, Tone], None]  # (text, tone)

    def fail(self, exc: BaseException) -> str:
        """Say what went wrong; returns the sentence (dialogs show it too)."""
        if isinstance(exc, UserFacingError):
            text = pick(exc.fa, exc.en)
            if exc.detail:
                log.info("%s: %s", exc.code, exc.detail)
        else:
            log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
            text = tr("unexpected")
        self.say(text, "bad")
        return text
