"""Hold and recall on the sale screen: Ctrl+H sets the basket aside and starts the next
sale; Ctrl+B lists the held baskets (the newest selected) and Enter brings one back.

The baskets are kept by the counter (``Counter.hold_basket`` / ``recall_basket``), in the
database, so they survive a restart. A recalled basket comes back without its household:
the cashier identifies the customer again, so the coupon is never spent on a stale balance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from . import i18n
from .dialogs import FormDialog
from .i18n import tr


class HeldDialog(FormDialog):
    """The held baskets; ↑/↓ pick one, Enter brings it back."""

    def __init__(self, parent: QWidget | None, baskets: Sequence[Any]) -> None:
        super().__init__(parent, "heldDialog", tr("held_title"), "recallOkButton")
        self.baskets = list(baskets)
        self.table = QTableWidget(len(self.baskets), 4)
        self.table.setObjectName("heldTable")
        self.table.setHorizontalHeaderLabels(
            [tr(k) for k in ("col_time", "col_customer", "col_items", "col_total")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, held in enumerate(self.baskets):
            cells = (i18n.time_of(held.held_at), i18n.ident(held.masked) if held.masked else "—",
                     i18n.num(len(held.lines)), i18n.money(held.total_rials))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.baskets:
            self.table.setCurrentCell(0, 0)
        hint = QLabel(tr("held_hint"))
        hint.setProperty("class", "caption")
        self.form.addRow(hint)
        self.form.addRow(self.table)
        QWidget.setTabOrder(self.table, self.ok_button)
        self.focus_field = self.table
        self.setMinimumWidth(560)

    def values(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.baskets):
            self.show_error(tr("held_none"))
            return None
        return {"held": self.baskets[row]}


class HoldRecall:
    """Ctrl+H and Ctrl+B for a ``SaleScreen``."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.ctx = screen.ctx

    def hold(self) -> None:
        screen = self.screen
        if not screen.basket.lines or screen.outcome is not None:
            self.ctx.say(tr("empty_basket"), "warn")
            return
        if not screen._editable():
            return
        lines = list(screen.basket.lines)
        masked = screen.household.masked if screen.household is not None else ""
        self.ctx.runner.run(lambda: self.ctx.counter.hold_basket(lines, masked), self._held,
                            self.ctx.fail)

    def _held(self, held: Any) -> None:
        self.screen.new_sale(announce=False)
        self.ctx.say(tr("held", items=i18n.num(len(held.lines)),
                        total=i18n.money(held.total_rials)), "ok")

    def recall(self) -> None:
        screen = self.screen
        if screen.completing:
            self.ctx.say(tr("still_working"), "warn")
            return
        if screen.basket.lines and screen.outcome is None:
            self.ctx.say(tr("recall_busy"), "warn")
            return
        self.ctx.runner.run(self.ctx.counter.held_baskets, self._pick, self.ctx.fail)

    def _pick(self, baskets: list[Any]) -> None:
        if not baskets:
            self.ctx.say(tr("held_none"), "warn")
            return
        dialog = HeldDialog(self.screen, baskets)

        def chosen(values: dict[str, Any]) -> None:
            held = values["held"]
            dialog.set_busy(True)

            def back(lines: list[Any]) -> None:
                dialog.accept()
                self._recalled(held, lines)
            self.ctx.runner.run(lambda: self.ctx.counter.recall_basket(held.id), back,
                                lambda exc: dialog.show_error(self.ctx.fail(exc)))
        dialog.submitted.connect(chosen)
        dialog.finished.connect(lambda _r: self.screen.focus_scan())
        dialog.open()

    def _recalled(self, held: Any, lines: list[Any]) -> None:
        screen = self.screen
        screen.new_sale(announce=False)
        for line in lines:
            screen.basket.add(line)
        screen._refresh(select=len(screen.basket.lines) - 1)
        items = i18n.num(len(lines))
        if held.masked:
            self.ctx.say(tr("recalled_for", masked=i18n.ident(held.masked), items=items), "ok")
        else:
            self.ctx.say(tr("recalled", items=items), "ok")
        screen.focus_scan()
