"""The first sync through the optional household snapshot (docs/central-sim.md), and the
paged feed when the service does not offer it: the same cache either way, a bad household
set aside as from a page, a cut stream resumed from what was stored."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central

from pos_client.store import Store
from pos_client.sync import validate
from pos_client.sync.api import CentralApi
from pos_client.sync.engine import PullReport, SyncEngine
from pos_client.sync.errors import BadResponse, ServiceUnreachable

PAGE = 60  # small pages and batches, so 200 households make several of each


def cache_of(store: Store) -> dict[str, Any]:
    with store._c.read() as conn:
        return {
            "households": conn.execute("SELECT * FROM households ORDER BY key").fetchall(),
            "cards": conn.execute("SELECT * FROM household_cards ORDER BY card_hash").fetchall(),
            "set_aside": conn.execute("SELECT feed, ref, version, reason FROM set_aside "
                                      "ORDER BY ref").fetchall(),
            "cursor": store.cursor("households"),
            "indexes": sorted(r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
                "('households', 'household_cards') AND sql IS NOT NULL")),
        }


def pull(central: Central, data_dir: Path, *, snapshot: bool,
         asked: list[int] | None = None) -> tuple[SyncEngine, PullReport]:
    """A first pull into a new store; ``asked`` collects the ``after`` of every
    ``GET /v1/households`` page request."""
    central.handle.service.household_snapshot = snapshot
    store = Store.open(data_dir)
    api = CentralApi(central.url, central.token, timeout_s=5)
    pages = api.households

    def households(after: int, limit: int = PAGE) -> validate.Page:
        (asked if asked is not None else []).append(after)
        return pages(after, limit)

    api.households = households  # type: ignore[method-assign]
    engine = SyncEngine(store, api)
    report = engine.pull(page_size=PAGE)
    return engine, report


def test_the_first_sync_takes_the_snapshot_when_offered_and_pages_when_not(
        central: Central, tmp_path: Path) -> None:
    snap_asked: list[int] = []
    paged_asked: list[int] = []
    snap, snap_report = pull(central, tmp_path / "snapshot", snapshot=True, asked=snap_asked)
    paged, paged_report = pull(central, tmp_path / "paged", snapshot=False, asked=paged_asked)
    assert snap.household_snapshot and not paged.household_snapshot
    assert snap_report.households == paged_report.households == 200
    assert snap_asked == [200]  # after the snapshot, one page for what changed meanwhile
    assert paged_asked == [0, 60, 120, 180]
    assert cache_of(snap.store) == cache_of(paged.store)
    assert cache_of(snap.store)["cursor"] == 200
    assert len(cache_of(snap.store)["cards"]) > 200


def test_a_bad_household_in_the_snapshot_is_set_aside_as_from_a_page(
        central: Central, tmp_path: Path) -> None:
    with central.handle.service.db.write() as conn:  # the service sends a broken household
        conn.execute("UPDATE households SET members = 0 WHERE id = 7")
    snap, report = pull(central, tmp_path / "snapshot", snapshot=True)
    paged, _ = pull(central, tmp_path / "paged", snapshot=False)
    assert report.set_aside == 1 and report.households == 199
    cache = cache_of(snap.store)
    assert [(feed, ref) for feed, ref, _, _ in cache["set_aside"]] == [
        ("households", "H-000007")]
    assert "'members' must be an integer" in cache["set_aside"][0][3]
    assert snap.store.household_by_key("H-000007") is None
    paged_cache = cache_of(paged.store)
    assert "'members' must be an integer" in paged_cache["set_aside"][0][3]
    for one in (cache, paged_cache):  # the reasons name the line or the page's item
        one["set_aside"] = [row[:3] for row in one["set_aside"]]
    assert cache == paged_cache


def test_a_cut_snapshot_keeps_what_came_whole_and_the_next_pull_completes_it(
        central: Central, tmp_path: Path) -> None:
    central.admin.faults(truncate_rate=1.0, paths=["/v1/households/snapshot"])
    central.handle.service.household_snapshot = True
    store = Store.open(tmp_path / "cut")
    engine = SyncEngine(store, CentralApi(central.url, central.token, timeout_s=5))
    with pytest.raises(ServiceUnreachable):
        engine.pull(page_size=PAGE)
    cut = cache_of(store)
    assert 0 < len(cut["households"]) < 200
    assert cut["cursor"] == max(row[-1] for row in cut["households"])  # resumable
    assert len(cut["indexes"]) >= 2  # the first load's indexes were built all the same
    central.admin.faults()
    engine.pull(page_size=PAGE)
    paged, _ = pull(central, tmp_path / "paged", snapshot=False)
    assert cache_of(store) == cache_of(paged.store)


def test_a_service_that_advertises_the_snapshot_but_cannot_serve_it_is_paged(
        central: Central, tmp_path: Path) -> None:
    service = central.handle.service
    service.household_snapshot = True
    store = Store.open(tmp_path / "snapshot")

    def catalog_done(what: str, count: int) -> None:
        if what == "catalog":  # after the terminal info offered it, before it is asked
            service.household_snapshot = False

    engine = SyncEngine(store, CentralApi(central.url, central.token, timeout_s=5),
                        progress=catalog_done)
    report = engine.pull(page_size=PAGE)
    assert engine.household_snapshot and report.households == 200
    paged, _ = pull(central, tmp_path / "paged", snapshot=False)
    assert cache_of(store) == cache_of(paged.store)


def lines(*docs: Any) -> list[bytes]:
    import json
    return [d if isinstance(d, bytes) else json.dumps(d).encode() for d in docs]


def household(version: int, **change: Any) -> dict[str, Any]:
    return {"key": f"H-{version:06d}", "nid_hash": "ab" * 32, "card_hashes": ["cd" * 32],
            "members": 3, "decile": 2, "nid_last_digit": 5, "round_id": "R1",
            "balance_rials": 10, "spent_in_round_rials": 0, "status": "active",
            "version": version, **change}


def test_snapshot_lines_are_checked_one_by_one() -> None:
    page, end = validate.snapshot_batch(
        lines(household(3), b"{not json", household(4, decile=11), household(6),
              {"end": True, "next": 9, "count": 4}), after=2, first_line=1)
    assert [h["key"] for h in page["items"]] == ["H-000003", "H-000006"]
    assert [(s["ref"], s["version"]) for s in page["set_aside"]] == [
        ("#2", None), ("H-000004", 4)]
    assert "not JSON" in page["set_aside"][0]["reason"]
    assert (page["next"], page["more"], end) == (6, False, 9)


@pytest.mark.parametrize("docs", [
    [household(5), household(5)],  # a version again
    [household(1)],  # not above the cursor
    [household(5), {"end": True, "next": 5}, household(6)],  # after the closing line
    [household(5), {"end": True, "next": 4}],  # a closing cursor behind the lines
])
def test_a_snapshot_out_of_order_is_refused(docs: list[Any]) -> None:
    with pytest.raises(BadResponse):
        validate.snapshot_batch(lines(*docs), after=2, first_line=1)


def test_a_snapshot_line_without_end_cannot_fill_the_memory() -> None:
    from pos_client.sync.api import MAX_SNAPSHOT_LINE, _SnapshotReader
    reader = _SnapshotReader(0, 10)
    assert list(reader.feed(b"x" * MAX_SNAPSHOT_LINE)) == []  # still a line in the making
    with pytest.raises(BadResponse) as refused:
        list(reader.feed(b"x"))
    assert "longer than" in refused.value.detail


def pull_watching_the_freeze(central: Central, data_dir: Path) -> list[tuple[str, int]]:
    """A first pull through the snapshot; (what, gc.get_freeze_count()) at each progress."""
    central.handle.service.household_snapshot = True
    seen: list[tuple[str, int]] = []
    store = Store.open(data_dir)
    engine = SyncEngine(store, CentralApi(central.url, central.token, timeout_s=5),
                        progress=lambda what, count: seen.append((what, gc.get_freeze_count())))
    engine.pull(page_size=PAGE)
    store.close()
    return seen


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    """No object frozen at the start (a test runner may have frozen its own: put back after)."""
    frozen_before = gc.get_freeze_count()
    gc.unfreeze()
    try:
        yield
    finally:
        if frozen_before:
            gc.freeze()


@pytest.mark.usefixtures("nothing_frozen")
def test_older_objects_sit_out_the_full_collections_only_while_the_snapshot_streams(
        central: Central, tmp_path: Path) -> None:
    seen = pull_watching_the_freeze(central, tmp_path / "t")
    households = [n for what, n in seen if what == "households"]
    # the snapshot's pages, then the paged catch-up (not frozen)
    assert len(households) > 2 and all(n > 0 for n in households[:-1]) and households[-1] == 0
    assert {n for what, n in seen if what == "catalog"} == {0}
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("nothing_frozen")
def test_objects_frozen_before_the_load_stay_frozen_after_it(
        central: Central, tmp_path: Path) -> None:
    gc.freeze()  # as a forking server or a test runner may have done
    frozen = gc.get_freeze_count()
    seen = pull_watching_the_freeze(central, tmp_path / "t")
    # neither frozen again nor given back (objects frozen may still be freed meanwhile)
    assert seen and all(0 < n <= frozen for _, n in seen)
    assert 0 < gc.get_freeze_count() <= frozen
