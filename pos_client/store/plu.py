"""The store's label-scale PLUs: the number a label scale prints maps to one product (and
through its GTIN to the approved list). Loaded from a manager's CSV ``plu,gtin``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..domain.barcode import parse_gtin
from ..domain.errors import InvalidInput, UserFacingError
from ..domain.money import to_ascii_digits
from .base import StoreBase
from .cache import _PRODUCT_SELECT
from .models import ImportReport, Product, RefusedRow, ts
from .users import audit


def clean_plu(text: str) -> str:
    plu = to_ascii_digits(text.strip()).lstrip("0") or "0"
    if not (plu.isascii() and plu.isdigit()) or len(plu) > 6 or plu == "0":
        raise InvalidInput.from_code("plu_invalid")
    return plu


class PluOps(StoreBase):
    def import_plu(self, path: str | Path, *, by: str = "manager") -> ImportReport:
        """Add or replace the PLUs of a ``plu,gtin`` CSV; report the refused rows."""
        path = Path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput.from_code("csv_unreadable:utf8", name=path.name) from exc
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or [c.strip().lower() for c in rows[0]] != ["plu", "gtin"]:
            raise InvalidInput.from_code("csv_header:plu")
        accepted: list[tuple[str, str]] = []
        refused: list[RefusedRow] = []
        for number, fields in enumerate(rows[1:], 2):
            try:
                if len(fields) != 2:
                    raise InvalidInput.from_code("csv_columns:plu")
                accepted.append((clean_plu(fields[0]), parse_gtin(fields[1])))
            except UserFacingError as exc:
                refused.append(RefusedRow(number, exc.fa, exc.en))
        now = self.now()
        with self._c.write() as conn:
            conn.executemany("INSERT OR REPLACE INTO plu_codes (plu, gtin, updated_at) "
                             "VALUES (?, ?, ?)", [(*row, ts(now)) for row in accepted])
            audit(conn, by, "import_plu", {"file": path.name, "accepted": len(accepted),
                                           "refused": len(refused)}, now)
        return ImportReport(len(accepted), tuple(refused))

    def product_for_plu(self, plu: str) -> Product | None:
        """The store's product a label's PLU names, with its APL group; None if unknown."""
        with self._c.read() as conn:
            row = conn.execute(_PRODUCT_SELECT + "JOIN plu_codes u ON u.gtin = p.gtin "
                               "WHERE u.plu = ?", [plu.lstrip("0") or "0"]).fetchone()
        return None if row is None else Product(*row)
