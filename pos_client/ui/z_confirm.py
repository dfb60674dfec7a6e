"""The Z's confirmation: the day it will close and that day's figures, before it closes.

``ZConfirmDialog`` (``zConfirmDialog``) shows a ``ZPreview``: the business date (Jalali in
Persian), whether it is today or an earlier day that still has sales open, the figures and
the drawer (shortage or overage as a word). ``zConfirmButton`` closes the day;
``zCancelButton`` or Esc closes nothing. Focus starts on the confirm button, so a person
at the keyboard reads the day, then presses Enter (or Esc).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from .. import reports
from . import i18n

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("تأیید بستن روز با گزارش Z", "Confirm closing the day with a Z"),
    "question": ("این روز کاری بسته شود؟", "Close this business day?"),
    "confirm": ("بستن روز (Z)", "Close the day (Z)"),
    "cancel": ("انصراف (Esc)", "Cancel (Esc)"),
    "earlier": ("توجه: این روز، امروز نیست؛ روزی پیش‌تر است که فروش آن هنوز بسته نشده.",
                "Note: this is not today; it is an earlier day whose sales are still open."),
    "after_today": ("پس از بستن، تا ساعت ۰۰:۰۰ به وقت تهران فروشی ثبت نمی‌شود؛ روز بعد با "
                    "باز کردن شیفت و موجودی اول شیفت آغاز می‌شود.",
                    "After the Z nothing is sold until 00:00 Tehran time; the next day starts "
                    "with a new shift and its opening cash."),
    "after": ("پس از بستن، برای فروش باید شیفت امروز با موجودی اول شیفت باز شود.",
              "After the Z, today's shift must be opened with its opening cash to sell."),
}


def t(key: str) -> str:
    fa, en = TEXTS[key]
    return i18n.pick(fa, en)


class ZConfirmDialog(QDialog):
    """Accepted: close the day shown. Rejected: nothing happens."""

    def __init__(self, parent: Any, preview: reports.ZPreview, *, unit: Any = "rial") -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("zConfirmDialog")
        self.setWindowTitle(t("title"))
        self.setModal(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                                else Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        question = QLabel(t("question"), self)
        question.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(question)
        form = QFormLayout()
        rows = reports.preview_lines(preview, language=i18n.language(), unit=unit)
        self.day_label = QLabel(rows[0][1], self)
        self.day_label.setObjectName("zConfirmDayLabel")
        self.day_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.day_label.setWordWrap(True)
        form.addRow(rows[0][0] + ":", self.day_label)
        side = Qt.AlignmentFlag.AlignRight if i18n.is_rtl() else Qt.AlignmentFlag.AlignLeft
        for name, value in rows[1:]:
            shown = QLabel(value, self)  # digits alone would otherwise sit on the far side
            shown.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute
                               | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(name + ":", shown)
        layout.addLayout(form)
        if not preview.is_today:
            warning = QLabel(t("earlier"), self)
            warning.setObjectName("zConfirmEarlierLabel")
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #8a5a00; font-weight: bold;")
            layout.addWidget(warning)
        after = QLabel(t("after_today" if preview.is_today else "after"), self)
        after.setWordWrap(True)
        layout.addWidget(after)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(t("confirm"), self)
        self.confirm_button.setObjectName("zConfirmButton")
        self.cancel_button = QPushButton(t("cancel"), self)
        self.cancel_button.setObjectName("zCancelButton")
        self.confirm_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.confirm_button.setDefault(True)
        self.setMinimumWidth(520)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.confirm_button.setFocus()

    def text(self) -> str:
        """What the dialog says, as plain text (for logs and tests)."""
        return reports.preview_text(self.preview, language=i18n.language())
