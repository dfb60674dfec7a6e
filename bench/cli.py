"""``python -m bench run``: every benchmark of issue 9 in one run, with its baseline.

Sizes default to the issue's full ones; ``tests/bench`` runs a small variant in CI.
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import central
from bench.machine import load_average, machine_info
from bench.measure import summary
from bench.report import write

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every benchmark and write the table")
    run.add_argument("--households", type=int, default=3_000_000)
    run.add_argument("--products", type=int, default=100_000)
    run.add_argument("--sales", type=int, default=2000, help="sales timed (and as many "
                     "baseline transactions)")
    run.add_argument("--forward", type=int, default=10_000, help="offline sales forwarded")
    run.add_argument("--lookups", type=int, default=5000)
    run.add_argument("--apply-households", type=int, default=500_000,
                     help="households in the apply-vs-executemany comparison")
    run.add_argument("--receipts", type=int, default=30)
    run.add_argument("--cold-starts", type=int, default=3)
    run.add_argument("--scans", type=int, default=60)
    run.add_argument("--weighs", type=int, default=60,
                     help="scale answers weighed into the basket (row 6c)")
    run.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    run.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache",
                     help="seeded central-sim databases and the synced terminal, reused")
    return parser.parse_args(argv)


def worker(name: str, **args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh process; its last line is ``RESULT {json}``."""
    done = subprocess.run([sys.executable, "-m", "bench.workers", name, json.dumps(args)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark {name} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1][len("RESULT "):])
    return result


def window(settings: dict[str, Any], gtins_file: Path, runs: int, scans: int,
           kg_gtin: str = "", weighs: int = 0) -> dict[str, Any]:
    cold: list[float] = []
    result: dict[str, Any] = {}
    for run in range(runs):
        spawned = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "bench.window", json.dumps(settings), repr(spawned),
             str(gtins_file), str(scans if run == runs - 1 else 0), kg_gtin,
             str(weighs if run == runs - 1 else 0)],
            cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"window benchmark failed:\n{done.stderr[-4000:]}")
        one = json.loads(done.stdout.strip().splitlines()[-1][len("RESULT "):])
        cold.append(one["cold_start_s"])
        result.update(one)
    result["cold_start_s"] = summary(cold)
    return result


def step(text: str) -> float:
    print(f"- {text} (load {load_average()})", flush=True)
    return time.monotonic()


def run(args: argparse.Namespace, command: str) -> Path:
    machine = machine_info()
    out: Path = args.out
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    raw: dict[str, Any] = {"products": args.products}
    n = args.households
    step(f"central-sim with {n:,} households")
    big = central.serve(central.seeded_db(args.cache, n))
    try:
        shelf = work / "shelf.json"
        shelf.write_text(json.dumps(big.head["products"], ensure_ascii=False), encoding="utf-8")
        client = args.cache / f"client-{n}"
        shutil.rmtree(client, ignore_errors=True)
        step("initial sync")
        raw["sync"] = worker("sync", url=big.url, token=big.token, data_dir=str(client / "data"))
        raw["sync_paged"] = paged_sync(big, work / "paged")
        step("apply step against executemany")
        raw["apply"] = worker("apply", url=big.url, token=big.token, work_dir=str(work / "apply"),
                              households=min(n, args.apply_households))
        shutil.rmtree(work / "apply", ignore_errors=True)
        step(f"price list of {args.products:,} products and staff")
        raw["prepare"] = worker("prepare", data_dir=str(client / "data"),
                                prices=str(client / "prices.csv"), shelf_path=str(shelf),
                                products=args.products)
        step("lookup")
        raw["lookup"] = worker("lookup", data_dir=str(client / "data"), households=n,
                               samples=args.lookups)
        step("window")
        gtins = _scan_list(client / "prices.csv", args.scans + 5, work / "gtins.json")
        settings = {"data_dir": str(client / "data"),
                    "central": {"url": big.url, "token": big.token, "timeout_s": 3.0},
                    "printer": {"kind": "file", "path": str(work / "receipts.bin")}}
        raw["window"] = window(settings, gtins, args.cold_starts, args.scans,
                               _kg_item(client / "prices.csv"), args.weighs)
        step("sale")
        raw["sale"] = worker("sale", data_dir=str(client / "data"), work_dir=str(work),
                             shelf_path=str(shelf), sales=args.sales, lines=5)
    finally:
        big.stop()
    raw["forward"] = forward(args, work)
    step("receipt")
    raw["receipt"] = worker("receipt", runs=args.receipts)
    machine["load_average_end"] = load_average()
    shutil.rmtree(work, ignore_errors=True)
    return write(out, raw, machine, command)


def paged_sync(big: central.RunningCentral, work: Path) -> dict[str, Any]:
    """Row 3's baseline: the same first sync from a central-sim serving the paged contract
    alone (central-api.md, no household snapshot), same database, same run."""
    step("initial sync, paged feed only (baseline)")
    paged = central.serve(big.db, snapshot=False)
    try:
        return worker("sync", url=paged.url, token=paged.token, data_dir=str(work / "data"))
    finally:
        paged.stop()
        shutil.rmtree(work, ignore_errors=True)


def _scan_list(prices: Path, count: int, path: Path) -> Path:
    lines = prices.read_text(encoding="utf-8").splitlines()[1:]
    rng = random.Random(3)
    path.write_text(json.dumps([line.split(",", 1)[0] for line in rng.sample(lines, count)]))
    return path


def _kg_item(prices: Path) -> str:
    """A product sold by weight from the price list (row 6c weighs it)."""
    for line in prices.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split(",")
        if fields[-1].strip() == "kg":
            return fields[0]
    raise RuntimeError("the price list has no product sold by weight")


def forward(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """A fresh central-sim (it keeps the sales), a terminal synced to it, an outage's
    worth of offline sales, then the push."""
    households = max(2000, args.forward // 4)
    step(f"forwarding (central-sim of {households:,} households)")
    db = central.seeded_db(work / "forward", households, fresh=True)
    small = central.serve(db)
    try:
        ids = json.loads(Path(f"{db}.identities.json").read_text(encoding="utf-8"))
        buyers = [h["key"] for h in ids["households"] if h["can_buy_today"]
                  and h["status"] == "active"]
        (work / "buyers.json").write_text(json.dumps(buyers))
        (work / "forward-shelf.json").write_text(json.dumps(ids["products"],
                                                            ensure_ascii=False))
        return worker("forward", url=small.url, token=small.token,
                      data_dir=str(work / "forward" / "data"),
                      shelf_path=str(work / "forward-shelf.json"),
                      buyers_path=str(work / "buyers.json"), count=args.forward)
    finally:
        small.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = "python -m bench " + " ".join(shlex.quote(a) for a in (
        argv if argv is not None else sys.argv[1:]))
    started = time.monotonic()
    path = run(args, command)
    print(path.read_text(encoding="utf-8"))
    print(f"written {path} and {path.with_name('results.json')} in "
          f"{time.monotonic() - started:.0f} s")
    return 0
