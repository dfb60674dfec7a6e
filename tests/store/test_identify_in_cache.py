"""Identifying at the counter against the cache: what kind an entry is decides whose coupon."""

from __future__ import annotations

from store_support import household_item

from pos_client.counter.checkout import resolve_identity
from pos_client.domain.identity import nid_hash
from pos_client.store import Store

KEY = "ab" * 32


def test_eight_digits_are_a_one_time_code_even_when_a_padded_national_code_is_cached(
        store: Store) -> None:
    # 0084575948 is a valid national code and its household is in the cache; its last
    # eight digits typed at the counter are still a one-time code (DOMAIN.md), so they
    # never find (and never spend) that household's coupon.
    store.apply_household_page(
        [household_item("H-1", nid_hash=nid_hash(KEY, "0084575948"))], 1)
    ident, found = resolve_identity("84575948", store, KEY)
    assert (ident.kind, ident.value, found) == ("code", "84575948", None)
    ident, found = resolve_identity("0084575948", store, KEY)
    assert ident.kind == "nid" and found is not None and found.key == "H-1"


def test_the_all_zero_one_time_code_is_a_code_not_an_unissued_national_code(
        store: Store) -> None:
    ident, found = resolve_identity("00000000", store, KEY)
    assert (ident.kind, ident.value, found) == ("code", "00000000", None)
