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
from .i18n import tr


class ZConfirmDialog(QDialog):
    """Accepted: close the day shown. Rejected: nothing happens."""

    def __init__(self, parent: Any, preview: reports.ZPreview, *, unit: Any = "rial") -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("zConfirmDialog")
        self.setWindowTitle(tr("z_title"))
        self.setModal(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl()
                                else Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        question = QLabel(tr("z_question"), self)
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
            warning = QLabel(tr("z_earlier"), self)
            warning.setObjectName("zConfirmEarlierLabel")
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #8a5a00; font-weight: bold;")
            layout.addWidget(warning)
        after = QLabel(tr("z_after_today") if preview.is_today else tr("z_after"), self)
        after.setWordWrap(True)
        layout.addWidget(after)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(tr("z_confirm"), self)
        self.confirm_button.setObjectName("zConfirmButton")
        self.cancel_button = QPushButton(tr("z_cancel"), self)
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
