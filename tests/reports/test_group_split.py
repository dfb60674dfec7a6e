"""Coupon by group follows the contract's rule, so it can be compared with the service's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from central_sim.rules import split_largest_remainder as service_split
from pos_client.reports import split_largest_remainder

groups = st.dictionaries(st.sampled_from(["rice", "oil", "sugar", "eggs", "milk", "pasta"]),
                         st.integers(min_value=0, max_value=50_000_000), max_size=6)


@given(st.integers(min_value=0, max_value=100_000_000), groups)
def test_the_split_adds_up_and_equals_the_services_split(total: int,
                                                         weights: dict[str, int]) -> None:
    parts = split_largest_remainder(total, weights)
    assert parts == service_split(total, weights)
    if any(weights.values()):
        assert sum(parts.values()) == total


def test_a_tie_goes_to_the_group_code_that_sorts_first() -> None:
    assert split_largest_remainder(1, {"sugar": 1, "oil": 1}) == {"sugar": 0, "oil": 1}
