"""Every answer of the central service is checked here before it touches the database.

A validator returns the answer in the contract's own shape (plain dicts, as TypedDicts)
or raises ``BadResponse`` naming the field; nothing local changes on a bad answer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, NotRequired, TypedDict, cast

import msgspec
import orjson

from ..domain.barcode import canonical_gtin, is_valid_gtin
from ..domain.dates import parse_rfc3339
from ..domain.programme import ProgrammeFormatError, parse_programme
from .errors import BadResponse

_HEX64 = re.compile(r"[0-9a-f]{64}\Z")  # the common case, checked fast
_ANY_CASE_HEX64 = re.compile(r"[0-9a-fA-F]{64}\Z")  # the contract does not fix the case
MAX_RIALS = 10**15


class HouseholdDoc(TypedDict):
    key: str
    nid_hash: str
    card_hashes: list[str]
    members: int
    decile: int
    nid_last_digit: int
    round_id: str | None
    balance_rials: int
    spent_in_round_rials: int
    status: Literal["active", "blocked", "removed"]
    version: int


class CatalogItemDoc(TypedDict):
    gtin: str
    name_fa: str
    name_en: str
    group: str
    unit: Literal["piece", "kg"]
    max_price_rials: int | None
    active: bool
    version: int


class SetAsideDoc(TypedDict):
    """A feed item that broke a rule: set aside and reported, the rest of its page taken
    (central-api.md). ``ref`` names it (a GTIN, a household key, or its place)."""

    ref: str
    version: int | None
    reason: str


class Page(TypedDict):
    items: list[Any]
    next: int
    more: bool
    set_aside: list[SetAsideDoc]


class TerminalDoc(TypedDict):
    terminal_id: str
    store: dict[str, str]
    lookup_key: str
    status: str
    blocked_reason: str | None
    server_time: str
    household_snapshot: NotRequired[bool]  # the optional capability (docs/central-sim.md)


def _fail(where: str, why: str) -> BadResponse:
    return BadResponse(f"{where}: {why}")


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "not an object")
    return value


def _field(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise _fail(where, f"missing {key!r}")
    return obj[key]


def _int(obj: dict[str, Any], key: str, where: str, low: int = 0, high: int = MAX_RIALS) -> int:
    value = _field(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(where, f"{key!r} must be an integer in {low}..{high}, got {value!r}")
    return value


def _str(obj: dict[str, Any], key: str, where: str, *, nullable: bool = False,
         max_len: int = 500) -> Any:
    value = _field(obj, key, where)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise _fail(where, f"{key!r} must be a string")
    return value


def _choice(obj: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _field(obj, key, where)
    if value not in allowed:
        raise _fail(where, f"{key!r} must be one of {allowed}, got {value!r}")
    return cast(str, value)  # pragma: no mutate (a cast does nothing at run time)


def _literal(value: str) -> Any:
    """One of the allowed values, typed as the document's Literal."""
    return cast(Any, value)  # pragma: no mutate (a cast does nothing at run time)


def _hex64(value: Any, where: str) -> str:
    """A 64-character hex string, in lowercase (as the terminal's own hashes are)."""
    if not isinstance(value, str) or not _ANY_CASE_HEX64.match(value):
        raise _fail(where, "not a 64-character hex hash")
    return value.lower()


_STATUSES = frozenset(("active", "blocked", "removed"))


