"""The counter's use-cases: identify a household, quote, complete, void, reprint.

``Counter`` (in ``pos_client.counter``) is the one object the window talks to. Every
method is one use-case; those that may block (the network, the printer, the database) are
documented as such and the window runs them off its GUI thread. Results come back as return values; what happens
later (online/offline, unsent count, printing) comes as ``CounterEvent`` to subscribers,
from whatever thread it happened on.

How a coupon sale completes (no crash can lose it, no retry can double it):
1. the sale is recorded as ``pending`` with its outbox row, in one transaction;
2. believed online: it is posted at once with a short timeout. Approved: the approval and
   the household's new balance are stored. A definite refusal: the attempt is declined
   (kept in the journal, never counted as a sale) and the cashier re-splits. An unknown
   outcome (timeout, drop, 5xx, an unreadable answer): the sale stands in offline when within the programme's
   offline limits and is forwarded later with the same ``txn_id`` and body; beyond a limit
   it is declined and a cancellation is queued in case the service did apply it;
3. believed offline: the offline limits are checked first, and the sale is recorded as an
   offline stand-in for the forwarder to batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..domain.basket import Line, Split, compute_split
from ..domain.errors import AuthError, InvalidInput, NotFound, RuleViolation, Texts, texts
from ..domain.identity import (
    Identifier,
    identifier_hash,
    normalise_digits,
    parse_customer_input,
)
from ..domain.programme import (
    OfflineExposure,
    Programme,
    WindowDecision,
    spendable,
    window_decision,
)
from ..domain.receipts import ReceiptDoc, StoreInfo, build_sale_receipt, window_text
from ..domain.sale import Payment, Sale, SaleLine
from ..store import Household, Store, User

log = logging.getLogger(__name__)
Mode = Literal["online", "offline", "no_coupon"]


@dataclass(frozen=True)
class HouseholdView:
    """What the cashier sees of an identified household; no identity in clear."""

    key: str
    kind: Literal["nid", "card", "code"]
    masked: str
    members: int
    decile: int
    balance_rials: int
    spendable_rials: int
    window: WindowDecision
    blocked: bool
    can_use_coupon: bool
    reason_fa: str
    reason_en: str
    copay_rials: int
    round_id: str | None
    code: str | None = field(default=None, repr=False)  # a one-time code, memory only

    def reason(self, language: str) -> str:
        return self.reason_fa if language == "fa" else self.reason_en


@dataclass(frozen=True)
class PaymentChoice:
    kind: Literal["cash", "card"]
    tendered_rials: int | None = None  # cash handed over; None means exact
    card_reference: str = ""
    card_order_id: str = ""  # a payment through the card reader (pos_client.counter.card_payment)


@dataclass(frozen=True)
class SaleOutcome:
    sale: Sale
    mode: Mode
    message_fa: str
    message_en: str
    receipt: ReceiptDoc

    def message(self, language: str) -> str:
        return self.message_fa if language == "fa" else self.message_en


class SplitChanged(RuleViolation):
    """The service's balance differs from the cache: the split was redone; show it."""

    code = "split_changed"

    def __init__(self, household: HouseholdView, fa: str, en: str) -> None:
        super().__init__(fa, en, code="split_changed")
        self.household = household


def household_view(household: Household, ident_kind: Literal["nid", "card", "code"],
                   masked: str, programme: Programme | None, today: dt.date, *,
                   terminal_blocked: bool = False, code: str | None = None) -> HouseholdView:
    """The household as the counter shows it on ``today``: spendable, window, why not."""
    rnd = programme.round(household.round_id) if programme and household.round_id else None
    decision = window_decision(rnd, household.decile, household.nid_last_digit, today)
    cap = rnd.cap_per_member(today) if rnd else None
    spend = spendable(household.balance_rials, household.members,
                      household.spent_in_round_rials, cap) if rnd else 0
    blocked = household.status == "blocked"
    if blocked:
        fa, en = texts("household_blocked:reason")
    elif terminal_blocked:
        fa, en = texts("terminal_blocked:reason")
    elif not decision.open:
        fa, en = texts("outside_window:reason", window=Texts(window_text(decision, "fa"),
                                                             window_text(decision, "en")))
    elif spend <= 0:
        fa, en = texts("nothing_to_spend")
    else:
        fa = en = ""
    can_use = not fa
    return HouseholdView(
        key=household.key, kind=ident_kind, masked=masked, members=household.members,
        decile=household.decile, balance_rials=household.balance_rials,
        spendable_rials=spend if can_use else 0, window=decision, blocked=blocked,
        can_use_coupon=can_use, reason_fa=fa, reason_en=en,
        copay_rials=rnd.copay_rials if rnd else 0, round_id=household.round_id, code=code)


