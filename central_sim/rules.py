"""The programme's rules as the service applies them: rounds, windows, caps, arithmetic."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Window:
    """A purchase window: the households of the listed deciles, or of the listed last
    digits of the head's national code. A window may list both; then either admits."""

    start: date
    end: date
    deciles: tuple[int, ...] | None = None
    nid_last_digits: tuple[int, ...] | None = None

    def admits(self, day: date, decile: int, last_digit: int) -> bool:
        return self.start <= day <= self.end and (
            (self.deciles is not None and decile in self.deciles)
            or (self.nid_last_digits is not None and last_digit in self.nid_last_digits))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.deciles is not None:
            out["deciles"] = list(self.deciles)
        if self.nid_last_digits is not None:
            out["nid_last_digits"] = list(self.nid_last_digits)
        return out

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Window:
        deciles, digits = doc.get("deciles"), doc.get("nid_last_digits")
        return cls(date.fromisoformat(doc["from"]), date.fromisoformat(doc["to"]),
                   None if deciles is None else tuple(deciles),
                   None if digits is None else tuple(digits))


@dataclass(frozen=True)
class Round:
    id: str
    title: str
    starts_on: date
    ends_on: date
    copay_rials: int
    caps: tuple[tuple[date, int], ...]
    windows: tuple[Window, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title,
            "starts_on": self.starts_on.isoformat(), "ends_on": self.ends_on.isoformat(),
            "copay_rials": self.copay_rials,
            "cumulative_caps": [{"from": d.isoformat(), "per_member_rials": v} for d, v in self.caps],
            "windows": [w.to_json() for w in self.windows],
        }

    @classmethod
    def from_row(cls, row: Any) -> Round:
        rid, title, starts, ends, copay, caps_json, windows_json = row
        caps = tuple((date.fromisoformat(c["from"]), int(c["per_member_rials"]))
                     for c in json.loads(caps_json))
        windows = tuple(Window.from_json(w) for w in json.loads(windows_json))
        return cls(rid, title, date.fromisoformat(starts), date.fromisoformat(ends), int(copay),
                   caps, windows)

    def to_row(self) -> tuple[Any, ...]:
        data = self.to_json()
        return (self.id, self.title, data["starts_on"], data["ends_on"], self.copay_rials,
                json.dumps(data["cumulative_caps"]), json.dumps(data["windows"]))

    def is_running(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def cap_per_member(self, day: date) -> int | None:
        """The cumulative cap on ``day``: the last entry from on or before it (None: no cap)."""
        if not self.caps:
            return None
        applicable = [value for start, value in sorted(self.caps) if start <= day]
        return applicable[-1] if applicable else 0

    def window_open(self, day: date, decile: int, last_digit: int) -> bool:
        if not self.is_running(day):
            return False
        if not self.windows:
            return True
        return any(w.admits(day, decile, last_digit) for w in self.windows)


def spendable(rnd: Round, day: date, *, members: int, balance: int, spent: int) -> int:
    cap = rnd.cap_per_member(day)
    if cap is None:
        return max(0, balance)
    return max(0, min(balance, members * cap - spent))


def can_buy_on(rnd: Round, day: date, *, decile: int, last_digit: int, members: int,
               balance: int, spent: int, status: str) -> bool:
    return (status == "active" and rnd.window_open(day, decile, last_digit)
            and spendable(rnd, day, members=members, balance=balance, spent=spent) > 0)


def line_amount(unit_price_rials: int, qty_milli: int) -> int:
    """``unit_price * qty_milli / 1000`` rounded half-up to the rial (both non-negative)."""
    return (unit_price_rials * qty_milli * 2 + 1000) // 2000


def split_largest_remainder(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split ``total`` over ``weights`` in whole units by the largest remainder.

    Each part is floor(total * w / sum); the units left go one each to the largest
    remainders, ties to the key that sorts first. The parts add up to ``total`` exactly.
    """
    positive = {k: w for k, w in weights.items() if w > 0}
    weight_sum = sum(positive.values())
    if total == 0 or weight_sum == 0:
        return {k: 0 for k in positive} if positive else {}
    parts: dict[str, int] = {}
    remainders: list[tuple[int, str]] = []
    for key, weight in positive.items():
        quotient, remainder = divmod(total * weight, weight_sum)
        parts[key] = quotient
        remainders.append((remainder, key))
    left = total - sum(parts.values())
    for _, key in sorted(remainders, key=lambda item: (-item[0], item[1]))[:left]:
        parts[key] += 1
    return parts
