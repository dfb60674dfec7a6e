"""Answers of the API as values: a status, a JSON body and headers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Stream:
    """A body sent as it is made (the household snapshot), never gzipped here."""

    chunks: Iterable[bytes]
    content_type: str


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class ApiError(Exception):
    """An error answer ``{"error": {"code", "message", ...}, ...}``."""

    def __init__(self, status: int, code: str, message: str, *, extra: dict[str, Any] | None = None,
                 top: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}
        self.top = top or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}, **self.top}

    def answer(self) -> Answer:
        return Answer(self.status, self.body())


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid_request", message)


def canonical(value: Any) -> str:
    """The form two bodies are compared in: sorted keys, no spaces."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
