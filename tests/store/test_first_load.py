"""The first household load of an empty cache: staged cards, indexes built once at the end,
a large page cache while it runs (issue 20), and an interrupted load finished on open."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import Clock, household_item

from pos_client.store import Store
from pos_client.store.cache import (
    CARDS_LOADING,
    CHECKPOINT_PAGES,
    LOAD_CACHE_KIB,
    LOAD_CHECKPOINT_PAGES,
    LOOKUP_INDEXES,
)


def cache_size(store: Store) -> int:
    return int(store._c.conn.execute("PRAGMA cache_size").fetchone()[0])


def checkpoint_pages(store: Store) -> int:
    return int(store._c.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def indexes(store: Store) -> set[str]:
    return {r[0] for r in store._c.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}


def a_page(first: int, count: int) -> list[dict[str, object]]:
    # keys out of version order, as the service's random keys are
    return [household_item(f"H-{(n * 7919) % 100_003:06d}", version=n, cards=(f"card-{n}",))
            for n in range(first, first + count)]


def test_the_load_has_a_large_cache_and_gives_it_back(store: Store) -> None:
    normal = cache_size(store)
    assert normal != -LOAD_CACHE_KIB
    assert store.begin_household_load()
    assert cache_size(store) == -LOAD_CACHE_KIB
    assert checkpoint_pages(store) == LOAD_CHECKPOINT_PAGES
    store.apply_household_page(a_page(1, 300), 300)
    store.apply_household_page(a_page(301, 300), 600)
    store.end_household_load()
    assert cache_size(store) == normal
    assert checkpoint_pages(store) == CHECKPOINT_PAGES == 1000  # SQLite's default
    assert {name for name, _ in LOOKUP_INDEXES} <= indexes(store)
    for n in (1, 300, 301, 600):
        found = store.household_by_card_hash(f"card-{n}")
        assert found is not None and found.version == n
        assert store.household_by_nid_hash("nid-" + found.key) == found
        assert store.household_by_key(found.key) == found
    assert store.cache_status().households == 600


def test_a_cache_with_households_is_no_first_load_and_keeps_its_cache(store: Store) -> None:
    store.apply_household_page(a_page(1, 3), 3)
    normal = cache_size(store)
    assert not store.begin_household_load()
    assert cache_size(store) == normal


def test_an_interrupted_load_is_finished_on_open_with_the_normal_cache(
        tmp_path: Path, clock: Clock) -> None:
    with Store.open(tmp_path / "t", clock=clock) as store:
        normal = cache_size(store)
        assert store.begin_household_load()
        store.apply_household_page(a_page(1, 200), 200)
        assert store.household_by_card_hash("card-5") is None  # staged until the end
    with Store.open(tmp_path / "t", clock=clock) as store:
        assert cache_size(store) == normal
        assert {name for name, _ in LOOKUP_INDEXES} <= indexes(store)
        assert CARDS_LOADING not in {r[0] for r in store._c.conn.execute(
            "SELECT name FROM sqlite_master")}
        found = store.household_by_card_hash("card-5")
        assert found is not None and found.version == 5
        assert store.household_by_nid_hash("nid-" + found.key) == found
        assert store.cursor("households") == 200


def test_the_end_keeps_references_right_without_sqlite_checking_them(store: Store) -> None:
    """The card move runs with foreign-key checks off (issue 20): the cards of a household
    removed during the load must still stay out, and the checks come back on."""
    assert store.begin_household_load()
    store.apply_household_page(a_page(1, 50), 50)
    gone = store.household_by_card_hash("card-7")
    assert gone is None  # staged until the end
    removed_key = a_page(7, 1)[0]["key"]
    store.apply_household_page([{"key": removed_key, "status": "removed", "version": 51}], 51)
    store.end_household_load()
    conn = store._c.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA threads").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.household_by_card_hash("card-7") is None
    assert store.household_by_key(str(removed_key)) is None
    kept = store.household_by_card_hash("card-8")
    assert kept is not None and kept.version == 8
    assert store.household_cards(kept.key) == ("card-8",)


def test_reference_checks_cannot_be_turned_off_inside_a_transaction(store: Store) -> None:
    with (store._c.write(), pytest.raises(RuntimeError),
          store._c.write_without_reference_checks()):
        pass  # pragma: no cover (never reached)
    assert store._c.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_household_that_changes_during_the_load_keeps_only_its_new_cards(
        store: Store) -> None:
    """Households changed while a snapshot streamed come again in the paged catch-up: their
    staged cards are replaced for the whole page at once."""
    assert store.begin_household_load()
    store.apply_household_page(a_page(1, 40), 40)
    again = [dict(item, version=40 + n, card_hashes=[f"new-{n}"])
             for n, item in enumerate(a_page(3, 5), start=1)]
    store.apply_household_page(again, 45)
    store.end_household_load()
    for n, item in enumerate(again, start=1):
        assert store.household_by_card_hash(f"card-{n + 2}") is None
        found = store.household_by_card_hash(f"new-{n}")
        assert found is not None and found.key == item["key"] and found.version == 40 + n
    assert store.household_cards(str(again[0]["key"])) == ("new-1",)
    assert store.household_by_card_hash("card-9") is not None
    assert store._c.conn.execute("SELECT count(*) FROM household_cards").fetchone()[0] == 40


def test_an_item_without_a_version_in_a_first_load_is_stored_at_version_0(
        store: Store) -> None:
    assert store.begin_household_load()
    item = {k: v for k, v in household_item("H-000777").items() if k != "version"}
    store.apply_household_page([item], 1)
    store.apply_household_page([dict(household_item("H-000778"), version=None)], 2)
    store.end_household_load()
    for key in ("H-000777", "H-000778"):
        found = store.household_by_key(key)
        assert found is not None and found.version == 0
