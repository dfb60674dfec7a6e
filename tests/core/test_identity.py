from __future__ import annotations

import hashlib
import hmac

import iranian_national_code
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_client.domain.errors import InvalidCard, InvalidNationalCode, InvalidOneTimeCode
from pos_client.domain.identity import (
    Identifier,
    card_hash,
    identifier_hash,
    looks_like_swipe,
    luhn_check_digit,
    luhn_ok,
    mask_national_code,
    mask_pan,
    national_code_check_digit,
    nid_hash,
    parse_customer_input,
    parse_national_code,
    parse_one_time_code,
    parse_pan,
    parse_track2,
)

FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
VALID_PAN = "6037991234567893"


@pytest.mark.parametrize("code", ["0499370899", "0790419904", "0084575948"])
def test_the_domain_examples_are_valid(code: str) -> None:
    assert parse_national_code(code) == code


@pytest.mark.parametrize(("text", "rule"), [
    ("1234567890", "nid_checksum"),
    ("0499370898", "nid_checksum"),
    ("12345", "nid_length"),
    ("12345678901", "nid_length"),
    ("", "nid_length"),
    ("04993708a9", "nid_non_digit"),
    ("0000000000", "nid_not_issued"),
    ("1111111111", "nid_not_issued"),
])
def test_an_invalid_national_code_names_the_rule_it_failed(text: str, rule: str) -> None:
    with pytest.raises(InvalidNationalCode) as err:
        parse_national_code(text)
    assert err.value.code == rule
    assert err.value.fa and err.value.en


def test_persian_arabic_and_latin_digits_spaces_dashes_and_zero_width_are_the_same_code() -> None:
    forms = ["0499370899", "0499370899".translate(FA), "0499370899".translate(AR),
             "049-937089-9", " 0499 3708 99 ", "0499\u200c370\u200b899\u200f",
             "۰۴۹٩٣٧۰۸۹۹"]
    assert {parse_national_code(f) for f in forms} == {"0499370899"}


def test_nine_digit_codes_are_left_padded_and_eight_digits_are_no_national_code() -> None:
    assert parse_national_code("499370899") == "0499370899"
    assert parse_national_code("0084575948") == "0084575948"
    with pytest.raises(InvalidNationalCode) as err:
        parse_national_code("84575948")  # DOMAIN.md: 8 digits are a one-time code
    assert err.value.code == "nid_length"


@pytest.mark.parametrize("mark", ["\u2066", "\u2067", "\u2068", "\u2069", "\u061c"])
def test_bidi_isolates_and_the_arabic_letter_mark_are_dropped(mark: str) -> None:
    assert parse_national_code(f"{mark}0499370899{mark}") == "0499370899"
    assert parse_national_code("\u20660499370899\u2069") == "0499370899"
    assert parse_customer_input(f"\u2068{'0499370899'.translate(FA)}\u2069").value == \
        "0499370899"
    assert parse_customer_input(f"\u2066{VALID_PAN}\u2069").kind == "card"


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def make_code(first_nine: str) -> str:
    return first_nine + str(national_code_check_digit(first_nine))


@settings(max_examples=300)
@given(nine_digits)
def test_every_code_made_by_the_checksum_rule_validates(first_nine: str) -> None:
    code = make_code(first_nine)
    if len(set(code)) == 1:
        with pytest.raises(InvalidNationalCode):
            parse_national_code(code)
    else:
        assert parse_national_code(code) == code


def residue(code: str) -> int:
    return sum(int(code[i]) * (10 - i) for i in range(9)) % 11


@settings(max_examples=300)
@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_a_single_digit_change_fails_except_the_rules_own_blind_spot(
        first_nine: str, pos: int, delta: int) -> None:
    # The rule maps residues 1 and 10 to the same check digit 1, so a change that moves
    # the residue between them still validates; every other single-digit change fails.
    code = make_code(first_nine)
    changed = code[:pos] + str((int(code[pos]) + delta) % 10) + code[pos + 1:]
    blind_spot = pos < 9 and {residue(code), residue(changed)} == {1, 10}
    if blind_spot and len(set(changed)) > 1:
        assert parse_national_code(changed) == changed
    else:
        with pytest.raises(InvalidNationalCode):
            parse_national_code(changed)


@settings(max_examples=200)
@given(nine_digits)
def test_persian_arabic_and_latin_forms_of_any_code_are_equal(first_nine: str) -> None:
    code = make_code(first_nine)
    results = set()
    for form in (code, code.translate(FA), code.translate(AR)):
        try:
            results.add(parse_national_code(form))
        except InvalidNationalCode as exc:
            results.add(exc.code)
    assert len(results) == 1


