"""The OpenAPI document against every JSON example of the contract, and the three parts
(contract, document, central-sim) on the points where they used to disagree."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_openapi

from pos_client.settings.shipped import openapi_path

OPENAPI = openapi_path()
EXAMPLES = Path(__file__).with_name("fixtures") / "central-api-examples.txt"
HEX = "0123456789abcdef" * 4
DOCUMENT: dict[str, Any] = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
OPERATIONS = [(path, method) for path, ops in DOCUMENT["paths"].items() for method in ops]


def examples() -> list[tuple[str, str]]:
    text = EXAMPLES.read_text(encoding="utf-8")
    parts = re.split(r"^### (.+)$", text, flags=re.M)[1:]
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(0, len(parts), 2)]


def _raw(title: str) -> str:
    return next(body for name, body in examples() if name == title)


def _fill(value: Any, key: str = "") -> Any:
    """Placeholder values ("...", "64 hex characters", "uuid4") by what their key holds."""
    if isinstance(value, dict):
        return {k: _fill(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, key) for v in value]
    if value in ("...", "64 hex characters", "uuid4"):
        if key in ("nid_hash", "card_hashes", "lookup_key"):
            return HEX
        if key in ("created_at", "server_time"):
            return "2026-01-10T08:15:00Z"
    return value


def parse(body: str) -> Any:
    household = json.dumps(_fill(json.loads(_expand(_raw("GET /v1/households 200"))))
                           ["items"][0], ensure_ascii=False)
    body = (body.replace("{...as above...}", household).replace("{...current...}", household)
            .replace("{...}", household))
    if "{...settlement...}" in body:
        body = body.replace("{...settlement...}", _expand(
            _raw("GET /v1/settlements/{business_date} 200")))
    if "[sale, ...]" in body:
        body = body.replace("[sale, ...]", "[" + _raw("POST /v1/sales request") + "]")
    return _fill(json.loads(_expand(body)))


def _expand(body: str) -> str:
    body = re.sub(r",\s*\.\.\.\s*\]", "]", body)  # more items of the same kind
    return re.sub(r",\s*\.\.\.\s*\}", ', "message": "..."}', body)  # an error's message


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = DOCUMENT
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def schema_for(title: str) -> dict[str, Any]:
    method, path, what = title.split()
    operation = DOCUMENT["paths"][path][method.lower()]
    if what == "request":
        holder = _resolve(operation["requestBody"])
    else:
        assert what in operation["responses"], f"the document has no {what} for {title}"
        holder = _resolve(operation["responses"][what])
    schema = holder["content"]["application/json"]["schema"]
    return {**schema, "components": DOCUMENT["components"]}


def check(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(instance)]


def test_the_document_is_valid_openapi_3_1() -> None:
    validate_openapi(copy.deepcopy(DOCUMENT))


def test_the_fixture_holds_every_example_of_the_contract() -> None:
    titles = [title for title, _ in examples()]
    assert len(titles) == 21
    for path, method in OPERATIONS:
        if DOCUMENT["paths"][path][method]["summary"].startswith("OPTIONAL capability"):
            continue  # beyond the shared contract (docs/central-sim.md): no example there
        assert any(t.startswith(f"{method.upper()} {path} ") for t in titles), (method, path)


@pytest.mark.parametrize("title,body", examples(), ids=[t for t, _ in examples()])
def test_every_example_of_the_contract_is_valid_under_the_document(title: str, body: str) -> None:
    assert check(schema_for(title), parse(body)) == []


@pytest.mark.parametrize("path,method", OPERATIONS)
def test_every_request_may_be_answered_terminal_blocked(path: str, method: str) -> None:
    # central-api.md: every request carries the token; 403 terminal_blocked may answer any.
    responses = DOCUMENT["paths"][path][method]["responses"]
    assert responses.get("403") == {"$ref": "#/components/responses/TerminalBlocked"}


def test_a_store_without_address_or_phone_is_a_valid_terminal() -> None:
    doc = parse(_raw("GET /v1/terminal 200"))
    del doc["store"]["address"], doc["store"]["phone"]
    assert check(schema_for("GET /v1/terminal 200"), doc) == []


def test_hashes_and_the_lookup_key_may_be_hex_in_either_case() -> None:
    terminal = parse(_raw("GET /v1/terminal 200"))
    terminal["lookup_key"] = HEX.upper()
    assert check(schema_for("GET /v1/terminal 200"), terminal) == []
    page = parse(_raw("GET /v1/households 200"))
    page["items"][0]["nid_hash"] = HEX.upper()
    page["items"][0]["card_hashes"] = [HEX.upper(), HEX]
    assert check(schema_for("GET /v1/households 200"), page) == []
    page["items"][0]["nid_hash"] = "g" * 64
    assert check(schema_for("GET /v1/households 200"), page) != []


def test_a_window_may_list_deciles_and_last_digits_together() -> None:
    programme = parse(_raw("GET /v1/programme 200"))
    programme["rounds"][0]["windows"].append(
        {"from": "2026-01-10", "to": "2026-03-20", "deciles": [4], "nid_last_digits": [3]})
    assert check(schema_for("GET /v1/programme 200"), programme) == []
