"""Who is at the counter: national code, bank card, one-time code.

Everything here is pure: normalise, check, hash (HMAC-SHA256 with the service's lookup
key, exactly as central-api.md), and mask. Clear identities never leave this module's
callers except as hashes and masks.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Literal

from .errors import InvalidCard, InvalidNationalCode, InvalidOneTimeCode
from .money import to_ascii_digits

# Spaces of every width, dashes and hyphens, zero-width and bidi marks a keyboard or a
# copy-paste may bring along: embeddings and overrides (U+202A-202E), isolates
# (U+2066-2069) and the Arabic letter mark (U+061C), which RTL apps put around numbers.
_IGNORED = re.compile(
    "[\\s\\-\u2010-\u2015\u2212\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    "\ufeff_.]"
)
_TRACK2 = re.compile(r";?(\d{12,19})=(\d{4})?[^?]*\??")

Kind = Literal["nid", "card", "code"]


def normalise_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; drop spaces, dashes, zero-width marks."""
    return _IGNORED.sub("", to_ascii_digits(text))


def national_code_checksum_ok(code: str) -> bool:
    """The checksum rule of DOMAIN.md on a 10-digit ASCII string."""
    s = sum(int(code[i]) * (10 - i) for i in range(9))
    r = s % 11
    check = int(code[9])
    return check == r if r < 2 else check == 11 - r


def national_code_check_digit(first_nine: str) -> int:
    """The check digit that completes ``first_nine`` to a valid code."""
    r = sum(int(first_nine[i]) * (10 - i) for i in range(9)) % 11
    return r if r < 2 else 11 - r


def parse_national_code(text: str) -> str:
    """A typed or scanned national code as 10 ASCII digits, or ``InvalidNationalCode``.

    Nine digits are padded with one zero; a code that starts with two zeros is typed in
    full (eight digits at the counter are a one-time code).

    The error's ``code`` names the rule that failed: ``nid_length``, ``nid_non_digit``,
    ``nid_checksum`` or ``nid_not_issued``.
    """
    code = normalise_digits(text)
    if code and (not code.isascii() or not code.isdigit()):
        raise InvalidNationalCode.from_code("nid_non_digit")
    if len(code) == 9:  # 8 digits are a one-time code, never a national code (DOMAIN.md)
        code = code.zfill(10)
    if len(code) != 10:
        raise InvalidNationalCode.from_code("nid_length")
    if not national_code_checksum_ok(code):
        raise InvalidNationalCode.from_code("nid_checksum")
    if len(set(code)) == 1:
        raise InvalidNationalCode.from_code("nid_not_issued")
    return code


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:  # pragma: no mutate (a doubled digit is even, never 9: >= is the same)
                d -= 9
        total += d  # pragma: no mutate (-total is a multiple of 10 exactly when total is)
    return total % 10 == 0


def luhn_check_digit(without_check: str) -> int:
    for d in range(10):  # pragma: no mutate (one of 0..9 always completes: 10 is never tried)
        if luhn_ok(without_check + str(d)):
            return d
    raise AssertionError("unreachable")


def parse_pan(text: str) -> str:
    """A typed card number (16 digits, Luhn-valid) as ASCII digits."""
    pan = normalise_digits(text)
    if not pan.isascii() or not pan.isdigit() or len(pan) != 16:
        raise InvalidCard.from_code("card_length")
    if not luhn_ok(pan):
        raise InvalidCard.from_code("card_checksum")
    return pan


def _track3_echoes(candidate: str, others: list[str]) -> bool:
    """Track 3 (ISO 4909) opens with a two-digit format code before the same PAN."""
    return any(len(candidate) == len(pan) + 2 and candidate.endswith(pan) for pan in others)


