"""Seeding a new database: a store, its terminals, a round, the APL and N households.

Everything is drawn from one fixed random generator, so a seed is reproducible for a
given household count and date. The clear identities (national codes, card numbers,
tokens, one-time codes) go to a separate JSON file; the database keeps only hashes.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from central_sim.catalog_data import GROUPS, OTHER_PRODUCTS, TEMPLATES
from central_sim.clock import Clock, rfc3339
from central_sim.db import Database, next_version
from central_sim.identity import (
    Hasher,
    gtin_check_digit,
    luhn_check_digit,
    national_code_check_digit,
)
from central_sim.rules import Round, Window, can_buy_on

RNG_SEED = 20260110
STORE_CODE = "S-1001"
TERMINAL_IDS = ("T-0001", "T-0002")
COPAY_RIALS = 50_000
BALANCE_PER_MEMBER = 5_000_000
CARD_BINS = ("603799", "610433", "627412", "589210", "603769", "627353", "621986", "502229")
OFFLINE_POLICY = {"enabled": True, "max_sale_rials": 20_000_000, "max_household_rials": 20_000_000,
                  "max_terminal_rials": 500_000_000, "max_age_hours": 24}
SEED_CODES = 20
_PERSIAN_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                   "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
_BATCH = 20_000
# Multipliers coprime to 10**9 walk the 9-digit space without repeats: unique codes and
# PANs for any household count, with no set of millions of strings in memory.
_NID_STEP, _NID_OFFSET = 829_348_951, 104_729_003
_PAN_STEP, _PAN_OFFSET = 982_451_653, 357_913_579


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def gregorian_to_jalali(day: date) -> tuple[int, int, int]:
    gy, gm, gd = day.year, day.month, day.day
    month_days = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    gy2 = gy + 1 if gm > 2 else gy
    days = (355666 + 365 * gy + (gy2 + 3) // 4 - (gy2 + 99) // 100 + (gy2 + 399) // 400
            + gd + month_days[gm - 1])
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return jy, 1 + days // 31, 1 + days % 31
    return jy, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def make_round(today: date) -> Round:
    """A round that runs on ``today``: some households open already, some not yet."""
    start = today - timedelta(days=3)
    end = start + timedelta(days=75)
    jy, jm, _ = gregorian_to_jalali(start)
    return Round(
        id=f"{jy}-{jm:02d}",
        title=f"کالابرگ {_PERSIAN_MONTHS[jm - 1]} {persian_digits(str(jy))}",
        starts_on=start, ends_on=end, copay_rials=COPAY_RIALS,
        caps=((start, 10_000_000), (start + timedelta(days=30), 20_000_000)),
        windows=(
            Window(start, end, deciles=(1, 2, 3)),
            Window(today, end, deciles=(4, 5, 6, 7)),
            Window(start, end, nid_last_digits=(0, 1, 2)),
            Window(today, end, nid_last_digits=(3, 4, 5, 6)),
            Window(today + timedelta(days=3), end, nid_last_digits=(7, 8, 9)),
        ),
    )


def _gtin(rng: random.Random) -> str:
    body = "626" + f"{rng.randrange(10**9):09d}"
    return body + str(gtin_check_digit(body))


def build_catalog(rng: random.Random) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]]]:
    """APL rows (without version) and the shelf products the demo may sell."""
    rows: list[tuple[Any, ...]] = []
    shelf: list[dict[str, Any]] = []
    seen: set[str] = set()
    for template in TEMPLATES:
        for brand_fa, brand_en in template.brands:
            for size_fa, size_en, price in template.sizes:
                gtin = _gtin(rng)
                while gtin in seen:
                    gtin = _gtin(rng)
                seen.add(gtin)
                name_fa = f"{template.kind_fa} {brand_fa} {size_fa}"
                name_en = f"{brand_en} {template.kind_en} {size_en}"
                max_price = price if rng.random() < 0.5 else None
                shelf_price = price if max_price is not None else int(price * 1.05) // 1000 * 1000
                rows.append((gtin, name_fa, name_en, template.group, template.unit, max_price, 1))
                shelf.append({"gtin": gtin, "name_fa": name_fa, "name_en": name_en,
                              "group": template.group, "unit": template.unit,
                              "price_rials": shelf_price, "max_price_rials": max_price})
    for index in (7, 95):  # two products that have left the list, for clients to drop
        rows[index] = (*rows[index][:6], 0)
        shelf[index]["group"] = None
    for name_fa, name_en, price in OTHER_PRODUCTS:
        gtin = _gtin(rng)
        shelf.append({"gtin": gtin, "name_fa": name_fa, "name_en": name_en, "group": None,
                      "unit": "piece", "price_rials": price, "max_price_rials": None})
    return rows, shelf


def _national_code(index: int) -> str:
    first = (index * _NID_STEP + _NID_OFFSET) % 10**9
    while True:
        body = f"{first:09d}"
        code = body + str(national_code_check_digit(body))
        if len(set(code)) > 1:
            return code
        first = (first + 1) % 10**9  # an all-equal code is never issued


def _pan(index: int, bin_prefix: str) -> str:
    body = bin_prefix + f"{(index * _PAN_STEP + _PAN_OFFSET) % 10**9:09d}"
    return body + str(luhn_check_digit(body))


def _members(rng: random.Random) -> int:
    return rng.choices(range(1, 9), weights=(8, 14, 20, 22, 16, 10, 6, 4))[0]


def generate_households(count: int, rng: random.Random, hasher: Hasher, rnd: Round,
                        today: date) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(database row, clear identity) for households 1..count, in key order."""
    card_index = 0
    for hid in range(1, count + 1):
        code = _national_code(hid)
        cards = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            card_index += 1
            cards.append(_pan(card_index, CARD_BINS[rng.randrange(len(CARD_BINS))]))
        members = _members(rng)
        decile = rng.randrange(1, 11)
        last_digit = int(code[9])
        balance = members * BALANCE_PER_MEMBER
        status = "blocked" if rng.random() < 0.01 else "active"
        row = (hid, hasher.nid(code), b"".join(hasher.pan(p) for p in cards), members, decile,
               last_digit, rnd.id, balance, 0, status, hid)
        clear = {"key": household_key(hid), "national_code": code, "cards": cards,
                 "decile": decile, "nid_last_digit": last_digit, "members": members,
                 "status": status, "balance_rials": balance,
                 "can_buy_today": can_buy_on(rnd, today, decile=decile, last_digit=last_digit,
                                             members=members, balance=balance, spent=0,
                                             status=status)}
        yield row, clear


