"""A receipt document as a 1-bit bitmap for a thermal printer.

ESC/POS code pages cannot shape Persian, so every receipt is printed as an image. Pillow
lays text out with raqm (HarfBuzz shapes the letters, FriBiDi orders right-to-left and
left-to-right runs) in the Vazirmatn font shipped in ``resources/fonts`` (``shipped.py``).
Lines wrap by words measured in that font; a word wider than the paper is broken, so
nothing is ever cut off or wider than the paper's dots.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import qrcode
from PIL import Image, ImageDraw, ImageFont, features

from ..domain.errors import DeviceError
from ..domain.receipts import (
    MARK_ELIGIBLE,
    MARK_NOT_ELIGIBLE,
    Item,
    Pair,
    Qr,
    ReceiptDoc,
    Rule,
    Table,
    Text,
)
from ..settings.shipped import font_path

PAPER_WIDTHS = (576, 384)  # dots: 80 mm and 58 mm paper at 203 dpi
MARKS = (MARK_ELIGIBLE, MARK_NOT_ELIGIBLE)  # drawn: Vazirmatn has no glyph for them
_THRESHOLD = [0 if value < 160 else 255 for value in range(256)]  # a bit bolder than 50%


@dataclass(frozen=True)
class Style:
    size: int
    large: int
    margin: int
    gap: int  # between columns and a label and its value
    qr_max: int  # largest QR side in dots


def style_for(width_dots: int) -> Style:
    if width_dots >= 512:
        return Style(size=24, large=32, margin=6, gap=16, qr_max=260)
    return Style(size=21, large=27, margin=4, gap=10, qr_max=200)


def check_layout_engine() -> None:
    """Raqm must be there: without it Persian letters print unjoined and left-to-right."""
    if not features.check("raqm"):
        raise DeviceError.from_code("raqm_missing")


@functools.cache
def font_bytes(bold: bool) -> bytes:
    """The shipped font file's bytes: FreeType gets them from memory, so a Windows install
    path with Persian letters (a Persian user name) cannot stop it opening the file."""
    return font_path(bold).read_bytes()


@functools.lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    check_layout_engine()
    return ImageFont.truetype(io.BytesIO(font_bytes(bold)), size,
                              layout_engine=ImageFont.Layout.RAQM)


@functools.lru_cache(maxsize=4096)
def direction(text: str, rtl_doc: bool) -> str | None:
    """Paragraph direction of one line of a document.

    In a Persian receipt a line is right-to-left unless it is made of Latin letters or
    ASCII digits only: a masked identifier or a code keeps its own order (``******0899``,
    not ``0899******``), while ``۲ × ۱۲۰٬۰۰۰`` reads from the right. In English, raqm
    decides from the text.
    """
    if not rtl_doc:
        return None
    classes = {unicodedata.bidirectional(ch) for ch in text}
    if classes & {"R", "AL"}:
        return "rtl"
    latin = "L" in classes or any("0" <= ch <= "9" for ch in text)
    return "ltr" if latin else "rtl"


@functools.lru_cache(maxsize=4096)
def _measure(text: str, size: int, bold: bool, rtl: bool) -> float:
    return font(size, bold).getlength(text, direction=direction(text, rtl),
                                      language="fa" if rtl else None)


class _Canvas:
    """Lays out lines top to bottom, then draws them on one image."""

    def __init__(self, width: int, rtl: bool) -> None:
        self.width = width
        self.rtl = rtl
        self.style = style_for(width)
        self.inner = width - 2 * self.style.margin
        self.y = self.style.margin
        self.ops: list[Callable[[ImageDraw.ImageDraw, Image.Image], None]] = []

    # geometry: "start" is the reading side (right in Persian)
    def x_start(self, indent: int = 0) -> int:
        return self.width - self.style.margin - indent if self.rtl else self.style.margin + indent

    def x_end(self) -> int:
        return self.style.margin if self.rtl else self.width - self.style.margin

    def measure(self, text: str, size: int, bold: bool) -> float:
        return _measure(text, size, bold, self.rtl)

    def line_height(self, size: int) -> int:
        ascent, descent = font(size).getmetrics()
        return ascent + descent

    def wrap(self, text: str, limit: float, size: int, bold: bool = False) -> list[str]:
        """Greedy word wrap measured in the font; over-long words are broken."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}" if current else word
            if self.measure(candidate, size, bold) <= limit:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while self.measure(current, size, bold) > limit and len(current) > 1:
                cut = self._fit_prefix(current, limit, size, bold)
                lines.append(current[:cut])
                current = current[cut:]
        if current or not lines:
            lines.append(current)
        return lines

    def _fit_prefix(self, word: str, limit: float, size: int, bold: bool) -> int:
        low, high = 1, len(word) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if self.measure(word[:mid], size, bold) <= limit:
                low = mid
            else:
                high = mid - 1
        return low

    def put(self, text: str, x: int, side: str, size: int, bold: bool = False) -> None:
        """Queue ``text`` on the current line; ``side`` is start, end or center."""
        if side == "center":
            anchor = "ma"
        else:
            right = (side == "start") == self.rtl
            anchor = "ra" if right else "la"
        y = self.y
        text_direction = direction(text, self.rtl)
        language = "fa" if self.rtl else None
        face = font(size, bold)

        def draw(d: ImageDraw.ImageDraw, _: Image.Image) -> None:
            d.text((x, y), text, font=face, anchor=anchor, fill=0, direction=text_direction,
                   language=language)
        self.ops.append(draw)

    def newline(self, size: int, extra: int = 0) -> None:
        self.y += self.line_height(size) + extra

    def render(self) -> Image.Image:
        image = Image.new("L", (self.width, self.y + self.style.margin), 255)
        draw = ImageDraw.Draw(image)
        for op in self.ops:
            op(draw, image)
        return image.point(_THRESHOLD, "1")


