"""The counter's scale and label-scale barcodes, as ``Counter`` use-cases, and the one
other thing an inspector asks about that no sale records: a basket dropped unsold.

``read_scale`` is *blocking* (it waits for the scale's stable answer): the window runs it
off its GUI thread, and widgets never touch the device. ``label_product`` turns an
in-store label code (``[scale] label_layout``) into the store's product with the weight
the label carries, through the label's PLU.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.basket import Line
from ..domain.errors import NotFound
from ..domain.label_barcode import decode_label, parse_layout
from ..domain.money import check_qty_milli, div_half_up, to_ascii_digits
from ..settings.config import Settings
from ..store import Product
from .checkout import require, sale_lines

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Weighing:
    """A stable weight from the scale, and when its answer arrived (``perf_counter``)."""

    weight_milli: int
    answered_at: float


@dataclass(frozen=True)
class LabelledProduct(Product):
    """A product scanned from a scale's label: its weight comes with it."""

    label_qty_milli: int = 0


class ScaleActions:
    settings: Settings
    store: Any
    _user: Any
    scale: Any = None  # pos_client.devices.scale.Scale when [scale] kind = "serial"

    def start_scale(self, **options: Any) -> None:
        """Open the ``[scale]`` device, if there is one (it reconnects by itself)."""
        if self.scale is None:
            from ..devices.scale import scale_from_settings
            self.scale = scale_from_settings(self.settings.scale, **options)
        if self.scale is not None:
            self.scale.start()

    def stop_scale(self) -> None:
        if self.scale is not None:
            self.scale.stop()

    def read_scale(self) -> Weighing:
        """*Blocking.* The scale's stable weight, or a ``ScaleError`` saying why not."""
        require(self._user)
        from ..devices.scale import check_weight, scale_error
        if self.scale is None:
            raise scale_error("not_configured")
        frame = self.scale.read_frame()
        return Weighing(check_weight(frame), frame.received_at)

    def label_product(self, text: str) -> LabelledProduct | None:
        """The product and weight of an in-store label code; None for any other code."""
        layout_text = self.settings.scale.label_layout
        if not layout_text:
            return None
        label = decode_label(text, parse_layout(layout_text))
        if label is None:
            return None
        product = self.store.product_for_plu(label.plu)
        if product is None and self.store.product(to_ascii_digits(text.strip())) is not None:
            return None  # the store's own in-store code for an item, not a scale's label
        if product is None:
            raise NotFound.from_code("plu_unknown", plu=label.plu)
        if not product.weighed:
            raise NotFound.from_code("plu_not_weighed")
        if label.weight_milli is not None:
            qty = label.weight_milli
        else:
            price = (label.price or 0) * (10 if self.settings.terminal.money_unit == "toman"
                                          else 1)
            qty = div_half_up(price * 1000, product.price_rials)
        return LabelledProduct(**{**product.__dict__, "label_qty_milli": check_qty_milli(qty)})

    def abandon_basket(self, lines: Sequence[Line], voided: Sequence[Line] = (), *,
                       cashier: str | None = None) -> None:
        """*Blocking (a write).* Journal a basket dropped without a sale, so its lines count
        as voided for the cashier in the X and Z (``reports.inspection``). ``cashier``:
        who rang it up, when they have signed out since."""
        name = cashier or require(self._user).name
        if lines or voided:
            self.store.record_abandoned_basket(name, self.store.sales_date(),
                                               sale_lines(lines), sale_lines(voided))
