"""The results table: every row with its baseline, target and verdict, as Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROWS = ("lookup", "sale", "sync", "sync_apply", "forward", "receipt", "cold_start",
        "scan_to_line", "weigh_to_line")


def _row(name: str, measured: str, baseline: str, ratio: float | None, target: str,
         ok: bool | None, rss: float | None) -> dict[str, Any]:
    return {"name": name, "measured": measured, "baseline": baseline,
            "ratio": None if ratio is None else round(ratio, 2), "target": target,
            "met": ok, "peak_rss_mb": rss}


def rows(r: dict[str, Any]) -> list[dict[str, Any]]:
    """One table row per benchmark of issue 9, from the workers' raw results."""
    out = []
    lk = r["lookup"]
    ours, bare = lk["ours_us"], lk["bare_us"]
    ratio = ours["p99"] / bare["p99"]
    out.append(_row("1. Household lookup by national code (µs)",
                    f"median {ours['median']:.0f}, p99 {ours['p99']:.0f}",
                    f"bare point query: median {bare['median']:.0f}, p99 {bare['p99']:.0f}",
                    ratio, "p99 ≤ 1000 µs and ≤ 3× baseline",
                    ours["p99"] <= 1000 and ratio <= 3, lk["peak_rss_mb"]))
    sl = r["sale"]
    ours, bare = sl["ours_ms"], sl["bare_ms"]
    ratio = ours["p99"] / bare["p99"]
    out.append(_row(f"2. Completing a sale, record_sale, {sl['lines']} lines (ms)",
                    f"median {ours['median']:.2f}, p99 {ours['p99']:.2f}, "
                    f"{sl['sales_per_s']:.0f} sales/s",
                    f"bare transaction: median {bare['median']:.2f}, p99 {bare['p99']:.2f}, "
                    f"{sl['bare_sales_per_s']:.0f} sales/s",
                    ratio, "p99 ≤ 25 ms and ≤ 2× baseline",
                    ours["p99"] <= 25 and ratio <= 2, sl["peak_rss_mb"]))
    sy = r["sync"]
    pg = r.get("sync_paged")
    how = "household snapshot" if sy.get("snapshot") else "paged feed"
    out.append(_row(f"3. Initial sync of {sy['households']:,} households, end to end",
                    f"{sy['households_per_s']:,.0f} households/s ({sy['seconds']:.1f} s, "
                    f"{how}; apply {sy['apply_seconds']:.1f} s, first-load indexes "
                    f"{sy.get('index_seconds', 0):.1f} s)",
                    "" if pg is None else
                    f"paged feed only: {pg['households_per_s']:,.0f} households/s "
                    f"({pg['seconds']:.1f} s; apply {pg['apply_seconds']:.1f} s, "
                    f"fetch+validate {pg['fetch_seconds']:.1f} s)",
                    None if pg is None else sy["seconds"] / pg["seconds"],
                    "≥ 50,000 households/s", sy["households_per_s"] >= 50_000,
                    sy["peak_rss_mb"]))
    ap = r["apply"]
    out.append(_row(f"3b. Sync apply step alone ({ap['households']:,} households)",
                    f"{ap['store_per_s']:,.0f} households/s",
                    f"bare executemany: {ap['bare_per_s']:,.0f} households/s",
                    ap["ratio"], "(reported)", None, ap["peak_rss_mb"]))
    fw = r["forward"]
    out.append(_row(f"4. Forwarding {fw['recorded']:,} offline sales after an outage",
                    f"{fw['sales_per_s']:,.0f} sales/s ({fw['seconds']:.1f} s; "
                    f"{fw['approved']:,} approved, {fw['rejected']:,} rejected)", "", None,
                    "≥ 500 sales/s", fw["sales_per_s"] >= 500, fw["peak_rss_mb"]))
    rc = r["receipt"]
    out.append(_row("5. Receipt: render + encode 20 lines, 576 dots (ms)",
                    f"median {rc['ms']['median']:.1f}, max {rc['ms']['max']:.1f} "
                    f"(first, fonts loading: {rc['first_ms']:.0f})", "", None, "≤ 50 ms",
                    rc["ms"]["median"] <= 50, rc["peak_rss_mb"]))
    for lines, wire in rc["wire"].items():
        seconds = wire["seconds"]
        out.append(_row(f"5b. Receipt on a serial wire, {lines} lines, 576 dots",
                        f"{wire['compact_bytes']:,} bytes; {seconds['115200']['compact']:.1f} s "
                        f"at 115,200 baud, {seconds['9600']['compact']:.1f} s at 9,600",
                        f"full raster: {wire['full_bytes']:,} bytes; "
                        f"{seconds['115200']['full']:.1f} s, {seconds['9600']['full']:.1f} s",
                        wire["compact_bytes"] / wire["full_bytes"], "≤ 50% of the full bytes",
                        wire["compact_bytes"] * 2 <= wire["full_bytes"], rc["peak_rss_mb"]))
    wn = r["window"]
    out.append(_row(f"6a. Window cold start to first paint ({r['products']:,} products, "
                    f"{sy['households']:,} households)",
                    f"median {wn['cold_start_s']['median']:.2f} s (imports "
                    f"{wn['imports_s']:.2f} s), runs {wn['cold_start_s']['n']}", "", None,
                    "≤ 2 s", wn["cold_start_s"]["median"] <= 2, wn["peak_rss_mb"]))
    sc = wn["scan_ms"]
    out.append(_row("6b. Scan-to-line in the basket (ms)",
                    f"median {sc['median']:.1f}, p99 {sc['p99']:.1f}", "", None, "≤ 30 ms",
                    sc["p99"] <= 30, wn["peak_rss_mb"]))
    wg = wn.get("weigh_ms")
    if wg is not None:
        out.append(_row("6c. Scale answer to the weighed line in the basket (ms, Toledo "
                        "8217 simulator on a pty)",
                        f"median {wg['median']:.1f}, p99 {wg['p99']:.1f}", "", None,
                        "≤ 50 ms", wg["p99"] <= 50, wn["peak_rss_mb"]))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    return str(value)


def markdown(table: list[dict[str, Any]], machine: dict[str, Any], command: str) -> str:
    lines = [f"Command: `{command}`", "",
             f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM, "
             f"{machine['os']}, Python {machine['python']}, SQLite {machine['sqlite']}; "
             f"load average {machine['load_average_start']} at the start, "
             f"{machine.get('load_average_end')} at the end.", "",
             "| Benchmark | Measured | Baseline (same run) | Ratio | Target | Met | Peak RSS MB |",
             "|---|---|---|---|---|---|---|"]
    for row in table:
        lines.append("| " + " | ".join(_cell(row[k]) for k in (
            "name", "measured", "baseline", "ratio", "target", "met", "peak_rss_mb")) + " |")
    worst = max(row["peak_rss_mb"] or 0 for row in table)
    lines += ["", f"Peak RSS, largest of any process: {worst} MB (target ≤ 300 MB).", ""]
    return "\n".join(lines)


def write(out: Path, raw: dict[str, Any], machine: dict[str, Any], command: str) -> Path:
    table = rows(raw)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(
        {"command": command, "machine": machine, "table": table, "raw": raw},
        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    path = out / "results.md"
    path.write_text(markdown(table, machine, command), encoding="utf-8")
    return path
