"""The per-package table of docs/testing.md from coverage's JSON report.

    coverage json -q -o /tmp/coverage.json
    python scripts/coverage_table.py /tmp/coverage.json

A package is a folder of ``pos_client`` (``pos_client/ui``, ``pos_client/store``...); the
modules directly in ``pos_client/`` are one row, all of ``central_sim`` another. The percentage
is coverage's own line + branch figure: (lines run + branches taken) / (lines + branches).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import PurePosixPath


def package_of(path: str) -> str:
    parts = PurePosixPath(path.replace("\\", "/")).parts
    top = parts.index("pos_client") if "pos_client" in parts else parts.index("central_sim")
    rest = parts[top:]
    if rest[0] == "central_sim":
        return "central_sim"
    return "/".join(rest[:2]) if len(rest) > 2 else f"{rest[0]} (top-level modules)"


def main(report: str) -> int:
    with open(report, encoding="utf-8") as handle:
        files = json.load(handle)["files"]
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for path, data in files.items():
        s = data["summary"]
        row = sums[package_of(path)]
        for i, key in enumerate(("covered_lines", "num_statements", "covered_branches",
                                 "num_branches")):
            row[i] += s[key]
    print("| package | lines | lines run | branches | branches taken | line+branch |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in sorted(sums):
        run, lines, taken, branches = sums[name]
        share = 100 * (run + taken) / (lines + branches) if lines + branches else 100.0
        print(f"| `{name}` | {lines:,} | {run:,} | {branches:,} | {taken:,} | {share:.1f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
