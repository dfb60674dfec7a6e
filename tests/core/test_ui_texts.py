"""The window's own catalogue (``ui/i18n.py`` ``TEXTS``, read with ``tr``): every entry has
both languages with the same ``{fields}``, and every key the window names is in it.

``i18n`` imports no Qt, so this runs with the core tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pos_client.ui
from pos_client.domain.errors import template_fields
from pos_client.ui import i18n

UI = Path(pos_client.ui.__file__).parent


def test_every_window_text_has_both_languages_with_the_same_fields() -> None:
    defects = []
    for key, (fa, en) in i18n.TEXTS.items():
        if not fa.strip() or not en.strip():
            defects.append(f"{key}: a language is empty")
        elif template_fields(fa) != template_fields(en):
            defects.append(f"{key}: fa {sorted(template_fields(fa))} "
                           f"en {sorted(template_fields(en))}")
    assert not defects, "\n".join(defects)


def test_every_literal_key_given_to_tr_is_in_the_catalogue() -> None:
    missing, seen = [], 0
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                seen += 1
                if node.args[0].value not in i18n.TEXTS:
                    missing.append(f"{path.name}:{node.lineno}: {node.args[0].value!r}")
    assert seen > 100 and not missing, "\n".join(missing)


def test_tr_fills_the_fields_in_the_chosen_language() -> None:
    try:
        i18n.set_language("en")
        assert i18n.tr("unsent", n=3) == "Unsent: 3"
        i18n.set_language("fa")
        assert i18n.tr("unsent", n="۳") == "ارسال‌نشده: ۳"
    finally:
        i18n.set_language("fa")
