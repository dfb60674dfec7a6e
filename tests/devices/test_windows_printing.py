"""Printing on the store's Windows PC: the ``win32raw`` kind and ``COM3`` serial names.

Without Windows, the spooler is a stand-in ``win32print`` module with the calls
python-escpos's ``Win32Raw`` makes (``OpenPrinter``, ``StartDocPrinter`` ... in order);
what it receives is decoded like a real printer's bytes.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import pytest
from samples import STORE, sample_sale

from pos_client.devices.commands import printer_test
from pos_client.devices.escpos_decode import decode_jobs
from pos_client.devices.printer import ReceiptPrinter
from pos_client.domain.errors import ConfigError, DeviceError
from pos_client.domain.receipts import build_sale_receipt
from pos_client.settings.config import load_settings, settings_for


class Spooler:
    """The part of the Windows print spooler Win32Raw uses, recording one RAW job."""

    PRINTER_ENUM_NAME = 8

    def __init__(self, printers: tuple[str, ...], default: str) -> None:
        self.names, self.default = printers, default
        self.calls: list[str] = []
        self.data = bytearray()
        self.opened: list[str] = []

    def EnumPrinters(self, flags: int, name: str, level: int) -> list[dict[str, str]]:
        return [{"pPrinterName": printer} for printer in self.names]

    def GetDefaultPrinter(self) -> str:
        return self.default

    def OpenPrinter(self, name: str) -> object:
        self.opened.append(name)
        self.calls.append("open")
        return object()

    def StartDocPrinter(self, handle: object, level: int, doc: tuple[str, str, str]) -> int:
        assert doc[2] == "RAW"  # the driver must pass ESC/POS bytes through untouched
        self.calls.append("start_doc")
        return 1

    def StartPagePrinter(self, handle: object) -> None:
        self.calls.append("start_page")

    def WritePrinter(self, handle: object, data: bytes) -> int:
        self.calls.append("write")
        self.data += data
        return len(data)

    def EndPagePrinter(self, handle: object) -> None:
        self.calls.append("end_page")

    def EndDocPrinter(self, handle: object) -> None:
        self.calls.append("end_doc")

    def ClosePrinter(self, handle: object) -> None:
        self.calls.append("close")


@pytest.fixture
def spooler(monkeypatch: pytest.MonkeyPatch) -> Spooler:
    from escpos.printer import win32raw

    spooler = Spooler(("EPSON TM-T20III Receipt", "رسید صندوق ۲"), "EPSON TM-T20III Receipt")
    pywintypes = types.SimpleNamespace(error=OSError)
    monkeypatch.setattr(win32raw, "_DEP_WIN32PRINT", True)
    monkeypatch.setattr(win32raw, "win32print", spooler, raising=False)
    monkeypatch.setattr(win32raw, "pywintypes", pywintypes, raising=False)
    return spooler


def test_a_win32raw_printer_gets_the_receipt_as_one_raw_job_on_the_named_printer(
        tmp_path: Path, spooler: Spooler) -> None:
    settings = settings_for(tmp_path, printer={"kind": "win32raw", "win32_name": "رسید صندوق ۲"})
    doc = build_sale_receipt(sample_sale(), STORE)
    ReceiptPrinter(settings.printer).print_document(doc)
    assert spooler.opened == ["رسید صندوق ۲"]
    assert spooler.calls[:3] == ["open", "start_doc", "start_page"]
    assert spooler.calls[-3:] == ["end_page", "end_doc", "close"]
    [job] = decode_jobs(bytes(spooler.data))
    assert job.cut


def test_win32raw_without_a_name_prints_on_the_windows_default_printer(
        tmp_path: Path, spooler: Spooler) -> None:
    settings = settings_for(tmp_path, printer={"kind": "win32raw"})
    ReceiptPrinter(settings.printer).open_drawer()
    assert spooler.opened == ["EPSON TM-T20III Receipt"]


def test_an_unknown_windows_printer_name_is_a_clear_error(tmp_path: Path,
                                                          spooler: Spooler) -> None:
    settings = settings_for(tmp_path, printer={"kind": "win32raw", "win32_name": "Laser"})
    with pytest.raises(DeviceError) as caught:
        ReceiptPrinter(settings.printer).print_document(build_sale_receipt(sample_sale(), STORE))
    assert caught.value.code == "printer_unreachable"
    assert "Laser" in caught.value.detail
    assert spooler.data == b""


def test_win32raw_without_pywin32_says_what_to_install(tmp_path: Path) -> None:
    from escpos.printer import win32raw

    if win32raw.is_usable():
        pytest.skip("pywin32 is installed here")
    settings = settings_for(tmp_path, printer={"kind": "win32raw"})
    with pytest.raises(DeviceError) as caught:
        ReceiptPrinter(settings.printer).status()
    assert caught.value.code == "printer_missing_driver"
    assert "pywin32" in caught.value.en and "pywin32" in caught.value.fa


def test_printer_test_names_the_windows_printer(tmp_path: Path, spooler: Spooler,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[terminal]\ndata_dir = "{tmp_path.as_posix()}"\nlanguage = "en"\n'
                    '[printer]\nkind = "win32raw"\nwin32_name = "EPSON TM-T20III Receipt"\n',
                    encoding="utf-8")
    loader: Any = lambda: load_settings(path, environ={})  # noqa: E731
    assert printer_test(types.SimpleNamespace(), loader) == 0
    assert "win32raw EPSON TM-T20III Receipt" in capsys.readouterr().out
    assert decode_jobs(bytes(spooler.data))


@pytest.mark.parametrize("name", ["COM3", "com12", "\\\\.\\COM15", "/dev/ttyUSB0",
                                  "loop://", "socket://127.0.0.1:9", "rfc2217://10.0.0.9:2217"])
@pytest.mark.parametrize("key", ["printer", "scanner", "card_reader"])
def test_serial_devices_take_com_names_and_pyserial_urls(tmp_path: Path, key: str,
                                                         name: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[{key}]\nkind = 'serial'\nurl = '{name}'\n", encoding="utf-8")
    assert getattr(load_settings(path, environ={}), key).url == name
    env = {f"POS_CLIENT_{key.upper()}_URL": name}
    assert getattr(load_settings(tmp_path / "config.toml", environ=env), key).url == name


@pytest.mark.parametrize("name", ["COM", "COM0", "COM3:", "ttyUSB0", "usb-printer",
                                  "http://printer.local/"])
def test_a_serial_name_that_is_no_port_is_refused_naming_the_key(tmp_path: Path,
                                                                  name: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_write(tmp_path, name), environ={})
    assert "scanner.url" in caught.value.en and "COM3" in caught.value.en
    assert "COM3" in caught.value.fa


def test_a_com_name_opens_through_pyserial_like_a_device_path(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, printer={"kind": "serial", "url": "COM250",
                                               "timeout_s": 1.0})
    with pytest.raises(DeviceError) as caught:  # no such port here: refused, not a crash
        ReceiptPrinter(settings.printer).status()
    assert caught.value.code == "printer_unreachable"
    assert "COM250" in caught.value.detail


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[scanner]\nkind = 'serial'\nurl = '{name}'\n", encoding="utf-8")
    return path