def parse_track2(raw: str) -> str:
    """The PAN out of a magnetic swipe's track 2 (``;PAN=YYMM...?``).

    Takes input with or without sentinels, with a trailing Enter, and with noise around
    it (track 1 before it, track 3 after it, stray characters). Two swipes run together,
    a reader's error frame (``;E?``), a frame without the ``=`` separator, or track 1
    alone are refused: the cashier swipes again.
    """
    found = [m[0] for m in _TRACK2.findall(to_ascii_digits(raw))]
    pans = [p for p in found if not _track3_echoes(p, found)]
    if len(pans) != 1:
        if not pans:
            raise InvalidCard.from_code("card_unreadable")
        raise InvalidCard.from_code("card_double_swipe")
    return parse_pan(pans[0])


def looks_like_swipe(text: str) -> bool:
    """A magnetic swipe: track 2 (``;PAN=...?``), track 1 alone (``%B...^...?``) or any
    frame between a start sentinel and ``?`` (a reader's ``;E?`` error frame, a frame
    whose separator is not ``=``). Each must be told to swipe again rather than be read
    as a mistyped national code."""
    stripped = text.strip()
    if stripped.startswith(("%B", "%b")) and "^" in stripped:
        return True
    if stripped[:1] in (";", "%") and stripped.endswith("?"):
        return True
    return "=" in text and (";" in text or "?" in text or len(normalise_digits(text)) > 16)


def parse_one_time_code(text: str) -> str:
    code = normalise_digits(text)
    if not code.isascii() or not code.isdigit() or len(code) != 8:
        raise InvalidOneTimeCode.from_code("otc_invalid")
    return code


@dataclass(frozen=True)
class Identifier:
    """A parsed identity: its kind, its clear value (kept only in memory) and mask."""

    kind: Kind
    value: str

    @property
    def masked(self) -> str:
        if self.kind == "nid":
            return mask_national_code(self.value)
        if self.kind == "card":
            return mask_pan(self.value)
        return "****" + self.value[-2:]

    def __repr__(self) -> str:  # never print the clear value
        return f"Identifier(kind={self.kind!r}, masked={self.masked!r})"


def parse_customer_input(text: str) -> Identifier:
    """What the cashier typed, scanned or swiped into the customer field.

    A swipe is a card; 16 digits a card number; 8 digits always a one-time code (even
    when they would make a valid national code padded with zeros: DOMAIN.md); anything
    else is read as a national code (9 or 10 digits).
    """
    if looks_like_swipe(text):
        return Identifier("card", parse_track2(text))
    digits = normalise_digits(text)
    if len(digits) == 16 and digits.isascii() and digits.isdigit():
        return Identifier("card", parse_pan(digits))
    if len(digits) == 8 and digits.isascii() and digits.isdigit():
        return Identifier("code", parse_one_time_code(digits))
    return Identifier("nid", parse_national_code(text))


@functools.lru_cache(maxsize=4)
def _keyed(lookup_key_hex: str) -> hmac.HMAC:
    """The HMAC state after the key, made once per key: each hash then only copies it."""
    return hmac.new(bytes.fromhex(lookup_key_hex), digestmod=hashlib.sha256)


def _hmac_hex(lookup_key_hex: str, message: str) -> str:
    keyed = _keyed(lookup_key_hex).copy()
    keyed.update(message.encode("ascii"))  # pragma: no mutate (codec names ignore case)
    return keyed.hexdigest()


def nid_hash(lookup_key_hex: str, national_code: str) -> str:
    return _hmac_hex(lookup_key_hex, "nid:" + national_code)


def card_hash(lookup_key_hex: str, pan: str) -> str:
    return _hmac_hex(lookup_key_hex, "pan:" + pan)


def identifier_hash(lookup_key_hex: str, ident: Identifier) -> str:
    if ident.kind == "nid":
        return nid_hash(lookup_key_hex, ident.value)
    if ident.kind == "card":
        return card_hash(lookup_key_hex, ident.value)
    raise ValueError("a one-time code is resolved online, never hashed")


def mask_national_code(code: str) -> str:
    return "******" + code[-4:]


def mask_pan(pan: str) -> str:
    """``6037-99**-****-1234``: BIN and last four only."""
    return f"{pan[:4]}-{pan[4:6]}**-****-{pan[-4:]}"
