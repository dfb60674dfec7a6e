"""The compact raster: only the ink goes on the wire, and the paper is the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_printer import pty_printer
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw
from samples import STORE, sample_sale

from pos_client.devices.escpos_decode import decode_jobs
from pos_client.devices.printer import (
    FRAGMENT_HEIGHT,
    ReceiptPrinter,
    encode_job,
    ink_bands,
)
from pos_client.devices.receipt_image import render_receipt
from pos_client.domain.receipts import build_sale_receipt
from pos_client.settings.config import ConfigError, settings_for


def paper(data: bytes, width: int) -> Image.Image:
    [job] = decode_jobs(data, paper_width=width)
    return job.image


def identical(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None


@pytest.mark.parametrize("lines", [1, 8, 20])
@pytest.mark.parametrize("width", [576, 384])
def test_a_compact_receipt_prints_the_same_paper_pixel_for_pixel(lines: int, width: int) -> None:
    image = render_receipt(build_sale_receipt(sample_sale(lines), STORE), width)
    full = encode_job(image, open_drawer=True)
    compact = encode_job(image, open_drawer=True, compact=True)
    assert identical(paper(compact, width), paper(full, width))
    assert identical(paper(compact, width), image)
    [job] = decode_jobs(compact)
    assert job.cut and job.drawer_kicks == 1


@pytest.mark.parametrize("lines", [8, 20])
def test_a_compact_receipt_is_at_most_half_the_bytes_of_a_full_one(lines: int) -> None:
    image = render_receipt(build_sale_receipt(sample_sale(lines), STORE), 576)
    assert len(encode_job(image, compact=True)) * 2 <= len(encode_job(image))


boxes = st.lists(st.tuples(st.integers(0, 575), st.integers(0, 2999),
                           st.integers(1, 80), st.integers(1, 1200)), max_size=6)


@settings(max_examples=60, deadline=None)
@given(height=st.integers(1, 3000), width=st.sampled_from([576, 384, 8]), shapes=boxes)
def test_any_picture_survives_the_compact_encoding(height: int, width: int,
                                                   shapes: list[tuple[int, int, int, int]]) -> None:
    """Blank runs over 255 rows (several feeds), bands taller than one ``GS v 0``
    fragment, ink at either edge, nothing at all: the paper is always the same."""
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    for x, y, w, h in shapes:
        draw.rectangle((x % width, y % height, x % width + w, y % height + h), fill=0)
    assert identical(paper(encode_job(image, compact=True), width), image)


def test_bands_are_cut_to_the_bytes_that_carry_ink() -> None:
    image = Image.new("1", (576, 40), 1)
    ImageDraw.Draw(image).rectangle((100, 10, 130, 19), fill=0)  # bytes 12..16
    assert ink_bands(image) == [(10, 20, 12, 17)]
    tall = Image.new("1", (16, FRAGMENT_HEIGHT + 10), 0)
    assert ink_bands(tall) == [(0, FRAGMENT_HEIGHT + 10, 0, 2)]


def test_a_serial_printer_gets_the_compact_raster_and_a_network_one_the_full(
        tmp_path: Path) -> None:
    serial = settings_for(tmp_path, printer={"kind": "serial", "url": "loop://"}).printer
    network = settings_for(tmp_path, printer={"kind": "network", "host": "127.0.0.1"}).printer
    forced = settings_for(tmp_path, printer={"kind": "network", "host": "127.0.0.1",
                                             "raster": "compact"}).printer
    assert ReceiptPrinter(serial).compact_raster
    assert not ReceiptPrinter(network).compact_raster
    assert ReceiptPrinter(forced).compact_raster


def test_an_unknown_raster_setting_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_for(tmp_path, printer={"kind": "serial", "raster": "tiny"})
    assert "printer.raster" in raised.value.en


def test_a_receipt_on_a_serial_pty_carries_only_its_ink(tmp_path: Path) -> None:
    doc = build_sale_receipt(sample_sale(8), STORE)
    image = render_receipt(doc, 576)
    with pty_printer() as (device, received):
        settings = settings_for(tmp_path, printer={"kind": "serial", "url": device,
                                                   "timeout_s": 5.0}).printer
        ReceiptPrinter(settings, status_timeout_s=0.3).print_document(doc)
    assert identical(paper(bytes(received), 576), image)
    assert len(received) * 2 <= len(encode_job(image))
