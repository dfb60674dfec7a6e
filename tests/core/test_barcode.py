from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import ean  # an independent oracle for the check digit

from pos_client.domain.barcode import (
    canonical_gtin,
    clean_scan,
    gtin_check_digit,
    is_valid_gtin,
    parse_gtin,
)
from pos_client.domain.errors import InvalidBarcode


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


@pytest.mark.parametrize(("scanned", "key"), [
    ("036000291452", "0036000291452"), ("0036000291452", "0036000291452"),
    ("00036000291452", "0036000291452"), ("06261473616608", "6261473616608"),
    ("6261473616608", "6261473616608"), ("96385074", "0000096385074"),
    ("0000096385074", "0000096385074"), ("00000096385074", "0000096385074"),
    ("10012345678902", "10012345678902"), ("\u2066036000291452\u2069\r", "0036000291452"),
])
def test_every_length_of_a_gtin_scans_as_one_canonical_key(scanned: str, key: str) -> None:
    assert parse_gtin(scanned) == key


valid_body = st.text(alphabet="0123456789", min_size=7, max_size=13)


@given(valid_body)
def test_all_zero_padded_forms_of_a_gtin_share_one_key_and_the_oracle_agrees(body: str) -> None:
    code = body + str(gtin_check_digit(body))
    forms = [code.lstrip("0").zfill(n) for n in (8, 12, 13, 14)
             if len(code.lstrip("0")) <= n]
    assert forms
    for form in forms:
        assert is_valid_gtin(form) == ean.is_valid(form) is True
    assert {parse_gtin(form) for form in forms} == {canonical_gtin(code)}
    assert len(canonical_gtin(code)) in (13, 14)
    assert canonical_gtin(code).zfill(14) == code.zfill(14)


@given(st.text(alphabet="0123456789", min_size=8, max_size=14).filter(
    lambda c: len(c) in (8, 12, 13, 14)))
def test_check_digits_agree_with_python_stdnum(code: str) -> None:
    assert is_valid_gtin(code) == ean.is_valid(code)
