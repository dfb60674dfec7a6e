"""Sales, stores and documents the device tests print (no identity in clear)."""

from __future__ import annotations

import datetime as dt

from pos_client.domain.receipts import StoreInfo
from pos_client.domain.sale import Payment, Sale, SaleLine

STORE = StoreInfo(name="فروشگاه زنجیره‌ای نمونه - شعبه ونک", code="1100234", terminal_id="T-07")
MOMENT = dt.datetime(2026, 1, 10, 8, 15, tzinfo=dt.UTC)  # ۱۴۰۴/۱۰/۲۰ ۱۱:۴۵ in Tehran
TXN_ID = "3f2b8c1e-6d4a-4e0b-9a51-2c7d9e8f1a60"

_NAMES = (
    ("6260100000014", "برنج ایرانی طارم هاشمی درجه یک بسته‌بندی ده کیلوگرمی خانواده", "rice"),
    ("6260100000021", "روغن مایع آفتابگردان ۱/۵ لیتری", "oil"),
    ("6260100000038", "شکر سفید ۹۰۰ گرمی", "sugar"),
    ("6260100000045", "مرغ تازه", "chicken"),
    ("6260100000052", "پودر لباسشویی دستی ۵۰۰ گرمی", None),
)


def sample_lines(count: int = 5) -> tuple[SaleLine, ...]:
    lines = []
    for i in range(count):
        gtin, name, group = _NAMES[i % len(_NAMES)]
        weighed = group == "chicken"
        qty = 1_850 if weighed else 1000 * (1 + i % 3)
        price = 1_450_000 + 10_000 * i
        lines.append(SaleLine(gtin=gtin, name=name, qty_milli=qty, unit_price_rials=price,
                              amount_rials=price * qty // 1000, group=group, weighed=weighed))
    return tuple(lines)


def sample_sale(count: int = 5, *, offline: bool = False, cash: bool = True,
                receipt_no: str = "000123") -> Sale:
    lines = sample_lines(count)
    total = sum(line.amount_rials for line in lines)
    eligible = sum(line.amount_rials for line in lines if line.group)
    copay = 50_000
    coupon = min(eligible - copay, 20_000_000)
    remainder = total - coupon
    payment = (Payment("cash", remainder, tendered_rials=remainder + 30_000, change_rials=30_000)
               if cash else Payment("card", remainder, reference="918273"))
    return Sale(
        txn_id=TXN_ID, receipt_no=receipt_no, created_at=MOMENT,
        business_date=MOMENT.date(), terminal_id=STORE.terminal_id, cashier="مریم احمدی",
        lines=lines, total_rials=total, eligible_rials=eligible, copay_rials=copay,
        coupon_rials=coupon, payments=(Payment("coupon", coupon), payment),
        status="pending" if offline else "approved", offline=offline,
        household_key="hk-test", identified_by="nid", masked_identifier="******0899",
        balance_before_rials=40_000_000, balance_after_rials=40_000_000 - coupon,
        approval_code=None if offline else "AP7731")
