"""Properties over arbitrary input: whatever is typed, scanned, swiped or answered, the
terminal refuses it with its own typed error (a message for the cashier) and nothing else.

Run with more examples: ``HYPOTHESIS_PROFILE=deep`` (see the bottom of this file).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import serial
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_client.devices.serial_input import CardReader, SerialLineReader
from pos_client.devices.wedge import WedgeDetector
from pos_client.domain.barcode import is_valid_gtin, parse_gtin
from pos_client.domain.errors import InvalidInput
from pos_client.domain.identity import (
    national_code_checksum_ok,
    parse_customer_input,
    parse_national_code,
    parse_one_time_code,
    parse_pan,
    parse_track2,
)
from pos_client.domain.money import MAX_QTY_MILLI, parse_qty
from pos_client.sync import validate
from pos_client.sync.errors import BadResponse

# This module's properties are the fuzzing ones: 300 examples each (5,000 with
# HYPOTHESIS_PROFILE=deep; scripts/mutation sets POS_FUZZ_EXAMPLES lower, as it runs
# them once per mutant), set per test below, never by loading a profile at import
# time, which would change every test module collected after this one.
EXAMPLES = (5000 if os.environ.get("HYPOTHESIS_PROFILE") == "deep"
            else int(os.environ.get("POS_FUZZ_EXAMPLES", "300")))
fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Text a counter may see: every Unicode digit family (Persian, Arabic-Indic, Devanagari,
# full-width, superscripts), separators, zero-width and bidi marks, track sentinels.
COUNTER_CHARS = st.sampled_from(
    list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩०५０９²³¹⁴½") +
    list(" -_.;=?%^\t\r\n\u200b\u200c\u200d\u200f\u202b\u2066\ufeff\u00ad") + list("aZB/"))
counter_text = st.one_of(st.text(), st.text(COUNTER_CHARS, max_size=40))


def only_invalid_input(parse: Callable[[str], Any], text: str) -> Any:
    try:
        return parse(text)
    except InvalidInput as exc:
        assert exc.fa and exc.en and exc.code
        return None


@fuzz
@given(counter_text)
@example("1234567²")  # eight "digits" to str.isdigit, one of them not a decimal digit
@example("603799123456789²")
def test_any_text_in_the_customer_field_is_an_identifier_or_a_typed_refusal(text: str) -> None:
    ident = only_invalid_input(parse_customer_input, text)
    if ident is None:
        return
    assert ident.value.isascii() and ident.value.isdigit()
    if ident.kind == "nid":
        assert len(ident.value) == 10 and national_code_checksum_ok(ident.value)
        assert len(set(ident.value)) > 1
    assert ident.value not in repr(ident)


@pytest.mark.parametrize("parse", [parse_national_code, parse_pan, parse_track2,
                                   parse_one_time_code, parse_gtin])
@fuzz
@given(text=counter_text)
def test_each_parser_refuses_with_its_typed_error_only(parse: Callable[[str], str],
                                                       text: str) -> None:
    value = only_invalid_input(parse, text)
    if value is not None:
        assert value.isascii() and value.isdigit()
    if value is not None and parse is parse_gtin:
        assert is_valid_gtin(value)


@fuzz
@given(counter_text, st.booleans())
@example("²", True)
@example("1.५", True)
def test_any_typed_quantity_is_thousandths_in_range_or_a_typed_refusal(
        text: str, weighed: bool) -> None:
    qty = only_invalid_input(lambda t: parse_qty(t, weighed=weighed), text)
    if qty is not None:
        assert isinstance(qty, int) and 0 < qty <= MAX_QTY_MILLI
        assert weighed or qty % 1000 == 0


# --- scanner frames ---------------------------------------------------------------------

class LoopReader:
    """One serial reader on a real ``loop://`` port for the whole property."""

    def __init__(self) -> None:
        self.frames: list[str] = []
        self.drops: list[str] = []
        self.cards: list[Any] = []
        self.errors: list[Any] = []
        self.card_calls = 0
        self.seen = threading.Condition()
        self.port = serial.serial_for_url("loop://", timeout=0.02)
        self.card_reader = CardReader("loop://", on_card=self.cards.append,
                                      on_error=self.errors.append)
        self.reader = SerialLineReader("loop://", self._frame, max_frame=128,
                                       frame_timeout_s=5.0, poll_s=0.01,
                                       on_drop=self.drops.append, opener=lambda: self.port)

    def _frame(self, text: str) -> None:
        with self.seen:
            self.card_calls += 1
            self.card_reader._frame(text)  # the card reader's handling of the same frame
            self.frames.append(text)
            self.seen.notify_all()

    def send_and_sync(self, data: bytes, marker: str) -> list[str]:
        """Write ``data``, end it, then a marker frame; the frames that came before it."""
        with self.seen:
            start = len(self.frames)
        self.port.write(data + b"\r\n" + marker.encode() + b"\n")
        deadline = time.monotonic() + 10
        with self.seen:
            while marker not in self.frames[start:]:
                left = deadline - time.monotonic()
                assert left > 0, "the reader stopped delivering frames"
                self.seen.wait(left)
            got = self.frames[start:]
        assert got[-1] == marker
        return got[:-1]


