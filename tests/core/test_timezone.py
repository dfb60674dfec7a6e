"""Asia/Tehran comes from the shipped ``tzdata`` whatever the OS tz database says."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

# Iran's rules before 2022, as the tz database's POSIX footer wrote them: +03:30, and
# +04:30 from the first of Farvardin to the end of Shahrivar.
OLD_IRAN_RULE = "<+0330>-3:30<+0430>,J79/24,J263/24"


def tzif_with_rule(posix: str) -> bytes:
    """A TZif (version 2) file with no transitions: its footer rule applies to all time."""
    abbr = b"+0330\0"
    block = (b"TZif2" + b"\0" * 15 + struct.pack(">6l", 0, 0, 0, 0, 1, len(abbr))
             + struct.pack(">lBB", 12600, 0, 0) + abbr)
    return block + block + b"\n" + posix.encode("ascii") + b"\n"


PROBE = """
import datetime as dt, json, zoneinfo
from pos_client.domain.dates import business_date, display_datetime, jalali_datetime
from central_sim.clock import business_date_of
moment = dt.datetime(2026, 6, 1, 19, 45, tzinfo=dt.UTC)
print(json.dumps({
    "os": moment.astimezone(zoneinfo.ZoneInfo("Asia/Tehran")).isoformat(),
    "business_date": business_date(moment).isoformat(),
    "display": display_datetime(moment, "en"),
    "jalali": jalali_datetime(moment, digits="en"),
    "central_sim": business_date_of(moment).isoformat()}))
"""


def test_an_os_tz_database_with_pre_2022_daylight_saving_does_not_move_the_date(
        tmp_path: Path) -> None:
    zone = tmp_path / "zoneinfo" / "Asia" / "Tehran"
    zone.parent.mkdir(parents=True)
    zone.write_bytes(tzif_with_rule(OLD_IRAN_RULE))
    env = {**os.environ, "PYTHONTZPATH": str(tmp_path / "zoneinfo")}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         env=env, timeout=60, check=True, cwd=Path(__file__).parents[2])
    seen = json.loads(out.stdout)
    assert seen["os"] == "2026-06-02T00:15:00+04:30"  # the OS database really is the old one
    assert seen["business_date"] == "2026-06-01"
    assert seen["display"] == "2026-06-01 23:15"
    assert seen["jalali"] == "1405/03/11 23:15"
    assert seen["central_sim"] == "2026-06-01"
