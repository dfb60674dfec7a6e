"""The mutation score per module from mutmut's result files (``mutants/**/*.meta``).

Score = killed / (killed + survived + no tests): a mutant no test even runs counts
against the score, as it would change the terminal's behaviour unnoticed. Timeouts count
as killed (the mutant made a test hang, which a run notices). Prints a Markdown table and
the survivors, writes them to mutants/score.md, and exits 1 when a module is below
``--target`` percent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, -24, 24, 152, 255, 37}
SURVIVED = {0}
UNTESTED = {5, 33}
NOT_RUN = {None, 2}  # the run was stopped before this mutant: not judged either way


def score(module: str) -> tuple[Counter[str], list[str]]:
    meta = Path("mutants") / (module.replace(".", "/") + ".py.meta")
    results = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    counts: Counter[str] = Counter()
    left: list[str] = []
    for name, code in sorted(results.items()):
        if code in NOT_RUN:
            counts["not_run"] += 1
        elif code in KILLED:
            counts["killed"] += 1
        elif code in SURVIVED or code in UNTESTED:
            counts["survived" if code in SURVIVED else "untested"] += 1
            left.append(name)
        else:
            counts["other"] += 1
            left.append(name)
    return counts, left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("modules", nargs="+")
    parser.add_argument("--target", type=float, default=95.0)
    parser.add_argument("--partial", action="store_true",
                        help="the run was stopped at its time limit: score a module on the "
                             "mutants judged so far, and name it as unfinished")
    args = parser.parse_args()
    lines = ["| module | mutants judged | killed | survived | untested | not run | score |",
             "|---|---|---|---|---|---|---|"]
    survivors: list[str] = []
    below = []
    unfinished: list[str] = []
    for module in args.modules:
        counts, left = score(module)
        judged = counts["killed"] + counts["survived"] + counts["untested"] + counts["other"]
        pct = 100.0 * counts["killed"] / judged if judged else 100.0
        shown = f"{pct:.1f}%" if judged else "none judged"
        lines.append(f"| `{module}` | {judged} | {counts['killed']} | {counts['survived']} | "
                     f"{counts['untested']} | {counts['not_run']} | {shown} |")
        survivors += left
        if pct < args.target or (counts["not_run"] and not args.partial):
            below.append(module)
        elif counts["not_run"]:
            unfinished.append(module)
    text = "\n".join(lines) + "\n\nSurvivors:\n" + "".join(f"- `{s}`\n" for s in survivors)
    if unfinished:
        text += ("\nUnfinished at the time limit (scored on the mutants judged so far; "
                 "the full run judges the rest): " + ", ".join(unfinished) + "\n")
    Path("mutants/score.md").write_text(text, encoding="utf-8")
    print(text)
    if below:
        print(f"below {args.target}%: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
