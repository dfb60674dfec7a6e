"""Hold and recall at the counter: a basket set aside (say, while its customer fetches a
one-time code from the app) so the next customer can be served, then brought back.

``HeldActions`` is a part of ``Counter``. Held baskets live in the database, so they
survive a restart; the Z clears them with ``clear_held_baskets`` (noted in the audit log).
A held basket keeps its lines only: the household is identified again on recall.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..domain.basket import Line
from ..domain.errors import RuleViolation
from ..domain.money import line_amount
from ..store import Store, User
from ..store.held import HeldBasket


class HeldActions:
    store: Store
    _user: User | None

    def hold_basket(self, lines: Sequence[Line], masked: str = "") -> HeldBasket:
        """*Blocking.* Set ``lines`` aside; ``masked`` is the identity shown, if any."""
        if not lines:
            raise RuleViolation.from_code("empty:basket_nothing")
        cashier = self._user.name if self._user is not None else ""
        total = sum(line_amount(line.unit_price_rials, line.qty_milli) for line in lines)
        return self.store.hold_basket(cashier, [dataclasses.asdict(line) for line in lines],
                                      total, masked)

    def held_baskets(self) -> list[HeldBasket]:
        """*Blocking.* The held baskets, the newest first."""
        return self.store.held_baskets()

    def recall_basket(self, held_id: int) -> list[Line]:
        """*Blocking.* Take a held basket back: its lines, to sell now."""
        held = self.store.take_held_basket(held_id)
        return [Line(**line) for line in held.lines]

    def clear_held_baskets(self, who: str) -> int:
        """*Blocking.* The Z's hook: drop every held basket, noted in the audit log."""
        return self.store.clear_held_baskets(who)
