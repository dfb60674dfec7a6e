"""Pull the cache from the central service and push the outbox to it, exactly once.

The outbox's states and moves are ``store/outbox.py``'s one table; this module decides
which move an answer makes. ``SyncEngine.pull()`` brings terminal info, the programme,
the APL and households, each page with its cursor in one local transaction, so an interrupted pull resumes where it
stopped. ``push()`` forwards the outbox: offline sales in batches of up to 200, sales
whose online post had an unknown outcome one by one with their original body (same
``txn_id``, same bytes: the service answers a repeat with the first answer), and voids.
A ``Forwarder`` thread runs push (and a periodic pull) in the background with capped
exponential backoff and jitter, honouring ``Retry-After``; it never blocks the caller.
A round pushes before it pulls, so a pulled balance already has this terminal's sales.

An upload that cannot be sent (its sealed code cannot be read, or a void the service
cannot match to a sale approved here) is set aside (``held``), logged and counted for the
manager; the uploads behind it go on. A batch refused whole is sent one sale at a time. A void whose sale the service does not know (``sale_unknown``)
is final only once the sale's own upload has its final answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import random
import threading
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from ..domain.dates import utc_now
from ..domain.errors import UserFacingError
from ..domain.sealing import SealError
from ..store import Store, Upload
from ..store.outbox import OutboxState
from .errors import (
    OUTCOME_UNKNOWN,
    UNREACHABLE,
    BadResponse,
    Refused,
    TerminalBlocked,
    Unauthorized,
)
from .validate import HouseholdDoc, Page, SaleResultDoc, TerminalDoc

log = logging.getLogger(__name__)
CLOCK_SKEW_WARN_S = 120
BATCH = 200
BACKOFF_START_S = 1.0
BACKOFF_MAX_S = 60.0


class Api(Protocol):
    """What the engine needs of ``CentralApi`` (tests may pass the real one only)."""

    def terminal(self) -> TerminalDoc: ...
    def programme(self) -> dict[str, Any]: ...
    def catalog(self, after: int, limit: int = ...) -> Page: ...
    def households(self, after: int, limit: int = ...) -> Page: ...
    def household_snapshot(self, after: int,
                           batch: int = ...) -> Generator[Page, None, None]: ...
    def post_sale(self, sale: dict[str, Any],
                  timeout: tuple[float, float] | None = None) -> SaleResultDoc: ...
    def post_sales_batch(self, sales: list[dict[str, Any]]) -> list[SaleResultDoc]: ...
    def post_void(self, void: dict[str, Any]) -> HouseholdDoc: ...


@dataclass
class PullReport:
    terminal_id: str = ""
    clock_skew_s: int | None = None
    programme_version: int | None = None
    programme_changed: bool = False
    catalog_items: int = 0
    households: int = 0
    pages: int = 0
    set_aside: int = 0  # items that broke a rule: kept aside, the rest of their page taken

    @property
    def skew_warning(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_SKEW_WARN_S


@dataclass
class PushReport:
    approved: int = 0
    rejected: int = 0
    voided: int = 0
    void_rejected: int = 0
    deferred: int = 0
    held: int = 0  # set aside: cannot be sent (see ``Store.held_uploads``)
    moot: int = 0  # voids of sales that never stood on the service
    rejected_txn_ids: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.approved + self.rejected + self.voided + self.void_rejected

    @property
    def settled(self) -> int:
        """Uploads that reached a final state or were set aside this round."""
        return self.sent + self.held + self.moot


Unseal = Callable[[str, str], str]  # (txn_id, sealed) -> the one-time code


@contextlib.contextmanager
def _older_objects_left_alone() -> Generator[None, None, None]:
    """While a first load streams: the objects that exist before it are left out of the
    cycle collector's full passes (``gc.freeze``), given back after. Each page's 10,000
    dicts and lists live long enough to trigger about one full pass every five pages, and
    each pass walked every object of the process: 2.6 s of a 3,000,000-household load,
    0.4 s with them frozen (issue 20). Nothing is collected less: what the load makes is
    collected as before, and the frozen objects are back in the oldest generation after.
    A process that froze objects itself (a forking server, a test runner) keeps them so:
    they sit out the passes already, and only whoever froze them may give them back."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class SyncEngine:
    def __init__(self, store: Store, api: Api, *, clock: Callable[[], dt.datetime] = utc_now,
                 unseal: Unseal | None = None,
                 progress: Callable[[str, int], None] | None = None,
                 backoff_start_s: float = BACKOFF_START_S) -> None:
        self.store = store
        self.backoff_start_s = backoff_start_s
        self.api = api
        self.clock = clock
        self.unseal = unseal
        self.progress = progress or (lambda what, count: None)
        self.last_success_at: dt.datetime | None = None  # the service last answered
        self.last_push = PushReport()
        self.household_snapshot = False  # offered by the service (its last terminal info)

    # --- pull ----------------------------------------------------------------------------
    def ping(self) -> None:
        """A cheap round trip (terminal info) that tells whether the service is there."""
        # the skew is the system clock's (what a person can set), not the terminal's time,
        # which never goes back (``pos_client.domain.clock.TerminalClock``)
        system: Callable[[], dt.datetime] = getattr(self.clock, "system", self.clock)
        asked_at = system()
        info = self.api.terminal()
        answered_at = system()
        self.household_snapshot = bool(info.get("household_snapshot"))
        self.store.save_terminal_info(info, received_at=asked_at + (answered_at - asked_at) / 2)
        self.last_success_at = self.clock()

    def pull(self, *, page_size: int = 5000) -> PullReport:
        report = PullReport()
        self.ping()
        saved = self.store.terminal_info()
        assert saved is not None
        report.terminal_id, report.clock_skew_s = saved.terminal_id, saved.skew_seconds
        doc = self.api.programme()
        known = self.store.programme()
        if known is None or known.version != doc["version"]:
            self.store.save_programme(doc)
            report.programme_changed = True
        report.programme_version = int(doc["version"])
        report.catalog_items = self._pull_feed("catalog", self.api.catalog,
                                               self.store.apply_catalog_page, page_size, report)
        first_load = self.store.begin_household_load()
        try:
            if first_load and self.household_snapshot:
                with _older_objects_left_alone():
                    report.households = self._pull_snapshot(report, page_size)
            # the paged feed: the whole of it, or what changed while the snapshot streamed
            report.households += self._pull_feed("households", self.api.households,
                                                self.store.apply_household_page, page_size,
                                                report)
        finally:
            if first_load:
                self.store.end_household_load()
        return report

    def _pull_feed(self, name: str, fetch: Callable[[int, int], Page],
                   apply: Callable[[list[Any], int, list[Any]], None], page_size: int,
                   report: PullReport) -> int:
        """Apply the feed page by page, fetching the next page while this one is stored:
        the service's and the network's time overlaps the disk's (profile of issue 9: a
        region's initial sync spent about as long waiting for pages as storing them).
        An item that broke a rule is set aside (stored with its reason, logged, counted)
        and the rest of its page is taken, so one bad item never stops the sync."""
        count = 0
        cursor = self.store.cursor(name)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"fetch-{name}") as pool:
            pending = pool.submit(fetch, cursor, page_size)
            try:
                while True:
                    page = pending.result()
                    last = not page["more"] or page["next"] == cursor
                    if not last:
                        pending = pool.submit(fetch, page["next"], page_size)
                    self._apply_page(name, page, apply, report)
                    count += len(page["items"])
                    self.progress(name, count)
                    if last:
                        return count
                    cursor = page["next"]
            finally:
                pending.cancel()

    def _pull_snapshot(self, report: PullReport, page_size: int) -> int:
        """The first load through the service's household snapshot (docs/central-sim.md):
        one stream in version order, cut into pages the same checks and the same
        ``apply_household_page`` take, so each has its cursor and a cut stream resumes
        from the last page stored. A stream the client cannot read (a line out of order,
        the endpoint missing after all) leaves the rest to the paged feed.

        Each page is read, checked and stored in this one thread; the service goes on
        writing into the socket's buffers meanwhile. With a reading thread beside it the
        two traded the GIL at every stored row (SQLite lets it go for each), and a first
        load of 1,000,000 households ran at 43,000/s against 48,000-49,000/s without it
        (issue 20)."""
        count = 0
        pages = self.api.household_snapshot(self.store.cursor("households"), page_size)
        try:
            for page in pages:
                self._apply_page("households", page, self.store.apply_household_page, report)
                count += len(page["items"])
                self.progress("households", count)
        except (BadResponse, Refused) as exc:
            log.warning("household snapshot unusable, taking the paged feed: %s", exc)
        finally:
            pages.close()
        return count

    def _apply_page(self, name: str, page: Page,
                    apply: Callable[[list[Any], int, list[Any]], None],
                    report: PullReport) -> None:
        apply(page["items"], page["next"], list(page["set_aside"]))
        for bad in page["set_aside"]:
            log.warning("%s item %s set aside: %s", name, bad["ref"], bad["reason"])
        report.set_aside += len(page["set_aside"])
        report.pages += 1

    # --- push ----------------------------------------------------------------------------
    def push(self, *, max_rounds: int = 1000) -> PushReport:
        """Forward every due upload. Unknown outcomes are deferred with backoff; a
        ``Throttled`` or unreachable service stops this round (raised to the caller)."""
        report = self.last_push = PushReport()  # kept for the caller when a round stops
        for _ in range(max_rounds):
            due = self.store.due_uploads(BATCH)
            if not due:
                break
            offline = [u for u in due if u.kind == "sale" and u.payload.get("offline")]
            if offline:
                self._push_batch(offline, report)
                continue
            upload = due[0]
            if upload.kind == "sale":
                self._push_single_sale(upload, report)
            else:
                self._push_void(upload, report)
        if report.sent:
            self.last_success_at = self.clock()
        return report

    def _body(self, upload: Upload) -> dict[str, Any]:
        body = dict(upload.payload)
        if upload.sealed_code is not None and self.unseal is not None:
            body["code"] = self.unseal(upload.ref, upload.sealed_code)
        return body

    def _readable(self, uploads: list[Upload], report: PushReport) -> list[Upload]:
        """The uploads whose body can be built; the others are set aside."""
        out = []
        for upload in uploads:
            try:
                self._body(upload)
            except SealError as exc:
                self._hold(upload, f"sealed code unreadable: {exc}", report)
            else:
                out.append(upload)
        return out

    def _hold(self, upload: Upload, reason: str, report: PushReport) -> None:
        log.warning("upload %s %s set aside: %s", upload.kind, upload.ref, reason)
        self.store.hold_upload(upload.id, reason)
        report.held += 1

    def _retry_later(self, uploads: list[Upload], exc: UserFacingError) -> None:
        for upload in uploads:
            delay = min(BACKOFF_MAX_S, self.backoff_start_s * 2 ** min(upload.attempts, 6))
            delay *= random.uniform(0.5, 1.0)
            retry_after = getattr(exc, "retry_after", None)
            if retry_after:
                delay = max(delay, float(retry_after))
            self.store.upload_failed(upload.id, f"{exc.code}: {exc.detail}"[:500],
                                     self.clock() + dt.timedelta(seconds=delay))

    def _record(self, result: SaleResultDoc, report: PushReport) -> None:
        if result["status"] == "approved":
            self.store.mark_sale_result(result["txn_id"], "approved", result["approval_code"],
                                        result["household"])
            report.approved += 1
        else:
            self.store.mark_sale_result(result["txn_id"], "rejected", None, result["household"],
                                        result["error"])
            report.rejected += 1
            report.rejected_txn_ids.append(result["txn_id"])

    def _push_batch(self, uploads: list[Upload], report: PushReport) -> None:
        uploads = self._readable(uploads, report)
        if not uploads:
            return
        try:
            results = self.api.post_sales_batch([self._body(u) for u in uploads])
        except OUTCOME_UNKNOWN as exc:
            self._retry_later(uploads, exc)
            report.deferred += len(uploads)
            raise
        except Refused as exc:
            # The batch was refused whole (none of it applied): each sale goes alone, so
            # the one the service cannot take gets its own answer and blocks no other.
            log.warning("a batch of %d sales was refused whole (%s); sending one by one",
                        len(uploads), exc.code)
            for upload in uploads:
                self._push_single_sale(upload, report)
            return
        for result in results:
            self._record(result, report)

    def _push_single_sale(self, upload: Upload, report: PushReport) -> None:
        if not self._readable([upload], report):
            return
        try:
            result = self.api.post_sale(self._body(upload))
        except OUTCOME_UNKNOWN as exc:
            self._retry_later([upload], exc)
            report.deferred += 1
            raise
        except Refused as exc:
            error = {"code": exc.code, "message": exc.detail}
            self.store.mark_sale_result(upload.ref, "rejected", None, exc.household, error)
            report.rejected += 1
            report.rejected_txn_ids.append(upload.ref)
            return
        self._record(result, report)

    def _push_void(self, upload: Upload, report: PushReport) -> None:
        txn_id = str(upload.payload.get("txn_id", ""))
        sale = self.store.get_sale(txn_id)
        if sale is not None and sale.status == "rejected":  # nothing stands to cancel
            self.store.mark_void_result(upload.ref, "moot")
            report.moot += 1
            return
        try:
            household = self.api.post_void(self._body(upload))
        except OUTCOME_UNKNOWN as exc:
            self._retry_later([upload], exc)
            report.deferred += 1
            raise
        except Refused as exc:
            if exc.code == "sale_unknown":
                self._void_of_unknown_sale(upload, txn_id, exc, report)
                return
            self.store.mark_void_result(upload.ref, "rejected", exc.household,
                                        {"code": exc.code, "message": exc.detail})
            report.void_rejected += 1
            return
        self.store.mark_void_result(upload.ref, "voided", household)
        report.voided += 1

    def _void_of_unknown_sale(self, upload: Upload, txn_id: str, exc: Refused,
                              report: PushReport) -> None:
        """``sale_unknown`` is final only when the sale's own upload is: until then the
        sale may still arrive, and the void waits (it never un-voids the sale here)."""
        state = self.store.upload_state("sale", txn_id)
        sale = self.store.get_sale(txn_id)
        if state in (OutboxState.PENDING, OutboxState.LEASED):
            self._retry_later([upload], exc)
            report.deferred += 1
        elif state == OutboxState.HELD or (sale is not None and sale.status == "rejected"):
            self.store.mark_void_result(upload.ref, "moot")
            report.moot += 1
        else:  # approved here, unknown there: the manager must look
            self._hold(upload, "the service does not know the approved sale it voids", report)


