"""Rows of the database as the JSON the contract shows."""

from __future__ import annotations

from typing import Any

from central_sim.seed import household_key

HOUSEHOLD_COLUMNS = ("id, nid_hash, card_hashes, members, decile, nid_last_digit, round_id, "
                     "balance_rials, spent_in_round_rials, status, version")


def household_json(row: Any) -> dict[str, Any]:
    hid, nid_hash, cards, members, decile, digit, round_id, balance, spent, status, version = row
    return {"key": household_key(hid), "nid_hash": nid_hash.hex(),
            "card_hashes": [cards[i:i + 32].hex() for i in range(0, len(cards), 32)],
            "members": members, "decile": decile, "nid_last_digit": digit, "round_id": round_id,
            "balance_rials": balance, "spent_in_round_rials": spent, "status": status,
            "version": version}


def load_household(conn: Any, hid: int) -> tuple[Any, ...] | None:
    row = conn.execute(f"SELECT {HOUSEHOLD_COLUMNS} FROM households WHERE id = ?",
                       (hid,)).fetchone()
    return None if row is None else tuple(row)


CATALOG_COLUMNS = "gtin, name_fa, name_en, grp, unit, max_price_rials, active, version"


def catalog_json(row: Any) -> dict[str, Any]:
    gtin, name_fa, name_en, grp, unit, max_price, active, version = row
    return {"gtin": gtin, "name_fa": name_fa, "name_en": name_en, "group": grp, "unit": unit,
            "max_price_rials": max_price, "active": bool(active), "version": version}
