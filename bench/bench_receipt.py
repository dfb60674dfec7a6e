"""Time to render a 20-line receipt and encode it as ESC/POS (median of many runs).

    python bench/bench_receipt.py [--runs N]

Each run prints a different sale (receipt number, quantities), so the measurement cache
of the renderer helps only with what repeats on real receipts (labels, product names).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "devices"))

from samples import STORE, sample_sale

from pos_client.devices.printer import encode_job
from pos_client.devices.receipt_image import render_receipt
from pos_client.domain.receipts import build_sale_receipt


def measure(width: int, runs: int) -> tuple[float, float, float]:
    render_ms, total_ms = [], []
    for run in range(runs):
        doc = build_sale_receipt(sample_sale(20, receipt_no=f"{run:06d}"), STORE)
        start = time.perf_counter()
        image = render_receipt(doc, width)
        rendered = time.perf_counter()
        encode_job(image, open_drawer=True)
        done = time.perf_counter()
        render_ms.append((rendered - start) * 1000)
        total_ms.append((done - start) * 1000)
    return statistics.median(render_ms), statistics.median(total_ms), max(total_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    render_receipt(build_sale_receipt(sample_sale(20), STORE), 576)
    print(f"first receipt (fonts loaded): {(time.perf_counter() - started) * 1000:.1f} ms")
    for width in (576, 384):
        render, total, worst = measure(width, args.runs)
        print(f"{width} dots: render {render:.1f} ms, render+encode median {total:.1f} ms "
              f"(max {worst:.1f} ms, {args.runs} runs)")


if __name__ == "__main__":
    main()
