"""docs/monitoring: the scrape config and alert rules pass promtool, and every metric the
rules and the Grafana dashboard query is one the terminal exports."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from pos_client.monitoring import Snapshot, metric_families

DOCS = Path(__file__).resolve().parents[2] / "docs" / "monitoring"
PROMTOOL = shutil.which("promtool")
NAME = re.compile(r"\bpos_client_[a-z_]+\b")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is missing: install Debian's 'prometheus' package "
    "(scripts/system-deps does, as root)")


def exported_names() -> set[str]:
    """Every sample name of a snapshot with every figure known."""
    now = dt.datetime.now(dt.UTC)
    snap = Snapshot(
        taken_at=now, version="0.1.0", terminal_id="T-1", store_code="S-1", online=True,
        last_contact_at=now, unsent_sales=1, unsent_voids=0, oldest_unsent_age_s=60.0,
        last_pull_at=now, last_push_at=now, business_date=now.date(), sales_today=1,
        coupon_today_rials=1000, rejected_offline_today=0,
        exposure_used={"max_terminal_rials": 1000.0}, exposure_limits={"max_age_hours": 24},
        printer_state="ready", journal_ok=True, errors={("x", "store"): 1})
    names = {s.name for family in metric_families(snap) for s in family.samples}
    return names | {"pos_client_scrape_ok"}


def queried_names(expr: str) -> set[str]:
    return set(NAME.findall(expr))


def test_every_rule_and_panel_queries_an_exported_metric() -> None:
    exported = exported_names()
    rules = yaml.safe_load((DOCS / "alerts.yml").read_text(encoding="utf-8"))
    exprs = [r["expr"] for g in rules["groups"] for r in g["rules"]]
    dashboard = json.loads((DOCS / "grafana-dashboard.json").read_text(encoding="utf-8"))
    assert dashboard["panels"], "the dashboard has panels"
    for panel in dashboard["panels"]:
        assert panel["targets"], panel["title"]
        panel_exprs = [t["expr"] for t in panel["targets"]]
        assert all(queried_names(e) for e in panel_exprs), panel["title"]
        exprs += panel_exprs
    for expr in exprs:
        unknown = queried_names(expr) - exported
        assert not unknown, f"{expr!r} queries {unknown}, not exported"
    alerting = {r["alert"] for g in rules["groups"] for r in g["rules"]}
    assert {"PosClientOffline", "PosClientUnsentTooOld", "PosClientPrinterNeedsAttention"} \
        <= alerting


def test_the_readme_lists_every_metric() -> None:
    text = (DOCS / "README.md").read_text(encoding="utf-8")
    for name in exported_names():
        assert name in text, name


@needs_promtool
def test_promtool_accepts_the_rules_and_the_scrape_config_and_the_alerts_fire_as_tested() -> None:
    assert PROMTOOL is not None
    for verb, what, file in (("check", "rules", "alerts.yml"),
                             ("check", "config", "prometheus.yml"),
                             ("test", "rules", "alerts_test.yml")):  # the alerts' own unit tests
        result = subprocess.run([PROMTOOL, verb, what, str(DOCS / file)],
                                capture_output=True, text=True, timeout=60, cwd=DOCS)
        assert result.returncode == 0, result.stdout + result.stderr
