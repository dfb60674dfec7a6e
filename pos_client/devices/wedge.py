"""Keyboard-wedge scanners and card readers: telling a scan from a person typing.

A wedge device types its frame as keystrokes much faster than any hand (a few ms apart)
and ends it with Enter. ``WedgeDetector`` is fed every key with its timestamp (the key
event's own time, so tests and replays are deterministic) and reports a ``Scan`` when
a fast burst of at least ``min_length`` characters ends in Enter. The window then takes
the burst's ``keys`` characters back out of whatever field had focus and routes the
scan: a barcode to the basket, a swipe to the customer field. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..domain.identity import looks_like_swipe

ENTER = ("\r", "\n")


@dataclass(frozen=True)
class Scan:
    """A burst from a device: its text (without Enter) and how many keys it took."""

    text: str
    kind: Literal["swipe", "barcode"]
    keys: int


@dataclass
class WedgeDetector:
    min_length: int = 6
    max_gap_s: float = 0.030
    _chars: list[str] = field(default_factory=list)
    _last: float | None = None

    def feed(self, char: str, timestamp_s: float) -> Scan | None:
        """One key: ``char`` (``"\\r"`` or ``"\\n"`` for Enter) at ``timestamp_s``."""
        fast = self._last is not None and timestamp_s - self._last <= self.max_gap_s
        self._last = timestamp_s
        if char in ENTER:
            burst = "".join(self._chars) if fast else ""
            self._chars.clear()
            if len(burst) >= self.min_length:
                kind: Literal["swipe", "barcode"] = (
                    "swipe" if looks_like_swipe(burst) else "barcode")
                return Scan(burst, kind, len(burst) + 1)
            return None
        if not fast:
            self._chars.clear()  # a slow key starts a new candidate burst
        self._chars.append(char)
        return None

    def reset(self) -> None:
        """Forget the keys so far (focus moved, a dialog opened)."""
        self._chars.clear()
        self._last = None

    @property
    def in_burst(self) -> bool:
        """Keys are arriving at device speed: the window may hold them back for now."""
        return len(self._chars) >= 2
