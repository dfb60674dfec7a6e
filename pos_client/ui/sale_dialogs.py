"""The sale screen's small dialogs: a line's quantity (F4), the product search (F3) and
lowering the coupon (F5). Each changes the screen's sale through the screen, as a
cashier's key would; the screen checks first that the sale may still change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domain.errors import InvalidInput
from ..domain.money import parse_qty
from . import i18n
from .dialogs import AmountDialog, SearchDialog
from .i18n import tr

if TYPE_CHECKING:
    from .sale_screen import SaleScreen


def ask_qty(screen: SaleScreen, row: int) -> None:
    """F4: the selected line's quantity (kilograms with three decimals for a weighed one)."""
    line = screen.basket.lines[row]
    unit = tr("unit_kg") if line.weighed else tr("unit_piece")
    dialog = AmountDialog(screen, "qtyDialog", tr("qty"),
                          tr("qty_prompt", name=line.name, unit=unit), "qtyInput",
                          i18n.qty(line.qty_milli, weighed=line.weighed))

    def submitted(values: dict[str, Any]) -> None:
        try:
            qty = parse_qty(values["text"], weighed=line.weighed)
            screen.basket.set_qty(row, qty)
        except InvalidInput as exc:
            dialog.show_error(screen.ctx.fail(exc))
            return
        dialog.accept()
        screen.payment = None
        screen._refresh(select=row)
        screen.ctx.say(tr("qty_set", name=line.name,
                          qty=i18n.qty(qty, weighed=line.weighed)), "")
    dialog.submitted.connect(submitted)
    dialog.finished.connect(lambda _r: screen.focus_scan())
    dialog.open()


def open_search(screen: SaleScreen) -> None:
    """F3: type a name, pick a product with the arrows, Enter adds it."""
    dialog = SearchDialog(screen)

    def query(text: str) -> None:
        def show(found: list[Any]) -> None:
            if dialog.query.text() == text:  # an older answer arriving late is dropped
                dialog.show_products(found)
        screen.ctx.runner.run(lambda: screen.ctx.counter.search_products(text), show,
                              screen.ctx.fail)

    def chosen(values: dict[str, Any]) -> None:
        dialog.accept()
        screen.add_product(values["product"])
    dialog.query_changed.connect(query)
    dialog.submitted.connect(chosen)
    dialog.finished.connect(lambda _r: screen.focus_scan())
    dialog.open()


def ask_coupon(screen: SaleScreen) -> None:
    """F5: lower the coupon (never above the most the split allows)."""
    split = screen.split
    dialog = AmountDialog(screen, "couponDialog", tr("lower_coupon"),
                          tr("coupon_prompt", max=i18n.money(split.max_coupon_rials)),
                          "couponInput", i18n.money(split.coupon_rials, with_unit=False),
                          amount=True)

    def submitted(values: dict[str, Any]) -> None:
        try:
            amount = i18n.parse_money(values["text"])
        except ValueError:
            dialog.show_error(tr("bad_amount"))
            return
        if amount > split.max_coupon_rials:
            dialog.show_error(tr("coupon_not_higher", max=i18n.money(split.max_coupon_rials)))
            return
        dialog.accept()
        screen.coupon_limit = amount
        screen.payment = None
        screen._refresh()
        screen.ctx.say(tr("coupon_lowered", amount=i18n.money(screen.split.coupon_rials)), "")
    dialog.submitted.connect(submitted)
    dialog.finished.connect(lambda _r: screen.focus_scan())
    dialog.open()
