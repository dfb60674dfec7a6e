"""F7 at the sale screen: the scale's weight into a kg line (and, for the same
inspector's counts, the journaling of a basket dropped unsold).

With a kg line selected, its weight is read from the scale; with none, the next kg item
scanned is weighed instead of asking for its weight. The device is read by the counter
(``Counter.read_scale``) on the worker's basket lane, never by a widget; the answer lands
in the line it was asked for, or nowhere if that line is gone by then.
"""

from __future__ import annotations

from typing import Any

from ..domain.basket import Line
from . import i18n
from .i18n import tr
from .phase import refusal


class Weigher:
    def __init__(self, screen: Any) -> None:
        self.screen = screen  # the SaleScreen: its basket, context and refresh
        self.armed = False  # F7 with no kg line selected: weigh the next kg item scanned
        self.last_weighing: Any = None  # the scale's last answer put into a line
        self.cashier = ""  # the last cashier seen ringing up (for a basket dropped at sign-out)

    def read_scale(self) -> None:
        screen = self.screen
        if not screen._editable():
            return
        row = screen.basket_view.selected_row()
        if row is None or not screen.basket.lines[row].weighed:
            self.armed = True
            screen.ctx.say(tr("scale_next_item"), "")
            screen.focus_scan()
            return
        self.weigh_into(screen.basket.lines[row])

    def weigh_into(self, line: Line) -> None:
        self.armed = False
        ctx = self.screen.ctx
        ctx.say(tr("scale_reading", name=line.name), "")
        ctx.runner.run(lambda: ctx.counter.read_scale(),
                       lambda weighing: self._weighed(line, weighing), ctx.fail, lane="basket")

    def _weighed(self, line: Line, weighing: Any) -> None:
        screen = self.screen
        row = next((i for i, held in enumerate(screen.basket.lines) if held is line), None)
        if row is None or refusal(screen.phase) is not None:
            screen.ctx.say(tr("scale_line_gone"), "warn")
            return
        screen.basket.set_qty(row, weighing.weight_milli, "scale")
        screen.payment = None
        screen._refresh(select=row)
        self.last_weighing = weighing
        screen.ctx.say(tr("weighed", name=line.name,
                          qty=i18n.qty(weighing.weight_milli, weighed=True)), "ok")

    def drop_basket(self, basket: Any, *, sold: bool) -> None:
        """A new sale starts over ``basket``: unless it was sold, the counter journals its
        lines (and those voided in it) for the cashier who rang them up."""
        ctx = self.screen.ctx
        user = ctx.counter.user
        cashier = self.cashier if user is None else user.name  # signed out just now
        self.cashier = user.name if user is not None else ""
        lines, voided = list(basket.lines), list(basket.voided)
        if sold or not cashier or not (lines or voided):
            return
        ctx.runner.run(lambda: ctx.counter.abandon_basket(lines, voided, cashier=cashier),
                       None, ctx.fail, lane="basket")