def quote(lines: Sequence[Line], household: HouseholdView | None,
          coupon_limit_rials: int | None = None) -> Split:
    """The live split of a basket for a household (or none: everything by other means)."""
    if household is None or not household.can_use_coupon:
        return compute_split(list(lines), spendable_rials=0, round_copay_rials=0)
    return compute_split(list(lines), spendable_rials=household.spendable_rials,
                         round_copay_rials=household.copay_rials,
                         coupon_limit_rials=coupon_limit_rials)


def payments_for(split: Split, choice: PaymentChoice) -> tuple[Payment, ...]:
    """Coupon, then the remainder in cash (with change) or by card (with its reference)."""
    out: list[Payment] = []
    if split.coupon_rials:
        out.append(Payment("coupon", split.coupon_rials))
    rest = split.remainder_rials
    if choice.kind == "cash":
        tendered = rest if choice.tendered_rials is None else choice.tendered_rials
        if tendered < rest:
            raise InvalidInput.from_code("tender_short")
        if rest or tendered:
            out.append(Payment("cash", rest, tendered_rials=tendered,
                               change_rials=tendered - rest))
    else:
        reference = normalise_digits(choice.card_reference)
        if rest and not (reference.isascii() and reference.isalnum() and 4 <= len(reference) <= 32):
            raise InvalidInput.from_code("card_reference_invalid")
        if rest:
            out.append(Payment("card", rest, reference=reference))
    return tuple(out)


def sale_lines(lines: Sequence[Line]) -> tuple[SaleLine, ...]:
    return tuple(SaleLine(gtin=line.gtin, name=line.name, qty_milli=line.qty_milli,
                          unit_price_rials=line.unit_price_rials, amount_rials=line.amount_rials,
                          group=line.coupon_group, weighed=line.weighed,
                          exclusion=line.exclusion, weight_source=line.weight_source)
                 for line in lines)


def resolve_identity(text: str, store: Store, lookup_key: str) -> tuple[Identifier,
                                                                         Household | None]:
    """Parse what was typed, scanned or swiped and find it in the cache.

    Eight digits are always a one-time code (DOMAIN.md), resolved online by the caller.
    """
    ident = parse_customer_input(text)
    if ident.kind == "code":
        return ident, None
    found = (store.household_by_nid_hash(identifier_hash(lookup_key, ident))
             if ident.kind == "nid" else
             store.household_by_card_hash(identifier_hash(lookup_key, ident)))
    return ident, found


def require(user: User | None, role: str = "cashier") -> User:
    if user is None:
        raise AuthError.from_code("login_required")
    if role == "manager" and user.role != "manager":
        raise AuthError.from_code("manager_required:manager")
    return user


def unknown_household() -> NotFound:
    return NotFound.from_code("household_unknown:local")


def offline_code_error() -> RuleViolation:
    return RuleViolation.from_code("code_needs_network")


def build_sale(*, lines: Sequence[Line], split: Split, payments: tuple[Payment, ...],
               household: HouseholdView | None, terminal_id: str, cashier: str,
               business_date: dt.date, now: dt.datetime, offline: bool,
               voided_lines: Sequence[Line] = ()) -> Sale:
    coupon = split.coupon_rials
    return Sale(
        txn_id=str(uuid.uuid4()), receipt_no="", created_at=now, business_date=business_date,
        terminal_id=terminal_id, cashier=cashier, lines=sale_lines(lines),
        total_rials=split.total_rials, eligible_rials=split.eligible_rials,
        copay_rials=split.copay_rials, coupon_rials=coupon, payments=payments,
        status="pending" if coupon else "no_coupon", offline=offline and coupon > 0,
        household_key=household.key if household else None,
        identified_by=household.kind if household else None,
        masked_identifier=household.masked if household else "",
        round_id=household.round_id if household else None,
        balance_before_rials=household.balance_rials if household else None,
        balance_after_rials=(household.balance_rials - coupon) if household else None,
        voided_lines=sale_lines(voided_lines),
        max_coupon_rials=split.max_coupon_rials if split.max_coupon_rials else None)


def outcome(sale: Sale, store_info: StoreInfo, language: str, unit: Literal["rial", "toman"],
            mode: Mode) -> SaleOutcome:
    receipt = build_sale_receipt(sale, store_info, language=language, unit=unit)
    texts = {
        "online": ("فروش ثبت و کالابرگ تأیید شد. رسید چاپ می‌شود.",
                   "Sale recorded and the coupon approved. Printing the receipt."),
        "offline": ("سامانه در دسترس نیست؛ فروش آفلاین ثبت شد و بعداً ارسال می‌شود.",
                    "The service is unreachable; the sale was recorded offline and will be "
                    "sent later."),
        "no_coupon": ("فروش ثبت شد. رسید چاپ می‌شود.", "Sale recorded. Printing the receipt."),
    }
    fa, en = texts[mode]
    return SaleOutcome(sale, mode, fa, en, receipt)


def exposure_without(exposure: OfflineExposure, coupon: int) -> OfflineExposure:
    return dataclasses.replace(
        exposure, household_unsent_rials=exposure.household_unsent_rials - coupon,
        terminal_unsent_rials=exposure.terminal_unsent_rials - coupon)
