"""Printing receipts on real transports: a TCP printer, a file, a pty serial line."""

from __future__ import annotations

from pathlib import Path

import pytest
from escpos.printer import Dummy
from fake_printer import (
    COVER_OPEN,
    OFFLINE,
    PAPER_LOW,
    PAPER_OUT,
    FakeNetworkPrinter,
    free_port,
    pty_printer,
)
from PIL import Image, ImageChops
from samples import STORE, sample_sale

from pos_client.devices.escpos_decode import decode_jobs
from pos_client.devices.printer import ReceiptPrinter, encode_job, raster_commands
from pos_client.devices.receipt_image import render_receipt
from pos_client.domain.errors import DeviceError
from pos_client.domain.receipts import build_sale_receipt, mark_copy
from pos_client.settings.config import PrinterSettings, settings_for


def network_settings(tmp_path: Path, port: int, **extra: object) -> PrinterSettings:
    values = {"kind": "network", "host": "127.0.0.1", "port": port, "timeout_s": 1.0,
              **extra}
    return settings_for(tmp_path, printer=values).printer


def printer_for(settings: PrinterSettings) -> ReceiptPrinter:
    return ReceiptPrinter(settings, status_timeout_s=0.3)


def same_picture(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None


def test_a_network_printer_receives_the_receipt_as_a_raster_image_then_a_cut(tmp_path: Path) -> None:
    doc = build_sale_receipt(sample_sale(), STORE)
    with FakeNetworkPrinter() as device:
        printer_for(network_settings(tmp_path, device.port)).print_document(doc)
        assert device.closed.wait(5)
    [job] = decode_jobs(device.data)
    assert job.cut
    assert job.status_requests >= 1
    assert same_picture(job.image, render_receipt(doc, 576))


def test_a_cash_sale_kicks_the_drawer_only_when_configured_and_never_on_a_reprint(
        tmp_path: Path) -> None:
    doc = build_sale_receipt(sample_sale(cash=True), STORE)
    with FakeNetworkPrinter() as device:
        with_drawer = printer_for(network_settings(tmp_path, device.port, drawer=True))
        with_drawer.print_document(doc)
        with_drawer.print_document(mark_copy(doc))
        printer_for(network_settings(tmp_path, device.port, drawer=False)).print_document(doc)
    kicks = [job.drawer_kicks for job in decode_jobs(device.data)]
    assert kicks == [1, 0, 0]


def test_a_card_sale_never_opens_the_drawer(tmp_path: Path) -> None:
    doc = build_sale_receipt(sample_sale(cash=False), STORE)
    with FakeNetworkPrinter() as device:
        printer_for(network_settings(tmp_path, device.port, drawer=True)).print_document(doc)
    assert [job.drawer_kicks for job in decode_jobs(device.data)] == [0]


@pytest.mark.parametrize(("status", "code", "persian_word"), [
    (PAPER_OUT, "printer_paper_out", "کاغذ"),
    (COVER_OPEN, "printer_cover_open", "درِ چاپگر"),
    (OFFLINE, "printer_offline", "آفلاین"),
])
def test_a_printer_that_cannot_print_says_why_in_both_languages_and_gets_no_receipt(
        tmp_path: Path, status: dict[int, int], code: str, persian_word: str) -> None:
    doc = build_sale_receipt(sample_sale(cash=False), STORE)
    with FakeNetworkPrinter(status=status) as device:
        printer = printer_for(network_settings(tmp_path, device.port))
        with pytest.raises(DeviceError) as raised:
            printer.print_document(doc)
        assert printer.status().state == code.removeprefix("printer_")
    assert raised.value.code == code
    assert persian_word in raised.value.fa
    assert "reprint" in raised.value.en
    assert decode_jobs(device.data) == []


def test_a_printer_out_of_paper_still_opens_the_drawer_for_a_cash_sale(tmp_path: Path) -> None:
    doc = build_sale_receipt(sample_sale(cash=True), STORE)
    with FakeNetworkPrinter(status=PAPER_OUT) as device, pytest.raises(DeviceError):
        printer_for(network_settings(tmp_path, device.port, drawer=True)).print_document(doc)
    [job] = decode_jobs(device.data)
    assert job.drawer_kicks == 1 and job.image.height == 0


def test_low_paper_is_a_warning_and_the_receipt_prints(tmp_path: Path) -> None:
    with FakeNetworkPrinter(status=PAPER_LOW) as device:
        printer = printer_for(network_settings(tmp_path, device.port))
        assert printer.status().state == "paper_low"
        printer.print_document(build_sale_receipt(sample_sale(), STORE))
    assert len(decode_jobs(device.data)) == 1


def test_a_printer_that_does_not_answer_status_requests_is_tried_anyway(tmp_path: Path) -> None:
    with FakeNetworkPrinter("silent") as device:
        printer = printer_for(network_settings(tmp_path, device.port))
        assert printer.status().state == "unknown"
        printer.print_document(build_sale_receipt(sample_sale(), STORE))
        assert device.closed.wait(5)
    assert decode_jobs(device.data)[-1].cut


def test_a_refused_connection_says_the_printer_cannot_be_reached(tmp_path: Path) -> None:
    printer = printer_for(network_settings(tmp_path, free_port()))
    with pytest.raises(DeviceError) as raised:
        printer.print_document(build_sale_receipt(sample_sale(), STORE))
    assert raised.value.code == "printer_unreachable"
    assert "در دسترس نیست" in raised.value.fa


def test_a_printer_that_stops_reading_times_out_instead_of_hanging(tmp_path: Path) -> None:
    with FakeNetworkPrinter("stall", limit=8) as device:
        printer = printer_for(network_settings(tmp_path, device.port))
        with pytest.raises(DeviceError) as raised:
            printer.print_document(build_sale_receipt(sample_sale(20), STORE))
    assert raised.value.code == "printer_timeout"
    assert "پاسخ نمی‌دهد" in raised.value.fa


def test_a_printer_that_closes_in_the_middle_of_a_job_is_reported(tmp_path: Path) -> None:
    with FakeNetworkPrinter("close_after", limit=2000) as device:
        printer = printer_for(network_settings(tmp_path, device.port))
        with pytest.raises(DeviceError) as raised:
            printer.print_document(build_sale_receipt(sample_sale(20), STORE))
    assert raised.value.code in ("printer_disconnected", "printer_timeout")


def test_a_file_printer_appends_every_job_as_raw_escpos(tmp_path: Path) -> None:
    path = tmp_path / "receipts.bin"
    settings = settings_for(tmp_path, printer={"kind": "file", "path": str(path)}).printer
    doc = build_sale_receipt(sample_sale(), STORE)
    ReceiptPrinter(settings).print_document(doc)
    ReceiptPrinter(settings).print_document(mark_copy(doc))
    first, second = decode_jobs(path.read_bytes())
    assert same_picture(first.image, render_receipt(doc, 576))
    assert same_picture(second.image, render_receipt(mark_copy(doc), 576))


def test_a_58mm_printer_gets_a_384_dot_image(tmp_path: Path) -> None:
    path = tmp_path / "receipts.bin"
    settings = settings_for(tmp_path, printer={"kind": "file", "path": str(path),
                                               "width_dots": 384}).printer
    ReceiptPrinter(settings).print_document(build_sale_receipt(sample_sale(), STORE))
    [job] = decode_jobs(path.read_bytes())
    assert job.image.width == 384


def test_a_serial_printer_on_a_pty_prints_and_answers_its_status(tmp_path: Path) -> None:
    doc = build_sale_receipt(sample_sale(), STORE)
    with pty_printer() as (device, received):
        settings = settings_for(tmp_path, printer={"kind": "serial", "url": device,
                                                   "timeout_s": 5.0}).printer
        printer = printer_for(settings)
        assert printer.status().state == "ready"
        printer.print_document(doc)
    [job] = decode_jobs(bytes(received))
    assert same_picture(job.image, render_receipt(doc, 576))


def test_the_dummy_printer_keeps_the_last_job_for_a_preview(tmp_path: Path) -> None:
    printer = ReceiptPrinter(settings_for(tmp_path, printer={"kind": "dummy"}).printer)
    printer.print_document(build_sale_receipt(sample_sale(), STORE))
    assert decode_jobs(printer.last_dummy_output)[0].cut


def test_no_printer_configured_is_said_plainly(tmp_path: Path) -> None:
    printer = ReceiptPrinter(settings_for(tmp_path, printer={"kind": "none"}).printer)
    with pytest.raises(DeviceError) as raised:
        printer.print_document(build_sale_receipt(sample_sale(), STORE))
    assert raised.value.code == "printer_not_configured"


@pytest.mark.parametrize(("kind", "module"), [("usb", "usb"), ("cups", "cups")])
def test_usb_and_cups_without_their_drivers_say_what_to_install(tmp_path: Path, kind: str,
                                                                module: str) -> None:
    try:
        __import__(module)
        pytest.skip(f"{module} is installed here")
    except ImportError:
        pass
    settings = settings_for(tmp_path, printer={"kind": kind, "usb": "04b8:0202"}).printer
    with pytest.raises(DeviceError) as raised:
        ReceiptPrinter(settings).print_document(build_sale_receipt(sample_sale(), STORE))
    assert raised.value.code == "printer_missing_driver"
    assert "pycups" in raised.value.en or "pyusb" in raised.value.en


def test_the_fast_raster_encoding_is_what_python_escpos_sends() -> None:
    image = render_receipt(build_sale_receipt(sample_sale(12), STORE), 384)
    reference = Dummy()
    reference.image(image, impl="bitImageRaster")
    assert raster_commands(image) == reference.output


def test_a_job_is_init_image_and_cut() -> None:
    image = render_receipt(build_sale_receipt(sample_sale(1), STORE), 576)
    data = encode_job(image)
    assert data.startswith(b"\x1b@\x1dv0")
    assert data.endswith(b"\x1dV\x00")
