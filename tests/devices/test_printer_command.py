"""``pos-client printer test`` prints a test page or says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_printer import PAPER_OUT, FakeNetworkPrinter, free_port

from pos_client.app.cli import main
from pos_client.devices.escpos_decode import decode_jobs


def write_config(tmp_path: Path, printer: str, language: str = "fa") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[terminal]\ndata_dir = "{tmp_path}"\nlanguage = "{language}"\n'
                      f"[printer]\n{printer}\n", encoding="utf-8")
    return config


def test_printer_test_prints_a_test_page_to_the_configured_file(tmp_path: Path) -> None:
    out = tmp_path / "receipts.bin"
    config = write_config(tmp_path, f'kind = "file"\npath = "{out}"')
    assert main(["--config", str(config), "printer", "test"]) == 0
    [job] = decode_jobs(out.read_bytes())
    assert job.cut and job.image.width == 576


def test_printer_test_says_the_printer_cannot_be_reached_and_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, f'kind = "network"\nhost = "127.0.0.1"\nport = {free_port()}',
                          language="en")
    assert main(["--config", str(config), "printer", "test"]) == 1
    assert "Cannot reach the printer" in capsys.readouterr().err


def test_printer_test_says_the_paper_is_out_in_persian(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeNetworkPrinter(status=PAPER_OUT) as device:
        config = write_config(tmp_path, f'kind = "network"\nhost = "127.0.0.1"\n'
                                        f"port = {device.port}\ntimeout_s = 1")
        assert main(["--config", str(config), "printer", "test"]) == 1
    err = capsys.readouterr().err
    assert "کاغذ چاپگر تمام شده است" in err and "ذخیره" not in err


def test_printer_status_reports_a_ready_printer(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with FakeNetworkPrinter() as device:
        config = write_config(tmp_path, f'kind = "network"\nhost = "127.0.0.1"\n'
                                        f"port = {device.port}", language="en")
        assert main(["--config", str(config), "printer", "status"]) == 0
    assert "ready" in capsys.readouterr().out