def _text(c: _Canvas, block: Text) -> None:
    size = c.style.large if block.large else c.style.size
    mark, _, rest = block.text.partition(" ")
    if mark in MARKS and rest and not block.large:
        _marked(c, mark, rest)
        return
    for line in c.wrap(block.text, c.inner, size, block.bold):
        x = c.width // 2 if block.align == "center" else (
            c.x_start() if block.align == "start" else c.x_end())
        c.put(line, x, block.align, size, block.bold)
        c.newline(size)


def _pair(c: _Canvas, label: str, value: str, bold: bool, indent: int = 0) -> None:
    size = c.style.size
    value_width = c.measure(value, size, bold)
    room = c.inner - indent - value_width - c.style.gap
    fits_beside = room >= (c.inner - indent) / 3
    label_lines = c.wrap(label, room if fits_beside else c.inner - indent, size, bold)
    for line in label_lines:
        c.put(line, c.x_start(indent), "start", size, bold)
        if line is not label_lines[-1]:
            c.newline(size)
    if not fits_beside:
        c.newline(size)
    for line in c.wrap(value, c.inner - indent, size, bold):
        c.put(line, c.x_end(), "end", size, bold)
        c.newline(size)


def _mark(c: _Canvas, mark: str, box: int) -> None:
    """A drawn check or cross: the font has no glyph for ✓ and ✗."""
    x0 = c.x_start() - box if c.rtl else c.x_start()
    top = c.y + (c.line_height(c.style.size) - box) // 2
    eligible = mark == MARK_ELIGIBLE

    def draw(d: ImageDraw.ImageDraw, _: Image.Image) -> None:
        pad = box // 6
        left, right, bottom = x0 + pad, x0 + box - pad, top + box - pad
        if eligible:
            d.line([(left, top + box // 2), (x0 + box * 2 // 5, bottom), (right, top + pad)],
                   fill=0, width=max(2, box // 7), joint="curve")
        else:
            d.line([(left, top + pad), (right, bottom)], fill=0, width=max(2, box // 7))
            d.line([(left, bottom), (right, top + pad)], fill=0, width=max(2, box // 7))
    c.ops.append(draw)


def _marked(c: _Canvas, mark: str, text: str) -> int:
    """A line that starts with a drawn mark, wrapped beside it; returns the indent."""
    size = c.style.size
    box = size * 4 // 5
    indent = box + c.style.gap // 2
    _mark(c, mark, box)
    for line in c.wrap(text, c.inner - indent, size):
        c.put(line, c.x_start(indent), "start", size)
        c.newline(size)
    return indent


def _item(c: _Canvas, block: Item) -> None:
    indent = _marked(c, block.mark, block.name)
    _pair(c, f"{block.qty} × {block.unit_price}", block.amount, False, indent)


def _rule(c: _Canvas) -> None:
    y = c.y + c.style.size // 3
    left, right = c.style.margin, c.width - c.style.margin

    def draw(d: ImageDraw.ImageDraw, _: Image.Image) -> None:
        for x in range(left, right, 12):
            d.line([(x, y), (min(x + 7, right), y)], fill=0, width=2)
    c.ops.append(draw)
    c.y += c.style.size * 2 // 3


def _qr(c: _Canvas, block: Qr) -> None:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(block.payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    box = max(2, min(8, min(c.style.qr_max, c.inner) // modules))
    raw = bytes(0 if dark else 255 for row in matrix for dark in row)
    qr_image = Image.frombytes("L", (modules, modules), raw).resize(
        (modules * box, modules * box), Image.Resampling.NEAREST)
    x, y = (c.width - qr_image.width) // 2, c.y

    def draw(_: ImageDraw.ImageDraw, image: Image.Image) -> None:
        image.paste(qr_image, (x, y))
    c.ops.append(draw)
    c.y += qr_image.height


def _table(c: _Canvas, block: Table) -> None:
    size = c.style.size
    count = len(block.columns)
    if count == 0:
        return
    cells = [block.columns, *block.rows]
    natural = [max(c.measure(row[i], size, row is block.columns)
                   for row in cells if i < len(row)) for i in range(count)]
    rest = sum(natural[1:]) + c.style.gap * (count - 1)
    if c.inner - rest >= c.inner / 3:
        widths = [c.inner - rest, *natural[1:]]
    else:
        widths = [(c.inner - c.style.gap * (count - 1)) / count] * count
    for number, row in enumerate(cells):
        bold = number == 0
        wrapped = [c.wrap(row[i] if i < len(row) else "", widths[i], size, bold)
                   for i in range(count)]
        offset = 0.0
        for i, lines in enumerate(wrapped):
            start = c.x_start(round(offset))
            x = start if i == 0 else (start - round(widths[i]) if c.rtl
                                      else start + round(widths[i]))
            saved = c.y
            for line in lines:
                c.put(line, x, "start" if i == 0 else "end", size, bold)
                c.newline(size)
            c.y = saved
            offset += widths[i] + c.style.gap
        c.y += c.line_height(size) * max(len(lines) for lines in wrapped)


def render_receipt(doc: ReceiptDoc, width_dots: int = 576) -> Image.Image:
    """The document as a mode "1" image exactly ``width_dots`` wide."""
    if width_dots not in PAPER_WIDTHS:
        raise ValueError(f"paper width must be one of {PAPER_WIDTHS} dots")
    c = _Canvas(width_dots, doc.rtl)
    for block in doc.blocks:
        if isinstance(block, Text):
            _text(c, block)
        elif isinstance(block, Pair):
            _pair(c, block.label, block.value, block.bold)
        elif isinstance(block, Item):
            _item(c, block)
        elif isinstance(block, Rule):
            _rule(c)
        elif isinstance(block, Qr):
            _qr(c, block)
        elif isinstance(block, Table):
            _table(c, block)
    return c.render()
