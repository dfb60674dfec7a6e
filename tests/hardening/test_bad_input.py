"""Bad input where it enters the terminal: refused with a message in Persian and English,
nothing stored (the whole database is unchanged), nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from central_support import Central
from counter_support import MakeCounter
from hardening_support import assert_speaks_both, db_fingerprint

from pos_client.app.demo import provision
from pos_client.counter import Counter
from pos_client.domain.basket import Basket, Line
from pos_client.domain.errors import ConfigError, InvalidBarcode, InvalidInput, InvalidQuantity
from pos_client.domain.identity import national_code_check_digit
from pos_client.domain.money import parse_qty
from pos_client.settings.config import load_settings, settings_for

FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
AR = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PAN = "6037991234567893"


def off_by_one(code: str) -> str:
    return code[:9] + str((int(code[9]) + 1) % 10)


BAD_CUSTOMER_INPUT = {
    "seven digits": ("0499370", "nid_length"),
    "eleven digits": ("04993708991", "nid_length"),
    "a letter": ("04993708a9", "nid_non_digit"),
    "a Persian letter": ("۰۴۹۹۳۷۰۸۹ب", "nid_non_digit"),
    "mixed digit families, check digit wrong": ("۰4٩9370898", "nid_checksum"),
    "zero-width marks around a wrong code": ("\u200c0499\u200b370898\u200f", "nid_checksum"),
    "ten equal digits": ("1111111111", "nid_not_issued"),
    "zeros": ("0000000000", "nid_not_issued"),
    "a garbage swipe": (";;==??", "card_unreadable"),
    "a partial track": (f";{PAN[:10]}=29", "card_unreadable"),
    "track 1 only": (f"%B{PAN}^REZAEI/ALI^2903101?", "card_unreadable"),
    "two swipes run together": (f";{PAN}=2903?;{PAN}=2903?", "card_double_swipe"),
    "a swipe with a bad card number": (";6037991234567894=2903?", "card_checksum"),
}


@pytest.mark.parametrize("case", sorted(BAD_CUSTOMER_INPUT))
def test_bad_customer_input_is_refused_naming_the_rule_and_stores_nothing(
        make_counter: MakeCounter, case: str) -> None:
    counter = make_counter()
    text, rule = BAD_CUSTOMER_INPUT[case]
    before = db_fingerprint(counter.settings.data_path)
    with pytest.raises(InvalidInput) as err:
        counter.identify(text)
    assert err.value.code == rule
    assert_speaks_both(err.value)
    assert db_fingerprint(counter.settings.data_path) == before


def test_a_real_code_one_digit_off_is_refused_and_every_spelling_of_it_is_found(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    buyer = central.buyer()
    code = buyer["national_code"]
    assert national_code_check_digit(code[:9]) == int(code[9])
    with pytest.raises(InvalidInput) as err:
        counter.identify(off_by_one(code))
    assert err.value.code == "nid_checksum"
    spellings = [code.translate(FA), code.translate(AR),
                 code[:3].translate(FA) + code[3:6].translate(AR) + code[6:],
                 f" {code[:4]}-{code[4:]}\u200c ", "\u200f" + code + "\ufeff"]
    assert {counter.identify(s).key for s in spellings} == {buyer["key"]}
    assert all(code not in repr(counter.identify(s)) for s in spellings)


BAD_BARCODES = {
    "bad check digit": ("6260000000010", "barcode_checksum"),
    "too long": ("62600000000190", "barcode_checksum"),
    "far too long": ("6" * 40, "barcode_length"),
    "control characters around a bad check digit": ("\x00626000000001\x1b0\r",
                                                     "barcode_checksum"),
    "a letter": ("626000000001X", "barcode_non_digit"),
    "empty": ("\r\n", "barcode_length"),
}


@pytest.mark.parametrize("case", sorted(BAD_BARCODES))
def test_bad_barcodes_are_refused_at_the_counter_and_store_nothing(
        make_counter: MakeCounter, case: str) -> None:
    counter = make_counter()
    text, rule = BAD_BARCODES[case]
    before = db_fingerprint(counter.settings.data_path)
    with pytest.raises(InvalidBarcode) as err:
        counter.product(text)
    assert err.value.code == rule
    assert_speaks_both(err.value)
    assert db_fingerprint(counter.settings.data_path) == before


def test_scanner_noise_around_a_good_barcode_still_finds_the_product(
        central: Central, make_counter: MakeCounter) -> None:
    counter = make_counter()
    gtin = central.products(eligible=True)[0]["gtin"]
    assert counter.product(f"\x02{gtin}\x03\r\n").gtin == gtin
    assert counter.product(gtin.translate(FA)).gtin == gtin


@pytest.mark.parametrize(("text", "weighed"), [
    ("0", True), ("-1", True), ("-0.5", True), ("999.001", True), ("1000", False),
    ("1.2345", True), ("0.0001", True), ("1.5", False), ("۱٫۲۳۴۵", True), ("1e3", True),
])
def test_bad_quantities_are_refused_in_both_languages(text: str, weighed: bool) -> None:
    with pytest.raises(InvalidQuantity) as err:
        parse_qty(text, weighed=weighed)
    assert_speaks_both(err.value)


def test_a_basket_refuses_a_bad_quantity_or_price_and_keeps_its_lines() -> None:
    basket = Basket()
    basket.add(Line("6260000000019", "rice", 1000, 5_000_000, group="rice"))
    for qty in (0, -1000, 999_001):
        with pytest.raises(InvalidQuantity):
            basket.set_qty(0, qty)
    for price in (0, -5, 10**12 + 1):
        with pytest.raises(InvalidInput) as err:
            Line("6260000000019", "rice", 1000, price)
        assert_speaks_both(err.value)
    with pytest.raises(InvalidQuantity):  # 999 pieces already, one more is over
        basket.set_qty(0, 999_000)
        basket.add(Line("6260000000019", "rice", 1000, 5_000_000, group="rice"))
    assert [(line.qty_milli, line.unit_price_rials) for line in basket.lines] == \
        [(999_000, 5_000_000)]


HEADER = "gtin,name,price_rials,unit\n"


@pytest.mark.parametrize(("name", "content"), [
    ("utf16.csv", (HEADER + "6260000000019,برنج,1000,piece\n").encode("utf-16")),
    ("binary.csv", bytes(range(256)) * 4),
    ("wrong-columns.csv", b"barcode;title;price\n6260000000019;x;1\n"),
    ("empty.csv", b""),
])
def test_a_refused_price_list_leaves_the_old_one_whole(
        make_counter: MakeCounter, tmp_path: Path, name: str, content: bytes) -> None:
    counter = make_counter()
    path = tmp_path / name
    path.write_bytes(content)
    before = db_fingerprint(counter.settings.data_path)
    with pytest.raises(InvalidInput) as err:
        counter.store.import_products(path)
    assert_speaks_both(err.value)
    assert db_fingerprint(counter.settings.data_path) == before


def test_prices_out_of_range_and_duplicates_are_refused_by_line(
        make_counter: MakeCounter, tmp_path: Path) -> None:
    counter = make_counter()
    path = tmp_path / "prices.csv"
    path.write_text(HEADER + "6260000000019,ok,1000,piece\n"
                    "6269999999991,zero,0,piece\n"
                    "6269999999991,negative,-1,piece\n"
                    f"6269999999991,huge,{10**12 + 1},piece\n"
                    "6260000000019,again,2000,piece\n", encoding="utf-8")
    report = counter.store.import_products(path)
    assert report.accepted == 1
    assert [r.line_no for r in report.refused] == [3, 4, 5, 6]
    assert all(r.reason_fa and r.reason_en and r.reason_fa != r.reason_en
               for r in report.refused)
    assert counter.product("6260000000019").price_rials == 1000


@pytest.mark.parametrize(("text", "key"), [
    ("[terminal]\nlanguag = 'fa'\n", "terminal.languag"),
    ("[central]\ntimeout_s = 'five'\n", "central.timeout_s"),
    ("[printer]\nport = 70000\n", "printer.port"),
    ("[printer]\ndrawer = 'yes'\n", "printer.drawer"),
    ("[scanner]\nkind = 'camera'\n", "scanner.kind"),
])
def test_bad_configuration_is_refused_in_both_languages_naming_the_key(
        tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(path, environ={})
    assert key in err.value.en and key in err.value.fa
    assert_speaks_both(err.value)


def test_a_world_readable_token_file_stops_the_terminal_before_it_starts(
        central: Central, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text(central.token + "\n")
    os.chmod(token, 0o644)
    settings = settings_for(tmp_path / "data", central={"url": central.url,
                                                        "token_file": str(token)})
    provision(settings_for(tmp_path / "data", central={"url": central.url,
                                                       "token": central.token}),
              central.ids["products"], tmp_path / "prices.csv")
    before = db_fingerprint(tmp_path / "data")
    with pytest.raises(ConfigError) as err:
        Counter.open(settings, start_sync=False)
    assert "chmod 600" in err.value.en
    assert_speaks_both(err.value)
    assert db_fingerprint(tmp_path / "data") == before
    os.chmod(token, 0o600)
    counter = Counter.open(settings, start_sync=False)  # the refusal let the lock go
    try:
        assert counter.settings.central_token() == central.token
    finally:
        counter.close()
