"""The look: the shipped Vazirmatn font, the colours of the three states, one style sheet.

Green, amber and red mean online, offline within limits, and refused; a word always goes
with the colour (``state`` property on a label picks the colour; the text says it).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from ..settings.shipped import resources_dir
from .context import Tone

log = logging.getLogger(__name__)

FONT_DIR = resources_dir() / "fonts"
FAMILY_FALLBACK = "DejaVu Sans"

GREEN = "#1b7f3b"
AMBER = "#a86400"
RED = "#b3261e"
INK = "#1f2328"
MUTED = "#5b6470"

STYLE_SHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog {{ background: #f6f7f9; }}
QFrame#statusStrip {{ background: #24303f; }}
QFrame#statusStrip QLabel {{ color: #ffffff; font-size: 11pt; padding: 2px 8px; }}
QLabel[state="ok"] {{ color: {GREEN}; }}
QLabel[state="warn"] {{ color: {AMBER}; }}
QLabel[state="bad"] {{ color: {RED}; }}
QFrame#statusStrip QLabel[state="ok"] {{ background: {GREEN}; color: #ffffff;
    border-radius: 4px; font-weight: bold; }}
QFrame#statusStrip QLabel[state="warn"] {{ background: {AMBER}; color: #ffffff;
    border-radius: 4px; font-weight: bold; }}
QFrame#statusStrip QLabel[state="bad"] {{ background: {RED}; color: #ffffff;
    border-radius: 4px; font-weight: bold; }}
QLabel#messageBar {{ background: #ffffff; border-top: 2px solid #d0d5dc; font-size: 12pt;
    padding: 8px 12px; min-height: 28px; }}
QLabel#messageBar[state="ok"] {{ color: {GREEN}; }}
QLabel#messageBar[state="warn"] {{ color: {AMBER}; }}
QLabel#messageBar[state="bad"] {{ color: {RED}; border-top-color: {RED}; }}
QGroupBox {{ background: #ffffff; border: 1px solid #d0d5dc; border-radius: 6px;
    margin-top: 14px; padding: 10px 8px 8px 8px; font-weight: bold; }}
QGroupBox::title {{ subcontrol-origin: margin; subcontrol-position: top right;
    padding: 0 8px; color: {MUTED}; }}
QGroupBox[ltr="true"]::title {{ subcontrol-position: top left; }}
QLineEdit {{ font-size: 14pt; padding: 6px; border: 1px solid #aab2bd; border-radius: 4px;
    background: #ffffff; }}
QLineEdit:focus {{ border: 2px solid #2f6fdf; }}
QPushButton {{ font-size: 11pt; padding: 8px 10px; border: 1px solid #aab2bd;
    border-radius: 4px; background: #eef1f5; }}
QPushButton:focus {{ border: 2px solid #2f6fdf; }}
QPushButton:checked {{ background: #d6e4ff; border: 2px solid #2f6fdf; }}
QPushButton#completeButton {{ background: {GREEN}; color: #ffffff; font-size: 14pt;
    font-weight: bold; padding: 12px; }}
QPushButton#completeButton:disabled {{ background: #9fb8a6; }}
QPushButton#loginButton, QPushButton#openShiftButton, QPushButton#tenderOkButton {{
    background: #2f6fdf; color: #ffffff; font-weight: bold; }}
QLabel#spendableLabel {{ font-size: 22pt; font-weight: bold; color: {GREEN}; }}
QLabel#spendableLabel[state="bad"] {{ color: {RED}; }}
QLabel.money {{ font-size: 15pt; }}
QLabel#remainderLabel {{ font-size: 24pt; font-weight: bold; }}
QLabel#couponLabel {{ font-size: 18pt; font-weight: bold; color: {GREEN}; }}
QLabel#totalLabel {{ font-size: 18pt; font-weight: bold; }}
QLabel.caption {{ color: {MUTED}; font-size: 10pt; }}
QTableWidget {{ background: #ffffff; font-size: 12pt; gridline-color: #e3e6ea; }}
QHeaderView::section {{ background: #eef1f5; padding: 4px; border: none;
    border-bottom: 1px solid #d0d5dc; font-weight: bold; }}
QListWidget {{ background: #ffffff; font-size: 11pt; }}
"""


def load_fonts(app: QApplication) -> str:
    """Register the shipped Vazirmatn and make it the application font; its family name."""
    family = ""
    for path in sorted(FONT_DIR.glob("Vazirmatn-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
        else:
            log.warning("could not load the font %s", path)
    font = QFont(family or FAMILY_FALLBACK)
    font.setPointSize(11)
    app.setFont(font)
    return family


def set_state(widget: QWidget, state: Tone) -> None:
    """Colour a label by meaning (ok / warn / bad / ''); the text must say it too."""
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
