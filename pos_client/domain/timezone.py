"""Asia/Tehran from the ``tzdata`` package the terminal ships with, never from the OS.

``zoneinfo`` prefers the system's tz database to ``tzdata``. A system whose database
predates Iran's 2022 abolition of daylight saving would date 19:45 UTC on 2026-06-01 as
06-02 00:15 instead of 06-01 23:15 (a sale on the wrong business day), and Windows has
no tz database at all. The zone is read from the packaged file, so every terminal agrees
with the central service whatever its OS holds.
"""

from __future__ import annotations

import importlib.resources
from zoneinfo import ZoneInfo

ZONE = "Asia/Tehran"


def packaged_zone(key: str = ZONE) -> ZoneInfo:
    """The zone ``key`` as the installed ``tzdata`` package has it."""
    area, _, city = key.rpartition("/")
    package = "tzdata.zoneinfo" + ("." + area.replace("/", ".") if area else "")
    with importlib.resources.files(package).joinpath(city).open("rb") as handle:
        return ZoneInfo.from_file(handle, key=key)


TEHRAN = packaged_zone()