def _is_int(value: Any, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


_MAX_VERSION = 2**62


def _household_fast(obj: Any) -> HouseholdDoc | None:
    """The household of a well-formed item in one pass, or None to let the field-by-field
    checks below name what is wrong. A sync of a region brings millions of these, and the
    field-by-field path cost about as much as storing them (profile of issue 9). The
    checks are those of ``household``; the integer ranges are written inline, as a
    function call each cost about a tenth of an item's check (issue 20)."""
    if type(obj) is not dict:
        return None
    get = obj.get
    key, nid, cards, round_id = get("key"), get("nid_hash"), get("card_hashes"), get("round_id")
    members, decile, last_digit = get("members"), get("decile"), get("nid_last_digit")
    balance, spent, status, version = (get("balance_rials"), get("spent_in_round_rials"),
                                       get("status"), get("version"))
    match = _HEX64.match
    if not (type(key) is str and 0 < len(key) <= 64 and type(nid) is str and match(nid)
            and type(cards) is list and len(cards) <= 20
            and all(type(c) is str and match(c) for c in cards)
            and type(members) is int and 1 <= members <= 100
            and type(decile) is int and 1 <= decile <= 10
            and type(last_digit) is int and 0 <= last_digit <= 9
            and (round_id is None or (type(round_id) is str and len(round_id) <= 64))
            and type(balance) is int and 0 <= balance <= MAX_RIALS
            and type(spent) is int and 0 <= spent <= MAX_RIALS
            and type(status) is str and status in _STATUSES
            and type(version) is int and 0 <= version <= _MAX_VERSION):
        return None
    # Every field the store reads was checked just above.
    return cast(HouseholdDoc, obj)  # pragma: no mutate (a cast does nothing at run time)


def household(value: Any, where: str = "household") -> HouseholdDoc:
    fast = _household_fast(value)
    if fast is not None:
        return fast
    return _household_checked(value, where)


def _household_checked(value: Any, where: str) -> HouseholdDoc:
    """The household field by field, naming the first field that is wrong. The same rules
    as ``_household_fast``, which a test holds them to on every kind of input."""
    obj = _obj(value, where)
    key = _str(obj, "key", where, max_len=64)
    if not key:
        raise _fail(where, "empty key")
    cards = _field(obj, "card_hashes", where)
    if not isinstance(cards, list) or len(cards) > 20:
        raise _fail(where, "'card_hashes' must be a short list")
    return HouseholdDoc(
        key=key, nid_hash=_hex64(_field(obj, "nid_hash", where), where + ".nid_hash"),
        card_hashes=[_hex64(c, where + ".card_hashes") for c in cards],
        members=_int(obj, "members", where, 1, 100), decile=_int(obj, "decile", where, 1, 10),
        nid_last_digit=_int(obj, "nid_last_digit", where, 0, 9),
        round_id=(None if obj.get("round_id") is None  # left out is null, as on the fast path
                  else _str(obj, "round_id", where, max_len=64)),
        balance_rials=_int(obj, "balance_rials", where),
        spent_in_round_rials=_int(obj, "spent_in_round_rials", where),
        status=_literal(_choice(obj, "status", where, ("active", "blocked", "removed"))),
        version=_int(obj, "version", where, 0, 2**62))


def catalog_item(value: Any, where: str = "catalog item") -> CatalogItemDoc:
    obj = _obj(value, where)
    gtin = _str(obj, "gtin", where, max_len=14)
    if not is_valid_gtin(gtin):
        raise _fail(where, f"gtin {gtin!r} is not a valid GTIN")
    max_price = _field(obj, "max_price_rials", where)
    if max_price is not None:
        max_price = _int(obj, "max_price_rials", where, 1)
    active = _field(obj, "active", where)
    if not isinstance(active, bool):
        raise _fail(where, "'active' must be a boolean")
    return CatalogItemDoc(
        gtin=canonical_gtin(gtin), name_fa=_str(obj, "name_fa", where),
        name_en=_str(obj, "name_en", where),
        group=_str(obj, "group", where, max_len=64),
        unit=_literal(_choice(obj, "unit", where, ("piece", "kg"))),
        max_price_rials=max_price, active=active, version=_int(obj, "version", where, 0, 2**62))


def _item_ref(value: Any, index: int) -> str:
    """What names a feed item in a report: its household key, or its GTIN (canonical when
    it is a valid one), else its place in the page. Never more than 64 characters."""
    if isinstance(value, dict):
        for name in ("key", "gtin"):
            ref = value.get(name)
            if isinstance(ref, str) and ref.strip():
                ref = canonical_gtin(ref) if name == "gtin" and is_valid_gtin(ref) else ref
                return ref[:64]
    return f"#{index}"


_LONG_DIGITS = re.compile(r"\d{8,}")


def _safe_reason(detail: str, where: str) -> str:
    """A reason that may be stored and logged: in a household item a long run of digits
    could be a national code or a card number sent in the wrong field, so it is masked."""
    if where != "catalog":
        detail = _LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 2) + m.group()[-2:], detail)
    return detail[:300]


def _item_version(value: Any) -> int | None:
    version = value.get("version") if isinstance(value, dict) else None
    return version if _is_int(version, 0, 2**62) else None


def page(value: Any, *, after: int, limit: int, item: Any, where: str) -> Page:
    """A feed page: no more items than asked, a cursor that moves on. An item that breaks
    a rule is that item's problem, not the page's: it goes to ``set_aside`` with the
    reason, and the other items are taken. What is wrong with the page itself (not an
    object, ``items`` not a list, ``more`` or ``next`` of the wrong type or behind) still
    refuses the whole page."""
    obj = _obj(value, where)
    items = _field(obj, "items", where)
    if not isinstance(items, list):
        raise _fail(where, "'items' must be a list")
    if len(items) > limit:
        raise _fail(where, f"{len(items)} items in a page of at most {limit}")
    more = _field(obj, "more", where)
    if not isinstance(more, bool):
        raise _fail(where, "'more' must be a boolean")
    next_cursor = _int(obj, "next", where, after, 2**62)
    checked: list[Any]
    set_aside: list[SetAsideDoc] = []
    try:  # the fast path: every item good; the index goes into a message only when not
        checked = [item(x) for x in items]  # pragma: no mutate (the loop below: same items)
    except BadResponse:
        checked = []
        for i, x in enumerate(items):
            try:
                checked.append(item(x, f"{where}.items[{i}]"))
            except BadResponse as exc:
                set_aside.append(SetAsideDoc(ref=_item_ref(x, i), version=_item_version(x),
                                             reason=_safe_reason(exc.detail, where)))
    versions = [x["version"] for x in checked] + [
        s["version"] for s in set_aside if s["version"] is not None]
    if versions and max(versions) > next_cursor:
        raise _fail(where, "'next' is behind the items it carries")
    if more and not items:
        raise _fail(where, "'more' with an empty page")
    return Page(items=checked, next=next_cursor, more=more, set_aside=set_aside)


