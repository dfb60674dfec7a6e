"""A sale (or a balance, a test page, a report) as a device-neutral receipt document.

The document is a list of plain blocks (text, label/value pairs, basket items, tables,
rules, a QR code) with every string already formatted for its language: Persian digits
and right-to-left for ``fa``, ASCII digits for ``en``. The store keeps each sale's
document as JSON (``to_json``) so that a reprint is the exact receipt, marked as a copy
(``mark_copy``). ``pos_client.devices.receipt_image`` turns a document into a bitmap.

Identities appear masked only: a value that looks like a clear national code or card
number is masked again before it reaches a document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from .dates import display_date, display_datetime
from .money import Unit, format_amount, format_qty, to_persian_digits
from .programme import WindowDecision
from .sale import Sale, SaleLine

FORMAT_VERSION = 1
QR_PREFIX = "KALABARG"
MARK_ELIGIBLE = "✓"
MARK_NOT_ELIGIBLE = "✗"

Align = Literal["start", "center", "end"]
DocKind = Literal["sale", "balance", "test", "report", "void"]


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "start"
    bold: bool = False
    large: bool = False
    type: Literal["text"] = "text"


@dataclass(frozen=True)
class Pair:
    """A label at the start side and its value at the end side of one row."""

    label: str
    value: str
    bold: bool = False
    type: Literal["pair"] = "pair"


@dataclass(frozen=True)
class Item:
    """A basket line: ``mark`` is ✓ (on the coupon) or ✗ (paid by other means)."""

    name: str
    qty: str
    unit_price: str
    amount: str
    mark: str
    type: Literal["item"] = "item"


@dataclass(frozen=True)
class Table:
    """Report rows; the first column wraps, the others keep to their content."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    type: Literal["table"] = "table"


@dataclass(frozen=True)
class Rule:
    type: Literal["rule"] = "rule"


@dataclass(frozen=True)
class Qr:
    payload: str
    type: Literal["qr"] = "qr"


Block = Text | Pair | Item | Table | Rule | Qr
_BLOCK_TYPES: dict[str, type[Any]] = {
    "text": Text, "pair": Pair, "item": Item, "table": Table, "rule": Rule, "qr": Qr}


