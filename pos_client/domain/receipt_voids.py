"""A voided sale on paper: the void slip, and a reprint of a voided sale's receipt.

The void slip is what the customer (and the drawer's count) needs when a sale is voided:
the store and terminal, the receipt number voided, when, the coupon that goes back to the
household, and the customer's own money to hand back, by cash and by card. A reprint of a
voided sale is never an ordinary copy: it says VOIDED at the top and bottom, and the
coupon spent, the balance after and the approval code (what could pass for proof of a
purchase) are left out; the coupon shows as returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .dates import display_datetime
from .money import Unit
from .receipts import Block, DocBuilder, Pair, Qr, ReceiptDoc, StoreInfo, Text, in_language, label
from .sale import Sale

_LABELS: dict[str, tuple[str, str]] = {
    "void_title": ("رسید ابطال فروش", "Sale void slip"),
    "voided_banner": ("*** باطل شده ***", "*** VOIDED ***"),
    "voided_note": ("این فروش باطل شده است و رسید خرید نیست.",
                    "This sale was voided; this is not a proof of purchase."),
    "voided_receipt": ("شماره رسید باطل‌شده", "Receipt voided"),
    "voided_at": ("زمان ابطال", "Voided at"),
    "sold_at": ("زمان فروش", "Sold at"),
    "coupon_back": ("کالابرگ برگشتی به خانوار", "Coupon returned to the household"),
    "cash_back": ("نقد قابل استرداد به خریدار", "Cash to give back"),
    "card_back": ("استرداد به کارت بانکی", "Card refund to give back"),
    "card_ref": ("شماره پیگیری کارت", "Card reference"),
    "total_back": ("جمع استرداد به خریدار", "Total to give back"),
    "reason": ("دلیل", "Reason"),
    "manager": ("مدیر", "Manager"),
    "nothing_back": ("پولی برای استرداد نیست", "no money to give back"),
}


def void_label(key: str, language: str) -> str:
    return in_language(_LABELS[key], language)


@dataclass(frozen=True)
class VoidRefund:
    """What goes back when ``sale`` is voided: its coupon to the household, and the
    customer's own money (what the sale kept of it) by the way it was paid."""

    sale: Sale
    void_id: str
    voided_at: dt.datetime
    manager: str
    reason: str = ""
    # a card-paid sale: (fa, en) telling the cashier to refund it on the card reader
    card_notice: tuple[str, str] | None = None

    @property
    def coupon_rials(self) -> int:
        return self.sale.coupon_rials

    @property
    def cash_rials(self) -> int:
        """Cash the sale kept: what was handed over less the change given."""
        return self.sale.paid("cash")

    @property
    def card_rials(self) -> int:
        return self.sale.paid("card")

    @property
    def card_references(self) -> tuple[str, ...]:
        return tuple(p.reference for p in self.sale.payments if p.kind == "card"
                     and p.reference)

    @property
    def money_rials(self) -> int:
        return self.cash_rials + self.card_rials


def build_void_slip(refund: VoidRefund, store: StoreInfo, *, language: str = "fa",
                    unit: Unit = "rial") -> ReceiptDoc:
    """The slip printed when a sale is voided (kind ``void``); never opens the drawer."""
    b = DocBuilder(language, unit=unit)
    lang, sale = language, refund.sale
    b.header(store, refund.voided_at).rule().title(void_label("void_title", lang))
    b.pair(void_label("voided_receipt", lang), b.num(sale.receipt_no), bold=True)
    b.pair(void_label("sold_at", lang), display_datetime(sale.created_at, lang))
    b.pair(void_label("voided_at", lang), display_datetime(refund.voided_at, lang))
    b.money_pair("total", sale.total_rials).rule()
    b.pair(void_label("coupon_back", lang), b.money(refund.coupon_rials), bold=True)
    if refund.cash_rials:
        b.pair(void_label("cash_back", lang), b.money(refund.cash_rials), bold=True)
    if refund.card_rials:
        b.pair(void_label("card_back", lang), b.money(refund.card_rials), bold=True)
        for reference in refund.card_references:
            b.pair(void_label("card_ref", lang), b.num(reference))
        if refund.card_notice is not None:
            b.text(refund.card_notice[0] if lang == "fa" else refund.card_notice[1], "center")
    if refund.money_rials:
        b.pair(void_label("total_back", lang), b.money(refund.money_rials), bold=True)
    else:
        b.pair(void_label("total_back", lang), void_label("nothing_back", lang))
    b.rule()
    b.pair(label("cashier", lang), sale.cashier)
    b.pair(void_label("manager", lang), refund.manager)
    if refund.reason:
        b.pair(void_label("reason", lang), refund.reason)
    b.text(f"{label('txn', lang)}: {sale.txn_id}", "center")
    return b.build("void", txn_id=sale.txn_id, receipt_no=sale.receipt_no)


# Pairs of a sale receipt that would present a voided sale as a valid purchase.
_DROPPED = ("balance_before", "balance_after", "approval", "status")


def mark_voided(doc: ReceiptDoc, reprinted_at: dt.datetime | None = None) -> ReceiptDoc:
    """A voided sale's stored receipt as a reprint: VOIDED at the top and bottom, the
    coupon shown as returned, and no balance, approval code or QR code."""
    lang = doc.language
    dropped = {label(key, lang) for key in _DROPPED}
    coupon = label("coupon", lang)
    banner = Text(void_label("voided_banner", lang), "center", True, True)
    head: list[Block] = [banner, Text(void_label("voided_note", lang), "center", True)]
    if reprinted_at is not None:
        head.append(Pair(label("reprinted", lang), display_datetime(reprinted_at, lang)))
    kept: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Qr) or (isinstance(block, Pair) and block.label in dropped):
            continue
        if isinstance(block, Text) and block.text == label("thanks", lang):
            continue
        if isinstance(block, Pair) and block.label == coupon:
            block = Pair(void_label("coupon_back", lang), block.value, True)
        kept.append(block)
    blocks = (*head, *kept, Pair(label("status", lang), void_label("voided_banner", lang),
                                 True), banner)
    return replace(doc, blocks=blocks, copy=True, opens_drawer=False)
