"""Eight digits at the counter are a one-time code, resolved online by the real service."""

from __future__ import annotations

import datetime as dt

import pytest
from central_support import Central
from counter_support import MakeCounter, make_counter

from central_sim.seed import parse_household_key
from pos_client.domain.errors import UserFacingError

__all__ = ["make_counter"]


def test_the_all_zero_code_the_service_issued_identifies_its_household(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    expires = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with central.handle.service.db.write() as conn:  # the service may issue 00000000
        conn.execute("INSERT INTO codes (code, household_id, expires_at) VALUES (?, ?, ?)",
                     ("00000000", parse_household_key(buyer["key"]), expires))
    view = counter.identify("۰۰۰۰۰۰۰۰")
    assert (view.key, view.kind, view.code) == (buyer["key"], "code", "00000000")


def test_an_unknown_eight_digit_entry_says_a_national_code_has_ten_digits(
        make_counter: MakeCounter) -> None:
    counter = make_counter()
    with pytest.raises(UserFacingError) as err:
        counter.identify("84575948")  # 0084575948 without its zeros
    assert err.value.code == "code_unknown"
    assert "10 digits" in err.value.en and "۱۰ رقم" in err.value.fa
