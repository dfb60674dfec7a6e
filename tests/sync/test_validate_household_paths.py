"""A household from the service is checked by two paths: ``_household_fast`` (one pass,
for the millions of a first sync) and the field-by-field ``_household_checked`` (which
names what is wrong). They must agree on every document, fine or hostile: the same
household, or a refusal from the checked path exactly when the fast one declines.

A snapshot line has a third: msgspec checks it while parsing it (``_snapshot_docs``).
A batch of lines must come out exactly as each line parsed alone by orjson and checked
field by field would have it."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validate_support import HEX, HOUSEHOLD

from pos_client.sync import validate
from pos_client.sync.errors import BadResponse

GOOD = HOUSEHOLD
FIELDS = tuple(GOOD)
MISSING = object()
MAX = validate.MAX_RIALS
TOP = 2**62

OK, REFUSED, LOWERED = "accepted", "refused", "accepted with its hashes in lowercase"

# (field, value, what must happen); MISSING: the field is left out.
CASES: list[tuple[str, Any, str]] = [
    ("key", "k", OK), ("key", "x" * 64, OK), ("key", "x" * 65, REFUSED), ("key", "", REFUSED),
    ("key", None, REFUSED), ("key", 5, REFUSED), ("key", ["k"], REFUSED),
    ("key", MISSING, REFUSED),
    ("nid_hash", HEX.upper(), LOWERED), ("nid_hash", HEX[:-1], REFUSED),
    ("nid_hash", HEX + "0", REFUSED), ("nid_hash", "g" * 64, REFUSED),
    ("nid_hash", HEX[:-1] + "X", REFUSED), ("nid_hash", "é" * 64, REFUSED),
    ("card_hashes", [HEX, "X" + HEX[1:]], REFUSED), ("card_hashes", ["ی" * 64], REFUSED),
    ("nid_hash", None, REFUSED), ("nid_hash", 5, REFUSED), ("nid_hash", MISSING, REFUSED),
    ("card_hashes", [], OK), ("card_hashes", [HEX] * 20, OK),
    ("card_hashes", [HEX] * 21, REFUSED), ("card_hashes", [HEX, HEX.upper()], LOWERED),
    ("card_hashes", [HEX[:-1]], REFUSED), ("card_hashes", [HEX, 5], REFUSED),
    ("card_hashes", [None], REFUSED), ("card_hashes", HEX, REFUSED),
    ("card_hashes", None, REFUSED), ("card_hashes", {"a": HEX}, REFUSED),
    ("card_hashes", MISSING, REFUSED),
    ("members", 1, OK), ("members", 100, OK), ("members", 0, REFUSED),
    ("members", 101, REFUSED), ("members", True, REFUSED), ("members", 4.0, REFUSED),
    ("members", "4", REFUSED), ("members", None, REFUSED), ("members", MISSING, REFUSED),
    ("decile", 1, OK), ("decile", 10, OK), ("decile", 0, REFUSED), ("decile", 11, REFUSED),
    ("decile", True, REFUSED), ("decile", MISSING, REFUSED),
    ("nid_last_digit", 0, OK), ("nid_last_digit", 9, OK), ("nid_last_digit", -1, REFUSED),
    ("nid_last_digit", 10, REFUSED), ("nid_last_digit", False, REFUSED),
    ("nid_last_digit", MISSING, REFUSED),
    ("round_id", None, OK), ("round_id", "r" * 64, OK), ("round_id", MISSING, OK),
    ("round_id", "r" * 65, REFUSED), ("round_id", 5, REFUSED), ("round_id", ["r"], REFUSED),
    ("balance_rials", 0, OK), ("balance_rials", MAX, OK), ("balance_rials", MAX + 1, REFUSED),
    ("balance_rials", -1, REFUSED), ("balance_rials", 1.5, REFUSED),
    ("balance_rials", MISSING, REFUSED),
    ("spent_in_round_rials", 0, OK), ("spent_in_round_rials", MAX, OK),
    ("spent_in_round_rials", MAX + 1, REFUSED), ("spent_in_round_rials", -1, REFUSED),
    ("spent_in_round_rials", "0", REFUSED), ("spent_in_round_rials", MISSING, REFUSED),
    ("status", "active", OK), ("status", "blocked", OK), ("status", "removed", OK),
    ("status", "Active", REFUSED), ("status", "", REFUSED), ("status", None, REFUSED),
    ("status", ["active"], REFUSED), ("status", MISSING, REFUSED),
    ("version", 0, OK), ("version", TOP, OK), ("version", TOP + 1, REFUSED),
    ("version", -1, REFUSED), ("version", True, REFUSED), ("version", MISSING, REFUSED),
]


def case_id(field: str, value: Any) -> str:
    """A test id in plain ASCII: pytest escapes other characters in the ids it shows, and
    an escaped id given back on its command line (as mutmut does) matches no test."""
    return f"{field}={value!r:.20}".encode("ascii", "replace").decode()


def changed(field: str, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    if value is MISSING:
        del doc[field]
    else:
        doc[field] = copy.deepcopy(value)
    return doc


def both_paths(doc: Any) -> tuple[Any, Any, Any]:
    """(fast path's answer, checked path's answer or refusal, the public answer)."""
    fast = validate._household_fast(copy.deepcopy(doc))
    try:
        checked: Any = validate._household_checked(copy.deepcopy(doc), "household")
    except BadResponse as exc:
        checked = exc
    try:
        public: Any = validate.household(copy.deepcopy(doc))
    except BadResponse as exc:
        public = exc
    return fast, checked, public


def lowered(doc: dict[str, Any]) -> dict[str, Any]:
    out = {name: doc.get(name) for name in FIELDS}
    out["nid_hash"] = out["nid_hash"].lower()
    out["card_hashes"] = [c.lower() for c in out["card_hashes"]]
    return out


def as_fields(doc: Any) -> dict[str, Any]:
    return {name: doc.get(name) for name in FIELDS}


def agree(doc: Any) -> str:
    """Both paths agree on ``doc``; returns what they decided."""
    fast, checked, public = both_paths(doc)
    if fast is not None:
        assert fast == doc, "the fast path returns the document it was given"
        assert not isinstance(checked, BadResponse), f"only the checked path refused: {checked.detail}"
        assert as_fields(checked) == as_fields(doc)
        assert public == doc
        return OK
    if isinstance(checked, BadResponse):
        assert isinstance(public, BadResponse) and public.detail == checked.detail
        assert checked.detail.startswith("household")
        return REFUSED
    # Only a hash in capitals is taken by the checked path and not by the fast one.
    assert as_fields(checked) == lowered(doc) != as_fields(doc)
    assert as_fields(public) == as_fields(checked)
    return LOWERED


def test_the_good_household_is_taken_by_both_paths() -> None:
    assert agree(GOOD) == OK


@pytest.mark.parametrize(("field", "value", "expected"), CASES,
                         ids=[case_id(f, v) for f, v, _ in CASES])
def test_both_paths_give_the_same_answer_at_each_boundary(field: str, value: Any,
                                                          expected: str) -> None:
    assert agree(changed(field, value)) == expected


@pytest.mark.parametrize(("field", "value"), [(f, v) for f, v, e in CASES if e == REFUSED],
                         ids=[case_id(f, v) for f, v, e in CASES if e == REFUSED])
def test_a_refusal_names_the_field_that_is_wrong(field: str, value: Any) -> None:
    with pytest.raises(BadResponse) as err:
        validate.household(changed(field, value), "households.items[3]")
    where, _, why = err.value.detail.partition(": ")
    assert where in ("households.items[3]", f"households.items[3].{field}")
    assert field in err.value.detail and why


def test_a_document_that_is_not_an_object_is_refused_by_both() -> None:
    for doc in (None, [], "H-1", 5, [GOOD]):
        assert agree(doc) == REFUSED


json_leaf = (st.none() | st.booleans() | st.integers(-2, 2**63) | st.floats(allow_nan=False)
             | st.text(max_size=70) | st.sampled_from([HEX, HEX.upper(), "active", "", "x" * 65]))
values = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=22)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=25)


@given(changes=st.dictionaries(st.sampled_from(FIELDS), values | st.just(MISSING), max_size=4),
       extra=st.dictionaries(st.text(max_size=8), json_leaf, max_size=2))
def test_any_household_fine_or_hostile_gets_one_answer_from_both_paths(
        changes: dict[str, Any], extra: dict[str, Any]) -> None:
    doc = {**extra, **copy.deepcopy(GOOD)}
    for field, value in changes.items():
        if value is MISSING:
            del doc[field]
        else:
            doc[field] = value
    agree(doc)


def one_line_at_a_time(lines: list[bytes], after: int) -> Any:
    """What a batch of snapshot lines must give: each line parsed alone (orjson) and
    checked field by field; a version not above the one before refuses the stream."""
    items, refs, cursor = [], [], after
    for n, raw in enumerate(lines, start=1):
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError:
            doc = None
        version = doc.get("version") if isinstance(doc, dict) else None
        if type(version) is int and 0 <= version <= TOP:
            if version <= cursor:
                return "refused"
            cursor = version
        try:
            if doc is None:
                raise BadResponse("not JSON")
            items.append(as_fields(validate._household_checked(doc, "line")))
        except BadResponse:
            key = doc.get("key") if isinstance(doc, dict) else None
            refs.append(key[:64] if isinstance(key, str) and key.strip() else f"#{n}")
    return items, refs, cursor


def batch_answer(lines: list[bytes], after: int) -> Any:
    try:
        page, _ = validate.snapshot_batch(lines, after=after, first_line=1)
    except BadResponse:
        return "refused"
    return ([as_fields(i) for i in page["items"]], [a["ref"] for a in page["set_aside"]],
            page["next"])


@pytest.mark.parametrize(("field", "value", "expected"), CASES,
                         ids=[case_id(f, v) for f, v, _ in CASES])
def test_a_snapshot_line_at_each_boundary_comes_out_as_checked_alone(
        field: str, value: Any, expected: str) -> None:
    lines = [orjson.dumps(dict(GOOD, key="H-0", version=1)), orjson.dumps(changed(field, value))]
    assert batch_answer(lines, 0) == one_line_at_a_time(lines, 0)


def _cut(raw: bytes, at: int, width: int, insert: bytes) -> bytes:
    at %= len(raw) + 1
    return raw[:at] + insert + raw[at + width:]


line_edits = st.tuples(st.integers(0, 400), st.integers(0, 3),
                       st.sampled_from([b"", b",", b"}", b"{", b"]", b"[{}", b'"', b"\\",
                                        b"\\ud800", b"\xff", b"0", b"e1", b" ", b"\x00",
                                        b',"members":0', b',"key":"H-9"']))


# no deadline: speed is measured in bench/, and a loaded machine (or mutmut's copy) is slow
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(st.tuples(st.dictionaries(st.sampled_from(FIELDS), values | st.just(MISSING),
                                               max_size=2),
                               st.integers(1, 40), st.lists(line_edits, max_size=2)),
                     min_size=1, max_size=6),
       after=st.integers(0, 3))
def test_any_batch_of_snapshot_lines_comes_out_as_each_line_checked_alone(
        docs: list[tuple[dict[str, Any], int, list[tuple[int, int, bytes]]]],
        after: int) -> None:
    lines = []
    for changes, version, edits in docs:
        doc = dict(copy.deepcopy(GOOD), version=version)
        for field, value in changes.items():
            if value is MISSING:
                doc.pop(field, None)
            else:
                doc[field] = value
        raw = orjson.dumps(doc)
        for at, width, insert in edits:
            raw = _cut(raw, at, width, insert)
        lines.append(raw.replace(b"\n", b" "))
    assert batch_answer(lines, after) == one_line_at_a_time(lines, after)
