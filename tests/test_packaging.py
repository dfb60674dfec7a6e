"""The top-level ``resources/`` installs with the package: a wheel built from the
repository carries the fonts and the OpenAPI document, and code installed from it (not
an editable install) finds them and prints a receipt with them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # builds a wheel (about 30 s): once, in the full run
SHIPPED = ("pos_client/resources/openapi.yaml", "pos_client/resources/fonts/OFL.txt",
           "pos_client/resources/fonts/Vazirmatn-Regular.ttf",
           "pos_client/resources/fonts/Vazirmatn-Bold.ttf")

USE_INSTALLED = """
import sys
from pathlib import Path
import pos_client, pos_client.settings.shipped as shipped
assert Path(pos_client.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), pos_client.__file__
assert shipped.resources_dir().resolve().is_relative_to(Path(sys.argv[1]).resolve())
assert shipped.openapi_path().read_text(encoding="utf-8").startswith("openapi:")
from pos_client.domain.dates import utc_now
from pos_client.devices.receipt_image import render_receipt
from pos_client.domain.receipts import build_test_receipt
image = render_receipt(build_test_receipt(utc_now(), description="wheel", width_dots=576,
                                          language="fa"), 576)
assert image.height > 100
print("ok", shipped.resources_dir())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--disable-pip-version-check", "-w", str(out), str(ROOT)],
                   check=True, timeout=300, cwd=out)
    [built] = out.glob("pos_client-*.whl")
    return built


def test_the_wheel_carries_the_fonts_and_the_openapi_document(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(SHIPPED) <= names
    assert not any(name.startswith("resources/") for name in names)


def test_code_installed_from_the_wheel_finds_its_resources(wheel: Path,
                                                           tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)],
                   check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Only the installed copy on the path: the checkout's resources/ must not be used.
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONNOUSERSITE": "1"}
    done = subprocess.run([sys.executable, "-I", "-c", _with_path(target), str(target)],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


def _with_path(target: Path) -> str:
    """``-I`` drops PYTHONPATH and the editable install's finder stays in site-packages:
    put the installed copy first by hand."""
    return f"import sys; sys.path.insert(0, {str(target)!r})\n" + USE_INSTALLED
