"""``pos-client report x`` and ``report z`` from the command line, as store IT scripts them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from central_support import Central
from report_support import MANAGER_PIN, MakeCounter, Script

from pos_client.app.cli import main
from pos_client.devices.escpos_decode import decode_jobs
from pos_client.reports import kept_z_report


def _config(tmp_path: Path, central: Central) -> Path:
    path = tmp_path / "pos.toml"
    path.write_text(
        f'[central]\nurl = "{central.url}"\ntoken = "{central.token}"\n'
        f'[terminal]\ndata_dir = "{tmp_path / "data-T-0001"}"\nlanguage = "en"\n'
        f'[printer]\nkind = "file"\npath = "{tmp_path / "T-0001.bin"}"\n', encoding="utf-8")
    path.chmod(0o600)  # it holds the token
    return path


@pytest.mark.qt  # the PDF is drawn with Qt
def test_report_x_then_z_print_export_and_close_the_day(
        central: Central, make_counter: MakeCounter, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    counter = make_counter(printer=True, language="en")
    script = Script(counter, central)
    sales = [script.sell() for _ in range(6)]
    day = counter.store.sales_date()
    counter.close()
    config = _config(tmp_path, central)
    paper = tmp_path / "T-0001.bin"
    printed_before = len(decode_jobs(paper.read_bytes())) if paper.exists() else 0

    assert main(["--config", str(config), "report", "x", "--csv", str(tmp_path / "x.csv")]) == 0
    shown = capsys.readouterr().out
    assert "X report" in shown and "not counted" in shown and "Expected cash" not in shown
    assert "figures,sales_count,,,6," in (tmp_path / "x.csv").read_text(encoding="utf-8-sig")

    monkeypatch.setattr("sys.stdin", io.StringIO(MANAGER_PIN + "\n"))
    pdf, csv_file = tmp_path / "z.pdf", tmp_path / "z.csv"
    assert main(["--config", str(config), "report", "z", "--counted", "9,000,000",
                 "--pdf", str(pdf), "--csv", str(csv_file)]) == 0
    shown = capsys.readouterr().out
    assert "Z report" in shown and "Expected cash" in shown and "Matched" in shown
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    rows = csv_file.read_text(encoding="utf-8-sig")
    assert "service,answer,,,,,matched" in rows and "cash,counted_rials,,,9000000" in rows
    assert len(decode_jobs(paper.read_bytes())) == printed_before + 2

    from pos_client.store import Store
    with Store.open(tmp_path / "data-T-0001") as store:
        kept = kept_z_report(store, day)
    assert kept is not None and kept.z_no == 1 and kept.status == "matched"
    assert kept.figures.sales_count == len(sales)


def test_report_z_refuses_without_the_managers_pin_and_changes_nothing(
        central: Central, make_counter: MakeCounter, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    counter = make_counter()
    day = counter.store.sales_date()
    counter.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))  # the cashier's PIN
    assert main(["--config", str(_config(tmp_path, central)), "report", "z", "--counted",
                 "0", "--no-print"]) == 2
    assert "manager" in capsys.readouterr().err.lower()
    from pos_client.store import Store
    with Store.open(tmp_path / "data-T-0001") as store:
        assert store.business_day(day) is None or store.business_day(day).status == "open"


def test_report_z_after_midnight_shows_and_closes_the_day_that_traded(
        central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    sys_path = str(Path(__file__).resolve().parents[1] / "sync")
    monkeypatch.syspath_prepend(sys_path)
    from counter_support import basket_line, sell
    from time_support import OPENING_CASH, open_counter, provision_at

    from pos_client.app.demo import CASHIER
    from pos_client.domain.clock import SteppedClock
    from pos_client.domain.dates import TEHRAN
    from pos_client.settings.config import load_settings

    yesterday = dt.datetime.now(TEHRAN).date() - dt.timedelta(days=1)
    config = _config(tmp_path, central)
    settings = load_settings(config)
    clock = SteppedClock.tehran(yesterday, 20, 0)  # a day that traded, never closed
    provision_at(settings, central, clock)
    counter = open_counter(settings, clock)
    try:
        counter.login(CASHIER[1])
        counter.open_shift(OPENING_CASH)
        buyer = central.household(status="active", decile=2)
        sale = sell(counter, counter.identify(buyer["national_code"]),
                    [basket_line(counter, central)], tendered=10_000_000).sale
        assert sale.status == "approved" and sale.business_date == yesterday
    finally:
        counter.close()
    counted = OPENING_CASH + sum(p.tendered_rials - p.change_rials for p in sale.payments)
    monkeypatch.setattr("sys.stdin", io.StringIO(MANAGER_PIN + "\n"))
    assert main(["--config", str(config), "report", "z", "--counted", str(counted),
                 "--no-print"]) == 0
    shown = capsys.readouterr().out
    preview, _, report = shown.partition("Z report")
    assert yesterday.isoformat() in report  # the Z itself is of that day
    assert "Close the business day with a Z" in preview
    assert f"Business date: {yesterday.isoformat()} (an earlier day)" in preview
    assert "Sales: 1" in preview and "Difference: 0 rials" in preview
    from pos_client.store import Store
    with Store.open(tmp_path / "data-T-0001") as store:
        assert store.business_day(yesterday).status == "closed"  # type: ignore[union-attr]
        today = store.business_day(yesterday + dt.timedelta(days=1))
        assert today is None or today.status == "open"
