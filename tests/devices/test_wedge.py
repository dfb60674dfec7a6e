"""Telling a wedge scan or swipe from typing, with synthetic key timestamps."""

from __future__ import annotations

from pos_client.devices.wedge import Scan, WedgeDetector


def type_keys(detector: WedgeDetector, text: str, *, start: float = 100.0,
              gap: float) -> list[Scan]:
    found = []
    for i, char in enumerate(text):
        scan = detector.feed(char, start + i * gap)
        if scan is not None:
            found.append(scan)
    return found


def test_a_fast_burst_ending_in_enter_is_a_barcode_scan() -> None:
    assert type_keys(WedgeDetector(), "6260100000014\r", gap=0.004) == [
        Scan("6260100000014", "barcode", 14)]


def test_a_magnetic_swipe_is_told_apart_from_a_barcode() -> None:
    [scan] = type_keys(WedgeDetector(), ";6037991234567893=2912101?\n", gap=0.002)
    assert scan.kind == "swipe"


def test_a_person_typing_the_same_digits_is_not_a_scan() -> None:
    assert type_keys(WedgeDetector(), "6260100000014\r", gap=0.150) == []


def test_a_short_fast_burst_is_typing_not_a_scan() -> None:
    assert type_keys(WedgeDetector(), "12\r", gap=0.005) == []


def test_slow_typing_followed_by_a_scan_reports_only_the_scanned_characters() -> None:
    detector = WedgeDetector()
    type_keys(detector, "ab", gap=0.3)
    scans = type_keys(detector, "6260100000014\r", start=200.0, gap=0.003)
    assert scans == [Scan("6260100000014", "barcode", 14)]


def test_a_pause_before_enter_means_the_person_pressed_it() -> None:
    detector = WedgeDetector()
    type_keys(detector, "6260100000014", gap=0.003)
    assert detector.feed("\r", 105.0) is None


def test_the_detector_says_when_keys_arrive_at_device_speed() -> None:
    detector = WedgeDetector()
    detector.feed("6", 1.000)
    assert not detector.in_burst
    detector.feed("2", 1.004)
    assert detector.in_burst
