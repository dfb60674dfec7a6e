"""The window's own catalogue (``ui/i18n.py`` ``TEXTS``, read with ``tr``): every entry has
both languages with the same ``{fields}``, and every key the window names is in it.

``i18n`` imports no Qt, so this runs with the core tests.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pos_client.ui
from pos_client.domain.errors import template_fields
from pos_client.ui import i18n, texts

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


def test_no_key_is_in_both_parts_of_the_catalogue() -> None:
    window = ast.literal_eval(_dict_source(UI / "i18n.py", "TEXTS"))
    assert window.keys().isdisjoint(texts.SCREENS), window.keys() & texts.SCREENS.keys()
    assert set(i18n.TEXTS) == set(window) | set(texts.SCREENS)


def _dict_source(path: Path, name: str) -> ast.expr:
    """The literal dict assigned to ``name`` in ``path`` (before anything is added to it)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and node.target.id == name and node.value is not None):
            return node.value
    raise AssertionError(f"no {name} in {path.name}")


def test_tr_fills_the_fields_in_the_chosen_language() -> None:
    try:
        i18n.set_language("en")
        assert i18n.tr("unsent", n=3) == "Unsent: 3"
        i18n.set_language("fa")
        assert i18n.tr("unsent", n="۳") == "ارسال‌نشده: ۳"
    finally:
        i18n.set_language("fa")


# Persian letters (not digits or the Persian comma and thousands separator, which the
# number formatting of a widget may name on its own).
PERSIAN_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")

# Where a Persian literal is allowed, and why. Everything else the window writes is a
# ``TEXTS`` entry read with ``tr``.
CATALOGUES = {"i18n.py", "texts.py"}  # the catalogue itself, in two parts
ALLOWED: set[tuple[str, str]] = {
    # what the manager types in the demo's screenshots (data entered, not a window text)
    ("screenshots_manager.py", "اشتباه در سبد"),
    ("screenshots_manager.py", "پول خرد"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring constants (never shown on the screen)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                found.add(id(body[0].value))
    return found


def inline_text_defects(source: str, name: str) -> list[str]:
    """A ``pick``/``i18n.pick`` call with a literal argument, and (outside the catalogue and
    ``ALLOWED``) a Persian string literal: both are window texts written in a widget instead
    of ``TEXTS``."""
    tree = ast.parse(source)
    defects = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = (func.id if isinstance(func, ast.Name) else
                      func.attr if isinstance(func, ast.Attribute) else "")
            literal = [a for a in node.args if isinstance(a, (ast.Constant, ast.JoinedStr))]
            if called == "pick" and literal:
                defects.append(f"{name}:{node.lineno}: pick() with a literal text")
    if name not in CATALOGUES:
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip and PERSIAN_LETTER.search(node.value)
                    and (name, node.value) not in ALLOWED):
                defects.append(f"{name}:{node.lineno}: Persian literal {node.value[:30]!r}")
    return defects


def test_no_window_text_is_written_inline_in_a_widget() -> None:
    defects = []
    for path in sorted(UI.rglob("*.py")):
        defects += inline_text_defects(path.read_text(encoding="utf-8"), path.name)
    assert not defects, "\n".join(defects)


def test_the_inline_text_scan_catches_a_sample_defect() -> None:
    sample = (
        '"""ایستگاه: a docstring is never shown."""\n'
        "from . import i18n\n"
        "from .i18n import pick\n"
        'a = pick("پرداخت", "Pay")\n'
        'b = i18n.pick(error.fa, "Pay")\n'
        'c = QLabel("بستن")\n'
        'd = pick(error.fa, error.en)\n'
        'e = ", ".join(["٬", "، "])\n'
    )
    found = inline_text_defects(sample, "sample.py")
    assert [d.split(": ", 1)[0] for d in found] == ["sample.py:4", "sample.py:5",
                                                     "sample.py:4", "sample.py:6"], found
    catalogue = inline_text_defects(sample, "texts.py")  # literals allowed: pick() counts
    assert [d.split(": ", 1)[0] for d in catalogue] == ["texts.py:4", "texts.py:5"], catalogue


# The screens' keys (ui/texts.py) are often held in tables (a reader state's sentence, the
# customer display's phases, the file dialog's labels) and reach ``tr`` at run time.
SCREEN_KEY = re.compile(r"^(reader|display|manager|sales|set_aside|help|z|demo)_[a-z0-9_]+$")


def unknown_screen_keys(source: str, name: str) -> list[str]:
    """Every literal shaped like a screens' key that the catalogue does not have."""
    return [f"{name}:{node.lineno}: {node.value!r}" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and SCREEN_KEY.match(node.value) and node.value not in i18n.TEXTS]


def test_every_screens_key_written_in_a_table_is_in_the_catalogue() -> None:
    unknown = []
    for path in sorted(UI.rglob("*.py")):
        if path.name not in CATALOGUES:
            unknown += unknown_screen_keys(path.read_text(encoding="utf-8"), path.name)
    assert not unknown, "\n".join(unknown)
    sample = 'NOT_PAID = {"declined": "reader_declined", "cancelled": "reader_canceled"}\n'
    assert unknown_screen_keys(sample, "sample.py") == ["sample.py:1: 'reader_canceled'"]