def test_the_rule_agrees_with_an_independent_implementation_over_thousands_of_codes() -> None:
    import random
    rng = random.Random(1404)
    for _ in range(5000):
        candidate = "".join(rng.choice("0123456789") for _ in range(10))
        if rng.random() < 0.5:
            candidate = make_code(candidate[:9])
        try:
            ours = parse_national_code(candidate) == candidate
        except InvalidNationalCode:
            ours = False
        assert ours == iranian_national_code.validate(candidate), candidate


def test_card_numbers_pass_luhn_and_a_changed_digit_fails() -> None:
    assert parse_pan(VALID_PAN) == VALID_PAN
    assert luhn_ok("79927398713")
    with pytest.raises(InvalidCard):
        parse_pan(VALID_PAN[:-1] + str((int(VALID_PAN[-1]) + 1) % 10))
    with pytest.raises(InvalidCard):
        parse_pan("603799123456789")


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_a_luhn_check_digit_always_completes_a_valid_number(body: str) -> None:
    assert luhn_ok(body + str(luhn_check_digit(body)))


@pytest.mark.parametrize("swipe", [
    f";{VALID_PAN}=29031010000000000000?",
    f";{VALID_PAN}=29031010000000000000?\r\n",
    f"{VALID_PAN}=2903101",
    f"%B{VALID_PAN}^REZAEI/ALI^2903101?;{VALID_PAN}=2903101000?\n",
    f"\x02;{VALID_PAN}=2903?\x03",
])
def test_a_track_two_swipe_gives_the_pan(swipe: str) -> None:
    assert parse_track2(swipe) == VALID_PAN


@pytest.mark.parametrize(("swipe", "rule"), [
    ("garbage!!", "card_unreadable"),
    (f"%B{VALID_PAN}^REZAEI/ALI^2903101?", "card_unreadable"),
    (f";{VALID_PAN}=2903?;{VALID_PAN}=2903?", "card_double_swipe"),
    (";6037991234567894=2903?", "card_checksum"),
    (";60379912345=2903?", "card_unreadable"),
])
def test_a_bad_swipe_is_refused_with_its_reason(swipe: str, rule: str) -> None:
    with pytest.raises(InvalidCard) as err:
        parse_track2(swipe)
    assert err.value.code == rule


def test_masks_show_only_what_a_receipt_may_show() -> None:
    assert mask_pan(VALID_PAN) == "6037-99**-****-7893"
    assert mask_national_code("0499370899") == "******0899"


def test_an_identifier_never_shows_its_clear_value_in_repr() -> None:
    ident = Identifier("nid", "0499370899")
    assert "0499370899" not in repr(ident)
    assert ident.masked == "******0899"


def test_one_time_codes_are_eight_digits_after_normalisation() -> None:
    assert parse_one_time_code("۱۲۳۴ ۵۶۷۸") == "12345678"
    with pytest.raises(InvalidOneTimeCode):
        parse_one_time_code("1234567")
    with pytest.raises(InvalidOneTimeCode):
        parse_one_time_code("1234567a")


def test_customer_input_tells_card_code_and_national_code_apart() -> None:
    assert parse_customer_input(f";{VALID_PAN}=2903?").kind == "card"
    assert parse_customer_input(VALID_PAN).kind == "card"
    assert parse_customer_input("0499370899").kind == "nid"
    assert parse_customer_input("12345678").kind == "code"  # not a valid padded code


@pytest.mark.parametrize("text", ["84575948", "۸۴۵۷۵۹۴۸", "00000000", "99999999"])
def test_eight_digits_are_always_a_one_time_code(text: str) -> None:
    # 0084575948 is a valid national code, 0000000000 a never-issued one: eight digits
    # are still a one-time code (DOMAIN.md), never another household's national code.
    ident = parse_customer_input(text)
    assert ident.kind == "code"
    assert ident.value == text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


@pytest.mark.parametrize("frame", [";E?", ";E?\r\n", f";{VALID_PAN}D28121010000000000?",
                                   f";{VALID_PAN}D2812?\n", "%E?"])
def test_a_readers_error_frame_or_foreign_separator_asks_to_swipe_again(frame: str) -> None:
    with pytest.raises(InvalidCard) as err:
        parse_customer_input(frame)
    assert err.value.code == "card_unreadable"
    assert "Swipe" in err.value.en


TRACK3 = f";01{VALID_PAN}=3643640000000000000000000000000000000000=1=000000000000000?"


@pytest.mark.parametrize("swipe", [
    f";{VALID_PAN}=29031010000000000000?{TRACK3}",
    f";{VALID_PAN}=29031010000000000000?{TRACK3}\r\n",
    f"%B{VALID_PAN}^REZAEI/ALI^2903101?;{VALID_PAN}=2903101000?{TRACK3}\n",
])
def test_tracks_two_and_three_together_give_track_twos_pan(swipe: str) -> None:
    assert parse_track2(swipe) == VALID_PAN
    assert parse_customer_input(swipe) == Identifier("card", VALID_PAN)


