"""Sadad frames, byte for byte against the worked examples of the protocol."""

from __future__ import annotations

import pytest

from pos_client.devices.card_terminal import sadad_wire as w

# A 1,000-rial sale with only field 8 ("5.3.185.1336"), 63 bytes.
SALE_1000 = bytes.fromhex(
    "02303539303030193130303000" + "00" * 8 + "20" * 14 + "30323030" + "303030303030"
    + "80" + "303132" + "352e332e3138352e31333336" + "03b5")
INM = bytes.fromhex("02303036303030f103f4")
ACK = bytes.fromhex("0230303630303006" "0303")
EOT = bytes.fromhex("0230303630303004" "0301")
# The published RESPONSE, whole (its card number is a real-looking PAN: test data only).
RESPONSE = bytes.fromhex(
    "023238303030301a3000300000000000310030003000300000000000000000000000000000000000"
    "00003600320031003900380036003300350031003000330031003300380036003400000030003000"
    "3000300030003000000030003000300039003900360000000000000000000000000000008d052200"
    "0000210027003f002000000033003200300030003600320036003100360031003100360000003000"
    "30003100340020002000000043003000300030003000330030003100000030003000300030003000"
    "30003000300030003000300030003100350032000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000003e9")
FULL_CARD = "6219863510313864"


def test_sale_request_of_1000_rials_is_byte_exact() -> None:
    assert len(SALE_1000) == 63
    assert w.sale_request(1000) == SALE_1000


def test_control_frames_are_byte_exact() -> None:
    assert w.control(w.FrameType.INM) == INM
    assert w.control(w.FrameType.ACK) == ACK
    assert w.control(w.FrameType.EOT) == EOT


@pytest.mark.parametrize("raw", [SALE_1000, INM, ACK, EOT, RESPONSE])
def test_worked_examples_decode_and_reencode(raw: bytes) -> None:
    frame = w.decode(raw)
    assert frame.version == "000"
    assert w.encode(frame) == raw


def test_the_published_response_decodes_with_the_card_masked() -> None:
    frame = w.decode(RESPONSE)
    assert frame.type == w.FrameType.RESPONSE
    r = w.decode_response(frame.data)
    assert r.approved and r.response_code == "00"
    assert r.amount_rials == 1000
    assert r.masked_card == "621986******3864"
    assert r.trace == "000996"
    assert r.reader_time == "1397/10/09 15:39:08"
    assert r.rrn == "320062616116"
    assert r.approval_code == "0014"
    assert r.terminal_id == "C0000301"
    assert r.merchant_id == "000000000000152"
    assert FULL_CARD not in repr(r)


def test_the_frame_for_the_log_has_the_card_masked_and_stays_a_good_frame() -> None:
    logged = w.masked_frame(RESPONSE)
    assert FULL_CARD.encode("utf-16-le") not in logged
    again = w.decode(logged)  # a valid frame: its LRC was recomputed
    assert w.decode_response(again.data).masked_card == "621986******3864"
    assert w.decode_response(again.data).rrn == "320062616116"


def test_response_data_builds_the_published_example_back() -> None:
    data = w.response_data(response_code="00", amount_rials=1000, card=FULL_CARD,
                           trace="000996", when=(1397, 10, 9, 15, 39, 8),
                           rrn="320062616116", approval_code="0014  ",
                           terminal_id="C0000301", merchant_id="000000000000152")
    assert w.encode(w.Frame(w.FrameType.RESPONSE, data)) == RESPONSE


@pytest.mark.parametrize("index", [1, 5, 8, 20, 61, 62])
def test_a_changed_byte_is_refused(index: int) -> None:
    broken = bytearray(SALE_1000)
    broken[index] ^= 0x01
    with pytest.raises(w.FrameError):
        w.decode(bytes(broken))


def test_request_fields_round_trip_through_the_readers_side() -> None:
    raw = w.sale_request(123_450, "ORD42")
    request = w.parse_request_data(w.decode(raw).data)
    assert request.amount_rials == 123_450
    assert request.function == "    "
    assert dict(request.fields) == {5: "ORD42", 8: w.API_VERSION}
    assert w.decode(raw).data[37] == 0b1001_0000  # bits 4 and 7: fields 5 and 8


def test_search_by_order_id_is_a_version_002_request_with_function_0015() -> None:
    frame = w.decode(w.search_request("ORD42"))
    assert frame.version == "002" and frame.type == w.FrameType.REQUEST
    request = w.parse_request_data(frame.data)
    assert request.function == "0015" and request.amount_rials == 0
    assert dict(request.fields)[5] == "ORD42"


def test_the_buffer_skips_line_ends_and_noise_between_frames() -> None:
    buffer = w.FrameBuffer()
    out = buffer.feed(b"\n\xff" + INM[:5])
    assert out == []
    out = buffer.feed(INM[5:] + b"\n" + ACK)
    assert [f.type for _, f in out if isinstance(f, w.Frame)] == [w.FrameType.INM,
                                                                   w.FrameType.ACK]