@pytest.fixture(scope="module")
def loop_reader() -> Any:
    loop = LoopReader()
    loop.reader.start()
    assert loop.reader.connected.wait(5)
    yield loop
    loop.reader.stop()


_counter = iter(range(10**9))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_from_a_serial_device_give_only_clean_frames_and_never_stop_it(
        loop_reader: LoopReader, data: bytes) -> None:
    frames = loop_reader.send_and_sync(data, f"MARK{next(_counter)}")
    for frame in frames:
        assert frame and len(frame) <= 128
        assert all(0x20 <= ord(c) <= 0x7E or c == "\t" for c in frame)
    # every frame the card side saw became a card or a refusal: it never raised
    assert len(loop_reader.cards) + len(loop_reader.errors) == loop_reader.card_calls
    assert all(isinstance(e, InvalidInput) for e in loop_reader.errors)


keys = st.lists(st.tuples(st.one_of(st.sampled_from(["\r", "\n"]), st.characters()),
                          st.floats(min_value=0, max_value=0.2)), max_size=80)


@fuzz
@given(keys)
def test_the_wedge_detector_reports_only_fast_bursts_ending_in_enter(
        presses: list[tuple[str, float]]) -> None:
    detector = WedgeDetector()
    now = 0.0
    typed: list[str] = []
    for char, gap in presses:
        now += gap
        scan = detector.feed(char, now)
        if char in ("\r", "\n"):
            if scan is not None:
                assert len(scan.text) >= detector.min_length
                assert scan.keys == len(scan.text) + 1
                assert "".join(typed).endswith(scan.text)
                assert "\r" not in scan.text and "\n" not in scan.text
            typed.clear()
        else:
            assert scan is None
            typed.append(char)


@fuzz
@given(st.lists(st.text(st.sampled_from("0123456789;=?"), min_size=1, max_size=3),
                max_size=30))
def test_slow_typing_is_never_a_scan(chunks: list[str]) -> None:
    detector = WedgeDetector()
    now = 0.0
    for char in "".join(chunks) + "\r":
        now += detector.max_gap_s * 2
        assert detector.feed(char, now) is None


# --- answers of the service --------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)

HOUSEHOLD = {"key": "H-000123", "nid_hash": "a" * 64, "card_hashes": ["b" * 64],
             "members": 4, "decile": 2, "nid_last_digit": 7, "round_id": "1404-10",
             "balance_rials": 40_000_000, "spent_in_round_rials": 0, "status": "active",
             "version": 5012}
CATALOG_ITEM = {"gtin": "6260000000019", "name_fa": "برنج", "name_en": "Rice",
                "group": "rice", "unit": "piece", "max_price_rials": 12_000_000,
                "active": True, "version": 118}
PROGRAMME = {"version": 7, "groups": [{"code": "rice", "name_fa": "برنج", "name_en": "Rice"}],
             "rounds": [{"id": "1404-10", "title": "دی", "starts_on": "2026-01-07",
                         "ends_on": "2026-03-20", "copay_rials": 50000,
                         "cumulative_caps": [{"from": "2026-01-07",
                                              "per_member_rials": 10_000_000}],
                         "windows": [{"from": "2026-01-07", "to": "2026-03-20",
                                      "deciles": [1, 2, 3]}]}],
             "offline": {"enabled": True, "max_sale_rials": 20_000_000,
                         "max_household_rials": 20_000_000, "max_terminal_rials": 500_000_000,
                         "max_age_hours": 24}}
