"""The OpenAPI document of the contract, and schemathesis fuzzing the running service with it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sim_support import Central

from pos_client.settings.shipped import openapi_path

OPENAPI = openapi_path()
CONTRACT_PATHS = {
    "/v1/terminal": "get", "/v1/programme": "get", "/v1/catalog": "get",
    "/v1/households": "get", "/v1/codes/resolve": "post", "/v1/sales": "post",
    "/v1/sales/batch": "post", "/v1/voids": "post",
    "/v1/settlements/{business_date}": "get", "/v1/days/{business_date}/close": "post",
}
# beyond the shared contract, advertised in GET /v1/terminal (docs/central-sim.md)
OPTIONAL_PATHS = {"/v1/households/snapshot": "get"}


def test_the_document_is_openapi_3_1_with_every_path_of_the_contract() -> None:
    yaml = pytest.importorskip("yaml")  # PyYAML comes with schemathesis
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert {path: next(iter(ops)) for path, ops in paths.items()} == {**CONTRACT_PATHS,
                                                                      **OPTIONAL_PATHS}
    for path, method in OPTIONAL_PATHS.items():
        assert paths[path][method]["summary"].startswith("OPTIONAL capability")
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def _schemathesis() -> str:
    beside = Path(sys.executable).with_name("schemathesis")
    found = str(beside) if beside.exists() else shutil.which("schemathesis")
    if found is None:
        pytest.skip("schemathesis is not installed")
    return found


# A batch answers 200 with a rejected result for each malformed sale (that is the contract),
# so its run leaves out the check that schema-violating bodies get a 4xx. Schema-valid
# sales are mostly refused by rules a schema cannot state (arithmetic, households), so no run
# demands that valid-looking data be accepted.
@pytest.mark.parametrize("selection,excluded", [
    (["--exclude-operation-id", "postSalesBatch"], "positive_data_acceptance"),
    (["--include-operation-id", "postSalesBatch"],
     "positive_data_acceptance,negative_data_rejection"),
])
def test_schemathesis_finds_the_service_faithful_to_the_document(
        central: Central, selection: list[str], excluded: str, tmp_path: Path) -> None:
    command = [_schemathesis(), "run", str(OPENAPI), "--url", central.handle.url.rstrip("/"),
               "-H", f"Authorization: Bearer {central.handle.tokens['T-0001']}",
               "--checks", "all", "--exclude-checks", excluded, "--max-examples", "20",
               "--seed", "20260110", "--no-color", *selection]
    env = {**os.environ, "SCHEMATHESIS_TELEMETRY": "false"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=110, env=env,
                            cwd=tmp_path)  # its cache folder lands there, not in the repo
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
