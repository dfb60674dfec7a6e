"""``pos-client status`` in Persian: Persian digits and separator, and a word (not
"None") for what a first sync has not brought yet."""

from __future__ import annotations

import re
from pathlib import Path

from central_support import Central
from test_sync_commands import config_file, run


def test_status_before_the_first_sync_says_never_in_persian_digits(
        central: Central, tmp_path: Path) -> None:
    config = config_file(tmp_path, central.url, central.token)
    config.write_text(config.read_text(encoding="utf-8").replace('language = "en"',
                                                                 'language = "fa"'),
                      encoding="utf-8")
    before = run(config, "status")
    assert before.returncode == 0, before.stderr
    assert "None" not in before.stdout
    assert "نسخه برنامه: هنوز نه" in before.stdout
    assert "آخرین پاسخ سامانه: هنوز نه" in before.stdout
    assert not re.search("[0-9]", before.stdout), before.stdout

    assert run(config, "sync").returncode == 0
    after = run(config, "status").stdout
    households = len(central.ids["households"])
    grouped = f"{households:,}".replace(",", "٬").translate(str.maketrans(
        "0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert f"خانوار / نشانگر: {grouped} / " in after
    assert "هنوز نه" not in after and not re.search("[0-9]", after), after