_Hash = Annotated[str, msgspec.Meta(min_length=64, max_length=64)]
_Rials = Annotated[int, msgspec.Meta(ge=0, le=MAX_RIALS)]


class _HouseholdLine(TypedDict):
    """A household as ``_household_fast`` takes it, checked by msgspec as it parses a line:
    the same fields, types and ranges, save the hashes' digits, which ``_snapshot_docs``
    checks for a whole batch at once (a pattern costs a regular-expression call a hash).
    Fields the terminal does not know are dropped."""
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    nid_hash: _Hash
    card_hashes: Annotated[list[_Hash], msgspec.Meta(max_length=20)]
    members: Annotated[int, msgspec.Meta(ge=1, le=100)]
    decile: Annotated[int, msgspec.Meta(ge=1, le=10)]
    nid_last_digit: Annotated[int, msgspec.Meta(ge=0, le=9)]
    round_id: NotRequired[Annotated[str, msgspec.Meta(max_length=64)] | None]
    balance_rials: _Rials
    spent_in_round_rials: _Rials
    status: Literal["active", "blocked", "removed"]
    version: Annotated[int, msgspec.Meta(ge=0, le=_MAX_VERSION)]


_HOUSEHOLD_LINE = msgspec.json.Decoder(_HouseholdLine)


def _snapshot_docs(lines: list[bytes]) -> tuple[list[Any], bool]:
    """The JSON of each line, a line that is not JSON as ``None`` (set aside); and whether
    every line is a household already checked as ``_household_fast`` checks one.

    Each line is parsed alone: parsing a batch as one array (``[`` + lines + ``]``) let
    two lines that are not JSON each, such as ``{..},{"x":[{}`` and ``{}],"key":..}``,
    pass as two households. msgspec checks a well-formed household while parsing it, in
    about a third of the time orjson and ``_household_fast`` took together (issue 20);
    any line it does not take is parsed by orjson for the checks that name the fault."""
    decode = _HOUSEHOLD_LINE.decode
    try:
        docs: list[Any] = [decode(line) for line in lines]
    except msgspec.DecodeError:  # the batch goes through the checks that name each fault
        docs = []
        for line in lines:
            try:
                docs.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                docs.append(None)
        return docs, False
    # every hash is 64 characters long: are all of them lowercase hex?
    digits = "".join([d["nid_hash"] + "".join(d["card_hashes"]) for d in docs])
    try:
        return docs, not digits.encode("ascii").translate(None, b"0123456789abcdef")
    except UnicodeEncodeError:
        return docs, False


def snapshot_batch(lines: list[bytes], *, after: int, first_line: int,
                   where: str = "snapshot") -> tuple[Page, int | None]:
    """A batch of household-snapshot lines (docs/central-sim.md) as a page: each line is
    checked as strictly as a page's item, and one that breaks a rule (or is not JSON) is
    set aside with its reason, the rest taken. Versions must rise through the stream
    above ``after`` (the batch's ``next`` is a cursor a later pull may resume from); a
    line out of order refuses the stream from there. The closing line
    (``{"end": true, "next": N}``) must be the last: its ``next`` is returned."""
    checked: list[HouseholdDoc] = []
    set_aside: list[SetAsideDoc] = []
    cursor, end = after, None
    docs, checked_all = _snapshot_docs(lines)
    if checked_all:  # the common case: only the order of the versions is left to see
        for n, doc in enumerate(docs, start=first_line):
            if doc["version"] <= cursor:
                raise _fail(where, f"line {n}: version {doc['version']} is not above {cursor}")
            cursor = doc["version"]
        return Page(items=docs, next=cursor, more=True, set_aside=[]), None
    for n, doc in enumerate(docs, start=first_line):
        if end is not None:
            raise _fail(where, f"line {n} after the closing line")
        if type(doc) is dict and doc.get("end") is True:
            end = _int(doc, "next", f"{where}: closing line", cursor, 2**62)
            continue
        version = _item_version(doc)
        if version is not None:
            if version <= cursor:
                raise _fail(where, f"line {n}: version {version} is not above {cursor}")
            cursor = version
        fast = _household_fast(doc)
        if fast is not None:
            checked.append(fast)
            continue
        try:
            if doc is None:
                raise _fail(f"{where} line {n}", "not JSON")
            checked.append(household(doc, f"{where} line {n}"))
        except BadResponse as exc:
            set_aside.append(SetAsideDoc(ref=_item_ref(doc, n), version=version,
                                         reason=_safe_reason(exc.detail, "households")))
    return Page(items=checked, next=cursor, more=end is None, set_aside=set_aside), end


