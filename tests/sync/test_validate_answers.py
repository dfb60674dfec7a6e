"""The validators of the service's single answers and feed pages, at each boundary: the
value just inside is taken as it came, the value just outside is refused and named."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from validate_support import HEX, HOUSEHOLD, TERMINAL

from pos_client.sync import validate
from pos_client.sync.errors import BadResponse

ITEM = {"gtin": "6260000000019", "name_fa": "برنج", "name_en": "Rice", "group": "rice",
        "unit": "piece", "max_price_rials": 12_000_000, "active": True, "version": 118}
SETTLEMENT = {"business_date": "2026-01-10", "sales": {"count": 1, "coupon_rials": 5},
              "voids": {"count": 0, "coupon_rials": 0}, "by_group": {"rice": 5},
              "approved_txn_ids": ["t-1"], "voided_txn_ids": [], "rejected_txn_ids": []}


def refused(check: Any, value: Any) -> str:
    with pytest.raises(BadResponse) as err:
        check(copy.deepcopy(value))
    return str(err.value.detail)


# --- catalog items ---------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("max_price_rials", 1), ("max_price_rials", None), ("max_price_rials", validate.MAX_RIALS),
    ("active", False), ("unit", "kg"), ("group", "g" * 64), ("name_en", "n" * 500),
    ("version", 0), ("version", 2**62), ("gtin", "10614141000415"),
])
def test_a_catalog_item_at_its_boundaries_is_taken_as_it_came(field: str, value: Any) -> None:
    checked = validate.catalog_item({**ITEM, field: value})
    assert checked[field] == value  # type: ignore[literal-required]
    assert set(checked) == set(ITEM)


@pytest.mark.parametrize(("field", "value"), [
    ("max_price_rials", 0), ("max_price_rials", validate.MAX_RIALS + 1),
    ("max_price_rials", True), ("active", 1), ("active", None), ("unit", "litre"),
    ("group", "g" * 65), ("name_en", "n" * 501), ("name_fa", None), ("version", -1),
    ("version", 2**62 + 1), ("gtin", "6260000000018"), ("gtin", "626000000001"),
    ("gtin", "062600000000019"), ("gtin", 6260000000019),
])
def test_a_catalog_item_out_of_bounds_is_refused_by_name(field: str, value: Any) -> None:
    assert field in refused(validate.catalog_item, {**ITEM, field: value})


def test_a_catalog_items_gtin_is_kept_in_canonical_form() -> None:
    assert validate.catalog_item({**ITEM, "gtin": "06260000000019"})["gtin"] == "6260000000019"
    assert validate.catalog_item({**ITEM, "gtin": "036000291452"})["gtin"] == "0036000291452"
    assert validate.catalog_item({**ITEM, "gtin": "96385074"})["gtin"] == "0000096385074"
    assert "catalog item:" in refused(validate.catalog_item, {**ITEM, "gtin": "036000291453"})


# --- feed pages ------------------------------------------------------------------------

def households(items: list[Any], *, after: int = 0, limit: int = 10, **doc: Any
               ) -> validate.Page:
    page = {"items": copy.deepcopy(items), "next": 10, "more": False, **doc}
    return validate.page(page, after=after, limit=limit, item=validate.household,
                         where="households")


def test_a_page_may_carry_as_many_items_as_asked_and_no_more() -> None:
    three = [{**HOUSEHOLD, "key": f"H-{n}"} for n in range(3)]
    assert len(households(three, limit=3)["items"]) == 3
    with pytest.raises(BadResponse) as err:
        households(three, limit=2)
    assert "3 items in a page of at most 2" in err.value.detail


def test_the_cursor_may_stay_where_it_was_but_never_go_back() -> None:
    assert households([], after=10, next=10)["next"] == 10
    assert households([{**HOUSEHOLD, "version": 10}], next=10)["items"][0]["version"] == 10
    with pytest.raises(BadResponse):
        households([], after=10, next=9)
    with pytest.raises(BadResponse) as err:
        households([{**HOUSEHOLD, "version": 11}], next=10)
    assert "behind" in err.value.detail
    with pytest.raises(BadResponse):
        households([], next=2**62 + 1)
    assert households([], next=2**62)["next"] == 2**62


def test_more_with_an_empty_page_is_refused_and_without_more_it_is_the_end() -> None:
    page = households([], more=False)
    assert (page["items"], page["set_aside"], page["more"]) == ([], [], False)
    with pytest.raises(BadResponse) as err:
        households([], more=True)
    assert "'more' with an empty page" in err.value.detail
    assert households([HOUSEHOLD], more=True)["more"] is True


def test_a_set_aside_items_version_moves_the_cursor_check_too() -> None:
    bad = {**HOUSEHOLD, "decile": 0, "version": 12}
    with pytest.raises(BadResponse):
        households([bad], next=11)
    page = households([bad], next=12)
    assert page["set_aside"] == [{"ref": "H-1", "version": 12, "reason": page["set_aside"][0][
        "reason"]}]
    assert page["set_aside"][0]["reason"].startswith("households.items[0]")


@pytest.mark.parametrize(("item", "ref", "version"), [
    ({**HOUSEHOLD, "decile": 0}, "H-1", 5),
    ({**HOUSEHOLD, "decile": 0, "key": "K" * 80}, "K" * 64, 5),
    ({**HOUSEHOLD, "decile": 0, "key": "  "}, "#0", 5),
    ({**HOUSEHOLD, "decile": 0, "key": 7}, "#0", 5),
    ({**HOUSEHOLD, "decile": 0, "version": -1}, "H-1", None),
    ({**HOUSEHOLD, "decile": 0, "version": 2**62 + 1}, "H-1", None),
    ({**HOUSEHOLD, "decile": 0, "version": True}, "H-1", None),
    ({**HOUSEHOLD, "decile": 0, "version": 0}, "H-1", 0),
    ({"gtin": "06260000000019", "version": 3}, "6260000000019", 3),
    ({"gtin": "6260000000018", "version": 3}, "6260000000018", 3),
    ({"gtin": " "}, "#0", None),
    ([HOUSEHOLD], "#0", None),
])
def test_a_set_aside_item_is_named_by_its_key_its_gtin_or_its_place(
        item: Any, ref: str, version: int | None) -> None:
    page = households([item], next=2**62)
    assert [(s["ref"], s["version"]) for s in page["set_aside"]] == [(ref, version)]
    assert page["items"] == []


def test_a_set_aside_reason_masks_long_digit_runs_of_households_only() -> None:
    digits = "12345678"
    page = households([{**HOUSEHOLD, "members": digits}])
    reason = page["set_aside"][0]["reason"]
    assert "******78" in reason and digits not in reason
    seven = households([{**HOUSEHOLD, "members": "1234567"}])["set_aside"][0]["reason"]
    assert "1234567" in seven  # too short to be a code or a card number
    catalog = validate.page({"items": [{**ITEM, "group": 12345678}], "next": 200,
                             "more": False}, after=0, limit=5, item=validate.catalog_item,
                            where="catalog")
    assert catalog["set_aside"][0]["reason"].startswith("catalog.items[0]")
    long = households([{**HOUSEHOLD, "members": "m" * 400}])["set_aside"][0]["reason"]
    assert len(long) == 300 and long.startswith("households.items[0]: 'members'")


# --- the terminal ------------------------------------------------------------------------

def test_the_terminal_keeps_the_stores_address_and_phone_only_when_they_are_text() -> None:
    store = {"code": "S-1", "name": "n", "address": "خیابان", "phone": 21, "other": "x"}
    checked = validate.terminal({**TERMINAL, "store": store})
    assert checked["store"] == {"code": "S-1", "name": "n", "address": "خیابان"}
    store = {"code": "S-1", "name": "n", "address": None, "phone": "021-1234"}
    assert validate.terminal({**TERMINAL, "store": store})["store"] == {
        "code": "S-1", "name": "n", "phone": "021-1234"}
    assert checked == {**TERMINAL, "store": checked["store"]}


@pytest.mark.parametrize(("field", "value"), [
    ("server_time", "2026-01-10 08:15"), ("server_time", "yesterday"), ("terminal_id", "T" * 65),
    ("status", "s" * 33), ("blocked_reason", 5), ("lookup_key", HEX[:-1]), ("store", "S-1"),
])
def test_a_terminal_answer_out_of_bounds_is_refused_by_name(field: str, value: Any) -> None:
    assert field.split("_")[0] in refused(validate.terminal, {**TERMINAL, field: value})


def test_a_terminal_answer_at_its_bounds_is_taken() -> None:
    doc = {**TERMINAL, "terminal_id": "T" * 64, "status": "s" * 32, "blocked_reason": "b"}
    assert validate.terminal(copy.deepcopy(doc)) == doc
    assert "store" in refused(validate.terminal, {**TERMINAL, "store": {"code": "S-1"}})


# --- sale results, batches and voids -----------------------------------------------------

def test_an_approval_carries_its_code_and_household_and_no_error() -> None:
    doc = {"txn_id": "t-1", "status": "approved", "approval_code": "A" * 64,
           "household": HOUSEHOLD, "error": {"code": "ignored"}}
    assert validate.sale_result(copy.deepcopy(doc)) == {
        "txn_id": "t-1", "status": "approved", "approval_code": "A" * 64,
        "household": HOUSEHOLD, "error": None}
    for code in ("", "A" * 65, None):
        assert "sale result" in refused(validate.sale_result, {**doc, "approval_code": code})
    assert "household" in refused(validate.sale_result, {**doc, "household": None})


def test_a_refusal_carries_its_error_and_the_household_if_sent() -> None:
    doc = {"txn_id": "t-1", "status": "rejected", "error": {"code": "insufficient_balance"}}
    assert validate.sale_result(copy.deepcopy(doc)) == {
        "txn_id": "t-1", "status": "rejected", "approval_code": None, "household": None,
        "error": {"code": "insufficient_balance"}}
    with_household = validate.sale_result({**doc, "household": HOUSEHOLD})
    assert with_household["household"] == HOUSEHOLD
    assert "error" in refused(validate.sale_result, {**doc, "error": None})
    assert "error" in refused(validate.sale_result, {**doc, "error": {"code": "c" * 65}})
    assert "status" in refused(validate.sale_result, {**doc, "status": "pending"})


def test_a_batch_must_answer_exactly_the_sales_sent() -> None:
    results = [{"txn_id": t, "status": "rejected", "error": {"code": "x"}} for t in ("a", "b")]
    assert [r["txn_id"] for r in validate.batch_results({"results": results}, ["b", "a"])] == [
        "a", "b"]
    for ids in (["a"], ["a", "b", "c"], ["a", "c"]):
        assert "do not answer" in refused(lambda v, i=ids: validate.batch_results(v, i),
                                          {"results": results})
    assert "batch.results[1]" in refused(lambda v: validate.batch_results(v, ["a", "b"]),
                                         {"results": [results[0], {"txn_id": "b"}]})
    assert "'results' must be a list" in refused(
        lambda v: validate.batch_results(v, []), {"results": {}})


def test_a_void_answer_is_voided_with_both_ids_and_the_household() -> None:
    doc = {"status": "voided", "void_id": "v-1", "txn_id": "t-1", "household": HOUSEHOLD}
    assert validate.void_result(copy.deepcopy(doc)) == HOUSEHOLD
    assert "status" in refused(validate.void_result, {**doc, "status": "approved"})
    for key in ("void_id", "txn_id"):
        assert key in refused(validate.void_result, {**doc, key: ""})
        assert key in refused(validate.void_result, {**doc, key: "x" * 65})
    assert "void.household" in refused(validate.void_result, {**doc, "household": None})


# --- the settlement ------------------------------------------------------------------------

def test_a_settlement_at_its_bounds_is_taken_as_it_came() -> None:
    doc = {**SETTLEMENT, "sales": {"count": 10**9, "coupon_rials": validate.MAX_RIALS},
           "by_group": {}}
    assert validate.settlement(copy.deepcopy(doc)) == doc


@pytest.mark.parametrize(("change", "named"), [
    ({"business_date": "2026-1-10"}, "business_date"),
    ({"business_date": "2026-01-10T00"}, "business_date"),
    ({"sales": {"count": 10**9 + 1, "coupon_rials": 0}}, "settlement.sales"),
    ({"voids": {"count": 0, "coupon_rials": -1}}, "settlement.voids"),
    ({"voids": {"count": 0}}, "settlement.voids"),
    ({"by_group": {"rice": -5}}, "settlement.by_group"),
    ({"by_group": []}, "settlement.by_group"),
    ({"approved_txn_ids": "t-1"}, "approved_txn_ids"),
    ({"voided_txn_ids": [1]}, "voided_txn_ids"),
    ({"rejected_txn_ids": None}, "rejected_txn_ids"),
])
def test_a_settlement_out_of_bounds_is_refused_by_name(change: dict[str, Any],
                                                        named: str) -> None:
    assert named in refused(validate.settlement, {**SETTLEMENT, **change})


def test_a_programme_the_rules_refuse_is_a_bad_response() -> None:
    assert refused(validate.programme, {"version": 1}).startswith("programme: ")


# --- what a refusal names: the exact place in the answer -----------------------------------

def batch(value: Any) -> Any:
    return validate.batch_results(value, ["t-1"])


APPROVED = {"txn_id": "t-1", "status": "approved", "approval_code": "A", "household": HOUSEHOLD}
VOID = {"status": "voided", "void_id": "v-1", "txn_id": "t-1", "household": HOUSEHOLD}


def without(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != key}


@pytest.mark.parametrize(("check", "value", "detail"), [
    (validate.terminal, [], "terminal: not an object"),
    (validate.terminal, without(TERMINAL, "store"), "terminal: missing 'store'"),
    (validate.terminal, {**TERMINAL, "store": 5}, "terminal.store: not an object"),
    (validate.terminal, {**TERMINAL, "store": {"name": "n"}}, "terminal.store: missing 'code'"),
    (validate.terminal, {**TERMINAL, "lookup_key": "k"},
     "terminal.lookup_key: not a 64-character hex hash"),
    (validate.terminal, {**TERMINAL, "server_time": "noon"},
     "terminal: 'server_time' is not RFC 3339"),
    (validate.terminal, {**TERMINAL, "server_time": None},
     "terminal: 'server_time' must be a string"),
    (validate.terminal, without(TERMINAL, "terminal_id"), "terminal: missing 'terminal_id'"),
    (validate.terminal, without(TERMINAL, "lookup_key"), "terminal: missing 'lookup_key'"),
    (validate.terminal, {**TERMINAL, "status": 5}, "terminal: 'status' must be a string"),
    (validate.terminal, {**TERMINAL, "blocked_reason": 5},
     "terminal: 'blocked_reason' must be a string"),
    (batch, None, "batch: not an object"),
    (batch, {}, "batch: missing 'results'"),
    (batch, {"results": [5]}, "batch.results[0]: not an object"),
    (validate.void_result, "voided", "void: not an object"),
    (validate.void_result, without(VOID, "void_id"), "void: missing 'void_id'"),
    (validate.void_result, {**VOID, "txn_id": ""}, "void: empty 'txn_id'"),
    (validate.void_result, {**VOID, "household": None}, "void.household: not an object"),
    (validate.sale_result, {**APPROVED, "household": 5}, "sale result.household: not an object"),
    (validate.sale_result, without(APPROVED, "txn_id"), "sale result: missing 'txn_id'"),
    (validate.sale_result, {"txn_id": "t", "status": "rejected"},
     "sale result.error: not an object"),
    (validate.settlement, 5, "settlement: not an object"),
    (validate.settlement, without(SETTLEMENT, "business_date"),
     "settlement: missing 'business_date'"),
    (validate.settlement, {**SETTLEMENT, "business_date": "2026-01-10Z"},
     "settlement: 'business_date' must be a string"),
    (validate.settlement, {**SETTLEMENT, "business_date": "2026-13-10"},
     "settlement: 'business_date' is not YYYY-MM-DD"),
    (validate.settlement, without(SETTLEMENT, "sales"), "settlement: missing 'sales'"),
    (validate.settlement, {**SETTLEMENT, "voids": []}, "settlement.voids: not an object"),
    (validate.settlement, {**SETTLEMENT, "sales": {"coupon_rials": 0}},
     "settlement.sales: missing 'count'"),
    (validate.settlement, without(SETTLEMENT, "by_group"), "settlement: missing 'by_group'"),
    (validate.settlement, {**SETTLEMENT, "by_group": 5}, "settlement.by_group: not an object"),
    (validate.settlement, without(SETTLEMENT, "voided_txn_ids"),
     "settlement: missing 'voided_txn_ids'"),
    (validate.catalog_item, 5, "catalog item: not an object"),
    (validate.catalog_item, without(ITEM, "gtin"), "catalog item: missing 'gtin'"),
    (validate.catalog_item, {**ITEM, "gtin": "062600000000019"},
     "catalog item: 'gtin' must be a string"),
    (validate.catalog_item, without(ITEM, "max_price_rials"),
     "catalog item: missing 'max_price_rials'"),
    (validate.catalog_item, {**ITEM, "max_price_rials": 0},
     "catalog item: 'max_price_rials' must be an integer in 1.."),
    (validate.catalog_item, without(ITEM, "active"), "catalog item: missing 'active'"),
    (validate.catalog_item, {**ITEM, "name_fa": None}, "catalog item: 'name_fa' must be"),
    (validate.catalog_item, {**ITEM, "name_en": None}, "catalog item: 'name_en' must be"),
    (validate.catalog_item, {**ITEM, "unit": "l"}, "catalog item: 'unit' must be one of"),
    (validate.catalog_item, {**ITEM, "version": -1}, "catalog item: 'version' must be"),
    (validate.sale_result, 5, "sale result: not an object"),
    (validate.sale_result, {"status": "rejected", "error": {"code": "c"}},
     "sale result: missing 'txn_id'"),
    (validate.sale_result, {"txn_id": "t", "status": "rejected", "error": {"code": "c"},
                            "household": 5}, "sale result.household: not an object"),
    (validate.sale_result, {"txn_id": "t", "status": "rejected", "error": {}},
     "sale result.error: missing 'code'"),
    (lambda v: validate.page(v, after=3, limit=5, item=validate.household, where="hh"), 5,
     "hh: not an object"),
    (lambda v: validate.page(v, after=3, limit=5, item=validate.household, where="hh"),
     {"next": 3, "more": False}, "hh: missing 'items'"),
    (lambda v: validate.page(v, after=3, limit=5, item=validate.household, where="hh"),
     {"items": [], "next": 3}, "hh: missing 'more'"),
    (lambda v: validate.page(v, after=3, limit=5, item=validate.household, where="hh"),
     {"items": [], "next": 2, "more": False}, "hh: 'next' must be an integer in 3.."),
    (validate.household, 5, "household: not an object"),
    (validate.household, {**HOUSEHOLD, "status": "gone"}, "household: 'status' must be one of"),
])
def test_a_refusal_names_the_exact_place_in_the_answer(check: Any, value: Any,
                                                       detail: str) -> None:
    assert refused(check, value).startswith(detail)


def test_a_masked_digit_run_keeps_its_length_and_a_catalog_reason_is_not_masked() -> None:
    reason = households([{**HOUSEHOLD, "members": "12345678"}])["set_aside"][0]["reason"]
    assert "got '******78'" in reason
    gtin = "12345678901234"  # not a valid GTIN: named in full, it is no personal number
    catalog = validate.page({"items": [{**ITEM, "gtin": gtin}], "next": 200, "more": False},
                            after=0, limit=5, item=validate.catalog_item, where="catalog")
    assert gtin in catalog["set_aside"][0]["reason"]


def test_a_set_aside_item_at_the_highest_version_keeps_it() -> None:
    page = households([{**HOUSEHOLD, "decile": 0, "version": 2**62}], next=2**62)
    assert page["set_aside"][0]["version"] == 2**62
