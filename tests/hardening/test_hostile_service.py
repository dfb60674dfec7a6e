"""A hostile service: malformed, truncated, mistyped or out-of-range answers. A pull from
it changes nothing in the store, and says so; one bad item in a page is set aside and the
rest taken; a sale whose answer is garbage is treated as "outcome unknown" (it may be on
the service) and reaches the service exactly once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from central_support import Central
from hardening_support import assert_speaks_both, db_fingerprint
from hostile import HostileService

from pos_client.app.demo import CASHIER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.domain.errors import SyncError
from pos_client.settings.config import settings_for
from pos_client.store import Store
from pos_client.sync.api import CentralApi
from pos_client.sync.engine import SyncEngine
from pos_client.sync.errors import BadResponse


def edit(change: Callable[[Any], None]) -> Callable[[int, bytes], tuple[int, bytes]]:
    def rule(status: int, body: bytes) -> tuple[int, bytes]:
        doc = json.loads(body)
        change(doc)
        return status, json.dumps(doc, ensure_ascii=False).encode()
    return rule


def answer(status: int, body: bytes) -> Callable[[int, bytes], tuple[int, bytes]]:
    return lambda _status, _body: (status, body)


def first_item(key: str, value: Any) -> Callable[[Any], None]:
    def change(doc: Any) -> None:
        if value is KeyError:
            del doc["items"][0][key]
        else:
            doc["items"][0][key] = value
    return change


@dataclass
class Scene:
    central: Central
    hostile: HostileService
    store: Store
    engine: SyncEngine
    data: Path

    def give_a_feed_something_new(self, path: str) -> None:
        """Changes on the service for the next pull to bring: APL items for the catalog,
        households otherwise (the feed pulled after the catalog)."""
        if path == "/v1/catalog":
            for p in [p for p in self.central.ids["products"] if p["group"]][:3]:
                self.central.admin.post(f"catalog/{p['gtin']}", {"max_price_rials": 99_000_000})
            return
        for h in self.central.ids["households"][:3]:
            self.central.admin.post(f"households/{h['key']}",
                                    {"balance_rials": h["balance_rials"] + 1000})


@pytest.fixture
def scene(central: Central, tmp_path: Path) -> Iterator[Scene]:
    hostile = HostileService(central.url)
    data = tmp_path / "data"
    settings = settings_for(data, central={"url": central.url, "token": central.token})
    provision(settings, central.ids["products"], tmp_path / "prices.csv")
    store = Store.open(data)
    api = CentralApi(hostile.url, central.token, timeout_s=5)
    try:
        yield Scene(central, hostile, store, SyncEngine(store, api), data)
    finally:
        api.close()
        store.close()
        hostile.stop()


# A refused pull still records the terminal's answer (ping) and the time a feed that came
# before the bad one was last asked; cursor values themselves are in cache_status.
UNTOUCHED_BY_A_REFUSED_PULL = ("terminal_info", "cursors")

HOSTILE_FEEDS: dict[str, tuple[str, Callable[[int, bytes], tuple[int, bytes]]]] = {
    "truncated JSON": ("/v1/households", lambda s, b: (s, b[: len(b) // 2])),
    "not JSON at all": ("/v1/households", answer(200, b"<html>gateway timeout</html>")),
    "JSON nested beyond any parser": ("/v1/households", answer(200, b"[" * 100_000)),
    "an empty body": ("/v1/households", answer(200, b"")),
    "a page larger than asked": ("/v1/households",
                                 edit(lambda d: d["items"].append(d["items"][0]))),
    "a cursor going back": ("/v1/households", edit(lambda d: d.update(next=0))),
    "items that are not a list": ("/v1/households", edit(lambda d: d.update(items={}))),
    "'more' as text": ("/v1/catalog", edit(lambda d: d.update(more="false"))),
    "a page that is a list": ("/v1/catalog", lambda s, b: (s, b"[" + b + b"]")),
    "an error without a code": ("/v1/households", answer(404, b"{}")),
    "a programme version as text": ("/v1/programme", edit(lambda d: d.update(version="8"))),
    "a programme window that is null": (
        "/v1/programme", edit(lambda d: d["rounds"][0].update(windows=[None]))),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FEEDS))
def test_a_pull_from_a_hostile_service_changes_nothing_and_says_so(scene: Scene,
                                                                   case: str) -> None:
    path, rule = HOSTILE_FEEDS[case]
    scene.give_a_feed_something_new(path)
    scene.hostile.rules[path] = rule
    before = (scene.store.cache_status(), db_fingerprint(scene.data, skip=UNTOUCHED_BY_A_REFUSED_PULL))
    with pytest.raises(SyncError) as err:
        scene.engine.pull(page_size=2)
    assert isinstance(err.value, BadResponse), err.value
    assert_speaks_both(err.value)
    assert "nothing was changed" in err.value.en
    after = (scene.store.cache_status(), db_fingerprint(scene.data, skip=UNTOUCHED_BY_A_REFUSED_PULL))
    assert after == before
    scene.hostile.rules.clear()  # the same pull from an honest answer does change things
    scene.engine.pull(page_size=2)
    assert db_fingerprint(scene.data, skip=UNTOUCHED_BY_A_REFUSED_PULL) != before[1]


def once(rule: Callable[[int, bytes], tuple[int, bytes]]) -> Callable[[int, bytes],
                                                                     tuple[int, bytes]]:
    """``rule`` on the first answer only: one bad item in the first page of a feed."""
    done: list[bool] = []

    def apply(status: int, body: bytes) -> tuple[int, bytes]:
        if done or status != 200:
            return status, body
        done.append(True)
        return rule(status, body)
    return apply


BAD_ITEMS: dict[str, tuple[str, str, Any]] = {
    "a missing field": ("/v1/households", "nid_hash", KeyError),
    "a number as text": ("/v1/households", "members", "4"),
    "a negative balance": ("/v1/households", "balance_rials", -1),
    "a clear national code for a hash": ("/v1/households", "nid_hash", "0499370899"),
    "a status the contract does not name": ("/v1/households", "status", "frozen"),
    "a catalog item with a bad check digit": ("/v1/catalog", "gtin", "6260000000010"),
    "a catalog price below zero": ("/v1/catalog", "max_price_rials", -5),
    "a catalog unit the contract does not name": ("/v1/catalog", "unit", "litre"),
}


@pytest.mark.parametrize("case", sorted(BAD_ITEMS))
def test_one_bad_item_is_set_aside_and_the_rest_of_the_pull_is_taken(
        scene: Scene, central: Central, case: str) -> None:
    path, key, value = BAD_ITEMS[case]
    households = central.ids["households"][:3]
    catalog = [p for p in central.ids["products"] if p["group"]][:3]
    scene.give_a_feed_something_new("/v1/catalog")
    scene.give_a_feed_something_new("/v1/households")
    scene.hostile.rules[path] = once(edit(first_item(key, value)))
    report = scene.engine.pull(page_size=2)
    assert report.set_aside == 1
    [aside] = scene.store.set_aside_items()
    assert aside.feed == path.rsplit("/", 1)[1] and key in aside.reason
    bad_ref = (value if key == "gtin" else catalog[0]["gtin"]) if path == "/v1/catalog" \
        else households[0]["key"]
    assert aside.ref == bad_ref and scene.store.cache_status().set_aside == 1
    # the rest of the page and of the pull is taken: households come after the catalog
    for i, h in enumerate(households):
        cached = scene.store.household_by_key(h["key"])
        assert cached is not None
        applied = cached.balance_rials == h["balance_rials"] + 1000
        assert applied == (i > 0 or path != "/v1/households"), h["key"]
    for i, p in enumerate(catalog):
        product = scene.store.product(p["gtin"])
        assert product is not None
        applied = product.max_price_rials == 99_000_000
        assert applied == (i > 0 or path != "/v1/catalog"), p["gtin"]
    again = scene.engine.pull(page_size=2)  # the cursors moved on: nothing is asked again
    assert (again.set_aside, again.catalog_items, again.households) == (0, 0, 0)
    if key != "gtin":  # a good version of the item clears it
        scene.give_a_feed_something_new(path)
        scene.engine.pull(page_size=2)
        assert scene.store.set_aside_items() == []


def test_a_bad_terminal_answer_changes_nothing_at_all(scene: Scene) -> None:
    scene.hostile.rules["/v1/terminal"] = edit(lambda d: d.update(lookup_key="zz" * 32))
    before = db_fingerprint(scene.data)
    with pytest.raises(BadResponse):
        scene.engine.pull()
    assert db_fingerprint(scene.data) == before


SALE_ANSWERS = {
    "an approval without its code": edit(lambda d: d.update(approval_code="")),
    "a negative balance after the sale": edit(
        lambda d: d["household"].update(balance_rials=-1)),
    "the answer of another sale": edit(lambda d: d.update(txn_id="not-this-one")),
    "a truncated answer": lambda s, b: (s, b[: len(b) // 2]),
}


@pytest.mark.parametrize("case", sorted(SALE_ANSWERS))
def test_a_sale_with_a_garbage_answer_stands_in_offline_and_reaches_the_service_once(
        scene: Scene, central: Central, tmp_path: Path, case: str) -> None:
    settings = settings_for(scene.data.parent / "till", central={
        "url": scene.hostile.url, "token": central.token2})
    provision(settings, central.ids["products"], tmp_path / "till-prices.csv")
    counter = Counter.open(settings, start_sync=False)
    try:
        counter.login(CASHIER[1])
        buyer = central.buyer()
        household = counter.identify(buyer["national_code"])
        product = central.products(eligible=True, unit="piece", max_price=False)[0]
        lines = [counter.line_for(counter.product(product["gtin"]))]
        split = counter.quote(lines, household)
        scene.hostile.rules["/v1/sales"] = SALE_ANSWERS[case]
        result = counter.complete(lines, household, coupon_rials=split.coupon_rials,
                                  payment=PaymentChoice("cash"))
        assert result.mode == "offline" and result.sale.status == "pending"
        assert central.admin.sale(result.sale.txn_id) is not None  # the service applied it
        scene.hostile.rules.clear()
        assert counter.engine is not None
        assert counter.engine.push().approved == 1
        assert central.admin.get("sales/count")["count"] == 1
        assert central.admin.household(buyer["key"])["balance_rials"] == \
            buyer["balance_rials"] - result.sale.coupon_rials
    finally:
        counter.close()