@dataclass
class ForwarderState:
    online: bool | None = None
    last_sync_at: dt.datetime | None = None
    last_error: UserFacingError | None = None
    stopped_by: Literal["", "unauthorized"] = ""  # "unauthorized": the token was refused


class Forwarder:
    """Runs the engine in a background thread: push often, pull now and then.

    ``wake()`` asks for a round now (after a sale is recorded); ``stop()`` ends the thread
    cleanly. ``on_change(state)`` is called from the thread after every round.
    """

    def __init__(self, engine: SyncEngine, *, push_interval_s: float = 5.0,
                 pull_interval_s: float = 300.0, ping_interval_s: float = 30.0,
                 on_change: Callable[[ForwarderState], None] | None = None,
                 on_pushed: Callable[[PushReport], None] | None = None) -> None:
        self.engine = engine
        self.push_interval_s = push_interval_s
        self.pull_interval_s = pull_interval_s
        self.ping_interval_s = ping_interval_s
        self._check_now = False
        self._last_contact: dt.datetime | None = None
        self.on_change = on_change or (lambda state: None)
        self.on_pushed = on_pushed or (lambda report: None)
        self.state = ForwarderState()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._backoff = BACKOFF_START_S
        self._last_pull: dt.datetime | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="forwarder", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Run a round now, and check that the service is there even with nothing to send."""
        self._check_now = True
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def run_once(self) -> float:
        """One round; returns how long to sleep before the next."""
        if self.state.stopped_by:
            return self.pull_interval_s
        now = self.engine.clock()
        pushed: PushReport | None = None
        try:
            pushed = self.engine.push()  # before the pull: see the module's docstring
            if self._last_pull is None or not 0 <= (now - self._last_pull).total_seconds() \
                    < self.pull_interval_s:
                self.engine.pull()
                self._last_pull = now
            elif self._check_now or self._last_contact is None or not 0 <= \
                    (now - self._last_contact).total_seconds() < self.ping_interval_s:
                self._check_now = False
                self.engine.ping()
            self._last_contact = self.engine.clock()
        except Unauthorized as exc:
            self.state = ForwarderState(False, self.state.last_sync_at, exc, "unauthorized")
            log.warning("sync stopped: the terminal token was refused")
        except UNREACHABLE as exc:
            self.state = ForwarderState(False, self.state.last_sync_at, exc)
            wait = getattr(exc, "retry_after", None) or self._backoff
            self._backoff = min(BACKOFF_MAX_S, self._backoff * 2)
            self.on_change(self.state)
            if self.engine.last_push.settled:  # what this round did before it stopped
                self.on_pushed(self.engine.last_push)
            return float(wait) * random.uniform(0.8, 1.2)
        except TerminalBlocked as exc:
            self.state = ForwarderState(True, self.engine.clock(), exc)
        except UserFacingError as exc:
            log.warning("sync round failed: %s (%s)", exc.code, exc.detail)
            self.state = ForwarderState(self.state.online, self.state.last_sync_at, exc)
        else:
            self.state = ForwarderState(True, self.engine.clock(), None)
        self._backoff = BACKOFF_START_S
        self.on_change(self.state)
        if pushed is not None and pushed.settled:  # after the state: listeners see it current
            self.on_pushed(pushed)
        return self.push_interval_s

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                delay = self.run_once()
            except Exception:  # the thread must survive anything; the log says what
                log.exception("unexpected error in the forwarder")
                delay = BACKOFF_MAX_S
            self._wake.wait(delay)
            self._wake.clear()
