"""The folder list is the architecture: every module sits in a layer, and the layers
contract names every package (docs/architecture.md)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pos_client"


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c for c in contracts if c["type"] == "layers"]
    names: list[str] = []
    for layer in layers["layers"]:
        names += [part.strip() for part in layer.replace(":", "|").split("|")]
    return names


def test_no_module_sits_loose_at_the_top_of_the_package() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert loose == [], f"put these in the layer they belong to: {loose}"


def test_every_package_is_a_layer_of_the_contract() -> None:
    packages = {f"pos_client.{p.name}" for p in PACKAGE.iterdir()
                if (p / "__init__.py").is_file()}
    layers = _layers()
    assert len(layers) == len(set(layers)), "a package is named twice in the layers"
    assert packages == set(layers), (
        f"missing from the layers contract: {sorted(packages - set(layers))}; "
        f"named there but gone: {sorted(set(layers) - packages)}")


def test_domain_is_the_bottom_layer_and_the_window_the_top() -> None:
    layers = _layers()
    assert layers[0] == "pos_client.ui"
    assert layers[-1] == "pos_client.domain"


def test_test_helper_modules_share_one_suffix() -> None:
    helpers = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("*_helpers.py"))
    assert helpers == [], f"name test helper modules *_support.py: {helpers}"
