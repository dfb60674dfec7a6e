"""The store's own products and prices from a manager's CSV file (``gtin,name,price_rials,unit``,
optionally a fifth column ``name_en``: the English name of a product the coupon list does
not name, shown by an English window).

Good rows are kept (one transaction); each refused row is reported with its line number
and why. A file that is not UTF-8 or has the wrong header is refused whole.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..domain.barcode import parse_gtin
from ..domain.errors import InvalidInput, UserFacingError, texts
from ..domain.money import check_price, to_ascii_digits
from .base import StoreBase
from .models import ImportReport, RefusedRow, ts
from .users import audit

COLUMNS = ("gtin", "name", "price_rials", "unit")
OPTIONAL = ("name_en",)
MAX_NAME = 200
Row = tuple[str, str, int, str, str]


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.from_code("csv_encoding", name=path.name, byte=exc.start) from exc


def _row(fields: list[str], columns: int = len(COLUMNS)) -> Row:
    if len(fields) != columns:
        raise InvalidInput.from_code("csv_columns:products", columns=columns, found=len(fields))
    raw_gtin, name, raw_price, raw_unit = (f.strip() for f in fields[:4])
    name_en = fields[4].strip() if columns > 4 else ""
    if len(name_en) > MAX_NAME:
        raise InvalidInput.from_code("csv_name:english")
    gtin = parse_gtin(raw_gtin)
    if not name or len(name) > MAX_NAME:
        raise InvalidInput.from_code("csv_name:persian")
    price_text = to_ascii_digits(raw_price).replace("٬", "").replace("_", "")
    if not (price_text.isascii() and price_text.isdigit()):
        raise InvalidInput.from_code("csv_price", raw_price=raw_price)
    price = check_price(int(price_text))
    unit = raw_unit.lower()
    if unit not in ("piece", "kg"):
        raise InvalidInput.from_code("csv_unit", raw_unit=raw_unit)
    return gtin, name, price, unit, name_en


def parse_products_csv(data: bytes, path: Path) -> tuple[list[Row], list[RefusedRow]]:
    """Accepted rows and refused rows (with their file line numbers)."""
    reader = csv.reader(io.StringIO(_decode(data, path), newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if tuple(header) not in (COLUMNS, COLUMNS + OPTIONAL):
        raise InvalidInput.from_code(
            "csv_header:products", name=path.name, columns=",".join(COLUMNS),
            header=",".join(header))
    accepted: list[Row] = []
    refused: list[RefusedRow] = []
    first_line: dict[str, int] = {}
    for fields in reader:
        line_no = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        try:
            row = _row(fields, len(header))
        except UserFacingError as exc:
            refused.append(RefusedRow(line_no, exc.fa, str(exc)))
            continue
        if row[0] in first_line:
            refused.append(RefusedRow(
                line_no, *texts("csv_gtin_repeated", gtin=row[0], line=first_line[row[0]])))
            continue
        first_line[row[0]] = line_no
        accepted.append(row)
    return accepted, refused


class ProductOps(StoreBase):
    def import_products(self, path: str | Path, *, by: str = "manager") -> ImportReport:
        """Add or replace the file's good rows in the store's price list; report the rest."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput.from_code("csv_unreadable:os_error", path=path,
                                         why=exc.strerror) from exc
        accepted, refused = parse_products_csv(data, path)
        now = self.now()
        with self._c.write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO products (gtin, name, price_rials, unit, name_en, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?)", [(*row, ts(now)) for row in accepted])
            audit(conn, by, "import_products", {"file": path.name, "accepted": len(accepted),
                                                "refused": len(refused)}, now)
        return ImportReport(len(accepted), tuple(refused))