@dataclass(frozen=True)
class ReceiptDoc:
    kind: DocKind
    language: str
    blocks: tuple[Block, ...]
    copy: bool = False
    opens_drawer: bool = False  # a cash sale's first print; never a copy
    txn_id: str = ""
    receipt_no: str = ""
    version: int = FORMAT_VERSION

    @property
    def rtl(self) -> bool:
        return self.language == "fa"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ReceiptDoc:
        raw = json.loads(text)
        if raw.get("version") != FORMAT_VERSION:
            raise ValueError(f"unknown receipt document version {raw.get('version')!r}")
        blocks: list[Block] = []
        for item in raw.pop("blocks"):
            block_type = _BLOCK_TYPES[item["type"]]
            if block_type is Table:
                item = {**item, "columns": tuple(item["columns"]),
                        "rows": tuple(tuple(row) for row in item["rows"])}
            blocks.append(block_type(**item))
        return cls(blocks=tuple(blocks), **raw)

    def texts(self) -> list[str]:
        """Every string printed, in order (for tests, search and the screen reader)."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Text):
                out.append(block.text)
            elif isinstance(block, Pair):
                out += [block.label, block.value]
            elif isinstance(block, Item):
                out += [block.mark, block.name, block.qty, block.unit_price, block.amount]
            elif isinstance(block, Table):
                out += list(block.columns) + [cell for row in block.rows for cell in row]
        return out


@dataclass(frozen=True)
class StoreInfo:
    name: str
    code: str
    terminal_id: str


_LABELS: dict[str, tuple[str, str]] = {
    "programme": ("کالابرگ الکترونیکی", "Kalabarg electronic coupon"),
    "store_code": ("کد فروشگاه", "Store code"),
    "terminal": ("پایانه", "Terminal"),
    "receipt_no": ("شماره رسید", "Receipt no."),
    "date": ("تاریخ", "Date"),
    "time": ("ساعت", "Time"),
    "cashier": ("صندوقدار", "Cashier"),
    "legend_yes": ("✓ مشمول کالابرگ", "✓ on the coupon"),
    "legend_no": ("✗ پرداخت از محل دیگر", "✗ paid by other means"),
    "total": ("جمع کل", "Total"),
    "eligible": ("جمع کالاهای مشمول", "Eligible total"),
    "copay": ("سهم خریدار از کالاهای مشمول", "Copay (part of the price)"),
    "coupon": ("پرداخت از کالابرگ", "Paid by coupon"),
    "remainder": ("مانده قابل پرداخت", "Remainder"),
    "cash": ("نقد", "Cash"),
    "card": ("کارت بانکی", "Bank card"),
    "card_ref": ("شماره پیگیری کارت", "Card reference"),
    "card_masked": ("شماره کارت", "Card"),
    "card_rrn": ("شماره مرجع", "RRN"),
    "card_trace": ("شماره پیگیری", "Trace"),
    "tendered": ("دریافتی", "Tendered"),
    "change": ("مبلغ برگشتی", "Change"),
    "balance_before": ("اعتبار پیش از خرید", "Balance before"),
    "balance_after": ("اعتبار پس از خرید", "Balance after"),
    "identifier": ("شناسه خریدار", "Customer"),
    "approval": ("کد تأیید", "Approval code"),
    "status": ("وضعیت", "Status"),
    "offline_pending": ("آفلاین - در انتظار تأیید", "offline - pending"),
    "rejected": ("رد شده", "rejected"),
    "no_coupon": ("بدون کالابرگ", "no coupon"),
    "txn": ("شناسه تراکنش", "Transaction"),
    "copy": ("*** المثنی ***", "*** COPY ***"),
    "reprinted": ("چاپ مجدد", "Reprinted"),
    "thanks": ("سپاس از خرید شما", "Thank you"),
    "balance_title": ("اعلام اعتبار (بدون خرید)", "Balance enquiry (no sale)"),
    "spendable": ("قابل خرید امروز", "Spendable today"),
    "balance": ("اعتبار", "Balance"),
    "window": ("نوبت خرید", "Purchase window"),
    "test_title": ("چاپ آزمایشی", "Test receipt"),
    "test_line": ("برنج ایرانی طارم هاشمی درجه یک بسته‌بندی ده کیلوگرمی",
                  "Premium Iranian Tarom Hashemi rice, ten kilogram family pack"),
    "test_ok": ("اگر این متن خوانا و راست‌چین است، چاپگر آماده است.",
                "If this text is readable, the printer is ready."),
    "kg": ("کیلو", "kg"),
    "typed_weight": ("(دستی)", "(typed)"),
    "paper": ("عرض کاغذ (نقطه)", "Paper width (dots)"),
}
_WINDOW_TEXT: dict[str, tuple[str, str]] = {
    "open": ("باز است", "open"),
    "round_not_started": ("هنوز آغاز نشده", "not started yet"),
    "not_yet": ("هنوز نوبت خانوار نرسیده", "not this household's turn yet"),
    "round_closed": ("دوره بسته شده", "the round is closed"),
    "window_over": ("نوبت خانوار گذشته", "this household's turn is over"),
    "no_round": ("دوره فعالی نیست", "no active round"),
}


def in_language(pair: tuple[str, str], language: str) -> str:
    """A (Persian, English) label of a printed document in its language."""
    return pair[0] if language == "fa" else pair[1]


def label(key: str, language: str) -> str:
    return in_language(_LABELS[key], language)


class DocBuilder:
    """Blocks in a document's language; used by the receipt, slip and report builders."""

    def __init__(self, language: str = "fa", *, unit: Unit = "rial") -> None:
        self.language = language
        self.unit: Unit = unit
        self.blocks: list[Block] = []

    def num(self, text: str | int) -> str:
        """ASCII digits in ``text`` as the document shows them (Persian in ``fa``)."""
        return to_persian_digits(str(text)) if self.language == "fa" else str(text)

    def money(self, rials: int, *, with_unit: bool = True) -> str:
        digits: Literal["fa", "en"] = "fa" if self.language == "fa" else "en"
        return format_amount(rials, digits=digits, unit=self.unit, with_unit=with_unit,
                             language=self.language)

    def text(self, text: str, align: Align = "start", *, bold: bool = False,
             large: bool = False) -> DocBuilder:
        self.blocks.append(Text(text, align, bold, large))
        return self

    def title(self, text: str) -> DocBuilder:
        return self.text(text, "center", bold=True, large=True)

    def pair(self, label_text: str, value: str, *, bold: bool = False) -> DocBuilder:
        self.blocks.append(Pair(label_text, value, bold))
        return self

    def money_pair(self, key: str, rials: int, *, bold: bool = False) -> DocBuilder:
        return self.pair(label(key, self.language), self.money(rials), bold=bold)

    def rule(self) -> DocBuilder:
        self.blocks.append(Rule())
        return self

    def table(self, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> DocBuilder:
        self.blocks.append(Table(tuple(columns), tuple(tuple(r) for r in rows)))
        return self

    def qr(self, payload: str) -> DocBuilder:
        self.blocks.append(Qr(payload))
        return self

    def header(self, store: StoreInfo, moment: dt.datetime) -> DocBuilder:
        lang = self.language
        self.title(store.name).text(label("programme", lang), "center")
        self.pair(label("store_code", lang), self.num(store.code))
        self.pair(label("terminal", lang), self.num(store.terminal_id))
        date_text, _, time_text = display_datetime(moment, lang).partition(" ")
        self.pair(label("date", lang), date_text).pair(label("time", lang), time_text)
        return self

    def build(self, kind: DocKind, **meta: Any) -> ReceiptDoc:
        return ReceiptDoc(kind=kind, language=self.language, blocks=tuple(self.blocks), **meta)


_CLEAR_IDENTITY = re.compile(r"\d{8,}")


def safe_mask(masked: str) -> str:
    """``masked`` if it is a mask; anything with a run of 8+ digits is masked again."""
    compact = re.sub(r"[\s-]", "", masked)
    if _CLEAR_IDENTITY.search(compact):
        return "******" + compact[-4:]
    return masked


def qr_payload(txn_id: str, receipt_no: str, approval_code: str | None,
               terminal_id: str = "") -> str:
    """``KALABARG|1|txn|receipt|approval|terminal`` (approval ``PENDING`` while offline)."""
    fields = (txn_id, receipt_no, approval_code or "PENDING", terminal_id)
    return "|".join([QR_PREFIX, str(FORMAT_VERSION), *(f.replace("|", "/") for f in fields)])


def parse_qr_payload(payload: str) -> dict[str, str]:
    parts = payload.split("|")
    if len(parts) != 6 or parts[0] != QR_PREFIX or parts[1] != str(FORMAT_VERSION):
        raise ValueError("not a Kalabarg receipt QR code")
    return dict(zip(("txn_id", "receipt_no", "approval_code", "terminal_id"), parts[2:],
                    strict=True))


def _item(b: DocBuilder, line: SaleLine) -> Item:
    digits: Literal["fa", "en"] = "fa" if b.language == "fa" else "en"
    qty = format_qty(line.qty_milli, weighed=line.weighed, digits=digits)
    if line.weighed:
        qty = f"{qty} {label('kg', b.language)}"
        if line.weight_source == "typed":  # weighed by hand, not by the scale: say so
            qty = f"{qty} {label('typed_weight', b.language)}"
    unit_price = b.money(line.unit_price_rials, with_unit=False)
    mark = MARK_ELIGIBLE if line.group is not None else MARK_NOT_ELIGIBLE
    return Item(line.name, qty, unit_price, b.money(line.amount_rials), mark)


def _reader_payment(b: DocBuilder, extra: dict[str, str]) -> None:
    """The card reader's record: masked card, RRN and trace (never the card in clear)."""
    if extra.get("card_masked"):
        b.pair(label("card_masked", b.language), b.num(safe_mask(extra["card_masked"])))
    for key in ("card_rrn", "card_trace"):
        if extra.get(key):
            b.pair(label(key, b.language), b.num(extra[key]))


def _payments(b: DocBuilder, sale: Sale) -> None:
    lang = b.language
    for payment in sale.payments:
        if payment.kind == "coupon":
            continue
        b.money_pair(payment.kind, payment.amount_rials)
        if payment.kind == "card" and sale.extra.get("card_order_id"):
            _reader_payment(b, sale.extra)  # paid through the card reader
        elif payment.kind == "card" and payment.reference:
            b.pair(label("card_ref", lang), b.num(payment.reference))
        if payment.kind == "cash" and payment.tendered_rials:
            b.money_pair("tendered", payment.tendered_rials)
    if sale.change_rials:
        b.money_pair("change", sale.change_rials, bold=True)


def _approval(b: DocBuilder, sale: Sale) -> None:
    lang = b.language
    if sale.status == "approved" and sale.approval_code:
        b.pair(label("approval", lang), sale.approval_code, bold=True)
    elif sale.status == "pending":
        b.pair(label("status", lang), label("offline_pending", lang), bold=True)
    elif sale.status == "rejected":
        b.pair(label("status", lang), label("rejected", lang), bold=True)
    else:
        b.pair(label("status", lang), label("no_coupon", lang))


def build_sale_receipt(sale: Sale, store: StoreInfo, *, language: str = "fa",
                       unit: Unit = "rial") -> ReceiptDoc:
    """The customer's receipt of a completed sale, with every field DOMAIN.md lists."""
    b = DocBuilder(language, unit=unit)
    lang = language
    b.header(store, sale.created_at)
    b.pair(label("receipt_no", lang), b.num(sale.receipt_no), bold=True)
    b.pair(label("cashier", lang), sale.cashier).rule()
    b.blocks += [_item(b, line) for line in sale.lines]
    b.text(label("legend_yes", lang)).text(label("legend_no", lang)).rule()
    b.money_pair("total", sale.total_rials, bold=True)
    b.money_pair("eligible", sale.eligible_rials)
    b.money_pair("copay", sale.copay_rials)
    b.money_pair("coupon", sale.coupon_rials, bold=True)
    b.money_pair("remainder", sale.remainder_rials, bold=True)
    _payments(b, sale)
    b.rule()
    if sale.masked_identifier:
        b.pair(label("identifier", lang), safe_mask(sale.masked_identifier))
    if sale.balance_before_rials is not None:
        b.money_pair("balance_before", sale.balance_before_rials)
    if sale.balance_after_rials is not None:
        b.money_pair("balance_after", sale.balance_after_rials)
    _approval(b, sale)
    b.qr(qr_payload(sale.txn_id, sale.receipt_no, sale.approval_code, sale.terminal_id))
    b.text(f"{label('txn', lang)}: {sale.txn_id}", "center")
    b.text(label("thanks", lang), "center")
    return b.build("sale", opens_drawer=sale.paid("cash") > 0, txn_id=sale.txn_id,
                   receipt_no=sale.receipt_no)


def mark_copy(doc: ReceiptDoc, reprinted_at: dt.datetime | None = None) -> ReceiptDoc:
    """A stored document as a reprint: says it is a copy, never opens the drawer."""
    if doc.copy:
        return doc
    banner: list[Block] = [Text(label("copy", doc.language), "center", True, True)]
    if reprinted_at is not None:
        banner.append(Pair(label("reprinted", doc.language),
                           display_datetime(reprinted_at, doc.language)))
    blocks = (*banner, *doc.blocks, Text(label("copy", doc.language), "center", True, True))
    return replace(doc, blocks=blocks, copy=True, opens_drawer=False)


def window_text(decision: WindowDecision, language: str) -> str:
    fa, en = _WINDOW_TEXT.get(decision.reason, (decision.reason, decision.reason))
    text = fa if language == "fa" else en
    if decision.next_date is not None:
        text += f" ({display_date(decision.next_date, language)})"
    return text


def build_balance_slip(store: StoreInfo, *, moment: dt.datetime, masked_identifier: str,
                       spendable_rials: int, balance_rials: int, window: WindowDecision,
                       language: str = "fa", unit: Unit = "rial") -> ReceiptDoc:
    """What a household may spend, printed without a sale."""
    b = DocBuilder(language, unit=unit)
    b.header(store, moment).rule().title(label("balance_title", language))
    b.pair(label("identifier", language), safe_mask(masked_identifier))
    b.money_pair("spendable", spendable_rials, bold=True)
    b.money_pair("balance", balance_rials)
    b.pair(label("window", language), window_text(window, language))
    return b.build("balance")


def build_test_receipt(moment: dt.datetime, *, description: str = "", width_dots: int = 576,
                       language: str = "fa") -> ReceiptDoc:
    """A page that shows whether the printer prints Persian, digits, wrapping and QR."""
    b = DocBuilder(language)
    b.title(label("test_title", language)).text(label("programme", language), "center")
    b.pair(label("date", language), display_datetime(moment, language))
    if description:
        b.pair(label("terminal", language), description)
    b.pair(label("paper", language), b.num(width_dots)).rule()
    b.blocks.append(Item(label("test_line", language), b.num(2), b.money(1_234_500, with_unit=False),
                         b.money(2_469_000), MARK_ELIGIBLE))
    b.blocks.append(Item("ABC-123", b.num(1), b.money(50, with_unit=False), b.money(50), MARK_NOT_ELIGIBLE))
    b.text(b.num("0123456789 ") + "0123456789", "center").rule()
    b.text(label("test_ok", language), "center")
    b.qr(f"{QR_PREFIX}|TEST")
    return b.build("test")


@dataclass(frozen=True)
class ReportSection:
    """A report's part: a heading, label/value rows and an optional table."""

    title: str
    rows: Sequence[tuple[str, str]] = ()
    columns: Sequence[str] = ()
    table: Sequence[Sequence[str]] = field(default_factory=tuple)


def build_report(title: str, sections: Sequence[ReportSection], *, store: StoreInfo,
                 moment: dt.datetime, language: str = "fa",
                 unit: Unit = "rial") -> ReceiptDoc:
    """An X or Z report (or any manager's page): strings come formatted by the caller;
    ``DocBuilder.money``/``num`` format amounts and counts the same way as receipts."""
    b = DocBuilder(language, unit=unit)
    b.header(store, moment).rule().title(title)
    for section in sections:
        b.rule().text(section.title, bold=True)
        for row_label, value in section.rows:
            b.pair(row_label, value)
        if section.columns:
            b.table(section.columns, section.table)
    return b.build("report")
