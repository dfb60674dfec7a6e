"""The cashier's window: status strip on top, sign-in / shift / sale in the middle, and the
message bar at the bottom. Keys are window-wide shortcuts (``KEYS`` in ``i18n``).

The counter's events arrive from any thread; ``_Bridge`` re-emits them as a Qt signal so
they are handled on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, assert_never

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..counter.events import (
    CounterEvent,
    DayClosed,
    Printed,
    PrintFailed,
    SaleForwarded,
    SaleVoided,
    StatusChanged,
    SyncProgress,
)
from . import i18n
from .context import Context, Tone
from .counter_port import CounterPort
from .dialogs import HelpDialog
from .i18n import tr
from .login import LoginScreen, ShiftScreen
from .pages import Page, takes_key, takes_scans
from .panels import StatusStrip, button
from .phase import Phase
from .protected import ProtectedActions
from .sale_screen import SaleScreen
from .scanning import ScanFilter, SerialInputs, install, uninstall
from .style import set_state
from .worker import Runner

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 5000


class _Bridge(QObject):
    arrived = Signal(object)


class MainWindow(QMainWindow):
    def __init__(self, counter: CounterPort, *, title: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(title or tr("app_title"))
        self.counter = counter
        self.runner = Runner(self)
        self.message_bar = QLabel()
        self.message_bar.setObjectName("messageBar")
        self.message_bar.setWordWrap(True)
        self.ctx = Context(counter, self.runner, self.say)
        self.status_strip = StatusStrip()
        self.login = LoginScreen()
        self.shift = ShiftScreen()
        self.sale = SaleScreen(self.ctx)
        self.protected = ProtectedActions(self.ctx, self)
        self.stack = QStackedWidget()
        pages = {Page.LOGIN: self.login, Page.SHIFT: self.shift, Page.SALE: self._sale_page()}
        for page in Page:  # in the enum's order: int(page) is its place in the stack
            self.stack.addWidget(pages[page])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.status_strip)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message_bar)
        self.setCentralWidget(central)
        self._wire()
        self._shortcuts()
        self.bridge = _Bridge(self)
        self.bridge.arrived.connect(self._on_event)
        counter.subscribe(self.bridge.arrived.emit)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_REFRESH_MS)
        self.status_timer.timeout.connect(self.refresh_status)
        self.status_timer.start()
        self.scan_filter = ScanFilter(active=self._scans_welcome, on_barcode=self.sale.scan,
                                      on_swipe=self.sale.identify,
                                      customer_field=self.sale.household_panel.customer_input,
                                      parent=self)
        install(self.scan_filter)
        self.serial_inputs: SerialInputs | None = None
        self.refresh_status()
        self.show_login()
        self.resize(1280, 760)

    @property
    def page(self) -> Page | None:
        """The page showing (None before the first is shown)."""
        index = self.stack.currentIndex()
        return Page(index) if 0 <= index < len(Page) else None

    def show_page(self, page: Page) -> None:
        self.stack.setCurrentIndex(int(page))

    def _scans_welcome(self) -> bool:
        """Scans are routed on the sale screen when no dialog is asking for something."""
        return takes_scans(self.page, QApplication.activeModalWidget() is not None)

    def _serial_barcode(self, text: str) -> None:
        if self._scans_welcome():
            self.sale.scan(text)

    def _serial_card(self, pan: str) -> None:
        if self._scans_welcome():
            self.sale.identify(pan)

    def use_serial_inputs(self, settings: Any) -> None:
        """Start the serial scanner / card reader of the settings (none for wedge)."""
        inputs = SerialInputs(settings, self)
        inputs.barcode.connect(self._serial_barcode)
        inputs.card.connect(self._serial_card)
        inputs.failed.connect(self.ctx.fail)
        inputs.start()
        self.serial_inputs = inputs

    def _sale_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.sale, 1)
        footer = QHBoxLayout()
        footer.setContentsMargins(8, 0, 8, 8)
        self.new_sale_button = button("newSaleButton", tr("new_sale"))
        self.void_sale_button = button("voidSaleButton", tr("void_sale") + " (Ctrl+D)")
        self.reprint_button = button("reprintButton", tr("reprint"))
        self.reports_button = button("reportsButton", tr("reports"))
        self.drawer_button = button("openDrawerButton", tr("open_drawer"))
        self.help_button = button("helpButton", "F1 " + tr("help_title"))
        self.logout_button = button("logoutButton", tr("logout"))
        for widget in (self.new_sale_button, self.void_sale_button, self.reprint_button,
                       self.reports_button, self.drawer_button):
            footer.addWidget(widget)
        footer.addStretch(1)
        footer.addWidget(self.help_button)
        footer.addWidget(self.logout_button)
        column.addLayout(footer)
        return page

    def _wire(self) -> None:
        self.login.submitted.connect(self._login)
        self.shift.submitted.connect(self._open_shift)
        self.shift.invalid.connect(lambda text: self.say(text, "bad"))
        self.new_sale_button.clicked.connect(lambda: self.sale.new_sale())
        self.void_sale_button.clicked.connect(lambda: self.protected.void_sale())
        self.reprint_button.clicked.connect(lambda: self.protected.reprint())
        self.reports_button.clicked.connect(lambda: self.protected.manager())
        self.drawer_button.clicked.connect(lambda: self.protected.open_drawer())
        self.help_button.clicked.connect(lambda: self.show_help())
        self.logout_button.clicked.connect(lambda: self.logout())
        self.runner.failed.connect(self.ctx.fail)
        self.runner.busy_changed.connect(self.status_strip.show_busy)

    def _shortcuts(self) -> None:
        sale = self.sale
        keys: list[tuple[str, Callable[[], None]]] = [
            ("F1", self.show_help), ("F2", sale.focus_customer), ("F3", sale.search),
            ("F4", sale.change_qty), ("F5", sale.lower_coupon), ("F6", sale.balance_slip),
            ("F7", sale.read_scale), ("F8", sale.void_line), ("F9", sale.pay_cash), ("F10", sale.pay_card),
            ("F12", sale.complete), ("Escape", self.escape), ("Ctrl+N", sale.new_sale),
            ("Ctrl+R", self.protected.reprint), ("Ctrl+D", self.protected.void_sale),
            ("Ctrl+M", self.protected.manager), ("Ctrl+O", self.protected.open_drawer),
            ("Ctrl+L", self.logout), ("Ctrl+H", sale.hold_basket),
            ("Ctrl+B", sale.recall_basket),
        ]
        self.shortcuts: dict[str, QShortcut] = {}
        for key, action in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self._on_sale_page(action, key))
            self.shortcuts[key] = shortcut
        self.shortcuts["Up"] = QShortcut(QKeySequence("Up"), self.sale.basket_view.scan_input,
                                         lambda: self._move_selection(-1))
        self.shortcuts["Down"] = QShortcut(QKeySequence("Down"),
                                           self.sale.basket_view.scan_input,
                                           lambda: self._move_selection(1))

    def _on_sale_page(self, action: Callable[[], None], key: str) -> Callable[[], None]:
        def guarded() -> None:
            if takes_key(self.page, key):
                action()
        return guarded

    def _move_selection(self, step: int) -> None:
        self.sale.basket_view.move_selection(step)

    # --- messages and status --------------------------------------------------------------
    def say(self, text: str, state: Tone = "") -> None:
        """Every message to the cashier lands here (automation.md)."""
        self.message_bar.setText(text)
        set_state(self.message_bar, state)
        if text:
            log.info("message: %s", text)

    def refresh_status(self) -> None:
        self.runner.run(self.counter.status, self.status_strip.show_status,
                        lambda exc: log.warning("status failed: %s", exc))

    def _on_event(self, event: CounterEvent) -> None:
        match event:
            case Printed(receipt_no=receipt_no):
                log.info("printed %s", receipt_no)
            case PrintFailed(error=error):
                self.say(tr("print_failed", message=i18n.pick(error.fa, error.en)), "bad")
            case SaleForwarded(rejected=rejected):
                # Forwarding is background work the status strip shows; only a rejection
                # (the store's loss) interrupts what the message bar is telling the cashier.
                if rejected:
                    self.say(tr("forwarded_rejected", count=i18n.num(rejected)), "warn")
                self.refresh_status()
            case DayClosed(business_date=day):
                self._day_closed(day)
                self.refresh_status()
            case StatusChanged() | SyncProgress():
                self.refresh_status()
            case SaleVoided():
                pass  # the picker and the customer display show the void
            case _:
                assert_never(event)

    # --- screens --------------------------------------------------------------------------
    def show_login(self) -> None:
        self.show_page(Page.LOGIN)
        self.login.pin.setFocus()

    def _login(self, pin: str) -> None:
        self.login.set_busy(True)

        def done(user: Any) -> None:
            self.login.set_busy(False)
            self.runner.run(self.counter.needs_shift, lambda needed: self._after_login(
                user, needed), self._login_failed)

        self.runner.run(lambda: self.counter.login(pin), done, self._login_failed)

    def _login_failed(self, exc: BaseException) -> None:
        self.login.set_busy(False)
        self.ctx.fail(exc)
        self.login.pin.setFocus()

    def _after_login(self, user: Any, needs_shift: bool) -> None:
        self.refresh_status()
        if needs_shift:
            self._ask_for_shift()
            return
        self._start_selling(user.name)

    def _ask_for_shift(self, closed_day: Any = None) -> None:
        """The shift page, saying why: a new day, or today closed with its Z."""
        self.show_page(Page.SHIFT)
        self.shift.cash.clear()
        self.shift.cash.setFocus()
        self.say(tr("shift_needed"), "")
        counter = self.counter

        def explain(state_and_day: Any) -> None:
            state, today = state_and_day
            said = self.shift.show_till_state(state, today, closed_day=closed_day)
            if said:
                self.say(said, "warn")
        self.runner.run(lambda: (counter.till_state(), counter.status().business_date), explain,
                        lambda exc: log.warning("till state: %s", exc))

    def _day_closed(self, day: Any) -> None:
        """After the Z the open window stops selling: the next day (or shift) must be
        opened with its opening cash first."""
        if self.counter.user is None or self.page is not Page.SALE:
            return
        self.sale.new_sale(announce=False)
        self._ask_for_shift(closed_day=day)

    def _open_shift(self, amount: int) -> None:
        self.shift.set_busy(True)

        def done(_shift: Any) -> None:
            self.shift.set_busy(False)
            self._start_selling(self.counter.user.name if self.counter.user else "")

        def failed(exc: BaseException) -> None:
            self.shift.set_busy(False)
            self.ctx.fail(exc)

        self.runner.run(lambda: self.counter.open_shift(amount), done, failed)

    def _start_selling(self, name: str) -> None:
        self.show_page(Page.SALE)
        self.sale.new_sale(announce=False)
        welcome = tr("welcome", name=i18n.isolate(name))
        self.say(welcome, "ok")

        def held(baskets: list[Any]) -> None:
            if baskets and self.message_bar.text() == welcome:
                self.say(welcome + " " + tr("held_waiting", n=i18n.num(len(baskets))), "ok")
        self.runner.run(self.counter.held_baskets, held,
                        lambda exc: log.warning("held baskets: %s", exc))

    def logout(self) -> None:
        if self.sale.completing:
            self.say(tr("still_working"), "warn")
            return
        self.counter.logout()
        self.sale.new_sale(announce=False)
        self.show_login()
        self.refresh_status()
        self.say(tr("logged_out"), "")

    def escape(self) -> None:
        """Esc: back to the barcode field, dropping a half-typed entry or payment choice."""
        focused = self.focusWidget()
        if focused is self.sale.household_panel.customer_input and self.sale.household is None:
            self.sale.household_panel.customer_input.clear()
        elif focused is self.sale.basket_view.scan_input:
            self.sale.basket_view.scan_input.clear()
            if self.sale.phase is Phase.PAYING:
                self.sale.payment = None
                self.sale._refresh()
        self.sale.focus_scan()

    def show_help(self) -> None:
        dialog = HelpDialog(self)
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.status_timer.stop()
        uninstall(self.scan_filter)
        if self.serial_inputs is not None:
            self.serial_inputs.stop()
        self.runner.wait(10_000)
        super().closeEvent(event)

