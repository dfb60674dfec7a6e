"""``pos-client status`` names the uploads set aside (the outbox's ``held`` state): they
block nothing behind them, so only a person reading the status would ever see them."""

from __future__ import annotations

import sys
from pathlib import Path

from central_support import Central
from test_sync_commands import config_file, run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_support import Clock, build_sale

from pos_client.store import Store


def test_status_counts_and_lists_the_uploads_set_aside(central: Central,
                                                       tmp_path: Path) -> None:
    config = config_file(tmp_path, central.url, central.token)
    assert run(config, "sync").returncode == 0
    clock = Clock()
    with Store.open(tmp_path / "data", clock=clock) as store:
        sale = store.record_sale(build_sale(clock))
        [upload] = [u for u in store.due_uploads() if u.ref == sale.txn_id]
        store.hold_upload(upload.id, "sealed code unreadable")
    before = run(config, "status", "--offline")
    assert before.returncode == 0, before.stderr
    assert "uploads set aside (need a person): 1" in before.stdout
    assert f"sale {sale.txn_id}: sealed code unreadable" in before.stdout
