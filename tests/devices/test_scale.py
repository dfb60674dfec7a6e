"""Counter scales on real transports: a pty and a TCP ``socket://`` line with the scale
simulator (``pos_client.devices.scale_sim``) at the other end."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

import pytest
import serial

from pos_client.devices.scale import (
    Scale,
    ScaleError,
    check_weight,
    parse_cas,
    parse_toledo,
)
from pos_client.devices.scale_sim import (
    ScaleSim,
    TcpScale,
    cas_frame,
    toledo_status,
    toledo_weight,
)

WAIT = 5.0


@pytest.fixture
def toledo() -> Iterator[tuple[ScaleSim, Scale]]:
    sim, path = ScaleSim.on_pty("toledo8217")
    sim.start()
    scale = Scale(path, "toledo8217", answer_timeout_s=1.0, settle_timeout_s=2.0).start()
    assert scale.line.connected.wait(WAIT)
    yield sim, scale
    assert scale.stop()
    sim.stop()


@pytest.fixture
def cas() -> Iterator[tuple[ScaleSim, Scale]]:
    sim, path = ScaleSim.on_pty("cas")
    sim.start()
    scale = Scale(path, "cas", answer_timeout_s=1.0, settle_timeout_s=2.0).start()
    assert scale.line.connected.wait(WAIT)
    yield sim, scale
    assert scale.stop()
    sim.stop()


def problem(scale: Scale) -> str:
    with pytest.raises(ScaleError) as caught:
        scale.read_weight()
    err = caught.value
    assert err.fa and err.en and err.fa != err.en
    return err.code


def test_toledo_status_bits_each_have_their_meaning() -> None:
    assert parse_toledo("01.234") is not None and parse_toledo("01.234").weight_milli == 1234
    assert parse_toledo("12345").weight_milli == 12345  # type: ignore[union-attr]
    assert parse_toledo("?" + chr(0x21)).problem == "moving"  # type: ignore[union-attr]
    assert parse_toledo("?" + chr(0x22)).problem == "overload"  # type: ignore[union-attr]
    assert parse_toledo("?" + chr(0x24)).problem == "under_zero"  # type: ignore[union-attr]
    assert parse_toledo("?" + chr(0x28)).problem == "not_zeroed"  # type: ignore[union-attr]
    assert parse_toledo("?" + chr(0x30)).weight_milli == 0  # type: ignore[union-attr]
    for bad in ("1.234", "01.2345", "?\x01", "?", "ab.cde", ""):
        assert parse_toledo(bad) is None


def test_cas_frames_parse_and_refuse() -> None:
    assert parse_cas("ST,GS,+  1.234kg").weight_milli == 1234  # type: ignore[union-attr]
    assert parse_cas("ST,NT,+001.50kg").weight_milli == 1500  # type: ignore[union-attr]
    assert parse_cas("US,GS,+  1.234kg").problem == "moving"  # type: ignore[union-attr]
    assert parse_cas("OL,GS,+  9.999kg").problem == "overload"  # type: ignore[union-attr]
    assert parse_cas("ST,GS,-  0.120kg").problem == "under_zero"  # type: ignore[union-attr]
    for bad in ("ST,GS,+  1.234lb", "XX,GS,+1.000kg", "ST,GS,1.000kg", "garbage"):
        assert parse_cas(bad) is None


def test_toledo_gives_a_stable_weight_on_request(toledo: tuple[ScaleSim, Scale]) -> None:
    sim, scale = toledo
    sim.answer(toledo_weight("01.235"))
    assert scale.read_weight() == 1235
    assert sim.requests >= 1


def test_toledo_waits_out_motion_then_takes_the_settled_weight(
        toledo: tuple[ScaleSim, Scale]) -> None:
    sim, scale = toledo
    sim.answer(toledo_status(0x01), toledo_status(0x01), toledo_weight("00.870"))
    assert scale.read_weight() == 870
    assert sim.requests == 3


@pytest.mark.parametrize(("answer", "code"), [
    (toledo_status(0x02), "scale_overload"), (toledo_status(0x04), "scale_under_zero"),
    (toledo_status(0x08), "scale_not_zeroed"), (toledo_weight("00.000"), "scale_zero"),
    (toledo_status(0x01), "scale_moving")])
def test_toledo_problems_give_their_own_message(toledo: tuple[ScaleSim, Scale],
                                                answer: bytes, code: str) -> None:
    sim, scale = toledo
    scale.settle_timeout_s = 0.6
    sim.answer(answer)
    assert problem(scale) == code


def test_toledo_noise_and_partial_answers_are_dropped(toledo: tuple[ScaleSim, Scale]) -> None:
    sim, scale = toledo
    drops: queue.Queue[str] = queue.Queue()
    scale.on_drop = drops.put
    sim.send_raw(b"\xff\x00\x13junk\r")  # line noise with no STX
    assert drops.get(timeout=WAIT) == "noise"
    sim.send_raw(b"\x02" + b"12.3")  # half an answer, never finished
    assert drops.get(timeout=WAIT) == "partial"
    sim.send_raw(b"\x15\x02" + b"99.9x9\r")  # STX after noise, but no weight
    assert drops.get(timeout=WAIT) == "garbled"
    sim.answer(b"\x00\x13" + toledo_weight("02.500"))  # noise then a good answer
    assert scale.read_weight() == 2500


def test_a_silent_scale_says_so(toledo: tuple[ScaleSim, Scale]) -> None:
    sim, scale = toledo
    scale.settle_timeout_s = 0.5
    sim.answer(b"")  # the scale hears W but says nothing
    assert problem(scale) == "scale_no_answer"


def test_cas_takes_only_a_stable_frame(cas: tuple[ScaleSim, Scale]) -> None:
    sim, scale = cas
    sim.answer(cas_frame("US", "+  0.400"), cas_frame("US", "+  0.410"),
               cas_frame("ST", "+  0.415"))
    assert scale.read_weight() == 415


@pytest.mark.parametrize(("frame", "code"), [
    (cas_frame("OL", "+ 99.999"), "scale_overload"),
    (cas_frame("ST", "-  0.020"), "scale_under_zero"),
    (cas_frame("ST", "+  0.000"), "scale_zero"),
    (cas_frame("US", "+  1.000"), "scale_moving")])
def test_cas_problems_give_their_own_message(cas: tuple[ScaleSim, Scale], frame: bytes,
                                             code: str) -> None:
    sim, scale = cas
    scale.settle_timeout_s = 0.5
    sim.answer(frame)
    assert problem(scale) == code


def test_cas_noise_and_half_frames_between_good_ones_are_dropped(
        cas: tuple[ScaleSim, Scale]) -> None:
    sim, scale = cas
    drops: queue.Queue[str] = queue.Queue()
    scale.on_drop = drops.put
    sim.answer(b"\xfe\xfe\r\n", b"ST,GS,+  1.2", b"34kg\x00\r\n", cas_frame("ST", "+  3.210"))
    assert scale.read_weight() == 3210
    reasons = {drops.get(timeout=WAIT), drops.get(timeout=WAIT)}
    assert reasons <= {"noise", "garbled"} and "noise" in reasons


@pytest.mark.parametrize("protocol", ["toledo8217", "cas"])
def test_the_scale_reconnects_after_being_unplugged(protocol: str) -> None:
    def weight(kg: str) -> bytes:
        return toledo_weight(kg) if protocol == "toledo8217" else cas_frame("ST", f"+ {kg}")

    device = TcpScale(protocol)
    device.answer(weight("01.000"))
    states: queue.Queue[bool] = queue.Queue()
    scale = Scale(device.url, protocol, answer_timeout_s=1.0, settle_timeout_s=2.0,
                  on_connected=states.put, retry_initial_s=0.05, retry_max_s=0.2).start()
    try:
        assert states.get(timeout=WAIT) is True
        assert scale.read_weight() == 1000
        device.unplug()
        assert states.get(timeout=WAIT) is False
        with pytest.raises(ScaleError) as caught:
            scale.read_weight()
        assert caught.value.code in ("scale_not_connected", "scale_no_answer")
        device.answer(weight("02.000"))
        device.plug()
        assert states.get(timeout=WAIT) is True
        assert device.connected.wait(WAIT)
        assert scale.read_weight() == 2000
    finally:
        assert scale.stop()
        device.unplug()


def test_a_weight_over_999_kg_or_missing_is_refused() -> None:
    from pos_client.devices.scale import WeightFrame
    with pytest.raises(ScaleError):
        check_weight(WeightFrame(999_001))
    with pytest.raises(ScaleError):
        check_weight(WeightFrame(None))
    assert check_weight(WeightFrame(999_000)) == 999_000


def test_loop_transport_carries_a_cas_stream() -> None:
    port = serial.serial_for_url("loop://", timeout=0.05)
    scale = Scale("loop://", "cas", opener=lambda: port, settle_timeout_s=2.0).start()
    done = threading.Event()

    def stream() -> None:  # a continuous scale: the same frame, over and over
        while not done.wait(0.02):
            port.write(cas_frame("ST", "+  0.505"))
    try:
        assert scale.line.connected.wait(WAIT)
        threading.Thread(target=stream, daemon=True).start()
        assert scale.read_weight() == 505
    finally:
        done.set()
        assert scale.stop()
