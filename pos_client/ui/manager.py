"""The store manager's screen: X report, blind cash count, Z report, reconciliation.

Opened after a manager's PIN: ``open_manager_screen(parent, counter, manager_user)``.
Every use-case (the journal, the service, the printer, files) runs off the GUI thread
through ``Runner``; the screen only shows answers. The expected cash is never shown
before a count is entered (the report itself leaves it out without one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import reports
from ..domain.errors import UserFacingError
from . import i18n
from .counter_port import CounterPort
from .i18n import tr
from .report_view import report_html
from .set_aside import SetAsideNotice
from .worker import Runner


class ManagerScreen(QDialog):
    """The manager's end of day. ``report_ready`` carries each report shown."""

    report_ready = Signal(object)

    def __init__(self, parent: QWidget | None, counter: CounterPort, manager: Any, *,
                 runner: Runner | None = None) -> None:
        super().__init__(parent)
        self.counter, self.manager = counter, manager
        self._keys_to: QWidget | None = None  # the button to give the keys back to
        self.runner = runner or Runner(self)
        self.report: reports.DayReport | None = None
        self._confirmed_day: Any = None  # the day the manager confirmed for the Z
        self.z_confirm: Any = None
        self.language = i18n.language()
        self.setObjectName("managerScreen")
        self.setWindowTitle(tr("manager_day_title", name=manager.name))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                                else Qt.LayoutDirection.LeftToRight)
        self.resize(760, 640)
        self._build()
        self._group_names: dict[str, str] = {}
        self.runner.busy_changed.connect(self._busy)
        self._load_group_names()
        self._settle_pending()
        self.set_aside.load(counter)

    # --- layout ------------------------------------------------------------------------
    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        count_row = QFormLayout()
        count_row.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.cash_count = QLineEdit(self)
        self.cash_count.setObjectName("cashCountInput")
        self.cash_count.setPlaceholderText(tr("manager_count_hint"))
        self.cash_count.textEdited.connect(self._group_digits)
        count_row.addRow(QLabel(tr("manager_count", unit=i18n.unit_name()), self),
                         self.cash_count)
        layout.addLayout(count_row)
        actions = QHBoxLayout()
        self.x_button = self._button("xReportButton", tr("manager_x"), self.make_x)
        self.z_button = self._button("zReportButton", tr("manager_z"), lambda: self.make_z())
        self.print_button = self._button("printReportButton", tr("manager_print"),
                                         self.print_report)
        self.csv_button = self._button("exportCsvButton", tr("manager_csv"),
                                       lambda: self._ask_path("csv"))
        self.pdf_button = self._button("exportPdfButton", tr("manager_pdf"),
                                       lambda: self._ask_path("pdf"))
        for button in (self.x_button, self.z_button, self.print_button, self.csv_button,
                       self.pdf_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        unsent = QHBoxLayout()
        self.sync_first = self._button("syncFirstButton", tr("manager_sync_first"),
                                       lambda: self.make_z(sync_first=True))
        self.close_anyway = self._button("closeAnywayButton", tr("manager_close_anyway"),
                                         lambda: self.make_z(close_anyway=True))
        unsent.addWidget(self.sync_first)
        unsent.addWidget(self.close_anyway)
        layout.addLayout(unsent)
        self._show_unsent_choice(False)
        self.message = QLabel("", self)
        self.message.setObjectName("managerMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.set_aside = SetAsideNotice(self)
        layout.addWidget(self.set_aside)
        self.text = QTextBrowser(self)
        self.text.setObjectName("reportText")
        option = QTextOption(self.text.document().defaultTextOption())
        option.setTextDirection(self.layoutDirection())
        self.text.document().setDefaultTextOption(option)
        layout.addWidget(self.text, 4)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("reconcileTable")
        self.table.setHorizontalHeaderLabels([tr("manager_receipt"), tr("manager_kind"),
                                              tr("manager_here"), tr("manager_there"),
                                              tr("manager_note")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)

    def _show_unsent_choice(self, shown: bool) -> None:
        self.sync_first.setVisible(shown)
        self.close_anyway.setVisible(shown)

    def _busy(self, busy: bool) -> None:
        buttons = (self.x_button, self.z_button, self.sync_first, self.close_anyway)
        if busy:  # a disabled button loses the keys: give them back to it afterwards
            focused = self.focusWidget()
            self._keys_to = focused if focused in buttons else None
        for button in buttons:
            button.setEnabled(not busy)
        if busy:
            self.say(tr("manager_working"))
            return
        if self.message.text() == tr("manager_working"):
            self.say("")  # the job said nothing (e.g. no pending Z to settle)
        back = self._keys_to
        if back is not None and back.isVisible() and self.z_confirm is None:
            back.setFocus()
        self._keys_to = None

    def _group_digits(self, text: str) -> None:
        """The count as it is typed, in the language's digits with thousands separators."""
        try:
            value = i18n.parse_money(text) if text.strip() else None
        except ValueError:
            return
        if value is None:
            return
        shown = i18n.money(value, with_unit=False)
        if shown != text:
            self.cash_count.setText(shown)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, reports.UnsentSales):
            self._show_unsent_choice(True)
        self.say(i18n.pick(exc.fa, exc.en) if isinstance(exc, UserFacingError)
                 else repr(exc))

    # --- use-cases (off the GUI thread) -------------------------------------------------
    def _counted(self, *, required: bool) -> int | None:
        text = self.cash_count.text().strip()
        if not text:
            if required:
                self.say(tr("manager_need_count"))
            return None
        try:
            return i18n.parse_money(text)
        except ValueError:
            self.say(tr("manager_bad_count"))
            raise

    def _settle_pending(self) -> None:
        def done(changed: list[Any]) -> None:
            if changed:
                self.say(tr("manager_settled", n=i18n.num(len(changed))))
        self.runner.run(self.counter.settle_pending_reports, done, lambda _exc: None)

    def make_x(self) -> None:
        try:
            counted = self._counted(required=False)
        except ValueError:
            return
        counter, who = self.counter, self.manager.name
        self.runner.run(lambda: counter.x_report(counted_cash_rials=counted, who=who),
                        lambda report: self._show(report, tr("manager_x_done")), self._fail)

    def make_z(self, *, sync_first: bool = False, close_anyway: bool = False) -> None:
        """Show the day the Z will close and its figures (``ZConfirmDialog``); the day is
        closed only once that is confirmed. After unsent sales were reported, "sync first"
        and "close anyway" act on the day already confirmed."""
        try:
            counted = self._counted(required=True)
        except ValueError:
            return
        if counted is None:
            return
        self._show_unsent_choice(False)
        if (sync_first or close_anyway) and self._confirmed_day is not None:
            self._close_day(self._confirmed_day, counted, sync_first=sync_first,
                            close_anyway=close_anyway)
            return
        counter = self.counter
        self.runner.run(lambda: counter.z_preview(counted),
                        lambda preview: self._confirm_z(preview, counted), self._fail)

    def _confirm_z(self, preview: reports.ZPreview, counted: int) -> None:
        from .z_confirm import ZConfirmDialog
        dialog = ZConfirmDialog(self, preview, unit=self._unit())
        self.z_confirm = dialog

        def decided(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._confirmed_day = preview.business_date
                self._close_day(preview.business_date, counted)
            else:
                self.say(tr("manager_z_cancelled"))
            self.z_confirm = None
            dialog.deleteLater()
            self.activateWindow()  # back where the keys were: the Z button
            self.z_button.setFocus()
            if not self.z_button.isEnabled():  # the Z is running: the keys go back after it
                self._keys_to = self.z_button
        dialog.finished.connect(decided)
        dialog.open()

    def _close_day(self, day: Any, counted: int, *, sync_first: bool = False,
                   close_anyway: bool = False) -> None:
        counter, manager = self.counter, self.manager

        def job() -> reports.DayReport:
            report: reports.DayReport = counter.z_report(
                manager, counted, day=day, close_anyway=close_anyway, sync_first=sync_first)
            return report

        def done(report: reports.DayReport) -> None:
            self._confirmed_day = None
            status = reports.output.label(report.status, self.language)
            self._show(report, tr("manager_z_done", z=i18n.num(report.z_no or 0),
                                  status=status))
        self.runner.run(job, done, self._fail)

    def _load_group_names(self) -> None:
        counter, language = self.counter, self.language
        self.runner.run(lambda: counter.group_names(language), self._group_names.update,
                        lambda _exc: None)

    def _group_name(self, code: str) -> str:
        return self._group_names.get(code, code)

    def _show(self, report: reports.DayReport, said: str) -> None:
        self.report = report
        self.text.setHtml(report_html(report, language=self.language, unit=self._unit(),
                                      group_name=self._group_name))
        rec = report.reconciliation
        differences = rec.differences if rec is not None else ()
        self.table.setRowCount(len(differences))
        for row, diff in enumerate(differences):
            values = (diff.receipt_no or diff.txn_id or "—",
                      reports.output.label(diff.kind, self.language),
                      "—" if diff.local_coupon_rials is None else i18n.money(
                          diff.local_coupon_rials),
                      "—" if diff.server_coupon_rials is None else i18n.money(
                          diff.server_coupon_rials), diff.note)
            for column, value in enumerate(values):
                item = QTableWidgetItem(i18n.num(value) if column == 0 else value)
                item.setData(Qt.ItemDataRole.UserRole, diff)
                self.table.setItem(row, column, item)
        self.say(said)
        self.report_ready.emit(report)

    def _unit(self) -> Any:
        return getattr(self.counter.settings.terminal, "money_unit", "rial")

    # --- output -------------------------------------------------------------------------
    def print_report(self) -> None:
        if self.report is None:
            self.say(tr("manager_no_report"))
            return
        counter, report, language = self.counter, self.report, self.language
        self.runner.run(lambda: counter.print_report(report, language),
                        lambda printed: self.say(tr("manager_printed") if printed
                                                 else tr("manager_no_printer")),
                        self._fail)

    def _ask_path(self, kind: str) -> None:
        if self.report is None:
            self.say(tr("manager_no_report"))
            return
        name = f"{self.report.kind}-{self.report.business_date.isoformat()}.{kind}"
        self.file_dialog = dialog = QFileDialog(self, tr("manager_save_title"), name,
                                                tr("manager_csv_files") if kind == "csv"
                                                else tr("manager_pdf_files"))
        dialog.setObjectName("exportFileDialog")
        # Qt's own dialog, so that it speaks the cashier's language and reads right to left
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setLayoutDirection(self.layoutDirection())
        for which, key in ((QFileDialog.DialogLabel.LookIn, "manager_look_in"),
                           (QFileDialog.DialogLabel.FileName, "manager_file_name"),
                           (QFileDialog.DialogLabel.FileType, "manager_file_type"),
                           (QFileDialog.DialogLabel.Accept, "manager_save"),
                           (QFileDialog.DialogLabel.Reject, "manager_cancel")):
            dialog.setLabelText(which, tr(key))
        dialog.fileSelected.connect(lambda path: self.export(kind, path))
        dialog.open()

    def export(self, kind: str, path: str | Path) -> None:
        """Write the shown report as ``csv`` or ``pdf`` to ``path``."""
        if self.report is None:
            self.say(tr("manager_no_report"))
            return
        report = self.report
        if kind == "csv":
            self.runner.run(lambda: reports.write_csv(report, path),
                            lambda p: self.say(tr("manager_saved", path=p)), self._fail)
            return
        # QPdfWriter and QPainter are used on the GUI thread: Qt's painting is not for
        # worker threads, and a two-page report is quick.
        from .manager_pdf import write_pdf
        written = write_pdf(report, path, language=self.language, unit=self._unit(),
                            group_name=self._group_name)
        self.say(tr("manager_saved", path=written))


def open_manager_screen(parent: QWidget | None, counter: CounterPort, manager: Any, *,
                        runner: Runner | None = None) -> ManagerScreen:
    """Show the manager's screen (non-modal) for ``manager`` (a ``User`` checked by
    ``counter.manager(pin)``); returns it."""
    screen = ManagerScreen(parent, counter, manager, runner=runner)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen.show()
    # keys go where the manager starts (the blind count), and back to the cashier's window
    # when the screen closes, as a window manager would do on a desktop
    screen.raise_()
    screen.activateWindow()
    screen.cash_count.setFocus()
    if parent is not None:
        owner = parent.window()
        screen.finished.connect(lambda _result: owner.activateWindow())
    return screen
