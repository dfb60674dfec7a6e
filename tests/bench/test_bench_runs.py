"""The benchmarks still run: a small variant of ``python -m bench run`` completes and
writes the whole table. Timings are never checked here (docs/benchmarks.md has them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--households", "50000", "--products", "5000", "--sales", "500", "--forward", "500",
         "--lookups", "1000", "--apply-households", "20000", "--receipts", "5",
         "--cold-starts", "1", "--scans", "10", "--weighs", "5"]


@pytest.mark.qt  # row 6 starts the window
def test_the_small_benchmark_run_completes_and_writes_every_row(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "run", *SMALL, "--out", str(out), "--cache", str(cache)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    names = [row["name"] for row in results["table"]]
    assert [name.split(".")[0] for name in names] == ["1", "2", "3", "3b", "4", "5", "5b", "5b",
                                                       "6a", "6b", "6c"]
    assert all(row["measured"] and row["peak_rss_mb"] for row in results["table"])
    # row 3 takes the household snapshot; its baseline, the paged feed, comes in the same run
    assert results["raw"]["sync"]["snapshot"] and not results["raw"]["sync_paged"]["snapshot"]
    assert results["raw"]["sync_paged"]["households"] == results["raw"]["sync"]["households"]
    assert results["table"][2]["baseline"].startswith("paged feed only")
    assert {"cpu", "cores", "ram_gb", "python", "sqlite", "load_average_start",
            "load_average_end"} <= results["machine"].keys()
    table = (out / "results.md").read_text(encoding="utf-8")
    assert all(name in table for name in names)


def test_the_first_load_cpu_measurement_runs_for_both_key_orders() -> None:
    for keys in ("random", "version"):
        done = subprocess.run(
            [sys.executable, "-m", "bench.first_load_cpu", "--households", "6000", "--keys", keys],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-4000:]
        assert f"6,000 households, keys in {keys} order: pages" in done.stdout