def household_key(hid: int) -> str:
    return f"H-{hid:06d}"


def parse_household_key(key: object) -> int | None:
    if not isinstance(key, str) or not key.startswith("H-") or not key[2:].isdigit():
        return None
    hid = int(key[2:])
    return hid if hid > 0 and household_key(hid) == key else None


def _write_identities_head(out: Any, head: dict[str, Any]) -> None:
    text = json.dumps(head, ensure_ascii=False, indent=1)
    out.write(text[:-2] + ',\n "households": [\n')


def seed_database(db: Database, households: int, *, clock: Clock, identities_path: Path,
                  rng_seed: int = RNG_SEED, admin_token: str | None = None) -> dict[str, Any]:
    """Fill a new database; write the identities file; return a summary (no households)."""
    started = time.monotonic()
    rng = random.Random(rng_seed)
    today = clock.today()
    now = clock.now()
    lookup_key = rng.randbytes(32).hex()
    hasher = Hasher(lookup_key)
    rnd = make_round(today)
    tokens = {tid: "tt_" + rng.randbytes(20).hex() for tid in TERMINAL_IDS}
    drawn_admin_token = "at_" + rng.randbytes(20).hex()
    admin_token = admin_token or drawn_admin_token
    catalog_rows, shelf = build_catalog(rng)
    store = {"code": STORE_CODE, "name": "فروشگاه نمونه کالابرگ",
             "address": "تهران، خیابان انقلاب، پلاک ۱۲۳", "phone": "021-66400000"}
    with db.write() as conn:
        if conn.execute("SELECT 1 FROM stores").fetchone():
            raise RuntimeError(f"{db.path} is already (or partly) seeded")
        conn.executemany("INSERT INTO meta (name, value) VALUES (?, ?)", [
            ("admin_token_hash", hash_token(admin_token)),
            ("offline_policy", json.dumps(OFFLINE_POLICY)),
            ("households_seeded", str(households))])
        conn.execute("INSERT INTO counters (name, value) VALUES ('programme', 1), "
                     "('households', ?)", (households,))
        conn.execute("INSERT INTO stores (code, name, address, phone, lookup_key) "
                     "VALUES (?, ?, ?, ?, ?)", (*store.values(), lookup_key))
        conn.executemany("INSERT INTO terminals (terminal_id, store_code, token) VALUES (?, ?, ?)",
                         [(tid, STORE_CODE, hash_token(tok)) for tid, tok in tokens.items()])
        conn.executemany("INSERT INTO groups (code, name_fa, name_en, position) VALUES (?,?,?,?)",
                         [(*g, i) for i, g in enumerate(GROUPS)])
        conn.execute("INSERT INTO rounds VALUES (?, ?, ?, ?, ?, ?, ?)", rnd.to_row())
        for row in catalog_rows:
            conn.execute("INSERT INTO catalog VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (*row, next_version(conn, "catalog")))
    head = {"format": 1, "generated_at": rfc3339(now), "today": today.isoformat(),
            "store": {**store, "lookup_key": lookup_key},
            "terminals": [{"terminal_id": t, "token": tok} for t, tok in tokens.items()],
            "admin_token": admin_token, "round_id": rnd.id, "products": shelf}
    codes = _seed_households(db, households, rng, hasher, rnd, today, identities_path, head, now)
    summary = {**head, "codes": codes, "households_count": households,
               "seconds": round(time.monotonic() - started, 1)}
    summary.pop("products")
    return summary


def _seed_households(db: Database, count: int, rng: random.Random, hasher: Hasher, rnd: Round,
                     today: date, identities_path: Path, head: dict[str, Any],
                     now: Any) -> list[dict[str, Any]]:
    buyers: list[int] = []
    tmp = identities_path.with_name(identities_path.name + ".tmp")
    with db.write() as conn, tmp.open("w", encoding="utf-8") as out:
        conn.execute("DROP INDEX IF EXISTS households_by_version")
        _write_identities_head(out, head)
        batch: list[tuple[Any, ...]] = []
        lines: list[str] = []
        for row, clear in generate_households(count, rng, hasher, rnd, today):
            batch.append(row)
            lines.append(json.dumps(clear, ensure_ascii=False, separators=(",", ":")))
            if clear["can_buy_today"] and len(buyers) < SEED_CODES * 5:
                buyers.append(row[0])
            if len(batch) >= _BATCH:
                _flush(conn, out, batch, lines, last=False)
        _flush(conn, out, batch, lines, last=True)
        conn.execute("CREATE UNIQUE INDEX households_by_version ON households (version)")
        codes = []
        expires = rfc3339(now + timedelta(days=30))
        for hid in buyers[::5][:SEED_CODES]:
            code = f"{rng.randrange(10**8):08d}"
            conn.execute("INSERT OR IGNORE INTO codes (code, household_id, expires_at) "
                         "VALUES (?, ?, ?)", (code, hid, expires))
            codes.append({"code": code, "household_key": household_key(hid), "expires_at": expires})
        out.write(" ],\n \"codes\": " + json.dumps(codes) + "\n}\n")
        conn.execute("INSERT INTO meta (name, value) VALUES ('seeded_on', ?)", (today.isoformat(),))
    tmp.replace(identities_path)
    return codes


def _flush(conn: Any, out: Any, batch: list[tuple[Any, ...]], lines: list[str], *,
           last: bool) -> None:
    conn.executemany("INSERT INTO households VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
    if lines:
        out.write("  " + ",\n  ".join(lines) + ("\n" if last else ",\n"))
    batch.clear()
    lines.clear()


def is_seeded(db: Database) -> bool:
    return db.meta("seeded_on") is not None
