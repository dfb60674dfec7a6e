"""The household snapshot's lines and the terminal's offer of it, checked as strictly as a
page (docs/central-sim.md, "Household snapshot"): each rule at its edge."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from validate_support import HEX, HOUSEHOLD, TERMINAL

from pos_client.sync import validate
from pos_client.sync.errors import BadResponse


def line(version: int, key: str | None = None, **changes: Any) -> bytes:
    doc = dict(copy.deepcopy(HOUSEHOLD), version=version, key=key or f"H-{version}")
    doc.update(changes)
    return orjson.dumps(doc)


def end(next_: Any) -> bytes:
    return orjson.dumps({"end": True, "next": next_})


def test_good_lines_are_taken_in_order_and_the_cursor_is_the_last_version() -> None:
    page, closing = validate.snapshot_batch([line(6), line(9), line(12)], after=5, first_line=1)
    assert [h["key"] for h in page["items"]] == ["H-6", "H-9", "H-12"]
    assert page["next"] == 12 and page["more"] is True and page["set_aside"] == []
    assert closing is None


def test_the_closing_line_ends_the_stream_with_its_cursor() -> None:
    page, closing = validate.snapshot_batch([line(6), end(40)], after=5, first_line=1)
    assert closing == 40
    assert page["more"] is False and page["next"] == 6
    assert [h["key"] for h in page["items"]] == ["H-6"]


def test_an_empty_stream_closes_at_its_start() -> None:
    page, closing = validate.snapshot_batch([end(5)], after=5, first_line=1)
    assert (page["items"], page["next"], page["more"], closing) == ([], 5, False, 5)


@pytest.mark.parametrize("bad", [-1, 2**62 + 1, "7", None, 1.5])
def test_a_closing_cursor_out_of_range_or_not_an_integer_is_refused(bad: Any) -> None:
    with pytest.raises(BadResponse):
        validate.snapshot_batch([end(bad)], after=0, first_line=1)


@pytest.mark.parametrize("edge", [0, 2**62])
def test_the_closing_cursor_takes_its_edges(edge: int) -> None:
    assert validate.snapshot_batch([end(edge)], after=0, first_line=1)[1] == edge


def test_a_line_after_the_closing_line_refuses_the_stream() -> None:
    with pytest.raises(BadResponse) as refused:
        validate.snapshot_batch([line(6), end(6), line(7)], after=5, first_line=10)
    assert "line 12" in refused.value.detail


@pytest.mark.parametrize("version", [5, 4])
def test_a_version_not_above_the_cursor_refuses_the_stream(version: int) -> None:
    with pytest.raises(BadResponse) as refused:
        validate.snapshot_batch([line(version)], after=5, first_line=3)
    assert "line 3" in refused.value.detail and f"version {version}" in refused.value.detail


def test_a_version_not_above_the_previous_line_refuses_the_stream() -> None:
    with pytest.raises(BadResponse):
        validate.snapshot_batch([line(8), line(8, key="H-other")], after=5, first_line=1)


def test_the_version_just_above_the_cursor_is_taken() -> None:
    page, _ = validate.snapshot_batch([line(6)], after=5, first_line=1)
    assert page["next"] == 6 and len(page["items"]) == 1


def test_a_line_that_is_not_json_is_set_aside_and_the_rest_taken() -> None:
    page, closing = validate.snapshot_batch([line(6), b"{not json", line(7), end(7)],
                                            after=5, first_line=20)
    assert [h["key"] for h in page["items"]] == ["H-6", "H-7"]
    (aside,) = page["set_aside"]
    assert aside["version"] is None and "21" in aside["ref"] and "not JSON" in aside["reason"]
    assert closing == 7


def test_a_household_that_breaks_a_rule_is_set_aside_with_its_key_and_version() -> None:
    page, _ = validate.snapshot_batch([line(6), line(7, decile=11), line(8)], after=5,
                                      first_line=1)
    assert [h["key"] for h in page["items"]] == ["H-6", "H-8"]
    (aside,) = page["set_aside"]
    assert aside["ref"] == "H-7" and aside["version"] == 7 and "decile" in aside["reason"]
    assert aside["reason"].startswith("snapshot line 2")  # names the line
    assert page["next"] == 8


def test_a_household_taken_is_the_same_whichever_path_checks_it() -> None:
    upper = line(6, nid_hash=HEX.upper())  # not the fast path's lower-case hex
    page, _ = validate.snapshot_batch([upper, line(7)], after=5, first_line=1)
    assert len(page["items"]) == 2
    assert page["items"][0]["key"] == "H-6" and page["items"][0]["version"] == 6


def test_an_end_that_is_not_true_is_not_a_closing_line() -> None:
    page, closing = validate.snapshot_batch([orjson.dumps({"end": 1, "next": 9})], after=0,
                                            first_line=1)
    assert closing is None and page["more"] is True and len(page["set_aside"]) == 1


def test_lines_that_all_parse_and_lines_that_do_not_give_the_same_documents() -> None:
    good = [line(6), line(7)]
    assert validate._snapshot_docs(good) == ([orjson.loads(x) for x in good], True)
    assert validate._snapshot_docs([good[0], b"]", good[1]]) == (
        [orjson.loads(good[0]), None, orjson.loads(good[1])], False)


def test_a_hash_in_capitals_leaves_the_batch_to_the_checks_that_lower_it() -> None:
    docs, checked = validate._snapshot_docs([line(6), line(7, card_hashes=[HEX.upper()])])
    assert checked is False and docs[1]["card_hashes"] == [HEX.upper()]
    page, _ = validate.snapshot_batch([line(6), line(7, card_hashes=[HEX.upper()])],
                                      after=5, first_line=1)
    assert page["items"][1]["card_hashes"] == [HEX] and page["set_aside"] == []


def test_two_lines_that_are_json_only_together_are_both_set_aside() -> None:
    """Each line is one document: a household split over two lines, each of which is not
    JSON alone, must not pass because the two parse as one array (issue 20)."""
    whole = line(7).decode()
    first = line(6).decode() + ',{"x":[{}'
    second = '{}],' + whole[1:]
    assert orjson.loads(f"[{first},{second}]")[1]["key"] == "H-7"  # together: JSON
    page, _ = validate.snapshot_batch([first.encode(), second.encode(), line(8)], after=5,
                                      first_line=1)
    assert [h["key"] for h in page["items"]] == ["H-8"]
    assert [a["ref"] for a in page["set_aside"]] == ["#1", "#2"]


@pytest.mark.parametrize(("capabilities", "offered"), [
    ({"household_snapshot": {"format": "ndjson"}}, True),
    ({"household_snapshot": {"format": "csv"}}, False),
    ({"household_snapshot": {}}, False),
    ({"household_snapshot": True}, False),
    ({"household_snapshot": ["ndjson"]}, False),
    ({}, False),
    (["household_snapshot"], False),
    (None, False),
])
def test_the_snapshot_is_used_only_when_offered_in_the_form_this_terminal_reads(
        capabilities: Any, offered: bool) -> None:
    doc = dict(copy.deepcopy(TERMINAL), capabilities=capabilities)
    assert validate.terminal(doc).get("household_snapshot", False) is offered
    assert "household_snapshot" not in validate.terminal(copy.deepcopy(TERMINAL))
