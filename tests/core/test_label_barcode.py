"""Label-scale barcodes: layouts, both check digits, weight and price labels."""

from __future__ import annotations

import pytest

from pos_client.domain.barcode import gtin_check_digit
from pos_client.domain.errors import ConfigError, InvalidBarcode
from pos_client.domain.label_barcode import (
    LabelCode,
    LabelLayoutError,
    decode_label,
    parse_layout,
    price_check_digit,
)
from pos_client.settings.config import settings_for


def ean(body: str) -> str:
    assert len(body) == 12
    return body + str(gtin_check_digit(body))


def test_the_gs1_price_check_digits() -> None:
    # By the GS1 weighting tables (General Specifications 7.9.4) worked by hand.
    assert price_check_digit("2875") == 9
    assert price_check_digit("14685") == 6
    with pytest.raises(ValueError):
        price_check_digit("123")


def test_a_weight_label_gives_its_plu_and_grams() -> None:
    layout = parse_layout("2PPPPPWWWWWC")
    assert decode_label(ean("270041701830"), layout) == LabelCode("417", weight_milli=1830)
    assert decode_label(ean("290041701830"), layout) == LabelCode("417", weight_milli=1830)


def test_a_fixed_second_prefix_digit_is_checked() -> None:
    layout = parse_layout("28PPPPPWWWWWC")
    assert decode_label(ean("280041701830"), layout) is not None
    assert decode_label(ean("270041701830"), layout) is None


def test_codes_outside_the_in_store_range_are_not_labels() -> None:
    layout = parse_layout("2PPPPPWWWWWC")
    assert decode_label(ean("626010000001"), layout) is None
    assert decode_label("12345678", layout) is None
    assert decode_label("۲۷" + "0041701830" + "x", layout) is None


def test_a_wrong_check_digit_is_refused_with_a_message() -> None:
    layout = parse_layout("2PPPPPWWWWWC")
    good = ean("270041701830")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(InvalidBarcode) as caught:
        decode_label(bad, layout)
    assert caught.value.code == "label_checksum" and caught.value.fa and caught.value.en


def test_persian_digits_from_a_keyboard_are_read() -> None:
    layout = parse_layout("2PPPPPWWWWWC")
    code = ean("270041701830").translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert decode_label(code, layout) == LabelCode("417", weight_milli=1830)


def test_a_price_label_with_its_embedded_price_check_digit() -> None:
    layout = parse_layout("2PPPPPV$$$$C")  # 12 chars: 2X PPPPP V $$$$ C
    body = "22" + "00417" + str(price_check_digit("2875")) + "2875"
    assert decode_label(ean(body), layout) == LabelCode("417", price=2875)
    wrong = "22" + "00417" + str((price_check_digit("2875") + 1) % 10) + "2875"
    with pytest.raises(InvalidBarcode) as caught:
        decode_label(ean(wrong), layout)
    assert caught.value.code == "label_price_checksum"


def test_a_five_digit_price_label() -> None:
    layout = parse_layout("2PPPP$$$$$$C")  # 12: 2X PPPP $$$$$$ C
    assert decode_label(ean("210417123456"), layout) == LabelCode("417", price=123456)


def test_a_zero_weight_label_is_refused() -> None:
    with pytest.raises(InvalidBarcode):
        decode_label(ean("270041700000"), parse_layout("2PPPPPWWWWWC"))


@pytest.mark.parametrize("bad", [
    "", "2PPPPPWWWWW", "1PPPPPWWWWWC", "2PPPPPWWWWWX", "2PPPPP$$WWWC", "2PPPPPPPPPPC",
    "2PPWPPWWWWWC", "2PPPPPVWWWWC", "2PPP$$$$$$VC", "2PPPPPWWWWWCC", "2PPPPQWWWWWC"])
def test_bad_layouts_are_refused(bad: str) -> None:
    with pytest.raises(LabelLayoutError):
        parse_layout(bad)


def test_the_layout_is_checked_when_the_settings_load(tmp_path: object) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_for(str(tmp_path), scale={"label_layout": "2PPPPPPPPPPC"})
    assert "scale.label_layout" in caught.value.en
    assert settings_for(str(tmp_path), scale={"label_layout": "2PPPPPWWWWWC"}).scale.kind == \
        "none"
    with pytest.raises(ConfigError):
        settings_for(str(tmp_path), scale={"kind": "serial"})  # no url
    with pytest.raises(ConfigError):
        settings_for(str(tmp_path), scale={"kind": "serial", "url": "loop://",
                                           "protocol": "dibal-x"})
