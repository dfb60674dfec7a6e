"""Messages by error code: every catalogue entry speaks both languages with the same fields,
every code the code raises is in a catalogue, and no raise site writes its own sentences.

The last two are scans of ``pos_client``'s source (AST), so new code cannot slip back.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import pos_client
from pos_client.devices.messages import PRINTER_STATES, SCALE_PROBLEMS, printer_key, scale_key
from pos_client.domain.errors import (
    Catalogue,
    InvalidQuantity,
    MessageError,
    PerLanguage,
    UserFacingError,
    catalogues,
    code_of,
    template_fields,
    texts,
)

ROOT = Path(pos_client.__file__).parent
LAYERS = ("pos_client.domain", "pos_client.store", "pos_client.sync", "pos_client.devices",
          "pos_client.reports", "pos_client.monitoring")
# Calls whose first argument is a catalogue key.
KEY_CALLS = {"from_code", "texts"}
# Functions that pick a key from a closed set of device states: the one run-time key a
# call may pass; every member of each set is checked below.
CLOSED_SET_KEYS = {"printer_key": (PRINTER_STATES, printer_key),
                   "scale_key": (SCALE_PROBLEMS, scale_key)}


def _load_all() -> dict[str, Catalogue]:
    for name in LAYERS:
        importlib.import_module(name)
    return {c.layer: c for c in catalogues()}


def _sources() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "ui" not in p.relative_to(ROOT).parts[:1])


def _sentence_positions(cls: type[UserFacingError]) -> tuple[int, ...]:
    """Where a call of ``cls`` takes its Persian and English sentences (params fa, en)."""
    params = [p for p in inspect.signature(cls).parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return tuple(i for i, p in enumerate(params) if p.name in ("fa", "en"))


def _error_classes() -> dict[str, tuple[int, ...]]:
    """UserFacingError and its subclasses in pos_client (outside ui/): name -> the
    positions of their fa and en arguments."""
    found = {"UserFacingError": (0, 1)}
    for info in pkgutil.walk_packages([str(ROOT)], "pos_client."):
        if info.name.startswith("pos_client.ui") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, UserFacingError):
                found[value.__name__] = _sentence_positions(value)
    return found


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _key_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in KEY_CALLS:
                found.append((f"{path.relative_to(ROOT.parent)}:{node.lineno}", node))
    return found


def test_every_layer_has_a_catalogue_and_keys_are_codes() -> None:
    by_layer = _load_all()
    assert {"domain", "store", "sync", "devices", "reports", "monitoring"} <= set(by_layer)
    for catalogue in by_layer.values():
        for key in catalogue:
            code, _, variant = key.partition(":")
            assert code.isidentifier() and code == code.lower(), key
            assert not variant or variant.isidentifier(), key


def test_every_entry_has_both_languages_with_the_same_fields() -> None:
    for catalogue in _load_all().values():
        for key, pair in catalogue.items():
            assert pair.fa.strip() and pair.en.strip(), key
            assert any("\u0600" <= ch <= "\u06ff" for ch in pair.fa), (key, pair.fa)
            assert not any("\u0600" <= ch <= "\u06ff" for ch in pair.en), (key, pair.en)
            assert template_fields(pair.fa) == template_fields(pair.en), key


def test_a_catalogue_with_a_one_language_field_is_refused() -> None:
    with pytest.raises(MessageError):
        Catalogue("test_bad", {"test_one_sided": ("فروش {receipt_no} ابطال شد.", "Voided.")})
    with pytest.raises(MessageError):
        Catalogue("test_bad", {"test_no_english": ("فروش ابطال شد.", "")})
    _load_all()
    with pytest.raises(MessageError):  # a key belongs to one layer
        Catalogue("test_bad", {"nid_checksum": ("کد ملی نامعتبر است.", "Invalid code.")})
    assert "test_bad" not in {c.layer for c in catalogues()}


def test_a_missing_or_unexpected_field_fails_loudly() -> None:
    _load_all()
    with pytest.raises(MessageError):
        texts("already_voided:receipt")  # needs receipt_no
    with pytest.raises(MessageError):
        texts("already_voided:receipt", receipt_no="12", extra="x")
    with pytest.raises(MessageError):
        texts("no_such_code_anywhere")
    with pytest.raises(MessageError):
        InvalidQuantity.from_code("qty_invalid:whole_number", qty="2.5")


def test_from_code_keeps_code_fields_and_both_sentences() -> None:
    _load_all()
    err = UserFacingError.from_code("already_voided:receipt", receipt_no="۱۲")
    assert err.code == "already_voided" and err.extra == {"receipt_no": "۱۲"}
    assert "۱۲" in err.fa and "12" not in err.en and err.message("en") == err.en
    variant = InvalidQuantity.from_code("qty_invalid:whole_number")
    assert variant.code == "qty_invalid" == code_of("qty_invalid:whole_number")
    assert variant.message("fa") == variant.fa != variant.en


def test_a_per_language_field_reads_in_each_language() -> None:
    catalogue = Catalogue("test_per_language", {
        "test_day": ("روز {day} بسته است.", "Day {day} is closed.")})
    shown = catalogue.format("test_day", {"day": PerLanguage("۱۴۰۵/۰۹/۱۱", "2026-12-02")})
    assert shown.fa == "روز ۱۴۰۵/۰۹/۱۱ بسته است." and shown.en == "Day 2026-12-02 is closed."


def _key_defects(tree: ast.AST, where: str, keys: dict[str, Catalogue]) -> list[str]:
    defects = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or _call_name(call) not in KEY_CALLS:
            continue
        at = f"{where}:{call.lineno}"
        if call.args and isinstance(call.args[0], ast.Call) \
                and _call_name(call.args[0]) in CLOSED_SET_KEYS:
            continue
        if not call.args or not (isinstance(call.args[0], ast.Constant)
                                 and isinstance(call.args[0].value, str)):
            first = ast.unparse(call.args[0]) if call.args else "nothing"
            defects.append(f"{at}: key built at run time: {first}")
            continue
        key = call.args[0].value
        if key not in keys:
            defects.append(f"{at}: {key!r} is in no catalogue")
            continue
        if any(kw.arg is None for kw in call.keywords):
            defects.append(f"{at}: fields passed as **mapping")
            continue
        given = {kw.arg for kw in call.keywords if kw.arg not in ("detail", "extra")}
        if given != keys[key].fields(key):
            defects.append(f"{at}: {key} given {sorted(given)}, "
                           f"named {sorted(keys[key].fields(key))}")
    return defects


def _sentence_defects(tree: ast.AST, where: str, errors: dict[str, tuple[int, ...]],
                      codes: set[str]) -> list[str]:
    """An error class called with a string (literal, f-string or concatenation) where it
    takes its fa or en sentence, or a ``super().__init__`` of one with a string as its first
    two arguments: a sentence that belongs in a catalogue. A ``code=`` given to an error
    class must be a literal code of a catalogue entry."""
    defects = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id in errors for b in node.bases):
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and _call_name(call) == "__init__"
                        and isinstance(call.func, ast.Attribute)
                        and isinstance(call.func.value, ast.Call)
                        and _call_name(call.func.value) == "super"
                        and any(_is_text(arg) for arg in call.args[:2])):
                    defects.append(f"{where}:{call.lineno}: {node.name} super().__init__")
        if isinstance(node, ast.Call) and _call_name(node) in errors:
            positions = errors[_call_name(node) or ""]
            if any(i < len(node.args) and _is_text(node.args[i]) for i in positions):
                defects.append(f"{where}:{node.lineno}: {_call_name(node)}(...)")
            for kw in node.keywords:
                if kw.arg == "code" and not (isinstance(kw.value, ast.Constant)
                                             and kw.value.value in codes):
                    defects.append(f"{where}:{node.lineno}: code={ast.unparse(kw.value)}")
    return defects


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _keys() -> dict[str, Catalogue]:
    return {key: c for c in _load_all().values() for key in c}


def test_every_key_named_in_the_code_is_a_literal_in_a_catalogue_with_its_fields() -> None:
    keys = _keys()
    defects = []
    for path in _sources():
        if path == ROOT / "domain" / "errors.py":
            continue  # where from_code hands its key on to texts()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defects += _key_defects(tree, str(path.relative_to(ROOT.parent)), keys)
    assert not defects, "\n".join(defects)


def test_no_error_is_raised_with_sentences_written_at_the_raise_site() -> None:
    errors = _error_classes()
    codes = {code_of(key) for key in _keys()}
    defects = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defects += _sentence_defects(tree, str(path.relative_to(ROOT.parent)), errors, codes)
    assert not defects, "sentences written at the raise site:\n" + "\n".join(defects)


def test_the_scans_report_run_time_keys_unknown_keys_wrong_fields_and_sentences() -> None:
    source = (
        "raise InvalidInput.from_code(f'qty_{kind}')\n"
        "raise InvalidInput.from_code(key)\n"
        "raise InvalidInput.from_code('no_such_code_anywhere')\n"
        "raise RuleViolation.from_code('already_voided:receipt', receipt=1)\n"
        "raise RuleViolation.from_code('already_voided:receipt', receipt_no=1, detail='x')\n"
        "raise InvalidInput('مقدار نادرست است.', 'Bad quantity.')\n"
        "raise InvalidInput(f'مقدار {q} نادرست است.', 'Bad quantity.')\n"
        "class Voided(InvalidInput):\n"
        "    def __init__(self, n): super().__init__('فروش ' + n, 'Sale ' + n)\n"
        "raise InvalidInput(*texts('already_voided:receipt', receipt_no=n))\n"
        "raise Unreachable('timeout')\n"
        "raise DeviceError.from_code(printer_key(state))\n"
        "raise DeviceError(*texts('printer_saved'), code=f'printer_{state}')\n"
        "raise DeviceError(*texts('printer_saved'), code='no_such_code_anywhere')\n"
        "raise DeviceError(*texts('printer_saved'), code='printer_paper_out')\n")
    tree = ast.parse(source)
    keyed = _key_defects(tree, "x", _keys())
    assert [d.split(":")[1] for d in keyed] == ["1", "2", "3", "4"], keyed
    written = _sentence_defects(tree, "x", {"InvalidInput": (0, 1), "RuleViolation": (0, 1),
                                            "Unreachable": (), "DeviceError": (0, 1)},
                                {code_of(key) for key in _keys()})
    assert sorted(d.split(":")[1] for d in written) == ["13", "14", "6", "7", "9"], written


def test_every_member_of_a_closed_set_of_keys_is_in_the_catalogue() -> None:
    keys = _keys()
    for members, key_of in CLOSED_SET_KEYS.values():
        for member in members:
            assert key_of(member) in keys, member
        with pytest.raises(MessageError):
            key_of("no_such_state")


def test_the_services_refusal_codes_read_from_the_sync_catalogue() -> None:
    from pos_client.sync.errors import Refused
    from pos_client.sync.messages import MESSAGES, REFUSAL_CODES

    for code in REFUSAL_CODES:
        refused = Refused(code, 409)
        assert refused.code == code and (refused.fa, refused.en) == MESSAGES[code]
    unknown = Refused("something_new", 422)
    assert unknown.code == "something_new" and (unknown.fa, unknown.en) == MESSAGES["refused"]