def terminal(value: Any) -> TerminalDoc:
    where = "terminal"
    obj = _obj(value, where)
    store = _obj(_field(obj, "store", where), where + ".store")
    store_doc = {k: _str(store, k, where + ".store") for k in ("code", "name")}
    for k in ("address", "phone"):
        if isinstance(store.get(k), str):
            store_doc[k] = store[k]
    server_time = _str(obj, "server_time", where)
    try:
        parse_rfc3339(server_time)
    except ValueError as exc:
        raise _fail(where, "'server_time' is not RFC 3339") from exc
    doc = TerminalDoc(
        terminal_id=_str(obj, "terminal_id", where, max_len=64), store=store_doc,
        lookup_key=_hex64(_field(obj, "lookup_key", where), where + ".lookup_key"),
        status=_str(obj, "status", where, max_len=32),
        blocked_reason=_str(obj, "blocked_reason", where, nullable=True),
        server_time=server_time)
    # optional, and only what this terminal understands: anything else means "not offered"
    capabilities = obj.get("capabilities")
    offer = capabilities.get("household_snapshot") if isinstance(capabilities, dict) else None
    if isinstance(offer, dict) and offer.get("format") == "ndjson":
        doc["household_snapshot"] = True
    return doc


def programme(value: Any) -> dict[str, Any]:
    try:
        parse_programme(value)
    except ProgrammeFormatError as exc:
        raise _fail("programme", str(exc)) from exc
    return cast(dict[str, Any], value)  # pragma: no mutate (a cast does nothing at run time)


class SaleResultDoc(TypedDict):
    txn_id: str
    status: Literal["approved", "rejected"]
    approval_code: str | None
    household: HouseholdDoc | None
    error: dict[str, Any] | None


def sale_result(value: Any, where: str = "sale result") -> SaleResultDoc:
    obj = _obj(value, where)
    status = _choice(obj, "status", where, ("approved", "rejected"))
    hh = obj.get("household")
    error = obj.get("error")
    if status == "approved":
        code = _str(obj, "approval_code", where, max_len=64)
        if not code:
            raise _fail(where, "an approval without a code")
        return SaleResultDoc(txn_id=_str(obj, "txn_id", where), status="approved",
                             approval_code=code, household=household(hh, where + ".household"),
                             error=None)
    error = _obj(error, where + ".error")
    _str(error, "code", where + ".error", max_len=64)
    return SaleResultDoc(txn_id=_str(obj, "txn_id", where), status="rejected",
                         approval_code=None,
                         household=None if hh is None else household(hh, where + ".household"),
                         error=error)


def batch_results(value: Any, txn_ids: list[str]) -> list[SaleResultDoc]:
    obj = _obj(value, "batch")
    results = _field(obj, "results", "batch")
    if not isinstance(results, list):
        raise _fail("batch", "'results' must be a list")
    checked = [sale_result(r, f"batch.results[{i}]") for i, r in enumerate(results)]
    if sorted(r["txn_id"] for r in checked) != sorted(txn_ids):
        raise _fail("batch", "results do not answer the sales that were sent")
    return checked


def void_result(value: Any) -> HouseholdDoc:
    obj = _obj(value, "void")
    if obj.get("status") != "voided":
        raise _fail("void", "status is not 'voided'")
    for key in ("void_id", "txn_id"):
        if not _str(obj, key, "void", max_len=64):
            raise _fail("void", f"empty {key!r}")
    return household(obj.get("household"), "void.household")


def settlement(value: Any) -> dict[str, Any]:
    where = "settlement"
    obj = _obj(value, where)
    day = _str(obj, "business_date", where, max_len=10)
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise _fail(where, "'business_date' is not YYYY-MM-DD") from None
    for part in ("sales", "voids"):
        section = _obj(_field(obj, part, where), f"{where}.{part}")
        _int(section, "count", f"{where}.{part}", 0, 10**9)
        _int(section, "coupon_rials", f"{where}.{part}")
    by_group = _obj(_field(obj, "by_group", where), where + ".by_group")
    for code in by_group:
        _int(by_group, code, where + ".by_group")
    for key in ("approved_txn_ids", "voided_txn_ids", "rejected_txn_ids"):
        ids = _field(obj, key, where)
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise _fail(where, f"{key!r} must be a list of ids")
    return obj
