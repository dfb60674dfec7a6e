"""The store's sub-commands, run as the real ``pos-client`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import Clock, build_sale

from pos_client.store import Store
from pos_client.store.journal import entry_hash


def pos_client(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    config = tmp_path / "pos.toml"
    config.write_text(f'[terminal]\ndata_dir = "{tmp_path / "data"}"\nlanguage = "en"\n',
                      encoding="utf-8")
    env = {**os.environ, "POS_CLIENT_CONFIG": str(config)}
    return subprocess.run([sys.executable, "-m", "pos_client.app.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=60, check=False)


@pytest.fixture
def journal_db(tmp_path: Path) -> Path:
    """A data dir with five journaled sales."""
    data = tmp_path / "data"
    data.mkdir()
    clock = Clock()
    with Store.open(data, clock=clock) as store:
        for _ in range(5):
            store.record_sale(build_sale(clock))
            clock.advance(minutes=1)
    return data / "pos.db"


def tamper(db: Path, *statements: str) -> None:
    with Store.open_file(db) as store:
        for sql in statements:
            store._c.conn.execute(sql)
        store._c.conn.commit()


def test_an_intact_journal_verifies(tmp_path: Path, journal_db: Path) -> None:
    result = pos_client(tmp_path, "journal", "verify")
    assert result.returncode == 0, result.stderr
    assert "holds" in result.stdout


def test_an_edited_entry_fails_verification_at_that_entry(tmp_path: Path,
                                                          journal_db: Path) -> None:
    tamper(journal_db, "UPDATE journal SET data = replace(data, '4450000', '9450000') "
                       "WHERE seq = 3")
    result = pos_client(tmp_path, "journal", "verify")
    assert result.returncode == 1
    assert "journal entry 3:" in result.stdout and "edited" in result.stdout


def test_a_removed_entry_fails_verification_at_that_entry(tmp_path: Path,
                                                          journal_db: Path) -> None:
    tamper(journal_db, "DELETE FROM journal WHERE seq = 2")
    result = pos_client(tmp_path, "journal", "verify")
    assert result.returncode == 1 and "journal entry 2:" in result.stdout
    assert "removed" in result.stdout


def test_removing_the_newest_entry_is_caught_too(tmp_path: Path, journal_db: Path) -> None:
    tamper(journal_db, "DELETE FROM journal WHERE seq = 5")
    result = pos_client(tmp_path, "journal", "verify")
    assert result.returncode == 1 and "journal entry 5:" in result.stdout


def test_an_inserted_entry_fails_verification_at_that_entry(tmp_path: Path,
                                                            journal_db: Path) -> None:
    # make room at 3 and insert a forged entry whose own hash is right
    forged = entry_hash("f" * 64, 3, "2026-01-10T08:16:30.000000Z", "sale", "forged", {})
    statements = [f"UPDATE journal SET seq = {n + 1} WHERE seq = {n}" for n in (5, 4, 3)]
    statements.append("INSERT INTO journal VALUES (3, '2026-01-10T08:16:30.000000Z', 'sale', "
                      f"'forged', '{{}}', '{'f' * 64}', '{forged}')")
    tamper(journal_db, *statements)
    result = pos_client(tmp_path, "journal", "verify")
    assert result.returncode == 1 and "journal entry 3:" in result.stdout
    assert "inserted" in result.stdout


def test_user_add_reads_the_pin_from_standard_input(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = pos_client(tmp_path, "user", "add", "Sara", "--role", "manager", stdin="4321\n")
    assert result.returncode == 0, result.stderr
    with Store.open(tmp_path / "data") as store:
        assert store.verify_pin("Sara", "4321").role == "manager"
    short = pos_client(tmp_path, "user", "add", "Ali", "--role", "cashier", stdin="12\n")
    assert short.returncode == 2 and "4 to 12 digits" in short.stderr


def test_products_import_prints_the_refused_rows_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    csv = tmp_path / "p.csv"
    csv.write_text("gtin,name,price_rials,unit\n6260000000019,Rice,11000000,piece\n"
                   "123,Bad,1,piece\n", encoding="utf-8")
    result = pos_client(tmp_path, "products", "import", str(csv))
    assert result.returncode == 1
    assert "line 3: refused" in result.stdout and "1 accepted, 1 refused" in result.stdout
    csv.write_text("gtin,name,price_rials,unit\n6260000000019,Rice,11000000,piece\n",
                   encoding="utf-8")
    assert pos_client(tmp_path, "products", "import", str(csv)).returncode == 0
