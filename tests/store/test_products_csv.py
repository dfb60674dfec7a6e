"""Importing the store's price list: good rows kept, every refused row reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_client.domain.errors import InvalidInput
from pos_client.store import Store

HEADER = "gtin,name,price_rials,unit\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "products.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_good_rows_are_imported_and_bad_ones_reported_by_line(
        store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER
                 + "6260000000019,برنج طارم,11000000,piece\n"      # 2 good
                 + "6260000000010,bad check digit,1000,piece\n"   # 3 GTIN
                 + "6269999999991,Cola,0,piece\n"                 # 4 price
                 + "6269999999991,Cola,12.5,piece\n"              # 5 price
                 + "6269999999991,Cola,۳۵۰۰۰۰,box\n"              # 6 unit
                 + "6260000000019,again,10,piece\n"               # 7 duplicate
                 + "6260000000026,missing a column,piece\n"       # 8 columns
                 + "\n"
                 + "6269999999991,مرغ,۲۵۰٬۰۰۰,KG\n")              # 10 good
    report = store.import_products(path)
    assert report.accepted == 2
    assert [(r.line_no, r.reason_en) for r in report.refused] == [
        (3, "Invalid barcode: the check digit is wrong. Scan it again."),
        (4, "The price must be above zero."),
        (5, "the price '12.5' is not a whole number of rials"),
        (6, "the unit 'box' must be piece or kg"),
        (7, "GTIN 6260000000019 repeats line 2"),
        (8, "expected 4 columns, found 3")]
    chicken = store.product("6269999999991")
    assert chicken is not None and (chicken.price_rials, chicken.unit) == (250_000, "kg")


def test_a_file_saved_by_excel_with_a_bom_is_read(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "6260000000019,برنج,11000000,piece\n", "utf-8-sig")
    assert store.import_products(path).accepted == 1


def test_a_file_not_in_utf8_is_refused_whole_with_a_clear_message(
        store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "6260000000019,برنج,11000000,piece\n", "cp1256")
    with pytest.raises(InvalidInput, match=r"not UTF-8.*CSV UTF-8"):
        store.import_products(path)
    assert store.cache_status().products == 0


def test_a_file_with_the_wrong_columns_is_refused_whole(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "barcode,title,price\n6260000000019,x,1\n")
    with pytest.raises(InvalidInput, match="first line"):
        store.import_products(path)
