"""The demo's extras: its PINs on the sign-in screen, customers and products to try, and
an on-screen preview of every receipt the file printer receives.

The preview reads what the core's file printer appended (off the GUI thread) and turns
the ESC/POS bytes back into pictures with ``pos_client.devices.escpos_decode``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..devices.escpos_decode import DecodeError, decode_jobs
from . import i18n
from .i18n import tr

PREVIEW_POLL_MS = 500
PREVIEW_WIDTH = 300


def pil_to_pixmap(image: Image.Image, width: int = PREVIEW_WIDTH) -> QPixmap:
    grey = image.convert("L")
    if grey.width > width:
        grey = grey.resize((width, max(1, grey.height * width // grey.width)),
                           Image.Resampling.LANCZOS)
    data = grey.tobytes()
    qimage = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return QPixmap.fromImage(qimage.copy())


class ReceiptPreview(QScrollArea):
    """The newest receipts, newest on top, as the paper would show them."""

    printed = Signal()

    def __init__(self, window: Any, path: Path) -> None:
        super().__init__()
        self.setObjectName("receiptPreview")
        self.window_ = window
        self.path = path
        self.offset = 0
        self.reading = False
        self.count = 0
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.placeholder = QLabel(tr("demo_receipts_placeholder"))
        self.placeholder.setWordWrap(True)
        self.column.addWidget(self.placeholder)
        self.column.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        # The paper is scaled to the column: it never needs a sideways scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(PREVIEW_WIDTH + 40)
        self.timer = QTimer(self)
        self.timer.setInterval(PREVIEW_POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        if self.reading or not self.path.exists() or self.path.stat().st_size <= self.offset:
            return
        self.reading = True
        start = self.offset

        def read() -> tuple[int, list[Image.Image]]:
            data = self.path.read_bytes()[start:]
            try:
                jobs = decode_jobs(data)
            except DecodeError:  # a job still being written: read it next time
                return start, []
            # A drawer kick (or a status request) is a job with nothing on paper.
            return start + len(data), [job.image for job in jobs if _printed(job.image)]

        self.window_.runner.run(read, self._show, self._failed)

    def _show(self, result: tuple[int, list[Image.Image]]) -> None:
        self.reading = False
        self.offset, images = result
        for image in images:
            picture = QLabel()
            picture.setObjectName(f"receiptImage{self.count}")
            room = self.viewport().width() - 2 * self.column.contentsMargins().left() - 4
            picture.setPixmap(pil_to_pixmap(image, max(120, min(PREVIEW_WIDTH, room))))
            picture.setStyleSheet("background: #ffffff; border: 1px solid #c8ccd2;")
            self.column.insertWidget(0, picture, 0, Qt.AlignmentFlag.AlignHCenter)
            self.count += 1
        if images:
            self.placeholder.hide()
            self.verticalScrollBar().setValue(0)
            self.printed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.reading = False
        self.offset = self.path.stat().st_size if self.path.exists() else 0
        self.window_.ctx.fail(exc)


def _printed(image: Image.Image) -> bool:
    """Whether a job's picture has anything on it (a drawer kick's has nothing)."""
    if image.width == 0 or image.height == 0:
        return False
    return image.convert("L").point(lambda v: 255 - v).getbbox() is not None


def _identities_list(window: Any, demo: Any) -> QListWidget:
    listing = QListWidget()
    listing.setObjectName("demoIdentities")
    for identity in demo.identities:
        caption = i18n.pick(identity.label_fa, identity.label_en)
        shown = (tr("demo_card_shown") if identity.kind == "card"
                 else i18n.num(identity.text))
        item = QListWidgetItem(f"{caption}\n{shown}")
        item.setData(Qt.ItemDataRole.UserRole, identity.text)
        listing.addItem(item)

    def chosen(item: QListWidgetItem) -> None:
        field = window.sale.household_panel.customer_input
        field.setText(item.data(Qt.ItemDataRole.UserRole))
        field.setFocus()
        window.say(tr("demo_customer_put"), "")
    listing.itemClicked.connect(chosen)
    return listing


def _products_list(window: Any, demo: Any) -> QListWidget:
    listing = QListWidget()
    listing.setObjectName("demoProducts")
    for product in demo.products[:40]:
        name = product["name_fa"] if i18n.is_rtl() else product["name_en"]
        mark = "✓" if product.get("group") else "✗"
        item = QListWidgetItem(f"{mark} {name} — {i18n.money(product['price_rials'])}")
        item.setData(Qt.ItemDataRole.UserRole, product["gtin"])
        item.setToolTip(product["gtin"])
        listing.addItem(item)
    listing.itemClicked.connect(
        lambda item: window.sale.scan(item.data(Qt.ItemDataRole.UserRole)))
    return listing


def attach_demo(window: Any, demo: Any) -> None:
    """PINs on the sign-in screen; one dock at the end of the reading direction with two
    tabs: customers and products to try, and the receipt preview (raised on each print)."""
    window.login.show_demo_pins(demo.cashier_pin, demo.manager_pin)
    side = QWidget()
    column = QVBoxLayout(side)
    column.setContentsMargins(4, 4, 4, 4)
    column.addWidget(_identities_list(window, demo), 2)
    column.addWidget(QLabel(tr("demo_products_title")))
    legend = QLabel(tr("demo_products_legend"))
    legend.setObjectName("demoProductsLegend")
    legend.setWordWrap(True)
    legend.setProperty("class", "caption")
    column.addWidget(legend)
    column.addWidget(_products_list(window, demo), 3)
    area = (Qt.DockWidgetArea.LeftDockWidgetArea if i18n.is_rtl()
            else Qt.DockWidgetArea.RightDockWidgetArea)
    tries = QDockWidget(tr("demo_ids_title"), window)
    tries.setObjectName("demoDock")
    tries.setWidget(side)
    tries.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    window.addDockWidget(area, tries)
    window.receipt_preview = ReceiptPreview(window, Path(demo.printer_path))
    preview = QDockWidget(tr("receipts_title"), window)
    preview.setObjectName("receiptDock")
    preview.setWidget(window.receipt_preview)
    preview.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    window.addDockWidget(area, preview)
    window.tabifyDockWidget(tries, preview)
    tries.raise_()
    window.receipt_preview.printed.connect(preview.raise_)
    window.resize(1600, 900)
