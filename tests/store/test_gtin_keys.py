"""One product, one key: the catalogue, the price list, the scan and the search meet on the
canonical GTIN whatever length each was written in (central-api.md)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from test_cache import catalog_item

from pos_client.domain.barcode import parse_gtin
from pos_client.store import Store
from pos_client.store.migrations import MIGRATIONS
from pos_client.sync.validate import catalog_item as checked_catalog_item


def price_list(tmp_path: Path, *rows: tuple[str, str, int]) -> Path:
    path = tmp_path / "prices.csv"
    path.write_text("gtin,name,price_rials,unit\n" + "".join(
        f"{gtin},{name},{price},piece\n" for gtin, name, price in rows), encoding="utf-8")
    return path


def test_a_gtin_12_catalogue_item_and_price_row_scan_as_one_approved_product(
        store: Store, tmp_path: Path) -> None:
    store.apply_catalog_page([catalog_item("036000291452", 1)], 1)
    store.import_products(price_list(tmp_path, ("036000291452", "رب گوجه", 900_000)))
    for scanned in ("036000291452", "0036000291452", "00036000291452"):
        product = store.product(parse_gtin(scanned))
        assert product is not None and product.group == "rice", scanned
        assert product.gtin == "0036000291452"


def test_a_gtin_14_with_a_leading_zero_matches_its_gtin_13_scan(
        store: Store, tmp_path: Path) -> None:
    store.apply_catalog_page([checked_catalog_item(catalog_item("06261473616608", 1))], 1)
    store.import_products(price_list(tmp_path, ("6261473616608", "روغن", 1_200_000)))
    product = store.product(parse_gtin("6261473616608"))
    assert product is not None and product.group == "rice"
    assert store.product("06261473616608") == product


def test_gtin_8_and_14_digit_catalogue_items_meet_their_price_rows(
        store: Store, tmp_path: Path) -> None:
    store.apply_catalog_page([catalog_item("00000096385074", 1),
                              catalog_item("10012345678902", 2)], 2)
    store.import_products(price_list(tmp_path, ("96385074", "نمک", 100_000),
                                     ("10012345678902", "کارتن شیر", 5_000_000)))
    assert store.product(parse_gtin("96385074")).group == "rice"  # type: ignore[union-attr]
    assert store.product(parse_gtin("10012345678902")).group == "rice"  # type: ignore[union-attr]


def test_the_price_list_refuses_one_product_written_in_two_lengths(
        store: Store, tmp_path: Path) -> None:
    report = store.import_products(price_list(
        tmp_path, ("036000291452", "رب", 900_000), ("0036000291452", "رب دوم", 800_000)))
    assert report.accepted == 1 and len(report.refused) == 1


def test_search_finds_a_product_by_its_gtin_in_any_length(store: Store, tmp_path: Path) -> None:
    store.import_products(price_list(tmp_path, ("036000291452", "رب گوجه", 900_000),
                                     ("6260000000019", "برنج", 4_500_000)))
    for text in ("036000291452", "00036000291452", "0036000291452"):
        assert [p.gtin for p in store.search_products(text)] == ["0036000291452"], text
    assert [p.name for p in store.search_products("برنج")] == ["برنج"]


def test_the_migration_canonicalises_the_keys_of_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="0007_canonical_gtins")
    item = ("نام", "name", "rice", "piece", None, 1)
    db.execute("INSERT INTO catalog VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ["036000291452", *item, 5])
    db.execute("INSERT INTO catalog VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ["0036000291452", *item, 3])
    db.execute("INSERT INTO catalog VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               ["06261473616608", *item, 7])
    db.execute("INSERT INTO catalog VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ["6260000000019", *item, 2])
    db.execute("INSERT INTO products VALUES ('06261473616608', 'old', 100, 'piece', "
               "'2026-01-01T00:00:00.000000Z')")
    db.execute("INSERT INTO products VALUES ('6261473616608', 'new', 200, 'piece', "
               "'2026-01-02T00:00:00.000000Z')")
    db.execute("INSERT INTO products VALUES ('0036000291452', 'p', 300, 'piece', "
               "'2026-01-01T00:00:00.000000Z')")
    db.conn.commit()
    db.close()
    with Store.open_file(path) as store, store._c.read() as conn:
        catalog = conn.execute("SELECT gtin, version FROM catalog ORDER BY gtin").fetchall()
        products = conn.execute("SELECT gtin, name FROM products ORDER BY gtin").fetchall()
        assert catalog == [("0036000291452", 5), ("6260000000019", 2), ("6261473616608", 7)]
        assert products == [("0036000291452", "p"), ("6261473616608", "new")]
        assert store.product("036000291452") is not None
