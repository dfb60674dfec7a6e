"""Label-scale PLUs in a real SQLite store, from the manager's CSV and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_client.app.cli import main
from pos_client.domain.barcode import gtin_check_digit
from pos_client.domain.errors import InvalidInput
from pos_client.settings.config import load_settings
from pos_client.store import Store

CHICKEN = "626010000099"
CHICKEN += str(gtin_check_digit(CHICKEN))


def store_with_chicken(tmp_path: Path) -> Store:
    prices = tmp_path / "prices.csv"
    prices.write_text(f"gtin,name,price_rials,unit\n{CHICKEN},مرغ,1200000,kg\n",
                      encoding="utf-8")
    store = Store.open(tmp_path / "data")
    store.import_products(prices)
    return store


def test_plus_import_map_to_products_and_bad_rows_are_listed(tmp_path: Path) -> None:
    with store_with_chicken(tmp_path) as store:
        plus = tmp_path / "plu.csv"
        plus.write_text(f"plu,gtin\n00417,{CHICKEN}\nabc,{CHICKEN}\n9,123\n",
                        encoding="utf-8")
        report = store.import_plu(plus)
        assert report.accepted == 1 and [r.line_no for r in report.refused] == [3, 4]
        product = store.product_for_plu("417")
        assert product is not None and product.gtin == CHICKEN and product.weighed
        assert store.product_for_plu("00417") == product
        assert store.product_for_plu("418") is None
        (tmp_path / "bad.csv").write_text("code,gtin\n1,2\n", encoding="utf-8")
        with pytest.raises(InvalidInput):
            store.import_plu(tmp_path / "bad.csv")


def test_the_plu_command_and_the_scale_settings_from_the_environment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_with_chicken(tmp_path).close()
    config = tmp_path / "config.toml"
    config.write_text(f'[terminal]\ndata_dir = "{tmp_path / "data"}"\n'
                      '[scale]\nlabel_layout = "2PPPPPWWWWWC"\n', encoding="utf-8")
    plus = tmp_path / "plu.csv"
    plus.write_text(f"plu,gtin\n417,{CHICKEN}\n", encoding="utf-8")
    assert main(["--config", str(config), "products", "plu", str(plus)]) == 0
    assert "1 accepted, 0 refused" in capsys.readouterr().out
    settings = load_settings(config, environ={"POS_CLIENT_SCALE_PROTOCOL": "cas",
                                              "POS_CLIENT_SCALE_KIND": "serial",
                                              "POS_CLIENT_SCALE_URL": "loop://"})
    assert (settings.scale.protocol, settings.scale.kind, settings.scale.label_layout) == (
        "cas", "serial", "2PPPPPWWWWWC")


def test_label_codes_through_the_counter_and_the_stores_own_2_codes(tmp_path: Path) -> None:
    from pos_client.counter import Counter
    from pos_client.domain.errors import NotFound
    from pos_client.settings.config import settings_for

    own = "200000012345"
    own += str(gtin_check_digit(own))  # the store's own in-store code for a piece item
    prices = tmp_path / "prices.csv"
    prices.write_text(f"gtin,name,price_rials,unit\n{CHICKEN},مرغ,1200000,kg\n"
                      f"{own},نان,50000,piece\n", encoding="utf-8")
    plus = tmp_path / "plu.csv"
    plus.write_text(f"plu,gtin\n417,{CHICKEN}\n", encoding="utf-8")
    settings = settings_for(tmp_path / "data", scale={"label_layout": "2PPPPP$$$$$$C"},
                            terminal={"money_unit": "toman"})
    with Store.open(settings.data_path) as store:
        store.import_products(prices)
        store.import_plu(plus)
        counter = Counter(settings, store)
        body = "200417" + "180000"  # 180,000 toman of chicken at 1,200,000 rials a kg
        labelled = counter.product(body + str(gtin_check_digit(body)))
        assert labelled.gtin == CHICKEN and labelled.label_qty_milli == 1500  # type: ignore
        assert counter.product(own).gtin == own  # not a label: its own product
        body = "200999" + "010000"
        with pytest.raises(NotFound) as caught:
            counter.product(body + str(gtin_check_digit(body)))
        assert caught.value.code == "plu_unknown"
