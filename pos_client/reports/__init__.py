"""End of day for the store manager: X and Z reports, the cash count, reconciliation.

**Figures come from the journal.** ``ledger`` folds the hash-chained journal
(``sale``, ``sale_result``, ``sale_declined``, ``void``, ``void_result``, ``day_close``)
into the day's sales, so a report cannot disagree with it. A Z's own figures stop at its
``day_close`` entry; the service's answers that arrive later only settle it.

**What counts.** A sale is one of approved, pending (unsent), rejected (an offline sale
the service refused: the store's loss, listed by receipt) or no_coupon; a declined attempt
(``sale_declined``) or any other status is not a sale. Sales figures are of standing
sales (not voided); voided ones are counted apart. Cash taken is what was handed over,
change what went back; expected cash = opening cash of the day's shifts + cash taken -
change. The manager's blind count is asked before the expected figure is shown (the
printed and exported report shows expected cash only next to a count), and the
difference is kept with the Z. Coupon by group splits each standing sale's coupon over
its groups in proportion to its eligible line amounts by the largest remainder, ties to
the group code that sorts first: the contract's ``by_group`` rule.

**The Z figures sent to the service** (``POST /v1/days/{date}/close``) are on the
settlement's terms: ``sales_count`` = sales the service approved that it has not voided,
``coupon_rials`` = their coupon, ``void_count`` = service-approved sales it voided. The
service answers matched when these equal its own (approved - voided, and so on).

**Reconciliation method** (``reconcile``). The settlement gives id lists and totals, no
per-sale amounts, so:
1. By id: every sale sent from here is looked up in the service's approved, voided and
   rejected lists: approved on both sides and voided on both or neither = matched;
   approved here but absent there = missing on the server; approved there but unknown
   here = missing locally (named by txn id); voided on one side only; approved on one
   side and rejected on the other = status differs. Unsent sales are not differences;
   they are counted as unsent. Rejected on both sides = matched (and listed as a loss).
2. By amount: our coupon total over the service's approved list is compared with the
   service's ``sales.coupon_rials``, and our ``by_group`` (same rule) with its
   ``by_group``. When they disagree (or the service lists sales unknown here), each
   approved sale not already listed is asked about one by one through the contract's
   idempotency: re-sending the exact body sent before answers the first answer again
   and changes nothing when the service's record is ours, and ``409
   idempotency_conflict`` when its record differs. Those are listed as differing in
   amount; when exactly one is found, the service's amount is ours plus the total gap.
   A gap no single sale explains is listed once, without a receipt. Sales made with a
   one-time code cannot be asked (the code is not kept).

**Unsent sales at Z.** The manager is told (``UnsentSales``), may sync first, or close
anyway: the day closes here (no more sales or voids; the next day opens) and the Z is
kept *pending*; the service's day is *not* closed yet, because it would then refuse the
unsent sales with ``day_closed``. ``redo_pending_reconciliations`` (after a push, from
the forwarder or the manager's screen) reconciles and closes it once they are sent.

**Kept.** Each Z (and each change of its status) is kept as JSON in the store's audit
log (action ``z_report``); the newest wins. A day closed without one is rebuilt from the
journal.
"""

from __future__ import annotations

from . import messages as messages  # the layer's messages, registered before any raise
from .day_end import (
    UnsentSales,
    day_ledger,
    kept_z_report,
    kept_z_reports,
    redo_pending_reconciliations,
    settle_z_report,
    x_report,
    z_report,
)
from .figures import (
    CashCount,
    CloseFigures,
    DayFigures,
    HourFigures,
    SaleRef,
    close_figures,
    coupon_by_group,
    day_figures,
    split_largest_remainder,
)
from .ledger import DayLedger, DaySale, JournalEntry, build_ledger, read_journal
from .model import DayReport, DrawerOpening, StoreView
from .output import report_csv, report_document, report_sections, report_text, write_csv
from .reconcile import (
    AMOUNT_DIFFERS,
    MISSING_LOCALLY,
    MISSING_ON_SERVER,
    STATUS_DIFFERS,
    VOIDED_HERE_ONLY,
    VOIDED_THERE_ONLY,
    Difference,
    Reconciliation,
    probe_sale,
    reconcile,
)
from .z_preview import ZPreview, preview_lines, preview_text, z_preview

__all__ = [
    "AMOUNT_DIFFERS", "MISSING_LOCALLY", "MISSING_ON_SERVER", "STATUS_DIFFERS",
    "VOIDED_HERE_ONLY", "VOIDED_THERE_ONLY", "CashCount", "CloseFigures", "DayFigures",
    "DayLedger", "DayReport", "DaySale", "Difference", "DrawerOpening", "HourFigures",
    "JournalEntry", "Reconciliation", "SaleRef", "StoreView", "UnsentSales", "ZPreview",
    "build_ledger", "close_figures",
    "coupon_by_group", "day_figures", "day_ledger", "kept_z_report", "kept_z_reports",
    "preview_lines", "preview_text", "probe_sale", "read_journal", "reconcile", "redo_pending_reconciliations",
    "report_csv", "report_document", "report_sections", "report_text", "settle_z_report",
    "split_largest_remainder", "write_csv", "x_report", "z_preview", "z_report",
]
