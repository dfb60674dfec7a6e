"""One exception tree for the whole terminal, and the catalogues of its messages.

``UserFacingError`` carries a message for the cashier in Persian and in English;
details for the log go in ``detail`` and never contain an identity in clear.

**Messages by code.** The sentences live in one ``Catalogue`` per layer
(``pos_client/domain/messages.py`` for the top-level modules, ``store/messages.py``,
``sync/messages.py``, ``devices/messages.py``, ``reports/messages.py``,
``monitoring/messages.py``); each package's ``__init__`` imports its catalogue, so it is
registered before any of the package's modules can raise. An entry's key is the stable
error ``code`` (what scripts and tests see in ``UserFacingError.code``), or
``code:variant`` when one code has several sentences (``qty_invalid:whole_number``). Its
Persian and English templates name the same fields (``{receipt_no}``, ``{day}``); a
raise site passes them by name::

    raise InvalidQuantity.from_code("qty_invalid:whole_number")
    raise RuleViolation.from_code("already_voided", receipt_no=sale.receipt_no)

A subclass with its own constructor takes ``texts("key", **fields)``. The key is always
a literal string at the call (``tests/core/test_messages.py`` scans the code for that);
an unknown key, or a missing or unexpected field, raises ``MessageError``. A field that
reads differently per language is passed as ``PerLanguage(fa=..., en=...)``; numbers
and money are formatted by the caller with the money formatters, as the cashier saw them.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

_E = TypeVar("_E", bound="UserFacingError")


class MessageError(LookupError):
    """A message key that no catalogue has, or fields that do not match its templates."""


class Texts(NamedTuple):
    """A message in both languages, ready to show; as a field value, each language's
    template gets its own (``PerLanguage``), so one entry can be a part of another."""

    fa: str
    en: str


PerLanguage = Texts


def template_fields(template: str) -> frozenset[str]:
    """The named fields of a ``str.format`` template (``{x}``, ``{x!r}``, ``{x:,}``)."""
    names: set[str] = set()
    for _literal, name, spec, _conv in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier():
            raise MessageError(f"field {name!r} in {template!r} is not a plain name")
        names.add(name)
        if spec:
            names |= template_fields(spec)
    return frozenset(names)


class Catalogue(Mapping[str, Texts]):
    """The (Persian, English) templates of one layer, keyed by ``code`` or ``code:variant``.

    Registered on creation; a key belongs to one catalogue only.
    """

    def __init__(self, layer: str, entries: Mapping[str, tuple[str, str]]) -> None:
        self.layer = layer
        self._entries = {key: Texts(fa, en) for key, (fa, en) in entries.items()}
        for key, pair in self._entries.items():
            if not pair.fa.strip() or not pair.en.strip():
                raise MessageError(f"{layer}: {key} lacks a language")
            if template_fields(pair.fa) != template_fields(pair.en):
                raise MessageError(f"{layer}: {key}: fa and en name different fields")
            if template_fields(pair.fa) & {"detail", "extra"}:
                raise MessageError(f"{layer}: {key}: detail and extra are not fields")
            owner = _REGISTRY.get(key)
            if owner is not None and owner.layer != layer:
                raise MessageError(f"{key} is in both {owner.layer} and {layer}")
        _REGISTRY.update(dict.fromkeys(self._entries, self))
        _CATALOGUES.append(self)

    def __getitem__(self, key: str) -> Texts:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def fields(self, key: str) -> frozenset[str]:
        return template_fields(self._entries[key].fa)

    def format(self, key: str, fields: Mapping[str, Any]) -> Texts:
        """Both sentences of ``key`` with ``fields`` in; ``MessageError`` if they do not fit."""
        pair = self._entries[key]
        wanted = self.fields(key)
        if set(fields) != wanted:
            raise MessageError(f"{key}: fields {sorted(fields)} given, {sorted(wanted)} named")
        fa = {k: v.fa if isinstance(v, Texts) else v for k, v in fields.items()}
        en = {k: v.en if isinstance(v, Texts) else v for k, v in fields.items()}
        return Texts(pair.fa.format(**fa), pair.en.format(**en))


_REGISTRY: dict[str, Catalogue] = {}
_CATALOGUES: list[Catalogue] = []


def catalogues() -> list[Catalogue]:
    """Every registered catalogue (each package registers its own when imported)."""
    return list(_CATALOGUES)


def texts(key: str, /, **fields: Any) -> Texts:
    """The message ``key`` (``code`` or ``code:variant``) in both languages."""
    catalogue = _REGISTRY.get(key)
    if catalogue is None:
        raise MessageError(f"no catalogue has the message {key!r}")
    return catalogue.format(key, fields)


def code_of(key: str) -> str:
    """The error code of a catalogue key: ``qty_invalid:whole_number`` -> ``qty_invalid``."""
    return key.partition(":")[0]


class PosError(Exception):
    """Base of every error the terminal raises on purpose."""


class UserFacingError(PosError):
    """An error whose message is shown to the cashier or manager.

    ``code`` is a stable snake_case name for scripts and tests; ``fa`` and ``en`` are
    whole sentences that say what happened and what to do.
    """

    code: str = "error"

    def __init__(self, fa: str, en: str, *, code: str | None = None, detail: str = "",
                 **extra: Any) -> None:
        super().__init__(en)
        self.fa = fa
        self.en = en
        if code is not None:
            self.code = code
        self.detail = detail
        self.extra = extra

    @classmethod
    def from_code(cls: type[_E], key: str, /, *, detail: str = "",
                  extra: Mapping[str, Any] | None = None, **fields: Any) -> _E:
        """The error whose message is catalogue entry ``key``; ``code`` is its code part.

        The fields fill the templates and are kept in ``extra`` too, with ``extra``'s.
        """
        fa, en = texts(key, **fields)
        return cls(fa, en, code=code_of(key), detail=detail, **fields, **(extra or {}))

    def message(self, language: str = "fa") -> str:
        return self.fa if language == "fa" else self.en

    def __str__(self) -> str:
        return self.en


class InvalidInput(UserFacingError):
    """Something typed, scanned or swiped is not valid; nothing was changed."""

    code = "invalid_input"


class InvalidNationalCode(InvalidInput):
    """The failed rule is in ``code``: nid_length, nid_non_digit, nid_checksum, nid_not_issued."""


class InvalidCard(InvalidInput):
    code = "card_invalid"


class InvalidOneTimeCode(InvalidInput):
    code = "otc_invalid"


class InvalidBarcode(InvalidInput):
    code = "barcode_invalid"


class InvalidQuantity(InvalidInput):
    code = "qty_invalid"


class InvalidPrice(InvalidInput):
    code = "price_invalid"


class ConfigError(UserFacingError):
    """The configuration file or environment is wrong; names the key."""

    code = "config_invalid"


class RuleViolation(UserFacingError):
    """A programme rule forbids what was asked (outside window, over a limit, ...)."""

    code = "rule_violation"


class OfflineLimitExceeded(RuleViolation):
    """An offline stand-in would pass one of the programme's offline limits.

    ``limit`` names it: max_sale_rials, max_household_rials, max_terminal_rials,
    max_age_hours, or offline_disabled.
    """

    code = "offline_limit"

    def __init__(self, fa: str, en: str, *, limit: str, **extra: Any) -> None:
        super().__init__(fa, en, code="offline_limit", **extra)
        self.limit = limit


class StoreError(UserFacingError):
    """The local database cannot do what was asked (corrupt, locked, full disk)."""

    code = "store_error"


class NotFound(UserFacingError):
    code = "not_found"


class AuthError(UserFacingError):
    """Wrong PIN, locked user, or a manager PIN needed."""

    code = "auth_failed"


class DeviceError(UserFacingError):
    """A printer, scanner or card reader is not working."""

    code = "device_error"


class SyncError(UserFacingError):
    """Talking to the central service failed. Subclasses live in ``pos_client.sync``."""

    code = "sync_error"