TERMINAL = {"terminal_id": "T-0001", "store": {"code": "S-1001", "name": "نمونه"},
            "lookup_key": "c" * 64, "status": "active", "blocked_reason": None,
            "server_time": "2026-01-10T08:15:00Z"}
SALE_RESULT = {"txn_id": "t-1", "status": "approved", "approval_code": "7F3K9Q",
               "household": HOUSEHOLD}
SETTLEMENT = {"business_date": "2026-01-10", "sales": {"count": 1, "coupon_rials": 5},
              "voids": {"count": 0, "coupon_rials": 0}, "by_group": {"rice": 5},
              "approved_txn_ids": ["t-1"], "voided_txn_ids": [], "rejected_txn_ids": []}

VALIDATORS: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "household": (validate.household, HOUSEHOLD),
    "catalog_item": (validate.catalog_item, CATALOG_ITEM),
    "catalog_page": (lambda v: validate.page(v, after=0, limit=2, item=validate.catalog_item,
                                             where="catalog"),
                     {"items": [CATALOG_ITEM], "next": 118, "more": False}),
    "household_page": (lambda v: validate.page(v, after=0, limit=2, item=validate.household,
                                               where="households"),
                       {"items": [HOUSEHOLD], "next": 5012, "more": True}),
    "terminal": (validate.terminal, TERMINAL),
    "programme": (validate.programme, PROGRAMME),
    "sale_result": (validate.sale_result, SALE_RESULT),
    "batch": (lambda v: validate.batch_results(v, ["t-1"]), {"results": [SALE_RESULT]}),
    "void": (validate.void_result, {"void_id": "v", "txn_id": "t-1", "status": "voided",
                                    "household": HOUSEHOLD}),
    "settlement": (validate.settlement, SETTLEMENT),
}


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths_of(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths_of(v, (*prefix, i))
    return out


def mutate(doc: Any, path: tuple[Any, ...], new: Any, delete: bool) -> Any:
    import copy
    doc = copy.deepcopy(doc)
    if not path:
        return new
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return doc


def only_bad_response(check: Callable[[Any], Any], value: Any) -> None:
    try:
        check(value)
    except BadResponse as exc:
        assert exc.fa and exc.en and exc.detail
    # anything else (KeyError, AttributeError, TypeError...) fails the property


@pytest.mark.parametrize("name", sorted(VALIDATORS))
# Drawing nested JSON is slow on a loaded machine: not a property of the code.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values)
def test_any_json_value_is_accepted_or_refused_as_a_bad_response(name: str, value: Any) -> None:
    only_bad_response(VALIDATORS[name][0], value)


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@given(data=st.data())
def test_a_valid_answer_with_one_part_changed_or_missing_is_never_a_crash(
        name: str, data: st.DataObject) -> None:
    check, good = VALIDATORS[name]
    check(good)  # the untouched answer is valid
    path = data.draw(st.sampled_from(paths_of(good)))
    delete = bool(path) and data.draw(st.booleans())
    new = None if delete else data.draw(json_values)
    changed = mutate(good, path, new, delete)
    only_bad_response(check, changed)
    if name in STRICT and must_refuse(good, path, new, delete):
        with pytest.raises(BadResponse):
            check(changed)


# Validators of single documents: a missing required part, or a part of another JSON
# type, is refused (pages may set a bad item aside instead; see the contract).
STRICT = {"household", "catalog_item", "terminal", "programme", "sale_result", "void",
          "settlement"}
# Parts that may be left out or be null: (key name, where it may be absent or null).
OPTIONAL_KEYS = {"name_en", "max_price_rials", "blocked_reason", "deciles",
                 "nid_last_digits", "group", "round_id", "error", "message"}


def _kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return type(value).__name__
    if isinstance(value, int | float):
        return "number" if float(value).is_integer() and isinstance(value, int) else "float"
    return type(value).__name__


def must_refuse(good: Any, path: tuple[Any, ...], new: Any, delete: bool) -> bool:
    """Is this change one that no valid answer can have?"""
    if not path:
        return not isinstance(new, dict)
    key = path[-1]
    if isinstance(key, int):  # an element of a list: only a change of its type
        return not delete and _kind(new) != _kind(lookup(good, path))
    if key in OPTIONAL_KEYS or (delete and path[-2:-1] == ("by_group",)):
        return False  # by_group is a map of group codes: any of them may be absent
    if delete:
        return True
    return _kind(new) != _kind(lookup(good, path))


def lookup(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc
