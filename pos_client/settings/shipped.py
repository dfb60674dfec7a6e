"""Files shipped with the terminal (the top-level ``resources/`` of the repository): the
Vazirmatn fonts and the OpenAPI document of the central service.

They are found the same way wherever the code runs: installed from a wheel or in the
PyInstaller bundle they sit beside the package (``pos_client/resources``); in a source
checkout, or an editable install, at the top of the repository.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..domain.errors import UserFacingError

_PACKAGE = Path(__file__).resolve().parent.parent  # pos_client/
CANDIDATES = (_PACKAGE / "resources", _PACKAGE.parent / "resources")
FONTS = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")


@functools.cache
def resources_dir() -> Path:
    for candidate in CANDIDATES:
        if (candidate / "fonts" / FONTS[0]).is_file():
            return candidate
    raise UserFacingError.from_code(
        "resources_missing", places=", ".join(str(c) for c in CANDIDATES))


def font_path(bold: bool = False) -> Path:
    """Vazirmatn, regular or bold: the receipt's, the window's and the PDF report's font."""
    return resources_dir() / "fonts" / FONTS[1 if bold else 0]


def openapi_path() -> Path:
    return resources_dir() / "openapi.yaml"
