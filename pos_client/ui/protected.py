"""The protected actions: void a sale of today, reprint, the manager's entry.

Each opens a dialog listing what it applies to; the use-case runs off the GUI thread and
the dialog stays open with the refusal (a wrong PIN, a closed day) until it succeeds.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from .card_reader import card_refund_notice
from .context import Context
from .dialogs import PinDialog
from .i18n import tr
from .manager import open_manager_screen
from .sale_picker import SaleListDialog, reprint_sent_text, void_done_text


class ProtectedActions:
    def __init__(self, ctx: Context, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent

    def _run_in(self, dialog: Any, fn: Any, done_text: Any) -> None:
        dialog.set_busy(True)

        def done(result: Any) -> None:
            dialog.accept()
            self.ctx.say(done_text(result), "ok")

        self.ctx.runner.run(fn, done, lambda exc: dialog.show_error(self.ctx.fail(exc)))

    def _with_recent_sales(self, then: Any) -> None:
        self.ctx.runner.run(lambda: self.ctx.counter.recent_sales(None), then, self.ctx.fail)

    def void_sale(self) -> None:
        self._with_recent_sales(self._open_void)

    def _open_void(self, sales: list[Any]) -> None:
        dialog = SaleListDialog(self.parent, "voidDialog", tr("void_title"), sales,
                                with_reason=True)

        def submitted(values: dict[str, Any]) -> None:
            sale = values["sale"]
            self._run_in(dialog,
                         lambda: (self.ctx.counter.void_sale(sale.txn_id, values["pin"],
                                                             values["reason"]),
                                  card_refund_notice(self.ctx.counter, sale)),
                         lambda done: " ".join(filter(None, (void_done_text(done[0]),
                                                             done[1]))))
        dialog.submitted.connect(submitted)
        dialog.open()
        dialog.pin.setFocus()

    def reprint(self) -> None:
        self._with_recent_sales(self._open_reprint)

    def _open_reprint(self, sales: list[Any]) -> None:
        dialog = SaleListDialog(self.parent, "reprintDialog", tr("reprint_title"), sales,
                                with_reason=False)
        dialog.ok_button.setObjectName("reprintOkButton")

        def submitted(values: dict[str, Any]) -> None:
            sale = values["sale"]
            pin = values["pin"] or None
            self._run_in(dialog, lambda: self.ctx.counter.reprint(sale.txn_id, pin),
                         lambda _doc: reprint_sent_text(sale))
        dialog.submitted.connect(submitted)
        dialog.open()
        dialog.table.setFocus()

    def open_drawer(self) -> None:
        """The cash drawer without a sale: a manager's PIN, audited by the core."""
        dialog = PinDialog(self.parent, "drawerDialog", tr("drawer_title"))

        def submitted(values: dict[str, Any]) -> None:
            self._run_in(dialog, lambda: self.ctx.counter.open_drawer(values["pin"]),
                         lambda _r: tr("drawer_opened"))
        dialog.submitted.connect(submitted)
        dialog.open()

    def manager(self) -> None:
        """The manager's PIN, then the manager's screen (X, Z, cash count, reconciliation)."""
        dialog = PinDialog(self.parent, "managerDialog", tr("manager_title"))

        def opened(user: Any) -> None:
            dialog.accept()
            self.screen = open_manager_screen(self.parent, self.ctx.counter, user,
                                              runner=self.ctx.runner)

        def submitted(values: dict[str, Any]) -> None:
            dialog.set_busy(True)
            self.ctx.runner.run(lambda: self.ctx.counter.manager(values["pin"]), opened,
                                lambda exc: dialog.show_error(self.ctx.fail(exc)))
        dialog.submitted.connect(submitted)
        dialog.open()