def test_hashes_follow_the_contract_byte_for_byte() -> None:
    key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
    expected_nid = hmac.new(bytes.fromhex(key), b"nid:0499370899", hashlib.sha256).hexdigest()
    expected_pan = hmac.new(bytes.fromhex(key), b"pan:" + VALID_PAN.encode(),
                            hashlib.sha256).hexdigest()
    assert nid_hash(key, "0499370899") == expected_nid
    assert card_hash(key, VALID_PAN) == expected_pan


def test_hash_of_a_vector_computed_outside_python() -> None:
    # printf 'nid:0499370899' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<64 zeros>
    assert nid_hash("00" * 32, "0499370899") == (
        "7cf5f41a99e76ebbe5dd743cac8a2d7c15542887cc4a6915aac401c6eae783cf")


# --- which input is a swipe, and the hash of each kind of identifier ---------------------

@pytest.mark.parametrize(("text", "swipe"), [
    (f"%B{VALID_PAN}^REZAEI/ALI^2903101?", True),  # track 1 alone
    (f"%b{VALID_PAN}^REZAEI", True),  # track 1, lower-case format code, no end sentinel
    (f"  %B{VALID_PAN}^REZAEI  ", True),
    (f"%B{VALID_PAN}", False),  # no ``^``: not track 1, and no end sentinel
    (";E?", True), ("%E?", True), (" ;E? \r\n", True),  # a reader's error frame
    (";E", False), ("E?", False), ("?;", False),
    (f"{VALID_PAN}=2903", True),  # track 2 without sentinels: more than 16 digits
    ("1234567890123456=", True),  # 16 digits and a separator: 17 characters kept
    ("123456789012345=", False),  # 15 digits and a separator: a mistyped number
    ("12=34;", True), ("12=34?", True), ("12=34", False),
    ("0499370899", False), (VALID_PAN, False), ("12345678", False), ("", False),
])
def test_a_swipe_is_told_from_a_typed_number(text: str, swipe: bool) -> None:
    assert looks_like_swipe(text) is swipe


def test_a_frame_that_looks_like_a_swipe_is_never_read_as_a_national_code() -> None:
    with pytest.raises(InvalidCard) as err:
        parse_customer_input("1234567890123456=")
    assert err.value.code == "card_checksum"  # read as a card, and that card is not valid
    assert parse_customer_input(f"{VALID_PAN}=") == Identifier("card", VALID_PAN)
    with pytest.raises(InvalidNationalCode):
        parse_customer_input("123456789012345=")


KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"


def test_an_identifiers_hash_is_the_contracts_hash_of_its_kind() -> None:
    # printf 'nid:0499370899' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY
    assert identifier_hash(KEY, Identifier("nid", "0499370899")) == (
        "188473e51be309a1a28e587c354179d043cea6fc825c5223f4e526f96f12cf5b")
    # printf 'pan:6037991234567893' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<64 zeros>
    assert identifier_hash("00" * 32, Identifier("card", VALID_PAN)) == (
        "929ed6c144e0d0272a4494764e139dcde41bcb103e73314323ce563f4051fb95")


def test_a_one_time_code_is_never_hashed() -> None:
    with pytest.raises(ValueError):
        identifier_hash(KEY, Identifier("code", "12345678"))


def test_hashes_under_different_keys_differ_and_repeat_for_the_same_key() -> None:
    keys = [f"{i:02x}" * 32 for i in range(6)]  # more keys than the cache holds
    first = [nid_hash(k, "0499370899") for k in keys]
    assert len(set(first)) == len(keys)
    assert [nid_hash(k, "0499370899") for k in reversed(keys)] == first[::-1]


def test_each_kind_of_identifier_is_masked_its_own_way() -> None:
    assert Identifier("card", VALID_PAN).masked == "6037-99**-****-7893"
    assert Identifier("code", "12345678").masked == "****78"
    assert Identifier("nid", "0499370899").masked == "******0899"
    assert repr(Identifier("card", VALID_PAN)) == (
        "Identifier(kind='card', masked='6037-99**-****-7893')")


def test_sixteen_characters_that_are_not_all_digits_are_no_card_number() -> None:
    for text in ("603799123456789a", "60379912345678.3x", "6037991234567893\u00b2"):
        with pytest.raises(InvalidCard) as err:
            parse_pan(text)
        assert err.value.code == "card_length"


def test_sixteen_typed_digits_give_that_card_or_its_refusal() -> None:
    assert parse_customer_input(VALID_PAN) == Identifier("card", VALID_PAN)
    with pytest.raises(InvalidCard) as err:
        parse_customer_input(VALID_PAN[:-1] + "4")
    assert err.value.code == "card_checksum"
