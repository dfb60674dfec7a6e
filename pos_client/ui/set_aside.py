"""A notice on the manager's screen: items the service sent that broke a rule and were
set aside (central-api.md), so the manager can tell the programme's support about them.

Self-contained: ``SetAsideNotice(parent)`` is a label, hidden while there is nothing to
say; ``load(counter)`` asks the counter off the GUI thread (its own ``Runner``) and shows
the answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from . import i18n
from .counter_port import CounterPort
from .i18n import tr
from .worker import Runner

MAX_LISTED = 5
FEEDS = {"catalog": "set_aside_catalog", "households": "set_aside_households"}
LRI, PDI = "\u2066", "\u2069"  # a left-to-right isolate inside Persian text


class SetAsideNotice(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("setAsideNotice")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #fff4d6; color: #5c3d00; "
                           "border: 1px solid #e0b44c; border-radius: 4px; padding: 6px; }")
        self.runner = Runner(self)  # its own: the screen's buttons stay as they are
        self.hide()

    def load(self, counter: CounterPort) -> None:
        self.runner.run(counter.set_aside_items, self.show_items, lambda _exc: None)

    def show_items(self, items: list[Any]) -> None:
        if not items:
            self.hide()
            return
        lines = [tr("set_aside_head", n=i18n.num(len(items)))]
        for item in items[:MAX_LISTED]:
            feed = tr(FEEDS[item.feed]) if item.feed in FEEDS else item.feed
            lines.append(f"• {feed} {LRI}{item.ref}{PDI} — {i18n.moment(item.seen_at)}")
            lines.append(f"   {LRI}{item.reason}{PDI}")  # technical, for support: left to right
        if len(items) > MAX_LISTED:
            more = len(items) - MAX_LISTED
            lines.append(tr("set_aside_more", n=i18n.num(more)))
        self.setText("\n".join(lines))
        self.show()
