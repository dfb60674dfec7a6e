"""The local copy of the service's data: pages, lookups by hash, products, status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from store_support import Clock, household_item

from pos_client.domain.programme import ProgrammeFormatError
from pos_client.store import Store
from pos_client.store.cache import CARD_LOOKUP_SQL, NID_LOOKUP_SQL

PROGRAMME = {
    "version": 7,
    "groups": [{"code": "rice", "name_fa": "برنج", "name_en": "Rice"}],
    "rounds": [{"id": "1404-10", "title": "کالابرگ دی ۱۴۰۴", "starts_on": "2026-01-07",
                "ends_on": "2026-03-20", "copay_rials": 50000,
                "cumulative_caps": [{"from": "2026-01-07", "per_member_rials": 10000000}],
                "windows": []}],
    "offline": {"enabled": True, "max_sale_rials": 20000000, "max_household_rials": 20000000,
                "max_terminal_rials": 500000000, "max_age_hours": 24}}


def catalog_item(gtin: str, version: int, **extra: object) -> dict[str, object]:
    return {"gtin": gtin, "name_fa": "برنج ایرانی ۱۰ کیلو", "name_en": "Iranian rice 10 kg",
            "group": "rice", "unit": "piece", "max_price_rials": 12_000_000, "active": True,
            "version": version, **extra}


def plan(store: Store, sql: str, *params: object) -> str:
    rows = store._c.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " | ".join(str(r[-1]) for r in rows)


def test_a_household_is_found_by_its_national_code_hash_and_its_card_hashes(
        store: Store) -> None:
    store.apply_household_page([household_item("H-1", cards=("c1", "c2"))], 5012)
    by_nid = store.household_by_nid_hash("nid-H-1")
    assert by_nid is not None and store.household_cards("H-1") == ("c1", "c2")
    assert store.household_by_card_hash("c2") == by_nid
    assert store.household_by_nid_hash("unknown") is None
    assert store.cursor("households") == 5012


def test_lookups_by_hash_are_indexed_point_queries(store: Store) -> None:
    nid = plan(store, NID_LOOKUP_SQL, "x")
    assert "SEARCH households USING INDEX households_by_nid_hash (nid_hash=?)" in nid
    card = plan(store, CARD_LOOKUP_SQL, "x")
    assert "PRIMARY KEY (card_hash=?)" in card and "PRIMARY KEY (key=?)" in card
    assert "SCAN" not in nid + card

def test_a_removed_household_is_dropped_with_its_cards(store: Store) -> None:
    store.apply_household_page([household_item("H-1"), household_item("H-2")], 2)
    store.apply_household_page([{"key": "H-1", "status": "removed", "version": 3}], 3)
    assert store.household_by_key("H-1") is None and store.household_by_card_hash("card-H-1") is None
    assert store.household_by_key("H-2") is not None


def test_applying_the_same_page_twice_changes_nothing(store: Store) -> None:
    page = [household_item(f"H-{i}", version=i) for i in range(1, 50)]
    store.apply_household_page(page, 49)
    first = [store.household_by_key(f"H-{i}") for i in range(1, 50)]
    store.apply_household_page(page, 49)
    assert [store.household_by_key(f"H-{i}") for i in range(1, 50)] == first
    assert store.cache_status().households == 49


def test_an_older_page_never_overwrites_a_fresher_online_answer(store: Store) -> None:
    store.upsert_household(household_item("H-1", balance=1_000, version=10))
    store.apply_household_page([household_item("H-1", balance=99_000, version=9)], 9)
    assert store.household_by_key("H-1").balance_rials == 1_000  # type: ignore[union-attr]


def test_a_card_moving_to_another_household_follows_it(store: Store) -> None:
    store.apply_household_page([household_item("H-1", cards=("c",))], 1)
    store.apply_household_page([household_item("H-2", cards=("c",))], 2)
    assert store.household_by_card_hash("c").key == "H-2"  # type: ignore[union-attr]


def test_a_product_joins_the_store_price_with_its_approved_list_entry(
        store: Store, tmp_path: Path) -> None:
    csv = tmp_path / "p.csv"
    csv.write_text("gtin,name,price_rials,unit\n6260000000019,برنج طارم,11000000,piece\n"
                   "6269999999991,Cola 1.5L,350000,piece\n", encoding="utf-8")
    store.import_products(csv)
    store.apply_catalog_page([catalog_item("6260000000019", 118)], 118)
    rice = store.product("6260000000019")
    assert rice is not None and (rice.name, rice.price_rials, rice.group,
                                 rice.max_price_rials) == ("برنج طارم", 11_000_000, "rice",
                                                           12_000_000)
    soda = store.product("6269999999991")
    assert soda is not None and soda.group is None and soda.max_price_rials is None
    assert store.product("6260000000026") is None
    assert [p.gtin for p in store.search_products("rice")] == ["6260000000019"]
    assert [p.gtin for p in store.search_products("طارم")] == ["6260000000019"]
    assert [p.gtin for p in store.search_products("cola")] == ["6269999999991"]
    store.apply_catalog_page([catalog_item("6260000000019", 119, active=False)], 119)
    assert store.product("6260000000019").group is None  # type: ignore[union-attr]
    assert store.cursor("catalog") == 119


def test_product_lookup_by_gtin_is_a_point_query(store: Store) -> None:
    sql = ("SELECT p.gtin FROM products p LEFT JOIN catalog c ON c.gtin = p.gtin "
           "AND c.active = 1 WHERE p.gtin = ?")
    assert "SCAN" not in plan(store, sql, "x")


def test_the_programme_is_kept_whole_and_comes_back_parsed(store: Store) -> None:
    assert store.programme() is None
    saved = store.save_programme(PROGRAMME)
    assert store.programme() == saved and saved.version == 7
    assert store.cache_status().programme_version == 7
    with pytest.raises(ProgrammeFormatError):
        store.save_programme({"version": 8})
    assert store.programme() == saved


def test_terminal_info_keeps_the_store_and_the_clock_skew(store: Store, clock: Clock) -> None:
    info = store.save_terminal_info(
        {"terminal_id": "T-0001", "store": {"code": "S-1001", "name": "فروشگاه نمونه",
                                            "address": "تهران", "phone": "021"},
         "lookup_key": "ab" * 32, "status": "active", "blocked_reason": None,
         "server_time": "2026-01-10T08:17:30Z"})
    assert (info.terminal_id, info.store_code, info.skew_seconds) == ("T-0001", "S-1001", 150)
    assert info.server_time == dt.datetime(2026, 1, 10, 8, 17, 30, tzinfo=dt.UTC)
    assert "ab" * 32 not in repr(info)
    assert store.terminal_info() == info
