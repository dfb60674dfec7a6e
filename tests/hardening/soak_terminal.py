"""One terminal of the soak, as its own process: sell through ``Counter`` for a while
against a faulty central service, then forward everything and say how it went.

    python soak_terminal.py PLAN.json

PLAN: {"data_dir", "url", "token", "seconds", "seed", "households": [{"key",
"national_code", "cards"}], "gtins": [...], "out": "result.json"}. The terminal must be
provisioned already (users, prices, a first pull). The result JSON holds counts by
outcome and refusal code, the selling time, and whether everything was forwarded.
"""

from __future__ import annotations

import collections
import json
import logging
import random
import sys
import time
from pathlib import Path
from typing import Any

from pos_client.app.demo import CASHIER, MANAGER
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.domain.errors import UserFacingError
from pos_client.settings.config import settings_for

DRAIN_LIMIT_S = 300.0  # the backoff is the configured one: up to a minute per retry


def identify_text(rng: random.Random, household: dict[str, Any]) -> str:
    """The national code in one of its typed forms, or a swipe of the head's card."""
    if household["cards"] and rng.random() < 0.3:
        return f";{household['cards'][0]}=29031010000000000000?"
    code = household["national_code"]
    return code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if rng.random() < 0.3 \
        else code


def sell_until(counter: Counter, plan: dict[str, Any], stats: collections.Counter[str]) -> float:
    rng = random.Random(plan["seed"])
    started = time.monotonic()
    deadline = started + plan["seconds"]
    while time.monotonic() < deadline:
        household = rng.choice(plan["households"])
        try:
            view = counter.identify(identify_text(rng, household))
            lines = [counter.line_for(counter.product(g), 1000 * rng.randint(1, 2))
                     for g in rng.sample(plan["gtins"], rng.randint(1, 3))]
            split = counter.quote(lines, view)
            result = counter.complete(lines, view, coupon_rials=split.coupon_rials,
                                      payment=PaymentChoice("cash"))
            stats["sale:" + result.mode] += 1
            if result.sale.coupon_rials and rng.random() < 0.05:
                counter.void_sale(result.sale.txn_id, MANAGER[1], "soak: customer changed mind")
                stats["void"] += 1
        except UserFacingError as exc:
            stats["refused:" + exc.code] += 1
    return time.monotonic() - started


def drain(counter: Counter) -> bool:
    assert counter.forwarder is not None and counter.engine is not None
    deadline = time.monotonic() + DRAIN_LIMIT_S
    while time.monotonic() < deadline:
        status = counter.store.cache_status()
        if status.unsent_sales == 0 and status.unsent_voids == 0:
            return True
        counter.forwarder.wake()
        time.sleep(0.3)
    return False


def main(plan_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    data = Path(plan["data_dir"])
    logging.basicConfig(filename=data / "soak.log", level=logging.INFO,
                        format="%(asctime)s %(threadName)s %(name)s %(levelname)s %(message)s")
    settings = settings_for(data, central={"url": plan["url"], "token": plan["token"],
                                           "timeout_s": 2.0})
    counter = Counter.open(settings, start_sync=True)
    assert counter.forwarder is not None and counter.engine is not None
    # The forwarder races the cashier: a round every 0.2 s while sales are posted online;
    # the backoff of each upload stays as configured (engine.BACKOFF_START_S and up).
    counter.forwarder.push_interval_s = 0.2
    stats: collections.Counter[str] = collections.Counter()
    try:
        counter.login(CASHIER[1])
        selling_s = sell_until(counter, plan, stats)
        drained = drain(counter)
        problem = counter.store.verify_journal()
    finally:
        counter.close()
    result = {"selling_s": selling_s, "drained": drained, "stats": dict(stats),
              "journal_problem": None if problem is None else str(problem)}
    Path(plan["out"]).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
