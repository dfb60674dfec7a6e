"""The programme's rules as the service applies them: rounds, windows, caps, arithmetic."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Round:
    id: str
    title: str
    starts_on: date
    ends_on: date
    copay_rials: int
    caps: tuple[tuple[date, int], ...]
    # (from, to, "deciles" | "nid_last_digits", values)
    windows: tuple[tuple[date, date, str, tuple[int, ...]], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title,
            "starts_on": self.starts_on.isoformat(), "ends_on": self.ends_on.isoformat(),
            "copay_rials": self.copay_rials,
            "cumulative_caps": [{"from": d.isoformat(), "per_member_rials": v} for d, v in self.caps],
            "windows": [{"from": f.isoformat(), "to": t.isoformat(), kind: list(values)}
                        for f, t, kind, values in self.windows],
        }

    @classmethod
    def from_row(cls, row: Any) -> Round:
        rid, title, starts, ends, copay, caps_json, windows_json = row
        caps = tuple((date.fromisoformat(c["from"]), int(c["per_member_rials"]))
                     for c in json.loads(caps_json))
        windows = []
        for w in json.loads(windows_json):
            kind = "deciles" if "deciles" in w else "nid_last_digits"
            windows.append((date.fromisoformat(w["from"]), date.fromisoformat(w["to"]), kind,
                            tuple(w[kind])))
        return cls(rid, title, date.fromisoformat(starts), date.fromisoformat(ends), int(copay),
                   caps, tuple(windows))

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
        for start, end, kind, values in self.windows:
            if start <= day <= end:
                value = decile if kind == "deciles" else last_digit
                if value in values:
                    return True
        return False


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
