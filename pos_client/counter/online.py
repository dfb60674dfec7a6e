"""The counter's own online post of a sale, and what each kind of answer does.

A part of ``Counter`` (see ``pos_client.counter``). The sale's upload is leased to the
counter while this post is in flight (``store/outbox.py``): the forwarder leaves it alone
until the counter gives it an answer, releases it, or the lease runs out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from ..domain.errors import RuleViolation, UserFacingError
from ..domain.programme import check_offline
from ..domain.sale import Sale
from ..settings.config import Settings
from ..store import Store
from ..store.sale_rows import sale_request_body
from ..sync.engine import SyncEngine
from ..sync.errors import DEFINITE_REFUSAL, OUTCOME_UNKNOWN, Refused, TerminalBlocked
from .checkout import (
    HouseholdView,
    Mode,
    SplitChanged,
    exposure_without,
    offline_code_error,
)

log = logging.getLogger(__name__)
SALE_CONNECT_TIMEOUT_S = 2.0
LEASE_MARGIN_S = 30.0


class OnlineAuthorisation:
    settings: Settings
    store: Store
    api: Any
    engine: SyncEngine | None
    clock: Callable[[], dt.datetime]
    language: str
    _offline_seen_at: dt.datetime | None

    def refresh(self, household: HouseholdView) -> HouseholdView:
        raise NotImplementedError

    def _settle_pending(self) -> None:
        raise NotImplementedError

    def _lease_s(self) -> float:
        """How long the counter owns its online post's upload: the post's own timeouts
        and a margin. The forwarder takes the upload over only after that (a crash)."""
        return SALE_CONNECT_TIMEOUT_S + self.settings.central.timeout_s + LEASE_MARGIN_S

    def _check_offline_limits(self, household: HouseholdView | None, coupon: int, *,
                              already_recorded: bool) -> None:
        programme = self.store.programme()
        if programme is None or household is None:
            raise RuleViolation.from_code("rule_violation")
        exposure = self.store.offline_exposure(household.key)
        if already_recorded:
            exposure = exposure_without(exposure, coupon)
        check_offline(programme.offline, coupon, exposure, language=self.language)

    def _authorise(self, sale: Sale, household: HouseholdView | None) -> tuple[Sale, Mode]:
        body = sale_request_body(sale)
        if household is not None and household.code:
            body["code"] = household.code
        assert self.api is not None
        timeout = (SALE_CONNECT_TIMEOUT_S, self.settings.central.timeout_s)
        try:
            result = self.api.post_sale(body, timeout=timeout)
        except DEFINITE_REFUSAL as exc:
            self.store.decline_sale(sale.txn_id, exc.code, cancel_on_server=False)
            if isinstance(exc, TerminalBlocked) and self.engine is not None:
                with contextlib.suppress(UserFacingError):
                    self.engine.ping()  # keeps the store's blocked status for the window
            self._refused(exc, household)
            raise
        except OUTCOME_UNKNOWN as exc:
            self._offline_seen_at = self.clock()
            log.info("sale %s: outcome unknown (%s); standing in offline", sale.receipt_no,
                     exc.code)
            try:
                if household is not None and household.code:
                    raise offline_code_error() from exc
                self._check_offline_limits(household, sale.coupon_rials, already_recorded=True)
            except UserFacingError:
                declined = self.store.decline_sale(sale.txn_id, "offline_limit",
                                                   cancel_on_server=True)
                if declined.status == "approved":  # the forwarder got its answer first
                    return declined, "online"  # (only after a lease ran out)
                raise
            self.store.release_lease(sale.txn_id, f"{exc.code}: {exc.detail}", self.clock())
            return sale, "offline"
        self._offline_seen_at = None
        approved = self.store.mark_sale_result(sale.txn_id, result["status"],
                                               result["approval_code"], result["household"],
                                               result["error"])
        self._settle_after_own_post()
        return approved, "online"

    def _settle_after_own_post(self) -> None:
        """A pending Z may have waited for just this sale: the forwarder, having nothing
        to send, would not look again until some unrelated upload."""
        try:
            self._settle_pending()
        except UserFacingError as exc:
            log.info("a pending Z could not be settled yet: %s", exc.code)

    def _refused(self, exc: UserFacingError, household: HouseholdView | None) -> None:
        if isinstance(exc, Refused) and exc.code == "insufficient_balance" and \
                exc.household is not None and household is not None:
            self.store.upsert_household(exc.household)
            raise SplitChanged(self.refresh(household), exc.fa, exc.en) from exc

