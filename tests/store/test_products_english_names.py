"""A store's own product (not on the coupon list) may carry an English name in the price
list (an optional fifth column, ``name_en``); the English window shows it."""

from __future__ import annotations

from pathlib import Path

from pos_client.store import Store

GTIN = "6260000000019"


def test_an_optional_name_en_column_names_a_store_only_product_in_english(
        store: Store, tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text("gtin,name,price_rials,unit,name_en\n"
                      f"{GTIN},نان سنگک,150000,piece,Sangak bread\n", encoding="utf-8")
    assert store.import_products(prices).accepted == 1
    product = store.product(GTIN)
    assert product is not None and (product.name, product.name_en) == ("نان سنگک",
                                                                      "Sangak bread")
    assert [p.gtin for p in store.search_products("Sangak")] == [GTIN]


def test_the_four_column_price_list_still_reads(store: Store, tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(f"gtin,name,price_rials,unit\n{GTIN},نان سنگک,150000,piece\n",
                      encoding="utf-8")
    assert store.import_products(prices).accepted == 1
    product = store.product(GTIN)
    assert product is not None and product.name_en == ""
