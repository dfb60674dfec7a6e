"""Feed pages from the service: a bad item is set aside, a bad page refused; hex in
either case."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from validate_support import HEX, HOUSEHOLD

from pos_client.sync import validate
from pos_client.sync.errors import BadResponse

ITEM = {"gtin": "036000291452", "name_fa": "رب", "name_en": "Paste", "group": "rice",
        "unit": "piece", "max_price_rials": 900_000, "active": True, "version": 3}


def households(items: list[Any], **page: Any) -> validate.Page:
    doc = {"items": items, "next": 10, "more": False, **page}
    return validate.page(doc, after=0, limit=10, item=validate.household, where="households")


def catalog(items: list[Any], **page: Any) -> validate.Page:
    doc = {"items": items, "next": 10, "more": False, **page}
    return validate.page(doc, after=0, limit=10, item=validate.catalog_item, where="catalog")


def test_one_bad_household_is_set_aside_and_the_rest_of_the_page_taken() -> None:
    bad = {**HOUSEHOLD, "key": "H-2", "decile": 11, "version": 6}
    good = {**HOUSEHOLD, "key": "H-3", "version": 7}
    page = households([HOUSEHOLD, bad, good, "not an object"], more=True)
    assert [h["key"] for h in page["items"]] == ["H-1", "H-3"]
    assert [(s["ref"], s["version"]) for s in page["set_aside"]] == [("H-2", 6), ("#3", None)]
    assert "decile" in page["set_aside"][0]["reason"]
    assert page["next"] == 10 and page["more"] is True


def test_a_catalog_item_is_taken_in_canonical_form_and_a_bad_one_named_by_its_gtin() -> None:
    bad = {**ITEM, "gtin": "06261473616607"}  # wrong check digit
    page = catalog([ITEM, bad])
    assert [i["gtin"] for i in page["items"]] == ["0036000291452"]
    assert page["set_aside"][0]["ref"] == "06261473616607"
    wrong_unit = {**ITEM, "unit": "litre"}
    assert catalog([wrong_unit])["set_aside"][0]["ref"] == "0036000291452"


@pytest.mark.parametrize("change", [
    lambda d: d.update(items={}), lambda d: d.update(more="no"), lambda d: d.update(next="9"),
    lambda d: d.update(next=4),  # behind a set-aside item's version
    lambda d: d.pop("next"), lambda d: d["items"].extend([HOUSEHOLD] * 10),
])
def test_what_is_wrong_with_the_page_itself_still_refuses_it(change: Any) -> None:
    doc: dict[str, Any] = {"items": [{**HOUSEHOLD, "decile": 0}], "next": 10, "more": False}
    change(doc)
    with pytest.raises(BadResponse):
        validate.page(doc, after=0, limit=10, item=validate.household, where="households")
    with pytest.raises(BadResponse):
        validate.page([doc], after=0, limit=10, item=validate.household, where="households")


def test_hashes_and_the_lookup_key_are_taken_in_either_case_and_kept_lowercase() -> None:
    upper = {**HOUSEHOLD, "nid_hash": HEX.upper(), "card_hashes": [HEX.upper(), HEX]}
    checked = validate.household(copy.deepcopy(upper))
    assert checked["nid_hash"] == HEX and checked["card_hashes"] == [HEX, HEX]
    terminal = validate.terminal({
        "terminal_id": "T-0001", "store": {"code": "S-1001", "name": "نمونه"},
        "lookup_key": HEX.upper(), "status": "active", "blocked_reason": None,
        "server_time": "2026-01-10t08:15:00z"})
    assert terminal["lookup_key"] == HEX
    assert "address" not in terminal["store"]


def test_a_set_aside_reason_never_carries_a_national_code_or_card_number() -> None:
    bad = {**HOUSEHOLD, "members": "0499370899", "version": 6}
    bad_card = {**HOUSEHOLD, "key": "H-2", "decile": "6037991234567893", "version": 7}
    page = households([bad, bad_card])
    reasons = " ".join(s["reason"] for s in page["set_aside"])
    assert "members" in reasons and "decile" in reasons
    assert "0499370899" not in reasons and "6037991234567893" not in reasons
