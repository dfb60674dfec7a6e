from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_client.barcode import clean_scan, gtin_check_digit, is_valid_gtin, parse_gtin
from pos_client.errors import InvalidBarcode


@pytest.mark.parametrize("code", ["6260000000019", "4006381333931", "96385074", "036000291452",
                                  "10012345678902"])
def test_valid_gtins_of_every_length_pass(code: str) -> None:
    assert is_valid_gtin(code)


def test_a_upc_a_is_widened_to_gtin_13_and_scanner_noise_is_dropped() -> None:
    assert parse_gtin("036000291452\r\n") == "0036000291452"
    assert parse_gtin("\x02626000000001\x039\r") == "6260000000019"
    assert clean_scan(" ۶۲۶۰۰۰۰۰۰۰۰۱۷\n") == "6260000000017"


@pytest.mark.parametrize(("raw", "rule"), [
    ("6260000000018", "barcode_checksum"), ("62600000000190", "barcode_checksum"),
    ("626000000001900", "barcode_length"), ("62600A0000017", "barcode_non_digit"),
    ("", "barcode_length"),
])
def test_bad_barcodes_are_refused_with_the_reason(raw: str, rule: str) -> None:
    with pytest.raises(InvalidBarcode) as err:
        parse_gtin(raw)
    assert err.value.code == rule


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(1, 9))
def test_a_changed_check_digit_is_always_caught(body: str, delta: int) -> None:
    good = body + str(gtin_check_digit(body))
    assert is_valid_gtin(good)
    assert not is_valid_gtin(body + str((int(good[-1]) + delta) % 10))
